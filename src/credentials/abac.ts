/**
 * Attribute-based confinement: one role for every tenant, whose policy reads the session's tags
 * (`${aws:PrincipalTag/tenantId}`), the trust policy that makes those tags mandatory when the role is
 * assumed, and the tags to pass for a scope.
 */
import { CapsuleEntityError } from "../errors.js";
import { credentialsInvalidMessage } from "../messages.js";
import { leadingKeysPolicy, type IamPolicy, type LeadingKeysPolicyOptions } from "../access/leading-keys-policy.js";

/**
 * The ids of a scope that credentials are vended for: a tenant, or a capsule of it.
 *
 * @example
 * const ids: ScopeLevelIds = { tenantId: "acme", capsuleId: "eu-prod" };
 */
export interface ScopeLevelIds {
  readonly tenantId: string;
  readonly capsuleId?: string;
}

/**
 * The session tag keys carrying the ids. `capsuleTag: false` vends tenant-wide sessions.
 *
 * @example
 * const tags: ScopeTagKeys = { tenantTag: "tenantId", capsuleTag: "capsuleId" };
 */
export interface ScopeTagKeys {
  /** Default `tenantId`. */
  readonly tenantTag?: string;
  /** Default `capsuleId`; `false` for a role confined to a tenant only. */
  readonly capsuleTag?: string | false;
}

/** The tag keys with their defaults applied, in order: tenant, then capsule if any. */
const tagKeysOf = (keys: ScopeTagKeys | undefined): readonly string[] => {
  const capsule = keys?.capsuleTag ?? "capsuleId";
  return capsule === false ? [keys?.tenantTag ?? "tenantId"] : [keys?.tenantTag ?? "tenantId", capsule];
};

/**
 * The role's identity policy for ABAC: `leadingKeysPolicy` with the ids read from the session's tags, so one
 * role serves every tenant and each session reaches only the partitions its tags name (a session without
 * the tags gets nothing: the policy's `Null` guard).
 *
 * @example
 * abacRolePolicy({ table: PlatformTable, region: "eu-west-1", accountId: "123456789012" }).Statement[0].Condition["ForAllValues:StringLike"];
 * //=> { "dynamodb:LeadingKeys": ["TENANT#${aws:PrincipalTag/tenantId}#CAPSULE#${aws:PrincipalTag/capsuleId}", "…#*"] }
 * @see docs/leading-keys.md
 */
export function abacRolePolicy(
  options: Omit<LeadingKeysPolicyOptions, "tenantId" | "capsuleId"> & ScopeTagKeys,
): IamPolicy {
  const [tenantTag = "tenantId", capsuleTag] = tagKeysOf(options);
  const { tenantTag: _tenant, capsuleTag: _capsule, ...policyOptions } = options;
  return leadingKeysPolicy({
    ...policyOptions,
    tenantId: { principalTag: tenantTag },
    ...(capsuleTag === undefined ? {} : { capsuleId: { principalTag: capsuleTag } }),
  });
}

/**
 * A role trust policy (JSON-serialisable as it is).
 *
 * @example
 * writeFileSync("trust.json", JSON.stringify(abacTrustPolicy({ trustedPrincipal }) satisfies TrustPolicy));
 */
export interface TrustPolicy {
  readonly Version: "2012-10-17";
  readonly Statement: readonly [
    {
      readonly Sid: string;
      readonly Effect: "Allow";
      readonly Principal: { readonly AWS: string };
      readonly Action: readonly ["sts:AssumeRole", "sts:TagSession"];
      readonly Condition: {
        readonly Null: Readonly<Record<string, "false">>;
        readonly "ForAllValues:StringEquals": { readonly "aws:TagKeys": readonly string[] };
      };
    },
  ];
}

/**
 * The trust policy of the ABAC role: only `trustedPrincipal` (the service that vends credentials) may assume
 * it, only while passing every scope tag, and no other tag (so a caller cannot add a tag the role policy
 * does not expect).
 *
 * @example
 * abacTrustPolicy({ trustedPrincipal: "arn:aws:iam::123456789012:role/credential-broker" }).Statement[0].Condition;
 * //=> { Null: { "aws:RequestTag/tenantId": "false", "aws:RequestTag/capsuleId": "false" },
 * //     "ForAllValues:StringEquals": { "aws:TagKeys": ["tenantId", "capsuleId"] } }
 */
export function abacTrustPolicy(options: { readonly trustedPrincipal: string } & ScopeTagKeys): TrustPolicy {
  const { trustedPrincipal } = options;
  if (typeof trustedPrincipal !== "string" || !/^arn:aws(-cn|-us-gov)?:(iam|sts)::\d{12}:\S+$/.test(trustedPrincipal))
    throw new CapsuleEntityError(
      credentialsInvalidMessage("trustedPrincipal", `is ${JSON.stringify(trustedPrincipal)}, not an IAM or STS ARN`),
    );
  const keys = tagKeysOf(options);
  for (const key of keys) checkTag("tag key", key, 128);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AssumeWithScopeTags",
        Effect: "Allow",
        Principal: { AWS: trustedPrincipal },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          Null: Object.fromEntries(keys.map((key) => [`aws:RequestTag/${key}`, "false"])),
          "ForAllValues:StringEquals": { "aws:TagKeys": keys },
        },
      },
    ],
  };
}

/**
 * The session tags to pass to `AssumeRole` for a scope (`Tags` in the request).
 *
 * @example
 * sessionTags({ tenantId: "acme", capsuleId: "eu-prod" });
 * //=> [{ Key: "tenantId", Value: "acme" }, { Key: "capsuleId", Value: "eu-prod" }]
 */
export function sessionTags(
  ids: ScopeLevelIds,
  keys?: ScopeTagKeys,
): readonly { readonly Key: string; readonly Value: string }[] {
  const [tenantTag = "tenantId", capsuleTag] = tagKeysOf(keys);
  if (capsuleTag !== undefined && ids.capsuleId === undefined)
    throw new CapsuleEntityError(
      credentialsInvalidMessage("capsuleId", `is missing, but the role reads it from tag ${capsuleTag}`),
    );
  const pairs: [string, string | undefined][] = [
    [tenantTag, ids.tenantId],
    [capsuleTag ?? "", capsuleTag === undefined ? undefined : ids.capsuleId],
  ];
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([Key, Value]) => {
      // The alphabet has no "#" and the value cannot be empty: either would shift or widen the role's pattern.
      checkTag(`tag ${Key}`, Value, 256);
      return { Key, Value };
    });
}

/** Tag keys and values: STS's alphabet, and no `*` or `?`, which IAM could read as wildcards once substituted. */
function checkTag(what: string, text: string, max: number): void {
  if (typeof text !== "string" || text.length > max || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(text))
    throw new CapsuleEntityError(
      credentialsInvalidMessage(
        what,
        `is ${JSON.stringify(text)}: session tags take 1 to ${max} letters, digits, spaces and _.:/=+-@, never "#"`,
      ),
    );
}
