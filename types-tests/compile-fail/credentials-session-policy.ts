// A session policy for a kit whose level field is named like an option of the policy (an ACCOUNT#… table's
// accountId): its ids beside the options would be read as both, so they are refused on that property, or as the type
// of `this` when that property is left out too, with the example giving them under `ids` as literal ids.
import { defineIsolation } from "capsule-entity";
import { kitCredentials, sessionPolicy as defaultSessionPolicy } from "capsule-entity/credentials";

const target = { table: "app_data", region: "eu-west-1" };
const credentials = kitCredentials(
  defineIsolation({
    levels: [
      { name: "account", field: "accountId", label: "ACCOUNT" },
      { name: "project", field: "projectId", label: "PRJ" },
    ],
  }),
);

export const accountLevelBesideTheOptions = () =>
  credentials.sessionPolicy({
    ...target,
    // expect-error: policy.invalid
    accountId: "123456789012",
    projectId: "p1",
  });

export const accountLevelLeftOut = () =>
  // expect-error: policy.invalid
  credentials.sessionPolicy({ ...target, projectId: "p1" });

const { sessionPolicy } = credentials;
export const destructuredWithoutIds = () =>
  // expect-error: policy.invalid
  sessionPolicy({ ...target });

// A level owed: an inner id without the one outside it (three levels), or the outermost id missing (the default
// kit), is the runtime's policy.invalid on `this`, in both forms: a session pinned to org-and-env has no partition.
const threeLevels = kitCredentials(
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      { name: "project", field: "projectId", label: "PRJ" },
      { name: "env", field: "envId", label: "ENV" },
    ],
  }),
);
export const innerLevelWithoutTheMiddle = () =>
  // expect-error: policy.invalid
  threeLevels.sessionPolicy({ ...target, accountId: "123456789012", orgId: "o1", envId: "e1" });
export const innerLevelWithoutTheMiddleUnderIds = () =>
  // expect-error: policy.invalid
  threeLevels.sessionPolicy({ ...target, accountId: "123456789012", ids: { orgId: "o1", envId: "e1" } });
export const defaultKitWithoutTenant = () =>
  // expect-error: policy.invalid
  defaultSessionPolicy({ ...target, accountId: "123456789012", capsuleId: "c1" });

// confine.sessionPolicy takes the policy's target only; a variable holding more (here a level id beside it) is no
// fresh object literal, so TypeScript checked no excess property: it compiled, then threw. Refused on `this` now, with
// the runtime's credentials.invalid, for the default kit's assumeRoleInput and provider and a kit's.
import { assumeRoleCredentials, assumeRoleInput } from "capsule-entity/credentials";

const targetWithAnId = { table: "app_data", region: "eu-west-1", accountId: "123456789012", projectId: "p1" };
const roleArn = "arn:aws:iam::123456789012:role/tenant-data";
const tenant = { tenantId: "t1", capsuleId: "c1" };
const org = { orgId: "o1" };

export const confinedByATargetWithAnId = () =>
  // expect-error: credentials.invalid
  assumeRoleInput(tenant, { roleArn, confine: { sessionPolicy: targetWithAnId } });

// The provider is refused where it is made, with the options, not at its first call.
export const providerConfinedByATargetWithAnId = () =>
  // expect-error: credentials.invalid
  assumeRoleCredentials(async () => ({}), { roleArn, confine: { sessionPolicy: targetWithAnId } });

export const kitConfinedByATargetWithAnId = () =>
  // expect-error: credentials.invalid
  threeLevels.assumeRoleInput(org, { roleArn, confine: { sessionPolicy: targetWithAnId } });

// The same check covers the options' other bags, a literal or a variable alike: a misspelt option (was TypeScript's
// excess-property error on a literal, nothing on a variable) and a session tag option that names no level.
const optionsWithATypo = { roleArn, confine: { sessionTags: {} }, durationSecond: 900 };

export const misspeltOption = () =>
  // expect-error: credentials.invalid
  assumeRoleInput(tenant, { roleArn, confine: { sessionTags: {} }, durationSecond: 900 });
export const providerWithAMisspeltOption = () =>
  // expect-error: credentials.invalid
  assumeRoleCredentials(async () => ({}), optionsWithATypo);
export const kitTagOptionOfNoLevel = () =>
  // expect-error: credentials.invalid
  threeLevels.assumeRoleInput(org, { roleArn, confine: { sessionTags: { orgId: "org", tenantTag: "tenant" } } });

// The client cache's options, the same way (session s20): a misspelt option in a variable compiled, then threw when
// the cache was made; as a literal it was TypeScript's excess-property error. Refused on `this` now, both spellings.
import { scopedClientCache } from "capsule-entity/credentials";

const cacheOptionsWithATypo = { credentials: async () => ({ accessKeyId: "AK", secretAccessKey: "S" }), createClient: () => ({}), maxEntry: 5 };

export const cacheWithAMisspeltOption = () =>
  // expect-error: credentials.invalid
  scopedClientCache(cacheOptionsWithATypo);
export const kitCacheWithAMisspeltOption = () =>
  // expect-error: credentials.invalid
  threeLevels.scopedClientCache({ ...cacheOptionsWithATypo });

// The ABAC trust policy's options, the same way: a key beside trustedPrincipal (the default kit's tag options are
// there too), and in a kit a tag key that is no level's field.
import { abacTrustPolicy } from "capsule-entity/credentials";

const trustWithATypo = { trustedPrincipal: "arn:aws:iam::123456789012:role/broker", tenantTags: "tenant" };
const kitTrustWithAStrayTag = { trustedPrincipal: "arn:aws:iam::123456789012:role/broker", tags: { orgId: "org", tenantId: "t" } };

export const trustPolicyWithAMisspeltOption = () =>
  // expect-error: credentials.invalid
  abacTrustPolicy(trustWithATypo);
export const kitTrustPolicyWithAStrayTag = () =>
  // expect-error: credentials.invalid
  threeLevels.abacTrustPolicy(kitTrustWithAStrayTag);

// sessionPolicy's options in a variable (or a spread of one) with a key the policy does not take compiled, then threw
// policy.invalid; as a literal it was TypeScript's excess-property error. Refused on `this` now (StrayPolicyOption,
// session s21), in the runtime's words: an option of no policy, a level id beside `ids`, a key under `ids` that is no
// level field; the default kit and a kit alike.
import { sessionPolicy as defaultPolicy } from "capsule-entity/credentials";

const policyOptionsWithATypo = { ...target, accountId: "123456789012", tenantId: "t1", index: ["byTenant"] };
const orgIdsWithAnExtraKey = { orgId: "o1", projectId: "p1", tenantId: "t1" };

export const sessionPolicyWithAMisspeltOption = () =>
  // expect-error: policy.invalid
  defaultPolicy(policyOptionsWithATypo);
export const kitSessionPolicyWithAnExtraIdUnderIds = () =>
  // expect-error: policy.invalid
  threeLevels.sessionPolicy({ ...target, accountId: "123456789012", ids: orgIdsWithAnExtraKey });
export const kitSessionPolicyWithALevelBesideIds = () =>
  // expect-error: policy.invalid
  threeLevels.sessionPolicy({ ...target, accountId: "123456789012", ids: { orgId: "o1" }, projectId: "p1" });

// A kit's abacRolePolicy infers its tag keys now, checked as tagPlan checks them (a stray key compiled in a variable).
const roleTagsWithAStray = { orgId: "org", tenantId: "tenant" };
export const kitRolePolicyWithAStrayTag = () =>
  // expect-error: credentials.invalid
  threeLevels.abacRolePolicy({ ...target, accountId: "123456789012", tags: roleTagsWithAStray });
