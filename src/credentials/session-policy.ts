/**
 * Per-request confinement with STS: the session policy an `AssumeRole` call passes, built from the same
 * templates as `leadingKeysPolicy`, and checked against the size STS accepts before the call is made.
 */
import {
  levelsPolicy,
  policyLevelIds,
  type ClashingField,
  type ClashRefused,
  type IamPolicy,
  type OwedLevel,
  type PolicyInput,
  type PolicyLevelsCheck,
  type PolicyTarget,
  type StrayPolicyOption,
} from "../access/leading-keys-policy.js";
import type { FirstRefusal } from "../internal/types.js";
import type { IsolationLevelSpec } from "../entity/vocabulary.js";
import type { defaultVocabulary } from "../messages.js";
import type { ScopeLevelIds } from "./abac.js";
import { checkScopeLevelIds, defaultCredentialLevels, type CredentialLevels } from "./levels.js";

/** STS refuses a session policy whose plain text is longer than this (characters). */
export const sessionPolicyMaxLength = 2048;

/**
 * Options of {@link sessionPolicy}: those of `leadingKeysPolicy`, with literal ids (a session is vended for
 * one scope, so there is no principal tag to read), beside the options or under `ids`.
 *
 * @example
 * const options: SessionPolicyOptions = { table: PlatformTable, region: "eu-west-1", accountId: "123456789012", tenantId: "acme", capsuleId: "eu-prod" };
 * const underIds: SessionPolicyOptions = { table: PlatformTable, region: "eu-west-1", accountId: "123456789012", ids: { tenantId: "acme" } };
 */
export type SessionPolicyOptions = (PolicyTarget & ScopeLevelIds) | (PolicyTarget & { readonly ids: ScopeLevelIds });

/**
 * The options' type of a session policy call (the default kit's, a kit's): the exact options, under `ids` (`TIds`) or
 * beside them (`TFlat`), with TypeScript's own errors and excess-property checks; where a level field is named like an
 * option (`accountId`), the ids beside the options refused on that property; a level owed (an outermost id missing,
 * an inner one without the one outside it) or the clashing property left out: the options as given, the message on
 * `this` ({@link PolicyLevelsCheck}).
 */
export type SessionPolicyOptionsOf<TOptions, TLevels extends readonly IsolationLevelSpec[], TIds, TFlat> =
  // Never false (TOptions is constrained so): its `TOptions` is where TypeScript infers the options from, which the
  // exact types below do not name (without it, a kit without a clash always fell back to the constraint).
  TOptions extends PolicyInput<TLevels, string>
    ? PolicyInput<TLevels, string> extends TOptions // inference fell back to the constraint: TypeScript's own errors
      ? (PolicyTarget & { readonly ids: TIds }) | ([ClashingField<TLevels>] extends [never] ? TFlat : never)
      : TOptions extends { readonly ids: infer TGiven }
        ? [OwedLevel<TGiven, TLevels, TLevels[0]["field"], "sessionPolicy", "ids.">] extends [never]
          ? PolicyTarget & { readonly ids: TIds }
          : TOptions // a level owed: the message is on `this`
        : [ClashingField<TLevels>] extends [never]
          ? [OwedLevel<TOptions, TLevels, TLevels[0]["field"], "sessionPolicy">] extends [never]
            ? TFlat
            : TOptions
          : ClashRefused<TOptions, TLevels, "sessionPolicy">
    : TOptions;
type DefaultLevels = typeof defaultVocabulary.levels;

/**
 * The session policy for `AssumeRole` that confines the session to one tenant and capsule: the
 * `leadingKeysPolicy` statement with literal ids. The effective permissions of the session are the
 * intersection of the role's policies and this one, so the role may grant the whole table. Throws
 * `[credentials.policyTooLarge]` when its JSON is over STS's 2,048 characters, and `[credentials.invalid]`
 * when an id is missing, not a non-empty string without `#`, or has a character STS refuses in a policy (outside
 * U+0020 to U+00FF).
 *
 * @example
 * const Policy = JSON.stringify(sessionPolicy({ table: PlatformTable, region: "eu-west-1", accountId: "123456789012", tenantId, capsuleId }));
 * await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "acme", Policy }));
 * sessionPolicy({ table: PlatformTable, region: "eu-west-1", accountId: "123456789012", ids: { tenantId, capsuleId } }); // the same policy
 * @see docs/leading-keys.md
 */
export function sessionPolicy<const TOptions extends PolicyInput<DefaultLevels, string>>(
  this: FirstRefusal<
    [
      PolicyLevelsCheck<TOptions, DefaultLevels, "sessionPolicy", string>,
      StrayPolicyOption<TOptions, DefaultLevels, "sessionPolicy">,
    ]
  >,
  options: SessionPolicyOptionsOf<TOptions, DefaultLevels, ScopeLevelIds, PolicyTarget & ScopeLevelIds>,
): IamPolicy {
  return levelsSessionPolicy(options, defaultCredentialLevels);
}

/**
 * {@link sessionPolicy} in any kit's levels: the ids are `options.ids`, or the options' level fields (refused for a
 * kit whose level field is named like an option, `accountId`).
 */
export function levelsSessionPolicy(
  options: PolicyTarget & { readonly ids?: unknown },
  levels: CredentialLevels,
): IamPolicy {
  const ids = policyLevelIds(options, levels.policy.levels, "sessionPolicy");
  const prefix = options.ids === undefined ? "" : "ids.";
  checkScopeLevelIds(levels, ids, prefix);
  for (const { field } of levels.policy.levels) {
    const id = ids[field];
    if (typeof id === "string" && !/^[\u0020-\u00ff]*$/.test(id))
      throw levels.invalid(
        `${prefix}${field}`,
        `is ${JSON.stringify(id)}, with characters STS refuses in a session policy`,
      );
  }
  const policy = levelsPolicy(options, levels.policy, "sessionPolicy");
  const length = JSON.stringify(policy).length;
  if (length > sessionPolicyMaxLength)
    throw levels.tooLarge(
      "the session policy",
      `${length.toLocaleString("en-US")} characters`,
      `${sessionPolicyMaxLength.toLocaleString("en-US")} characters`,
    );
  return policy;
}
