/**
 * Credentials vended per scope through STS `AssumeRole`: the request (session policy or session tags), the
 * credentials read from the answer, and a provider for {@link scopedClientCache}. The STS client stays the
 * caller's (`@aws-sdk/client-sts`, an optional peer): the library never imports it.
 */
import { policyTargetNames, type PolicyTarget } from "../access/leading-keys-policy.js";
import {
  levelsSessionTags,
  type ConfinedTagCheck,
  type DefaultLevelTags,
  type DefaultTagLevels,
  type ScopeLevelIds,
  type ScopeTagKeys,
  type TagLevels,
  type TagPlanCheck,
} from "./abac.js";
import { levelsSessionPolicy } from "./session-policy.js";
import {
  checkCredentialOptions,
  checkScopeLevelIds,
  defaultCredentialLevels,
  tagPlan,
  type CredentialLevels,
  type DefaultLevels,
  type LevelGapCheck,
  type ScopeIdsInput,
  type StrayOption,
  type TagLevel,
} from "./levels.js";
import { describeValue } from "../internal/describe.js";
import type { FirstRefusal } from "../internal/types.js";
import type { CredentialsInvalidMessage } from "../messages.js";

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
export type Confinement = { readonly sessionPolicy: PolicyTarget } | { readonly sessionTags: ScopeTagKeys };

/**
 * Options of {@link assumeRoleInput} and {@link assumeRoleCredentials}.
 *
 * @example
 * const options: AssumeRoleOptions = { roleArn: "arn:aws:iam::123456789012:role/tenant-data", confine: { sessionTags: {} } };
 */
export interface AssumeRoleOptions<TIds = ScopeLevelIds, TConfinement = Confinement> {
  readonly roleArn: string;
  readonly confine: TConfinement;
  /** Default 900 (STS's minimum). */
  readonly durationSeconds?: number;
  /** Default: the ids, joined by `.`, with characters STS refuses replaced by `_` (it shows in CloudTrail). */
  readonly sessionName?: (ids: TIds) => string;
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

/** Both confinements given (either would be chosen silently): the same words whatever their order, as the types say. */
const bothConfinements = "has both sessionPolicy and sessionTags, not one of them";
type BothConfinements = typeof bothConfinements;
/** Whether the options' `confine` holds both confinements (a `confine` of type `never`, a cast: taken). */
type HoldsBoth<TOptions> = TOptions extends { readonly confine: infer TConfine }
  ? [TConfine] extends [never]
    ? false
    : TConfine extends { readonly sessionPolicy: unknown; readonly sessionTags: unknown }
      ? true
      : false
  : false;

/**
 * `unknown`, or the runtime's `credentials.invalid` for the first bag of the options holding a key the runtime does
 * not take: the options themselves (a misspelt `durationSecond`), then `confine` holding both confinements, then
 * `confine.sessionTags` (a key that is no level's tag option) or `confine.sessionPolicy` (a level id beside the
 * policy's target, say). The `this` of the calls taking the options, which infer them (`const TOptions`): TypeScript checks no
 * excess property of an inferred literal, nor of a variable, and takes both members of the confinements' union at
 * once. `TRole`: the role of the message's example (a kit's, `org-data`); `TTagKeys`: the tag options, and
 * `TTagTakes` the runtime's list of them.
 *
 * @example
 * type Check = ConfinementCheck<{ roleArn: string; confine: { sessionPolicy: { table: "t"; region: "r"; accountId: "a"; projectId: "p1" } } }>;
 * //=> "[credentials.invalid] confine.sessionPolicy option \"projectId\" is not one it takes (table, region, …) | …"
 */
export type ConfinementCheck<
  TOptions,
  TRole extends string = "tenant-data",
  TTagKeys extends string = keyof ScopeTagKeys,
  TTagTakes extends string = "tenantTag, capsuleTag",
  TLevelTags extends TagLevels = DefaultLevelTags,
> =
  StrayOption<
    TOptions,
    keyof AssumeRoleOptions,
    "assumeRoleInput",
    "roleArn, confine, durationSeconds, sessionName",
    TRole
  > extends infer TMessage
    ? unknown extends TMessage
      ? HoldsBoth<TOptions> extends true
        ? CredentialsInvalidMessage<"confine", BothConfinements, TRole>
        : TOptions extends { readonly confine: { readonly sessionPolicy: infer TTarget } }
          ? // policyTargetNames, as the runtime lists them (the fixture's runtime twin compares the two texts).
            StrayOption<
              TTarget,
              keyof PolicyTarget,
              "confine.sessionPolicy",
              "table, region, accountId, partition, indexes, actions, sid",
              TRole
            >
          : TOptions extends { readonly confine: { readonly sessionTags: infer TTags } }
            ? FirstRefusal<
                [StrayOption<TTags, TTagKeys, "the tag keys", TTagTakes, TRole>, TagPlanCheck<TTags, TLevelTags, TRole>]
              >
            : unknown
      : TMessage
    : never;
/**
 * The `AssumeRole` request that vends credentials confined to one scope.
 *
 * @example
 * assumeRoleInput({ tenantId: "acme", capsuleId: "eu-prod" }, { roleArn, confine: { sessionTags: {} } });
 * //=> { RoleArn, RoleSessionName: "acme.eu-prod", DurationSeconds: 900,
 * //     Tags: [{ Key: "tenantId", Value: "acme" }, { Key: "capsuleId", Value: "eu-prod" }] }
 */
export function assumeRoleInput<
  const TIds extends ScopeIdsInput<DefaultLevels>,
  const TOptions extends AssumeRoleOptions,
>(
  this: FirstRefusal<
    [
      ConfinementCheck<TOptions>,
      LevelGapCheck<TIds, DefaultLevels>,
      ConfinedTagCheck<TIds, TOptions["confine"], DefaultTagLevels, "tenant-data">,
    ]
  >,
  ids: TIds,
  options: TOptions,
): AssumeRoleRequest {
  return levelsAssumeRoleInput(ids, options, defaultCredentialLevels);
}

/**
 * {@link assumeRoleInput} in any kit's levels: `confine.sessionTags` holds the kit's tag keys; `confine.sessionPolicy`
 * the policy's target only, the level ids coming from `ids` (so a kit's `accountId` level never meets the target's
 * `accountId`, the AWS account of the ARNs).
 */
export function levelsAssumeRoleInput<TIds extends object>(
  ids: object,
  options: AssumeRoleOptions<TIds, { readonly sessionPolicy: object } | { readonly sessionTags: unknown }>,
  levels: CredentialLevels,
): AssumeRoleRequest {
  // The types' order (ConfinementCheck, then the ids' shape): the options' shape and the tags read, then the ids
  // against them, then the options' values no type sees (a role ARN, a duration), which a provider checks where it
  // is made.
  const tags = checkAssumeRoleOptions(options, levels);
  checkScopeLevelIds(levels, ids, "", tags);
  checkAssumeRoleValues(options, levels);
  const { roleArn, confine, durationSeconds = 900, sessionName } = options;
  const values = ids as Readonly<Record<string, string | undefined>>;
  const name =
    // Checked above: the ids of a scope, as sessionName takes them (the types check them on the calls' `this`).
    sessionName?.(ids as TIds) ??
    levels.policy.levels
      .map((level) => values[level.field])
      .filter((id) => id !== undefined)
      .join(".")
      .replace(/[^\w+=,.@-]/g, "_")
      .slice(0, 64)
      .padEnd(2, "_");
  if (!/^[\w+=,.@-]{2,64}$/.test(name)) throw levels.invalid("sessionName", `is ${JSON.stringify(name)}`);
  const base = { RoleArn: roleArn, RoleSessionName: name, DurationSeconds: durationSeconds };
  if (tags !== undefined) return { ...base, Tags: levelsSessionTags(ids, tags, levels) };
  const target = (confine as { readonly sessionPolicy: PolicyTarget }).sessionPolicy;
  return { ...base, Policy: JSON.stringify(levelsSessionPolicy({ ...target, ids: levelIdsOf(ids, levels) }, levels)) };
}

/** The options of `AssumeRole` as the checks below read them, whichever the ids. */
type AnyAssumeRoleOptions = AssumeRoleOptions<
  never,
  { readonly sessionPolicy: object } | { readonly sessionTags: unknown }
>;

/**
 * Refuses the shape of options of `AssumeRole` no ids can make right, as the types do ({@link ConfinementCheck}): a key
 * it does not take, the confinement (one of two, its tag keys or its policy target); returns the tags read, for a
 * confinement by session tags. The values no type sees come after the ids ({@link checkAssumeRoleValues}).
 */
function checkAssumeRoleOptions(
  options: AnyAssumeRoleOptions,
  levels: CredentialLevels,
): readonly TagLevel[] | undefined {
  checkCredentialOptions(levels, "assumeRoleInput", options, ["roleArn", "confine", "durationSeconds", "sessionName"]);
  const { confine } = options;
  if (typeof confine !== "object" || confine === null)
    throw levels.invalid("confine", `is ${describeValue(confine)}, not { sessionPolicy } or { sessionTags }`);
  if ("sessionTags" in confine && "sessionPolicy" in confine) throw levels.invalid("confine", bothConfinements);
  if (!("sessionTags" in confine || "sessionPolicy" in confine))
    throw levels.invalid(
      "confine",
      `has ${Object.keys(confine).join(" and ") || "no key"}, not one of sessionPolicy or sessionTags`,
    );
  if ("sessionTags" in confine) return tagPlan(levels, confine.sessionTags);
  // A level id (or `ids`) in the target would be read beside, or instead of, the scope's own ids.
  checkCredentialOptions(levels, "confine.sessionPolicy", confine.sessionPolicy, policyTargetNames);
  return undefined;
}

/** Refuses the values of options of `AssumeRole` STS would refuse, which no type sees: the role ARN, the duration. */
function checkAssumeRoleValues(options: AnyAssumeRoleOptions, levels: CredentialLevels): void {
  const { roleArn, durationSeconds = 900, sessionName } = options;
  if (typeof roleArn !== "string" || !/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/\S+$/.test(roleArn))
    throw levels.invalid("roleArn", `is ${JSON.stringify(roleArn)}, not a role ARN`);
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200)
    throw levels.invalid("durationSeconds", `is ${describeValue(durationSeconds)}, not an integer from 900 to 43200`);
  if (sessionName !== undefined && typeof sessionName !== "function")
    throw levels.invalid("sessionName", `is ${describeValue(sessionName)}, not a function of the ids`);
}

/** The level ids of `ids` alone (a caller's ids object may carry more, which are no options of the policy). */
const levelIdsOf = (ids: object, levels: CredentialLevels): Readonly<Record<string, unknown>> =>
  Object.fromEntries(
    levels.policy.levels
      .filter(({ field }) => (ids as Readonly<Record<string, unknown>>)[field] !== undefined)
      .map(({ field }) => [field, (ids as Readonly<Record<string, unknown>>)[field]]),
  );

/**
 * The credentials in an `AssumeRole` answer; throws `[credentials.invalid]` when a part is missing.
 *
 * @example
 * const credentials = credentialsFromAssumeRole(await sts.send(new AssumeRoleCommand(input)));
 */
export function credentialsFromAssumeRole(response: AssumeRoleResponse): ScopeCredentials {
  return levelsCredentials(response, defaultCredentialLevels);
}
function levelsCredentials(response: AssumeRoleResponse, levels: CredentialLevels): ScopeCredentials {
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = response.Credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey || !SessionToken || !(Expiration instanceof Date))
    throw levels.invalid("AssumeRole response", "has no complete Credentials (key, secret, token and expiration)");
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiration: Expiration,
  };
}

declare const confinement: unique symbol;
/**
 * The confinement of a provider's sessions, recorded in its type (no such property at runtime) so that a client cache
 * made with the provider checks its ids as the provider does: `scopedClientCache` infers it from `credentials`.
 *
 * @example
 * type Provider = ((ids: ScopeLevelIds) => Promise<ScopeCredentials>) & ConfinedBy<{ sessionTags: {} }>;
 */
export interface ConfinedBy<TConfinement> {
  readonly [confinement]?: TConfinement;
}

/**
 * The default kit's credential provider ({@link assumeRoleCredentials}): the credentials of one scope, with its
 * confinement in its type: by session tags, ids leaving out a level the role reads from a tag (`{ tenantId }`, the
 * role reading `capsuleId`) are refused on `this` ({@link ConfinedTagCheck}), as the provider refuses them
 * (`unknown`: a confinement not known, not checked).
 *
 * @example
 * const provider: ScopeCredentialProvider<{ sessionTags: { capsuleTag: false } }> = assumeRoleCredentials(assumeRole, { roleArn, confine: { sessionTags: { capsuleTag: false } } });
 * await provider({ tenantId: "acme" });
 */
export type ScopeCredentialProvider<TConfinement = unknown> = (<const TIds extends ScopeIdsInput<DefaultLevels>>(
  this: FirstRefusal<
    [LevelGapCheck<TIds, DefaultLevels>, ConfinedTagCheck<TIds, TConfinement, DefaultTagLevels, "tenant-data">]
  >,
  ids: TIds,
) => Promise<ScopeCredentials>) &
  ConfinedBy<TConfinement>;

/**
 * A credential provider for {@link scopedClientCache}: calls `assumeRole` (yours, with your STS client) with
 * the request for the scope and reads the credentials. STS's `PackedPolicyTooLarge` (the policy and tags
 * packed over STS's own limit, which it does not publish) becomes `[credentials.policyTooLarge]`.
 *
 * @example
 * const sts = new STSClient({});
 * const provider = assumeRoleCredentials((input) => sts.send(new AssumeRoleCommand(input)), { roleArn, confine: { sessionTags: {} } });
 */
export function assumeRoleCredentials<const TOptions extends AssumeRoleOptions>(
  this: ConfinementCheck<TOptions>,
  assumeRole: (input: AssumeRoleRequest) => Promise<AssumeRoleResponse>,
  options: TOptions,
): ScopeCredentialProvider<TOptions["confine"]> {
  return levelsAssumeRoleCredentials(assumeRole, options, defaultCredentialLevels);
}

/** {@link assumeRoleCredentials} in any kit's levels. */
export function levelsAssumeRoleCredentials<TIds extends object>(
  assumeRole: (input: AssumeRoleRequest) => Promise<AssumeRoleResponse>,
  options: AssumeRoleOptions<TIds, { readonly sessionPolicy: object } | { readonly sessionTags: unknown }>,
  levels: CredentialLevels,
): (ids: object) => Promise<ScopeCredentials> {
  // Where the provider is made: options no ids can make right are refused here, not at its first call.
  const tags = checkAssumeRoleOptions(options, levels);
  checkAssumeRoleValues(options, levels);
  const provider = async (ids: object): Promise<ScopeCredentials> => {
    const input = levelsAssumeRoleInput(ids, options, levels);
    try {
      return levelsCredentials(await assumeRole(input), levels);
    } catch (error) {
      if (error instanceof Error && /PackedPolicyTooLarge/.test(error.name))
        throw levels.tooLarge("the packed session policy and tags", "refused by STS", "its packed-policy size", {
          cause: error,
        });
      throw error;
    }
  };
  if (tags !== undefined) providerReads.set(provider, tags);
  return provider;
}

/** The tags the role of each provider made here reads ({@link ConfinedBy}'s runtime twin): none for a session policy. */
const providerReads = new WeakMap<object, readonly TagLevel[]>();
/**
 * The levels a provider's role reads from session tags (its tagPlan), for a client cache made with it to check the ids
 * as the provider will, at its call; none for a provider confined by a session policy, or of the caller's own.
 *
 * @example
 * readsOf(assumeRoleCredentials(assumeRole, { roleArn, confine: { sessionTags: {} } })); //=> [{ field: "tenantId", tag: "tenantId" }, …]
 */
export const readsOf = (provider: unknown): readonly TagLevel[] =>
  (typeof provider === "function" && providerReads.get(provider)) || [];
