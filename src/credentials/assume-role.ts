/**
 * Credentials vended per scope through STS `AssumeRole`: the request (session policy or session tags), the
 * credentials read from the answer, and a provider for {@link scopedClientCache}. The STS client stays the
 * caller's (`@aws-sdk/client-sts`, an optional peer): the library never imports it.
 */
import { CapsuleEntityError } from "../errors.js";
import { credentialsInvalidMessage, sessionPolicySizeMessage } from "../messages.js";
import { sessionTags, type ScopeLevelIds, type ScopeTagKeys } from "./abac.js";
import { sessionPolicy, type SessionPolicyOptions } from "./session-policy.js";

/**
 * The credentials of one scope, in the AWS SDK's `AwsCredentialIdentity` shape (pass them as `credentials`).
 *
 * @example
 * const credentials: ScopeCredentials = { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(Date.now() + 900_000) };
 */
export interface ScopeCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Leave out for credentials that never expire (they are never refreshed). */
  readonly expiration?: Date;
}

/**
 * How the assumed session is confined to its scope: a session policy with the scope's literal ids, or
 * session tags read by an ABAC role ({@link abacRolePolicy}).
 *
 * @example
 * const bySessionPolicy: Confinement = { sessionPolicy: { table: PlatformTable, region: "eu-west-1", accountId: "123456789012" } };
 * const byTags: Confinement = { sessionTags: { tenantTag: "tenantId", capsuleTag: "capsuleId" } };
 */
export type Confinement =
  | { readonly sessionPolicy: Omit<SessionPolicyOptions, "tenantId" | "capsuleId"> }
  | { readonly sessionTags: ScopeTagKeys };

/**
 * Options of {@link assumeRoleInput} and {@link assumeRoleCredentials}.
 *
 * @example
 * const options: AssumeRoleOptions = { roleArn: "arn:aws:iam::123456789012:role/tenant-data", confine: { sessionTags: {} } };
 */
export interface AssumeRoleOptions {
  readonly roleArn: string;
  readonly confine: Confinement;
  /** Default 900 (STS's minimum). */
  readonly durationSeconds?: number;
  /** Default: the ids, joined by `.`, with characters STS refuses replaced by `_` (it shows in CloudTrail). */
  readonly sessionName?: (ids: ScopeLevelIds) => string;
}

/**
 * The fields of STS's `AssumeRoleCommand` input this library sets.
 *
 * @example
 * await sts.send(new AssumeRoleCommand(assumeRoleInput(ids, options) satisfies AssumeRoleRequest));
 */
export interface AssumeRoleRequest {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly DurationSeconds: number;
  readonly Policy?: string;
  readonly Tags?: readonly { readonly Key: string; readonly Value: string }[];
}

/**
 * The fields of STS's `AssumeRoleCommand` output this library reads.
 *
 * @example
 * const response: AssumeRoleResponse = await sts.send(new AssumeRoleCommand(input));
 */
export interface AssumeRoleResponse {
  readonly Credentials?: {
    readonly AccessKeyId?: string | undefined;
    readonly SecretAccessKey?: string | undefined;
    readonly SessionToken?: string | undefined;
    readonly Expiration?: Date | undefined;
  };
}

const invalid = (field: string, problem: string): CapsuleEntityError =>
  new CapsuleEntityError(credentialsInvalidMessage(field, problem));

/**
 * The `AssumeRole` request that vends credentials confined to one scope.
 *
 * @example
 * assumeRoleInput({ tenantId: "acme", capsuleId: "eu-prod" }, { roleArn, confine: { sessionTags: {} } });
 * //=> { RoleArn, RoleSessionName: "acme.eu-prod", DurationSeconds: 900,
 * //     Tags: [{ Key: "tenantId", Value: "acme" }, { Key: "capsuleId", Value: "eu-prod" }] }
 */
export function assumeRoleInput(ids: ScopeLevelIds, options: AssumeRoleOptions): AssumeRoleRequest {
  const { roleArn, confine, durationSeconds = 900 } = options;
  if (typeof roleArn !== "string" || !/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/\S+$/.test(roleArn))
    throw invalid("roleArn", `is ${JSON.stringify(roleArn)}, not a role ARN`);
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200)
    throw invalid("durationSeconds", `is ${durationSeconds}, not 900 to 43200`);
  const name =
    options.sessionName?.(ids) ??
    [ids.tenantId, ids.capsuleId]
      .filter((id) => id !== undefined)
      .join(".")
      .replace(/[^\w+=,.@-]/g, "_")
      .slice(0, 64)
      .padEnd(2, "_");
  if (!/^[\w+=,.@-]{2,64}$/.test(name)) throw invalid("sessionName", `is ${JSON.stringify(name)}`);
  const base = { RoleArn: roleArn, RoleSessionName: name, DurationSeconds: durationSeconds };
  if ("sessionTags" in confine) return { ...base, Tags: sessionTags(ids, confine.sessionTags) };
  return { ...base, Policy: JSON.stringify(sessionPolicy({ ...confine.sessionPolicy, ...ids })) };
}

/**
 * The credentials in an `AssumeRole` answer; throws `[credentials.invalid]` when a part is missing.
 *
 * @example
 * const credentials = credentialsFromAssumeRole(await sts.send(new AssumeRoleCommand(input)));
 */
export function credentialsFromAssumeRole(response: AssumeRoleResponse): ScopeCredentials {
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = response.Credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey || !SessionToken || !(Expiration instanceof Date))
    throw invalid("AssumeRole response", "has no complete Credentials (key, secret, token and expiration)");
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiration: Expiration,
  };
}

/**
 * A credential provider for {@link scopedClientCache}: calls `assumeRole` (yours, with your STS client) with
 * the request for the scope and reads the credentials. STS's `PackedPolicyTooLarge` (the policy and tags
 * packed over STS's own limit, which it does not publish) becomes `[credentials.policyTooLarge]`.
 *
 * @example
 * const sts = new STSClient({});
 * const provider = assumeRoleCredentials((input) => sts.send(new AssumeRoleCommand(input)), { roleArn, confine: { sessionTags: {} } });
 */
export function assumeRoleCredentials(
  assumeRole: (input: AssumeRoleRequest) => Promise<AssumeRoleResponse>,
  options: AssumeRoleOptions,
): (ids: ScopeLevelIds) => Promise<ScopeCredentials> {
  return async (ids) => {
    const input = assumeRoleInput(ids, options);
    try {
      return credentialsFromAssumeRole(await assumeRole(input));
    } catch (error) {
      if (error instanceof Error && /PackedPolicyTooLarge/.test(error.name))
        throw new CapsuleEntityError(
          sessionPolicySizeMessage("the packed session policy and tags", "refused by STS", "its packed-policy size"),
          { cause: error },
        );
      throw error;
    }
  };
}
