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
  type DefaultLevels,
  type LevelGapCheck,
  type ScopeIdsInput,
  type StrayOption,
  type TagLevel,
} from "./levels.js";
import type { CredentialsInvalidMessage } from "../messages.js";
import type { FirstRefusal, IsUnion } from "../internal/types.js";

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
 * The levels after the outermost, in order, as a role reads them from session tags: each level's field and the tag
 * option naming its tag key (a kit's level field itself; the default kit's `capsuleId`: `capsuleTag`).
 *
 * @example
 * type Default = readonly [readonly ["capsuleId", "capsuleTag"]];
 */
export type TagLevels = readonly (readonly [field: string, option: string])[];

/**
 * `unknown`, or the runtime's `credentials.invalid` (levelsSessionTags) for the first level a role confined by the tag
 * options `TTags` reads from a tag while `TIds` leaves its id out (`{ orgId }` for a role reading `workspaceId`): the
 * `this` of the calls vending for a scope by session tags. The walk is tagPlan's: each level of `TLevels` in order, its
 * tag `TTags[option]` when given, else its field; a tag `false` ends it (the role reads no level below). Lenient
 * (`unknown`) where no type tells what the runtime does: an optional id (it may be given), a tag that is a wide
 * `string`, a union, or may be `false`.
 *
 * @example
 * type Check = UnreadTagCheck<{ tenantId: "t1" }, {}, readonly [readonly ["capsuleId", "capsuleTag"]], "tenant-data">;
 * //=> "[credentials.invalid] capsuleId is missing, but the role reads it from tag capsuleId | …"
 */
export type UnreadTagCheck<TIds, TTags, TLevels extends TagLevels, TRole extends string> =
  UnreadTag<TIds, TTags, TLevels, TRole> extends infer TMessage
    ? [TMessage] extends [never]
      ? unknown
      : TMessage
    : unknown;
/** The message of {@link UnreadTagCheck}, else `never`. */
type UnreadTag<TIds, TTags, TLevels extends TagLevels, TRole extends string> = TLevels extends readonly [
  readonly [infer TField extends string, infer TOption extends string],
  ...infer TRest extends TagLevels,
]
  ? TagKey<TTags, TOption, TField> extends infer TTag
    ? false extends TTag
      ? never
      : TField extends keyof TIds
        ? undefined extends TIds[TField]
          ? never
          : UnreadTag<TIds, TTags, TRest, TRole>
        : [TTag] extends [string]
          ? string extends TTag
            ? never
            : IsUnion<TTag> extends false
              ? CredentialsInvalidMessage<TField, `is missing, but the role reads it from tag ${TTag}`, TRole>
              : never
          : never
    : never
  : never;
/** The tag key a level is read from: the option's value, or the level's field where the option is left out (tagPlan). */
type TagKey<TTags, TOption extends string, TField extends string> = TOption extends keyof TTags
  ? Exclude<TTags[TOption], undefined> | (undefined extends TTags[TOption] ? TField : never)
  : TField;

/**
 * {@link UnreadTagCheck} for a confinement (an `AssumeRole` option's `confine`): by session tags, their check; by a
 * session policy, which reads no tag, `unknown`; a confinement not known (`unknown`, `never`, a union of the two
 * kinds), `unknown` too (lenient).
 *
 * @example
 * type Check = ConfinedTagCheck<{ tenantId: "t1" }, { sessionTags: {} }, readonly [readonly ["capsuleId", "capsuleTag"]], "tenant-data">;
 * //=> "[credentials.invalid] capsuleId is missing, but the role reads it from tag capsuleId | …"
 */
export type ConfinedTagCheck<TIds, TConfinement, TLevels extends TagLevels, TRole extends string> = [
  TConfinement,
] extends [never]
  ? unknown
  : [TConfinement] extends [{ readonly sessionTags: infer TTags }]
    ? UnreadTagCheck<TIds, TTags, TLevels, TRole>
    : unknown;

/**
 * `unknown`, or the runtime's `credentials.invalid` (tagPlan) for the first tag of the tag options `TTags` no role can
 * read, level by level in tagPlan's order (`TLevels`: every level, the outermost first): an empty tag, a tag with the
 * `aws:` prefix (AWS reserves it), a tag a level above is read from already (STS compares tag keys without case). The
 * walk ends where tagPlan's does, at a tag `false`. A tag no type tells is skipped, neither refused nor compared with
 * the next (lenient): a wide `string`, a union, or a tag holding `"` or `\` (the runtime quotes it as JSON, escaped).
 *
 * @example
 * type Check = TagPlanCheck<{ capsuleTag: "tenantId" }, DefaultLevelTags, "tenant-data">;
 * //=> "[credentials.invalid] capsuleId tag is \"tenantId\", the tag tenantId is read from | …"
 */
export type TagPlanCheck<TTags, TLevels extends TagLevels, TRole extends string> =
  TagPlanRefusal<TTags, TLevels, TRole, []> extends infer TMessage
    ? [TMessage] extends [never]
      ? unknown
      : TMessage
    : unknown;
/** The message of {@link TagPlanCheck}, else `never`; `TRead`: the levels read so far, each as [its tag lowercased, its field]. */
type TagPlanRefusal<
  TTags,
  TLevels extends TagLevels,
  TRole extends string,
  TRead extends readonly (readonly [string, string])[],
> = TLevels extends readonly [
  readonly [infer TField extends string, infer TOption extends string],
  ...infer TRest extends TagLevels,
]
  ? TagKey<TTags, TOption, TField> extends infer TTag
    ? [TTag] extends [string]
      ? // A tag no type tells: skipped (the runtime may refuse it, in words of its value; or read it, then the next).
        string extends TTag
        ? TagPlanRefusal<TTags, TRest, TRole, TRead>
        : IsUnion<TTag> extends true
          ? TagPlanRefusal<TTags, TRest, TRole, TRead>
          : TTag extends `${string}${'"' | "\\"}${string}`
            ? TagPlanRefusal<TTags, TRest, TRole, TRead>
            : TTag extends ""
              ? CredentialsInvalidMessage<`${TField} tag`, 'is "", not a tag key (a non-empty string) or false', TRole>
              : Lowercase<TTag> extends `aws:${string}`
                ? CredentialsInvalidMessage<`${TField} tag`, `is "${TTag}": the aws: prefix is reserved by AWS`, TRole>
                : ReadBy<TRead, Lowercase<TTag>> extends infer TSame extends string
                  ? [TSame] extends [never]
                    ? TagPlanRefusal<TTags, TRest, TRole, [...TRead, readonly [Lowercase<TTag>, TField]]>
                    : CredentialsInvalidMessage<`${TField} tag`, `is "${TTag}", the tag ${TSame} is read from`, TRole>
                  : never
      : never
    : never
  : never;
/** The field of the first level in `TRead` read from tag `TLower` (lowercased), else `never`. */
type ReadBy<TRead extends readonly (readonly [string, string])[], TLower extends string> = TRead extends readonly [
  readonly [infer TTag, infer TField],
  ...infer TRest extends readonly (readonly [string, string])[],
]
  ? TTag extends TLower
    ? TField
    : ReadBy<TRest, TLower>
  : never;

/** The default kit's levels as tagPlan walks them: `tenantId` named by the `tenantTag` option, `capsuleId` by `capsuleTag`. */
export type DefaultLevelTags = readonly [readonly ["tenantId", "tenantTag"], readonly ["capsuleId", "capsuleTag"]];

/** The default kit's levels read from tags after `tenantId`: `capsuleId`, named by the `capsuleTag` option. */
export type DefaultTagLevels = readonly [readonly ["capsuleId", "capsuleTag"]];

/**
 * `unknown`, or the runtime's first refusal of the default kit's {@link sessionTags}: a tag option it does not take,
 * a tag no role can read, the tenant's id missing, then a level the role reads left out of the ids.
 *
 * @example
 * type Check = SessionTagsCheck<{ tenantId: "t1" }, {}>;
 * //=> "[credentials.invalid] capsuleId is missing, but the role reads it from tag capsuleId | …"
 */
export type SessionTagsCheck<TIds, TKeys> = FirstRefusal<
  [
    StrayOption<TKeys, keyof ScopeTagKeys, "the tag keys", "tenantTag, capsuleTag", "tenant-data">,
    TagPlanCheck<TKeys, DefaultLevelTags, "tenant-data">,
    LevelGapCheck<TIds, DefaultLevels>,
    UnreadTagCheck<TIds, TKeys, DefaultTagLevels, "tenant-data">,
  ]
>;

/**
 * The tag options of the default kit's {@link abacRolePolicy} as given (inferred one by one beside the policy's options,
 * which keep TypeScript's excess-property check of a literal): an option left out (`never`) is no key, as tagPlan reads
 * it.
 */
type GivenTagKeys<TTenantTag, TCapsuleTag> = ([TTenantTag] extends [never] ? {} : { readonly tenantTag: TTenantTag }) &
  ([TCapsuleTag] extends [never] ? {} : { readonly capsuleTag: TCapsuleTag });

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
export function abacRolePolicy<
  const TTenantTag extends string = never,
  const TCapsuleTag extends string | false = never,
>(
  this: TagPlanCheck<GivenTagKeys<TTenantTag, TCapsuleTag>, DefaultLevelTags, "tenant-data">,
  options: Omit<LeadingKeysPolicyOptions, "tenantId" | "capsuleId"> & {
    readonly tenantTag?: TTenantTag;
    readonly capsuleTag?: TCapsuleTag;
  },
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
 * are a variable too ({@link StrayOption}: TypeScript checks no excess property there); then a tag tagPlan refuses
 * ({@link TagPlanCheck}).
 *
 * @example
 * abacTrustPolicy({ trustedPrincipal: "arn:aws:iam::123456789012:role/credential-broker" }).Statement[0].Condition;
 * //=> { Null: { "aws:RequestTag/tenantId": "false", "aws:RequestTag/capsuleId": "false" },
 * //     "ForAllValues:StringEquals": { "aws:TagKeys": ["tenantId", "capsuleId"] } }
 */
export function abacTrustPolicy<const TOptions extends { readonly trustedPrincipal: string } & ScopeTagKeys>(
  this: FirstRefusal<
    [
      StrayOption<
        TOptions,
        "trustedPrincipal" | keyof ScopeTagKeys,
        "abacTrustPolicy",
        "trustedPrincipal, tenantTag, capsuleTag",
        "tenant-data"
      >,
      TagPlanCheck<TOptions, DefaultLevelTags, "tenant-data">,
    ]
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
export function sessionTags<const TIds extends ScopeIdsInput<DefaultLevels>, const TKeys extends ScopeTagKeys = {}>(
  this: SessionTagsCheck<TIds, TKeys>,
  ids: TIds,
  keys?: TKeys,
): readonly { readonly Key: string; readonly Value: string }[] {
  return levelsSessionTags(ids, tagPlan(defaultCredentialLevels, keys), defaultCredentialLevels);
}

/** {@link sessionTags} in any kit's levels: one tag per level the role reads, each id required. */
export function levelsSessionTags(
  ids: object,
  plan: readonly TagLevel[],
  levels: CredentialLevels,
): readonly { readonly Key: string; readonly Value: string }[] {
  checkScopeLevelIds(levels, ids, "", plan);
  const values = ids as Readonly<Record<string, string>>;
  return plan.map(({ field, tag }) => {
    // The alphabet has no "#" and the value cannot be empty: either would shift or widen the role's pattern.
    checkTag(`tag ${tag}`, values[field]!, 256, levels);
    return { Key: tag, Value: values[field]! };
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
