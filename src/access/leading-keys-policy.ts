/**
 * `leadingKeysPolicy()`: an IAM policy that lets a principal touch only its own partitions, the second line of
 * defence behind scoped access. What `dynamodb:LeadingKeys` does not cover is in docs/leading-keys.md.
 */
import { CapsuleEntityError } from "../errors.js";
import type { IsolationLevelSpec } from "../entity/vocabulary.js";
import { defaultVocabulary, policyInputMessage, type PolicyCall, type PolicyInputMessage } from "../messages.js";
import { isTagKey } from "../internal/tag-key.js";
import type { Table } from "./table.js";

/**
 * An isolation id in a policy: a literal id, or the value of one of the principal's tags.
 *
 * @example
 * const fromTag: PolicyValue = { principalTag: "capsuleId" };
 * const literal: PolicyValue = "c1";
 */
export type PolicyValue = string | { readonly principalTag: string };

/**
 * The item-level actions `dynamodb:LeadingKeys` applies to. Scan and PartiQL are not among them, on purpose.
 *
 * @example
 * const readOnly: LeadingKeysAction[] = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"];
 */
export type LeadingKeysAction =
  | "dynamodb:GetItem"
  | "dynamodb:BatchGetItem"
  | "dynamodb:Query"
  | "dynamodb:PutItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:DeleteItem"
  | "dynamodb:BatchWriteItem"
  | "dynamodb:ConditionCheckItem";

const allActions: readonly LeadingKeysAction[] = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
];

/**
 * Options of {@link leadingKeysPolicy}.
 *
 * @example
 * const options: LeadingKeysPolicyOptions = { table: "platform_data", region: "eu-west-1", accountId: "123456789012", tenantId: "acme" };
 */
export interface LeadingKeysPolicyOptions extends PolicyTarget {
  readonly tenantId: PolicyValue;
  /** Leave out to confine the principal to its tenant (every capsule of it) instead of one capsule. */
  readonly capsuleId?: PolicyValue;
}

/**
 * What a policy is about besides the ids: the table, where it is, and what the principal may do. The default
 * kit's {@link LeadingKeysPolicyOptions} and a kit's {@link KitLeadingKeysPolicyOptions} add the level ids.
 *
 * @example
 * const target: PolicyTarget = { table: "app_data", region: "eu-west-1", accountId: "123456789012" };
 */
export interface PolicyTarget {
  /** The table, by name or as defined (a {@link Table} brings its index names). */
  readonly table: Table | string;
  readonly region: string;
  readonly accountId: string;
  /** The AWS partition of the ARNs; default `aws`. */
  readonly partition?: "aws" | "aws-cn" | "aws-us-gov";
  /** The indexes the principal may query; default: every index of a {@link Table}, none for a table name. */
  readonly indexes?: readonly string[];
  /** Default: every {@link LeadingKeysAction}. */
  readonly actions?: readonly LeadingKeysAction[];
  /**
   * Default `CapsuleLeadingKeys` for the default kit, the kit's labels for another (`OrgWsLeadingKeys` for
   * `ORG`/`WS`).
   */
  readonly sid?: string;
}

/**
 * The options of a kit's `leadingKeysPolicy`: one id per level field, the outermost required, each inner one
 * optional (left out, the principal reaches every partition of the level above it), but only with the one outside
 * it: a three-level kit's innermost id without the middle one names no partition (the runtime refuses it too). The
 * ids go beside the target's options, or under `ids` (any kit): a kit whose level field is named like an option of
 * the policy (`accountId` for an `ACCOUNT#…` table, `region`) takes them under `ids` only.
 *
 * @example
 * const options: KitLeadingKeysPolicyOptions<typeof levels> = { table, region, accountId, orgId: { principalTag: "orgId" }, workspaceId: "eng" };
 * const accounts: KitLeadingKeysPolicyOptions<typeof accountLevels> = { table, region, accountId: "123456789012", ids: { accountId: "a1" } };
 * @see docs/patterns/isolation-vocabulary.md
 */
export type KitLeadingKeysPolicyOptions<TLevels extends readonly IsolationLevelSpec[]> =
  | (PolicyTarget & { readonly ids: KitPolicyIds<TLevels> })
  | ([Extract<TLevels[number]["field"], PolicyOptionName>] extends [never]
      ? PolicyTarget & KitPolicyIds<TLevels>
      : never);
/** The ids under `ids`. */
type IdsPolicyOptions<TLevels extends readonly IsolationLevelSpec[]> = PolicyTarget & {
  readonly ids: KitPolicyIds<TLevels>;
};
/**
 * A kit's level ids in a policy: the outermost level's, then the rest absent or given the same way (a union per
 * depth), beside the policy's options or under its `ids`.
 *
 * @example
 * const ids: KitPolicyIds<typeof levels> = { orgId: { principalTag: "orgId" }, workspaceId: "eng" };
 */
export type KitPolicyIds<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer TFirst extends IsolationLevelSpec,
  ...infer TRest extends IsolationLevelSpec[],
]
  ? { readonly [TField in TFirst["field"]]: PolicyValue } & (
      { readonly [TField in TRest[number]["field"]]?: never } | KitPolicyIds<TRest>
    )
  : unknown;
/**
 * The names of the policy's own options: a level field named like one (`accountId`) gives its id under `ids` only.
 *
 * @example
 * const option: PolicyOptionName = "accountId";
 */
export type PolicyOptionName = keyof PolicyTarget | "ids";
/** The first level field (outermost first, as the runtime looks) named like an option of the policy, else `never`. */
export type ClashingField<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  ...infer TRest extends IsolationLevelSpec[],
]
  ? THead["field"] extends PolicyOptionName
    ? THead["field"]
    : ClashingField<TRest>
  : never;
const clashProblem = "is an option too: use ids";
/**
 * A clashing kit's ids given beside the options: the options as given, with the clashing field's type the message (on
 * that property); without that field, the options as given (nothing to put the message on: {@link ClashLeftOut}).
 */
export type ClashRefused<TOptions, TLevels extends readonly IsolationLevelSpec[], TCall extends PolicyCall> =
  ClashingField<TLevels> extends keyof TOptions
    ? {
        readonly [TKey in keyof TOptions]: TKey extends ClashingField<TLevels>
          ? PolicyInputMessage<TKey, typeof clashProblem, TLevels[0]["field"], true, TCall>
          : TOptions[TKey];
      }
    : TOptions;
/** A clashing kit's options without the clashing field and without `ids`: the message, for `this`; else `never`. */
export type ClashLeftOut<TOptions, TLevels extends readonly IsolationLevelSpec[], TCall extends PolicyCall> =
  ClashingField<TLevels> extends keyof TOptions
    ? never
    : PolicyInputMessage<ClashingField<TLevels>, typeof clashProblem, TLevels[0]["field"], true, TCall>;

/**
 * A kit's `leadingKeysPolicy` (the default kit's is {@link leadingKeysPolicy}): its options as given, checked for the
 * levels (an outermost id missing, an inner one given without the one outside it: the catalog message as the type of
 * `this`, where the compiler prints it, the runtime's text; a level field named like an option given beside the
 * options: the message as the type of that property), then taken as {@link KitLeadingKeysPolicyOptions}.
 *
 * @example
 * const policy: KitLeadingKeysPolicy<typeof levels> = kit.leadingKeysPolicy;
 * @see docs/leading-keys.md
 */
export type KitLeadingKeysPolicy<TLevels extends readonly IsolationLevelSpec[]> = <
  const TOptions extends PolicyInput<TLevels>,
>(
  this: PolicyLevelsCheck<TOptions, TLevels>,
  options: PolicyOptionsOf<TOptions, TLevels, PolicyTarget & KitPolicyIds<TLevels>>,
) => IamPolicy;
/**
 * What a policy call is inferred against: the target, and every level's id optional (`TValue`: a literal id or a
 * principal tag, or a session policy's literal id), beside it or under `ids` (the check says which is owed). An option
 * a level field is named like is optional too, so that a clashing kit's call without it is still inferred (and told to
 * use `ids`, not that `ids` is missing). The ids under `ids` are an `object &` their fields: all optional, they were a
 * weak type, to which TypeScript refused another kit's ids (no key in common) in its own words; the level check names
 * the level missing, as the runtime does.
 */
export type PolicyInput<TLevels extends readonly IsolationLevelSpec[], TValue = PolicyValue> = ([
  Extract<TLevels[number]["field"], keyof PolicyTarget>,
] extends [never]
  ? PolicyTarget
  : Omit<PolicyTarget, TLevels[number]["field"]>) & {
  readonly [TField in TLevels[number]["field"]]?: TValue;
} & { readonly ids?: object & { readonly [TField in TLevels[number]["field"]]?: TValue } };
/**
 * The options' type: the exact options (the ids under `ids`, or `TFlat`, with TypeScript's own errors and
 * excess-property checks), unless a level is owed, when the options as given (the message is on `this`), or the ids
 * are beside the options where a level field is named like one, when the options with that property's type the
 * message.
 */
type PolicyOptionsOf<TOptions, TLevels extends readonly IsolationLevelSpec[], TFlat> =
  PolicyInput<TLevels> extends TOptions // inference fell back to the constraint: TypeScript's own errors
    ? KitLeadingKeysPolicyOptions<TLevels>
    : TOptions extends { readonly ids: infer TIds }
      ? [OwedLevel<TIds, TLevels, TLevels[0]["field"], "leadingKeysPolicy", "ids.">] extends [never]
        ? IdsPolicyOptions<TLevels>
        : TOptions
      : [ClashingField<TLevels>] extends [never]
        ? [OwedLevel<TOptions, TLevels, TLevels[0]["field"], "leadingKeysPolicy">] extends [never]
          ? TFlat
          : TOptions
        : ClashRefused<TOptions, TLevels, "leadingKeysPolicy">;
/**
 * `unknown`, or the message of a level owed (the ids beside the options of a clashing kit: on the property, or here
 * when the clashing field is left out too). `TCall` / `TValue`: the policy whose options these are, and its ids' type
 * (a session policy takes literal ids only).
 */
export type PolicyLevelsCheck<
  TOptions,
  TLevels extends readonly IsolationLevelSpec[],
  TCall extends PolicyCall = "leadingKeysPolicy",
  TValue = PolicyValue,
> =
  PolicyInput<TLevels, TValue> extends TOptions
    ? unknown
    : (
          TOptions extends { readonly ids: infer TIds }
            ? OwedLevel<TIds, TLevels, TLevels[0]["field"], TCall, "ids.">
            : [ClashingField<TLevels>] extends [never]
              ? OwedLevel<TOptions, TLevels, TLevels[0]["field"], TCall>
              : ClashLeftOut<TOptions, TLevels, TCall>
        ) extends infer TMessage
      ? [TMessage] extends [never]
        ? unknown
        : TMessage
      : unknown;
/** The level fields, outermost first, joined by `, ` (as the runtime lists them in its messages). */
export type FieldList<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  ...infer TRest extends readonly IsolationLevelSpec[],
]
  ? TRest extends readonly []
    ? THead["field"]
    : `${THead["field"]}, ${FieldList<TRest>}`
  : string;
/** The policy's own options as the runtime lists them (levelsPolicy's `takes`, before the level fields). */
type PolicyOptionList = "table, region, accountId, partition, indexes, actions, sid, ids";
/**
 * `unknown`, or the runtime's `policy.invalid` (levelsPolicy) for a key of a policy's options it does not take: with
 * the ids under `ids`, an option of no policy or a level field beside them, then a key under `ids` that is no level
 * field; with the ids beside the options (a kit whose level field is named like no option), an option of no policy.
 * On the `this` of `sessionPolicy` (after {@link PolicyLevelsCheck}), whose options are inferred (`const TOptions`):
 * TypeScript checks no excess property of a variable or a spread. Options of type `never` (a cast) are taken. Not on
 * `leadingKeysPolicy`'s: its message (the principal tag's example) is longer than the 320 characters tsc prints of a
 * type, so TypeScript's excess-property error on a literal is left as it is.
 *
 * @example
 * type Check = StrayPolicyOption<{ table: "t"; region: "r"; accountId: "a"; tenantId: "t1"; index: "i" }, DefaultLevels, "sessionPolicy">;
 * //=> "[policy.invalid] sessionPolicy index is not an option of the policy (table, region, …, tenantId, capsuleId) | …"
 */
export type StrayPolicyOption<TOptions, TLevels extends readonly IsolationLevelSpec[], TCall extends PolicyCall> = [
  TOptions,
] extends [never]
  ? unknown
  : TOptions extends { readonly ids: infer TIds }
    ? Exclude<keyof TOptions, PolicyOptionName> extends infer TStray extends string
      ? [TStray] extends [never]
        ? Exclude<keyof TIds, TLevels[number]["field"]> extends infer TStrayId extends string
          ? [TStrayId] extends [never]
            ? unknown
            : PolicyInputMessage<
                `ids.${TStrayId}`,
                `is not a level field of the kit (${FieldList<TLevels>})`,
                TLevels[0]["field"],
                true,
                TCall
              >
          : unknown
        : PolicyInputMessage<
            TStray,
            TStray extends TLevels[number]["field"]
              ? "is given beside ids: give every level id under ids"
              : `is not an option of the policy (${PolicyOptionList})`,
            TLevels[0]["field"],
            true,
            TCall
          >
      : unknown
    : [ClashingField<TLevels>] extends [never] // a clashing kit's ids beside the options: refused for the clash first
      ? Exclude<keyof TOptions, PolicyOptionName | TLevels[number]["field"]> extends infer TStray extends string
        ? [TStray] extends [never]
          ? unknown
          : PolicyInputMessage<
              TStray,
              `is not an option of the policy (${PolicyOptionList}, ${FieldList<TLevels>})`,
              TLevels[0]["field"],
              false,
              TCall
            >
        : unknown
      : unknown;
/**
 * The runtime's level check (levelsPolicy): the first level left out ends the prefix, and none may follow it.
 * `TPrefix`: `ids.` for the ids under `ids`, where the message's example gives them too.
 */
export type OwedLevel<
  TIds,
  TLevels extends readonly IsolationLevelSpec[],
  TOutermost extends string,
  TCall extends PolicyCall,
  TPrefix extends "" | "ids." = "",
  TFirst extends boolean = true,
> = TLevels extends readonly [infer THead extends IsolationLevelSpec, ...infer TRest extends IsolationLevelSpec[]]
  ? IsGiven<TIds, THead["field"]> extends true
    ? OwedLevel<TIds, TRest, TOutermost, TCall, TPrefix, false>
    : TFirst extends true
      ? PolicyInputMessage<
          `${TPrefix}${THead["field"]}`,
          "is missing",
          TOutermost,
          TPrefix extends "" ? false : true,
          TCall
        >
      : GivenField<TIds, TRest> extends infer TStray extends string
        ? PolicyInputMessage<
            `${TPrefix}${TStray}`,
            `is given without ${TPrefix}${THead["field"]}, the level outside it`,
            TOutermost,
            TPrefix extends "" ? false : true,
            TCall
          >
        : never
  : never;
export type IsGiven<TIds, TField extends string> = TField extends keyof TIds
  ? undefined extends TIds[TField]
    ? false
    : true
  : false;
/** The field of the first of the levels given, else `never`. */
export type GivenField<TIds, TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  ...infer TRest extends IsolationLevelSpec[],
]
  ? IsGiven<TIds, THead["field"]> extends true
    ? THead["field"]
    : GivenField<TIds, TRest>
  : never;

/**
 * One statement of an {@link IamPolicy}.
 *
 * @example
 * const statement: IamStatement = leadingKeysPolicy(options).Statement[0];
 */
export interface IamStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly LeadingKeysAction[];
  readonly Resource: readonly string[];
  readonly Condition: {
    readonly "ForAllValues:StringLike": { readonly "dynamodb:LeadingKeys": readonly [exact: string, below: string] };
    readonly Null: Readonly<Record<string, "false">>;
  };
}

/**
 * An IAM policy document (JSON-serialisable as it is).
 *
 * @example
 * writeFileSync("capsule-policy.json", JSON.stringify(leadingKeysPolicy(options) satisfies IamPolicy, null, 2));
 */
export interface IamPolicy {
  readonly Version: "2012-10-17";
  readonly Statement: readonly [IamStatement];
}

/**
 * An IAM policy confining a principal to the partitions of its own tenant and capsule, on the table and its
 * indexes: `dynamodb:LeadingKeys` must be exactly `TENANT#t#CAPSULE#c` or start with `TENANT#t#CAPSULE#c#`
 * (so `c1` never matches `c10`), a `Null` guard refuses requests without leading keys (such as Scan, for
 * which `ForAllValues` would otherwise hold vacuously) and principals without the tags, and the actions are
 * listed one by one. Literal ids are escaped for IAM (`*` → `${*}`, `?` → `${?}`, `$` → `${$}`).
 *
 * @example
 * leadingKeysPolicy({
 *   table: PlatformTable,
 *   region: "eu-west-1",
 *   accountId: "123456789012",
 *   tenantId: { principalTag: "tenantId" },
 *   capsuleId: { principalTag: "capsuleId" },
 * }).Statement[0].Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"];
 * //=> ["TENANT#${aws:PrincipalTag/tenantId}#CAPSULE#${aws:PrincipalTag/capsuleId}",
 * //    "TENANT#${aws:PrincipalTag/tenantId}#CAPSULE#${aws:PrincipalTag/capsuleId}#*"]
 * @see docs/leading-keys.md
 */
export function leadingKeysPolicy<const TOptions extends PolicyInput<DefaultLevels>>(
  this: PolicyLevelsCheck<TOptions, DefaultLevels>,
  options: PolicyOptionsOf<TOptions, DefaultLevels, LeadingKeysPolicyOptions>,
): IamPolicy {
  return levelsPolicy(options as PolicyTarget, defaultPolicyLevels);
}

/**
 * The levels a policy is written in, and its default statement id: the default kit's, or a kit's
 * ({@link policyLevels}).
 *
 * @example
 * const levels: PolicyLevels = policyLevels(kit.levels); //=> { levels, sid: "OrgWsLeadingKeys" }
 */
export interface PolicyLevels {
  readonly levels: readonly IsolationLevelSpec[];
  readonly sid: string;
}
type DefaultLevels = typeof defaultVocabulary.levels;
/** The default kit's levels, and its statement id `CapsuleLeadingKeys`. */
export const defaultPolicyLevels: PolicyLevels = { levels: defaultVocabulary.levels, sid: "CapsuleLeadingKeys" };

/**
 * A kit's policy levels; its default statement id is named after its labels: `OrgWsLeadingKeys` for
 * `ORG`/`WS`, `OrgUnitLeadingKeys` for `ORG_UNIT` (a Sid is letters and digits).
 *
 * @example
 * policyLevels([{ name: "org", field: "orgId", label: "ORG" }, { name: "workspace", field: "workspaceId", label: "WS" }]).sid; //=> "OrgWsLeadingKeys"
 */
export function policyLevels(levels: readonly IsolationLevelSpec[]): PolicyLevels {
  const words = levels.flatMap((level) => level.label.split("_")).filter((word) => word !== "");
  return { levels, sid: `${words.map((word) => `${word[0]}${word.slice(1).toLowerCase()}`).join("")}LeadingKeys` };
}

/** The options of every policy besides the level ids: a level field named like one gives its id under `ids`. */
const policyOptionNames: Readonly<Record<PolicyOptionName, true>> = {
  table: true,
  region: true,
  accountId: true,
  partition: true,
  indexes: true,
  actions: true,
  sid: true,
  ids: true,
};
/** The target's options ({@link PolicyTarget}), as the runtime lists them (`assumeRoleInput`'s `confine.sessionPolicy`). */
export const policyTargetNames = Object.keys(policyOptionNames).filter((name) => name !== "ids") as readonly string[];

/** The `policy.invalid` error of a call's options, its example giving the ids as the call takes them. */
const policyInvalid =
  (levels: readonly IsolationLevelSpec[], underIds: boolean, call: PolicyCall) =>
  (field: string, problem: string): CapsuleEntityError =>
    new CapsuleEntityError(
      policyInputMessage(field, problem, levels[0]!.field, underIds || clashOf(levels) !== undefined, call),
    );
/** The first level field named like an option of the policy (the first, as {@link ClashingField}). */
const clashOf = (levels: readonly IsolationLevelSpec[]): IsolationLevelSpec | undefined =>
  levels.find((level) => Object.hasOwn(policyOptionNames, level.field));

/**
 * The level ids of a policy's options, by field: `ids`, or the options' other members (as the kit's options type
 * declares them). Throws `policy.invalid` for `ids` that are no object, and for ids beside the options of a kit whose
 * level field is named like an option: it would be read as both (a kit's `accountId` level pinning the policy to the
 * partition of the org whose id is the AWS account number, `region` to the one named like the region), and for a level
 * owed: the outermost id missing, or an inner one given without the one outside it (the compiler's {@link OwedLevel}).
 *
 * @example
 * policyLevelIds({ table, region, accountId, ids: { accountId: "a1" } }, accountLevels, "sessionPolicy"); //=> { accountId: "a1" }
 */
export function policyLevelIds(
  options: PolicyTarget & { readonly ids?: unknown },
  levels: readonly IsolationLevelSpec[],
  call: PolicyCall,
): Readonly<Record<string, unknown>> {
  const clash = clashOf(levels);
  const underIds = options.ids !== undefined;
  const invalid = policyInvalid(levels, underIds, call);
  if (clash !== undefined && !underIds) throw invalid(clash.field, clashProblem);
  if (underIds && (typeof options.ids !== "object" || options.ids === null))
    throw invalid(
      "ids",
      `is ${JSON.stringify(options.ids)}, not an object of the level ids (${levels.map((level) => level.field).join(", ")})`,
    );
  const ids = (underIds ? options.ids : options) as Readonly<Record<string, unknown>>;
  // The levels given, outermost first: the first one left out ends the prefix, and none may follow it.
  const prefix = underIds ? "ids." : "";
  const given = levels.findIndex((level) => ids[level.field] === undefined);
  if (given === 0) throw invalid(`${prefix}${levels[0]!.field}`, "is missing");
  const stray = given === -1 ? undefined : levels.slice(given).find((level) => ids[level.field] !== undefined);
  if (stray !== undefined)
    throw invalid(`${prefix}${stray.field}`, `is given without ${prefix}${levels[given]!.field}, the level outside it`);
  return ids;
}

/**
 * {@link leadingKeysPolicy} in any kit's levels: `dynamodb:LeadingKeys` must be exactly
 * `ORG#o#WS#w` (the labels of the levels given, outermost first) or start with it followed by `#`. Each level
 * given needs every level outside it; the first level left out ends the prefix. `call` names the policy in its
 * messages (`sessionPolicy`: literal ids in the example).
 *
 * @example
 * levelsPolicy({ table, region, accountId, orgId: { principalTag: "orgId" }, workspaceId: "eng" }, policyLevels(kit.levels));
 * //=> … "dynamodb:LeadingKeys": ["ORG#${aws:PrincipalTag/orgId}#WS#eng", "ORG#${aws:PrincipalTag/orgId}#WS#eng#*"] …
 * @see docs/patterns/isolation-vocabulary.md
 */
export function levelsPolicy(
  options: PolicyTarget & { readonly ids?: unknown },
  { levels, sid: defaultSid }: PolicyLevels,
  call: PolicyCall = "leadingKeysPolicy",
): IamPolicy {
  const fields = levels.map((level) => level.field);
  const underIds = options.ids !== undefined;
  const prefix = underIds ? "ids." : "";
  const invalid = policyInvalid(levels, underIds, call);
  const ids = policyLevelIds(options, levels, call) as Readonly<Record<string, PolicyValue | undefined>>;
  // A misspelt option (`index` for `indexes`, `capsuleID`) would be ignored: the policy wider than meant.
  const takes = [...Object.keys(policyOptionNames), ...(underIds ? [] : fields)];
  const strayOption = Object.keys(options).find((key) => !takes.includes(key));
  if (strayOption !== undefined)
    throw invalid(
      strayOption,
      fields.includes(strayOption)
        ? "is given beside ids: give every level id under ids"
        : `is not an option of the policy (${takes.join(", ")})`,
    );
  const strayId = underIds ? Object.keys(ids).find((key) => !fields.includes(key)) : undefined;
  if (strayId !== undefined) throw invalid(`ids.${strayId}`, `is not a level field of the kit (${fields.join(", ")})`);
  const { region, accountId, partition = "aws", table } = options;
  if (typeof accountId !== "string" || !/^\d{12}$/.test(accountId))
    throw invalid("accountId", `is ${JSON.stringify(accountId)}, not 12 digits`);
  if (typeof region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    throw invalid("region", `is ${JSON.stringify(region)}, not a region name`);
  if (!["aws", "aws-cn", "aws-us-gov"].includes(partition))
    throw invalid("partition", `is ${JSON.stringify(partition)}`);
  const tableName = typeof table === "string" ? table : table.name;
  const indexes = options.indexes ?? (typeof table === "string" ? [] : table.indexes);
  const namePattern = /^[A-Za-z0-9_.-]{3,255}$/;
  const badName = [tableName, ...indexes].find((name) => typeof name !== "string" || !namePattern.test(name));
  if (badName !== undefined) throw invalid("table", `has an invalid table or index name ${JSON.stringify(badName)}`);

  const value = (field: string, given: PolicyValue): { readonly text: string; readonly tag?: string } => {
    if (typeof given === "string") {
      if (given === "" || given.includes("#") || !given.isWellFormed())
        throw invalid(`${prefix}${field}`, `is ${JSON.stringify(given)}, which cannot be a key part`);
      return { text: given.replace(/[*?$]/g, (special) => `\${${special}}`) };
    }
    const tag = typeof given === "object" && given !== null ? given.principalTag : undefined;
    if (typeof tag !== "string" || !isTagKey(tag))
      throw invalid(`${prefix}${field}.principalTag`, `is ${JSON.stringify(tag)}`);
    return { text: `\${aws:PrincipalTag/${tag}}`, tag: `aws:PrincipalTag/${tag}` };
  };
  // The levels given (policyLevelIds checked them): up to the first one left out.
  const given = levels.findIndex((level) => ids[level.field] === undefined);
  const pinned = given === -1 ? levels : levels.slice(0, given);
  const values = pinned.map((level) => value(level.field, ids[level.field]!));
  const exact = pinned.map((level, index) => `${level.label}#${values[index]!.text}`).join("#");

  const actions = options.actions ?? allActions;
  const unknown = actions.find((action) => !allActions.includes(action));
  if (unknown !== undefined || actions.length === 0)
    throw invalid(
      "actions",
      `includes ${JSON.stringify(unknown ?? "nothing")}, not an item-level action LeadingKeys governs`,
    );

  const sid = options.sid ?? defaultSid;
  if (!/^[A-Za-z0-9]+$/.test(sid)) throw invalid("sid", `is ${JSON.stringify(sid)}, not letters and digits`);

  const arn = `arn:${partition}:dynamodb:${region}:${accountId}:table/${tableName}`;
  const tags = values.map((found) => found.tag).filter((tag): tag is string => tag !== undefined);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid,
        Effect: "Allow",
        Action: [...new Set(actions)],
        Resource: [arn, ...indexes.map((index) => `${arn}/index/${index}`)],
        Condition: {
          "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [exact, `${exact}#*`] },
          Null: Object.fromEntries([["dynamodb:LeadingKeys", "false"], ...tags.map((tag) => [tag, "false"])]),
        },
      },
    ],
  };
}
