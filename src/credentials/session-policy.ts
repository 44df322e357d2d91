/**
 * Per-request confinement with STS: the session policy an `AssumeRole` call passes, built from the same
 * templates as `leadingKeysPolicy`, and checked against the size STS accepts before the call is made.
 */
import {
  levelsPolicy,
  type IamPolicy,
  type LeadingKeysPolicyOptions,
  type PolicyTarget,
} from "../access/leading-keys-policy.js";
import { checkScopeLevelIds, defaultCredentialLevels, type CredentialLevels } from "./levels.js";

/** STS refuses a session policy whose plain text is longer than this (characters). */
export const sessionPolicyMaxLength = 2048;

/**
 * Options of {@link sessionPolicy}: those of `leadingKeysPolicy`, with literal ids (a session is vended for
 * one scope, so there is no principal tag to read).
 *
 * @example
 * const options: SessionPolicyOptions = { table: PlatformTable, region: "eu-west-1", accountId: "123456789012", tenantId: "acme", capsuleId: "eu-prod" };
 */
export interface SessionPolicyOptions extends Omit<LeadingKeysPolicyOptions, "tenantId" | "capsuleId"> {
  readonly tenantId: string;
  /** Leave out for a session confined to its tenant (every capsule of it). */
  readonly capsuleId?: string;
}

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
 * @see docs/leading-keys.md
 */
export function sessionPolicy(options: SessionPolicyOptions): IamPolicy {
  return levelsSessionPolicy(options, defaultCredentialLevels);
}

/** {@link sessionPolicy} in any kit's levels: the ids are the options' level fields. */
export function levelsSessionPolicy(options: PolicyTarget, levels: CredentialLevels): IamPolicy {
  const ids = options as unknown as Readonly<Record<string, unknown>>;
  checkScopeLevelIds(levels, ids);
  for (const { field } of levels.policy.levels) {
    const id = ids[field];
    if (typeof id === "string" && !/^[\u0020-\u00ff]*$/.test(id))
      throw levels.invalid(field, `is ${JSON.stringify(id)}, with characters STS refuses in a session policy`);
  }
  const policy = levelsPolicy(options, levels.policy);
  const length = JSON.stringify(policy).length;
  if (length > sessionPolicyMaxLength)
    throw levels.tooLarge(
      "the session policy",
      `${length.toLocaleString("en-US")} characters`,
      `${sessionPolicyMaxLength.toLocaleString("en-US")} characters`,
    );
  return policy;
}
