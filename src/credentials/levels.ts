/**
 * The levels credentials are vended for: the default kit's (`tenantId`, `capsuleId`) or a kit's
 * (`defineIsolation`), with the words of their messages and the policy's statement id. Every function of
 * `capsule-entity/credentials` is written once over these; the default exports pass the default kit's, and
 * `kitCredentials(kit)` a kit's.
 */
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { optionBagProblem } from "../internal/option-keys.js";
import {
  credentialsInvalidMessage,
  sessionPolicySizeMessage,
  type CredentialsInvalidMessage,
  type defaultVocabulary,
} from "../messages.js";
import {
  defaultPolicyLevels,
  policyLevels,
  type GivenField,
  type IsGiven,
  type PolicyLevels,
} from "../access/leading-keys-policy.js";
import type { IsolationLevelSpec } from "../entity/vocabulary.js";

/**
 * One level an ABAC role reads, and the session tag carrying its id.
 *
 * @example
 * const tagged: TagLevel = { field: "orgId", tag: "orgId" };
 */
export interface TagLevel {
  readonly field: string;
  readonly tag: string;
}

/**
 * Levels, policy and messages of one kit's credentials.
 *
 * @example
 * credentialLevels(kit.levels).invalid("roleArn", "is \"x\", not a role ARN");
 */
export interface CredentialLevels {
  readonly policy: PolicyLevels;
  /** The tag key per level field given by the options, `false` ending the levels read (see {@link tagPlan}). */
  readonly tagKeys: (options: unknown) => Readonly<Record<string, string | false | undefined>>;
  /** The options naming tag keys (`tenantTag`, `capsuleTag`; a kit's level fields): any other is refused. */
  readonly tagOptions: readonly string[];
  readonly invalid: (field: string, problem: string) => CapsuleEntityError;
  readonly tooLarge: (what: string, size: string, limit: string, options?: ErrorOptions) => CapsuleEntityError;
}

/** The default kit's: `tenantTag` / `capsuleTag` options, and the messages as they always were. */
export const defaultCredentialLevels: CredentialLevels = {
  policy: defaultPolicyLevels,
  tagKeys: (options) => {
    const keys = options as { readonly tenantTag?: string; readonly capsuleTag?: string | false } | undefined;
    return { tenantId: keys?.tenantTag, capsuleId: keys?.capsuleTag };
  },
  tagOptions: ["tenantTag", "capsuleTag"],
  invalid: (field, problem) => new CapsuleEntityError(credentialsInvalidMessage(field, problem)),
  tooLarge: (what, size, limit, options) =>
    new CapsuleEntityError(sessionPolicySizeMessage(what, size, limit), options),
};

/**
 * A kit's: tag keys by level field (default: the field itself), and examples named after its outermost level
 * (role `org-data`, index `byOrg`).
 *
 * @example
 * const levels = credentialLevels([{ name: "org", field: "orgId", label: "ORG" }]);
 */
export function credentialLevels(levels: readonly IsolationLevelSpec[]): CredentialLevels {
  const outermost = levels[0]!.name.replace(/[^A-Za-z0-9]/g, "");
  const role = `${outermost.toLowerCase()}-data`;
  const index = `by${outermost.charAt(0).toUpperCase()}${outermost.slice(1)}`;
  return {
    policy: policyLevels(levels),
    tagKeys: (options) => (options as Readonly<Record<string, string | false | undefined>> | undefined) ?? {},
    tagOptions: levels.map((level) => level.field),
    invalid: (field, problem) => new CapsuleEntityError(credentialsInvalidMessage(field, problem, role)),
    tooLarge: (what, size, limit, options) =>
      new CapsuleEntityError(sessionPolicySizeMessage(what, size, limit, index), options),
  };
}

/**
 * The levels an ABAC role reads, outermost first, each with its tag key (default: the level's field): the
 * first level whose key is `false` ends them (a tenant-wide role: `capsuleTag: false`; an org-wide one:
 * `workspaceId: false`). The outermost level cannot be left out.
 *
 * @example
 * tagPlan(credentialLevels(orgLevels), { workspaceId: false }); //=> [{ field: "orgId", tag: "orgId" }]
 */
export function tagPlan(levels: CredentialLevels, options: unknown): readonly TagLevel[] {
  if (options !== undefined) checkCredentialOptions(levels, "the tag keys", options, levels.tagOptions);
  const keys = levels.tagKeys(options);
  const plan: TagLevel[] = [];
  for (const { field } of levels.policy.levels) {
    const given = keys[field];
    // A tag key from configuration read as a number (or any non-string) would reach the policy as `principalTag`.
    if (given !== undefined && given !== false && (typeof given !== "string" || given === ""))
      throw levels.invalid(`${field} tag`, `is ${describeValue(given)}, not a tag key (a non-empty string) or false`);
    const tag = given ?? field;
    if (tag === false) break;
    // STS keeps one tag per key, compared without case, and reserves the aws: prefix: two levels read from one
    // tag would both get the last value passed (or the request is refused), an aws: key is never passed.
    if (typeof tag === "string" && /^aws:/i.test(tag))
      throw levels.invalid(`${field} tag`, `is ${JSON.stringify(tag)}: the aws: prefix is reserved by AWS`);
    const same = plan.find((level) => typeof tag === "string" && level.tag.toLowerCase() === tag.toLowerCase());
    if (same !== undefined)
      throw levels.invalid(`${field} tag`, `is ${JSON.stringify(tag)}, the tag ${same.field} is read from`);
    plan.push({ field, tag });
  }
  // A role reading no tag would confine nothing (and its trust policy would require none).
  if (plan.length === 0)
    throw levels.invalid(`${levels.policy.levels[0]!.field} tag`, "is false: the outermost level is always read");
  return plan;
}

/**
 * Refuses level ids credentials cannot be vended for, in the catalog's words rather than as what they break
 * further on (a number read as a principal tag, an empty id as a wider pattern): an object, the outermost level's
 * id present, no id below a level left out, each level the role reads from a session tag given (`reads`: its
 * tagPlan, for credentials confined by tags), and every id given a non-empty string without `#` (a key part). The
 * ids' shape before their values, as the types see them (they see no string's content): an empty org id in ids
 * without the workspace a role reads is the workspace missing on both sides (the types' `UnreadTagCheck`).
 * `prefix`: `ids.` for a session policy's ids under `ids`, named so in the message.
 *
 * @example
 * checkScopeLevelIds(defaultCredentialLevels, { tenantId: 5 }); // throws "[credentials.invalid] tenantId is 5, not an id …"
 */
export function checkScopeLevelIds(
  levels: CredentialLevels,
  ids: unknown,
  prefix: "" | "ids." = "",
  reads: readonly TagLevel[] = [],
): void {
  if (typeof ids !== "object" || ids === null)
    throw levels.invalid("the ids", `are ${describeValue(ids)}, not an object of level ids`);
  const values = ids as Readonly<Record<string, unknown>>;
  const [outermost] = levels.policy.levels;
  if (values[outermost!.field] === undefined)
    throw levels.invalid(
      `${prefix}${outermost!.field}`,
      "is missing: credentials are vended for a scope of at least that level",
    );
  // The first level left out ends the scope: an id below it names no scope (its type twin: `LevelGapCheck`).
  const left = levels.policy.levels.findIndex(({ field }) => values[field] === undefined);
  const stray =
    left < 0 ? undefined : levels.policy.levels.slice(left + 1).find(({ field }) => values[field] !== undefined);
  if (stray !== undefined)
    throw levels.invalid(
      `${prefix}${stray.field}`,
      `is given without ${prefix}${levels.policy.levels[left]!.field}, the level outside it`,
    );
  // The outermost id is checked above; an inner one may be left out of the ids, not of the role's tags.
  const unread = reads.find(({ field }) => values[field] === undefined);
  if (unread !== undefined)
    throw levels.invalid(unread.field, `is missing, but the role reads it from tag ${unread.tag}`);
  for (const { field } of levels.policy.levels) {
    const id = values[field];
    if (id === undefined) continue;
    if (typeof id !== "string" || id === "" || id.includes("#"))
      throw levels.invalid(`${prefix}${field}`, `is ${describeValue(id)}, not an id (a non-empty string without "#")`);
  }
}

/**
 * What the calls taking a scope's ids infer them against: each level's id optional (a string), any other key taken, as
 * the runtime ignores it. The outermost id is required by {@link LevelGapCheck} on `this`, in the runtime's words
 * (`orgId is missing: …`), where a required property said TypeScript's ("Property 'orgId' is missing"). `object &`:
 * an all-optional type alone is a weak type, to which TypeScript refuses another kit's ids (no key in common) in its
 * own words; an intersection with `object` is none, and an interface (`ScopeLevelIds`) is an `object`.
 *
 * @example
 * const ids: ScopeIdsInput<typeof levels> = { orgId: "acme", workspaceId: "eng" };
 */
export type ScopeIdsInput<TLevels extends readonly IsolationLevelSpec[]> = object & {
  readonly [TField in TLevels[number]["field"]]?: string;
};

/** The default kit's levels (`tenantId`, `capsuleId`), for the types of the default exports. */
export type DefaultLevels = typeof defaultVocabulary.levels;

/**
 * `unknown`, or the runtime's `credentials.invalid` (checkScopeLevelIds) for ids that name no scope: the outermost
 * level's id missing (another kit's ids, say), or an inner level's id given without the one outside it (a three-level
 * kit's `{ orgId, envId }`): the `this` of the calls taking a scope's ids, so that the message names the call.
 *
 * @example
 * type Check = LevelGapCheck<{ orgId: "o1"; envId: "e1" }, typeof levels>;
 * //=> "[credentials.invalid] envId is given without projectId, the level outside it | …"
 */
export type LevelGapCheck<TIds, TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer TOutermost extends IsolationLevelSpec,
  ...infer TInner extends IsolationLevelSpec[],
]
  ? IsGiven<TIds, TOutermost["field"]> extends true
    ? LevelGap<TIds, TInner, `${Lowercase<TOutermost["name"]>}-data`> extends infer TMessage
      ? [TMessage] extends [never]
        ? unknown
        : TMessage
      : unknown
    : CredentialsInvalidMessage<
        TOutermost["field"],
        "is missing: credentials are vended for a scope of at least that level",
        `${Lowercase<TOutermost["name"]>}-data`
      >
  : unknown;

/** The message of the first level left out with a level below it given, else `never`; `TRole` for its example. */
type LevelGap<TIds, TLevels extends readonly IsolationLevelSpec[], TRole extends string> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  ...infer TRest extends IsolationLevelSpec[],
]
  ? IsGiven<TIds, THead["field"]> extends true
    ? LevelGap<TIds, TRest, TRole>
    : GivenField<TIds, TRest> extends infer TStray extends string
      ? CredentialsInvalidMessage<TStray, `is given without ${THead["field"]}, the level outside it`, TRole>
      : never
  : never;

/**
 * `unknown`, or the runtime's message (checkCredentialOptions) for the keys of `TBag` not in `TTakes`: `TCall`'s option
 * bag, `TList` the runtime's list of what it takes, `TRole` the role of the message's example.
 */
export type StrayOption<TBag, TTakes, TCall extends string, TList extends string, TRole extends string> =
  Exclude<keyof TBag, TTakes> extends infer TStray extends string
    ? [TStray] extends [never]
      ? unknown
      : CredentialsInvalidMessage<`${TCall} option "${TStray}"`, `is not one it takes (${TList})`, TRole>
    : unknown;

/**
 * Refuses options of a credentials function that are no object, or hold a key it does not take (a misspelt
 * `refreshBeforeSecond` would be ignored and the default used).
 *
 * @example
 * checkCredentialOptions(defaultCredentialLevels, "scopedClientCache", { maxEntry: 5 }, ["maxEntries"]);
 * // throws "[credentials.invalid] scopedClientCache option \"maxEntry\" is not one it takes (maxEntries) | …"
 */
export function checkCredentialOptions(
  levels: CredentialLevels,
  call: string,
  options: unknown,
  takes: readonly string[],
): void {
  const found = optionBagProblem(options, takes);
  if (found !== undefined)
    throw levels.invalid(
      `${call} ${found.what}`,
      found.stray ? `${found.problem} (${takes.join(", ")})` : found.problem,
    );
}
