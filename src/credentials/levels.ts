/**
 * The levels credentials are vended for: the default kit's (`tenantId`, `capsuleId`) or a kit's
 * (`defineIsolation`), with the words of their messages and the policy's statement id. Every function of
 * `capsule-entity/credentials` is written once over these; the default exports pass the default kit's, and
 * `kitCredentials(kit)` a kit's.
 */
import { CapsuleEntityError } from "../errors.js";
import { credentialsInvalidMessage, sessionPolicySizeMessage } from "../messages.js";
import { defaultPolicyLevels, policyLevels, type PolicyLevels } from "../access/leading-keys-policy.js";
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
  const keys = levels.tagKeys(options);
  const plan: TagLevel[] = [];
  for (const { field } of levels.policy.levels) {
    const tag = keys[field] ?? field;
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
