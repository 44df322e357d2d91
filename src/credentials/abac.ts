/**
 * Attribute-based confinement: one role for every tenant, whose policy reads the session's tags
 * (`${aws:PrincipalTag/tenantId}`), the trust policy that makes those tags mandatory when the role is
 * assumed, and the tags to pass for a scope.
 */
import {
  levelsPolicy,
  type IamPolicy,
  type LeadingKeysPolicyOptions,
  type PolicyTarget,
} from "../access/leading-keys-policy.js";
import {
  checkCredentialOptions,
  checkScopeLevelIds,
  defaultCredentialLevels,
  tagPlan,
  type CredentialLevels,
  type TagLevel,
} from "./levels.js";
import type { StrayOption } from "./assume-role.js";

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
  const { tenantTag, capsuleTag, ...target } = options;
  return levelsRolePolicy(target, tagPlan(defaultCredentialLevels, { tenantTag, capsuleTag }), defaultCredentialLevels);
}

/** {@link abacRolePolicy} in any kit's levels: each level the role reads, from its tag. */
export function levelsRolePolicy(target: PolicyTarget, plan: readonly TagLevel[], levels: CredentialLevels): IamPolicy {
  // Under `ids`, where a level field named like an option of the policy (`accountId`) cannot be read as the option.
  const ids = Object.fromEntries(plan.map(({ field, tag }) => [field, { principalTag: tag }]));
  return levelsPolicy({ ...target, ids }, levels.policy);
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
 * does not expect). An option it does not take is refused at the call, and as the type of `this` when the options
 * are a variable too ({@link StrayOption}: TypeScript checks no excess property there).
 *
 * @example
 * abacTrustPolicy({ trustedPrincipal: "arn:aws:iam::123456789012:role/credential-broker" }).Statement[0].Condition;
 * //=> { Null: { "aws:RequestTag/tenantId": "false", "aws:RequestTag/capsuleId": "false" },
 * //     "ForAllValues:StringEquals": { "aws:TagKeys": ["tenantId", "capsuleId"] } }
 */
export function abacTrustPolicy<const TOptions extends { readonly trustedPrincipal: string } & ScopeTagKeys>(
  this: StrayOption<
    TOptions,
    "trustedPrincipal" | keyof ScopeTagKeys,
    "abacTrustPolicy",
    "trustedPrincipal, tenantTag, capsuleTag",
    "tenant-data"
  >,
  options: TOptions,
): TrustPolicy {
  const levels = defaultCredentialLevels;
  checkCredentialOptions(levels, "abacTrustPolicy", options, ["trustedPrincipal", ...levels.tagOptions]);
  const { trustedPrincipal, tenantTag, capsuleTag } = options;
  return levelsTrustPolicy(trustedPrincipal, tagPlan(levels, { tenantTag, capsuleTag }), levels);
}

/** {@link abacTrustPolicy} in any kit's levels: every tag the role reads is required, and no other. */
export function levelsTrustPolicy(
  trustedPrincipal: string,
  plan: readonly TagLevel[],
  levels: CredentialLevels,
): TrustPolicy {
  if (typeof trustedPrincipal !== "string" || !/^arn:aws(-cn|-us-gov)?:(iam|sts)::\d{12}:\S+$/.test(trustedPrincipal))
    throw levels.invalid("trustedPrincipal", `is ${JSON.stringify(trustedPrincipal)}, not an IAM or STS ARN`);
  const keys = plan.map((level) => level.tag);
  for (const key of keys) checkTag("tag key", key, 128, levels);
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
  return levelsSessionTags(ids, tagPlan(defaultCredentialLevels, keys), defaultCredentialLevels);
}

/** {@link sessionTags} in any kit's levels: one tag per level the role reads, each id required. */
export function levelsSessionTags(
  ids: object,
  plan: readonly TagLevel[],
  levels: CredentialLevels,
): readonly { readonly Key: string; readonly Value: string }[] {
  checkScopeLevelIds(levels, ids);
  const values = ids as Readonly<Record<string, string | undefined>>;
  return plan.map(({ field, tag }, index) => {
    const value = values[field];
    // The outermost id is required by the types; an inner one may be left out of them, not of the role's tags.
    if (index > 0 && value === undefined)
      throw levels.invalid(field, `is missing, but the role reads it from tag ${tag}`);
    // The alphabet has no "#" and the value cannot be empty: either would shift or widen the role's pattern.
    checkTag(`tag ${tag}`, value!, 256, levels);
    return { Key: tag, Value: value! };
  });
}

/** Tag keys and values: STS's alphabet, and no `*` or `?`, which IAM could read as wildcards once substituted. */
function checkTag(what: string, text: string, max: number, levels: CredentialLevels): void {
  if (typeof text !== "string" || text.length > max || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(text))
    throw levels.invalid(
      what,
      `is ${JSON.stringify(text)}: session tags take 1 to ${max} letters, digits, spaces and _.:/=+-@, never "#"`,
    );
}
