// A role confined by session tags reads every level's tag unless its tag keys say `false`: the ids of a scope that
// leave such a level out (an org's alone, the role reading workspaceId) compiled, then threw when the tags were built.
// Refused on `this` now, with the runtime's credentials.invalid naming the tag, in sessionTags, assumeRoleInput, the
// provider (whose type records its confinement) and a client cache made with that provider; the default kit and a
// kit alike. Found by the s19 verifier (types-tests/credentials-ids.generated.test.ts).
import { defineIsolation } from "capsule-entity";
import {
  abacRolePolicy,
  assumeRoleCredentials,
  assumeRoleInput,
  kitCredentials,
  scopedClientCache,
  sessionTags,
} from "capsule-entity/credentials";

const assumeRole = async () => ({});
const createClient = () => ({});

// The default kit: capsuleId is read from tag capsuleId, or from the tag its capsuleTag option names.
const roleArn = "arn:aws:iam::123456789012:role/tenant-data";
const provider = assumeRoleCredentials(assumeRole, { roleArn, confine: { sessionTags: {} } });
const clients = scopedClientCache({ credentials: provider, createClient });

export const defaultSessionTags = () =>
  // expect-error: credentials.invalid
  sessionTags({ tenantId: "t1" });

export const defaultSessionTagsNamed = () =>
  // expect-error: credentials.invalid
  sessionTags({ tenantId: "t1" }, { capsuleTag: "capsule" });

export const defaultAssumeRoleInput = () =>
  // expect-error: credentials.invalid
  assumeRoleInput({ tenantId: "t1" }, { roleArn, confine: { sessionTags: {} } });

export const defaultProvider = () =>
  // expect-error: credentials.invalid async
  provider({ tenantId: "t1" });

export const defaultCachedClient = () =>
  // expect-error: credentials.invalid async
  clients.client({ tenantId: "t1" });

// A two-level kit: workspaceId is read from tag workspaceId, or from the tag named under its own field.
const two = kitCredentials(
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      { name: "workspace", field: "workspaceId", label: "WS" },
    ],
  }),
);
const orgRole = "arn:aws:iam::123456789012:role/org-data";
const twoProvider = two.assumeRoleCredentials(assumeRole, { roleArn: orgRole, confine: { sessionTags: {} } });
const twoClients = two.scopedClientCache({ credentials: twoProvider, createClient });

export const kitSessionTags = () =>
  // expect-error: credentials.invalid
  two.sessionTags({ orgId: "o1" });

export const kitSessionTagsNamed = () =>
  // expect-error: credentials.invalid
  two.sessionTags({ orgId: "o1" }, { workspaceId: "ws" });

export const kitAssumeRoleInput = () =>
  // expect-error: credentials.invalid
  two.assumeRoleInput({ orgId: "o1" }, { roleArn: orgRole, confine: { sessionTags: { orgId: "org" } } });

export const kitProvider = () =>
  // expect-error: credentials.invalid async
  twoProvider({ orgId: "o1" });

export const kitCachedClient = () =>
  // expect-error: credentials.invalid async
  twoClients.client({ orgId: "o1" });

// The tag keys are inferred now (to be read against the ids), so a key that is no tag option is no longer
// TypeScript's excess-property error: it is the runtime's, first (the runtime reads the keys before the ids), and a
// variable holding it is refused too (it compiled, then threw).
const keysWithAStray = { orgId: "org", orgTag: "org" };

export const kitSessionTagsStrayKey = () =>
  // expect-error: credentials.invalid
  two.sessionTags({ orgId: "o1" }, keysWithAStray);

export const defaultSessionTagsStrayKey = () =>
  // expect-error: credentials.invalid
  sessionTags({ tenantId: "t1", capsuleId: "c1" }, { tenantTag: "tenant", capsuleId: "capsule" });

// The tag keys themselves, as tagPlan refuses them before it reads any id (found by the s20 verifier: with the ids
// checked against the tags, these were refused in the wrong words, "…is missing, but the role reads it from tag
// orgId", and compiled where every id was given): an empty tag, an aws: tag, a level read from a tag a level above is
// read from already (compared without case, as STS does). A wide string tag stays lenient (no type sees its value).
export const kitTagOfAnotherLevel = () =>
  // expect-error: credentials.invalid
  two.sessionTags({ orgId: "o1" }, { workspaceId: "ORGID" });

export const kitTagOfAnotherLevelEveryId = () =>
  // expect-error: credentials.invalid
  two.assumeRoleInput(
    { orgId: "o1", workspaceId: "w1" },
    { roleArn: orgRole, confine: { sessionTags: { orgId: "scope", workspaceId: "scope" } } },
  );

export const kitAwsTag = () =>
  // expect-error: credentials.invalid
  two.assumeRoleCredentials(assumeRole, { roleArn: orgRole, confine: { sessionTags: { orgId: "aws:org" } } });

export const defaultEmptyTag = () =>
  // expect-error: credentials.invalid
  sessionTags({ tenantId: "t1" }, { capsuleTag: "" });

export const defaultTagOfAnotherLevel = () =>
  // expect-error: credentials.invalid
  assumeRoleInput({ tenantId: "t1", capsuleId: "c1" }, { roleArn, confine: { sessionTags: { tenantTag: "capsuleId" } } });

export const defaultAwsTagProvider = () =>
  // expect-error: credentials.invalid
  assumeRoleCredentials(assumeRole, { roleArn, confine: { sessionTags: { capsuleTag: "AWS:capsule" } } });

export const kitTrustPolicyTagOfAnotherLevel = () =>
  // expect-error: credentials.invalid
  two.abacTrustPolicy({ trustedPrincipal: orgRole, tags: { orgId: "scope", workspaceId: "Scope" } });

// An id's value the runtime refuses (empty, or holding `#`) in ids that also leave out a level the role reads: the
// runtime said the value first ("orgId is \"\", not an id"), the types the level (session s21: the runtime checks the
// ids' shape before their values, a cache the tags its provider's role reads too). Both say the level now.
export const kitSessionTagsEmptyOrgNoWorkspace = () =>
  // expect-error: credentials.invalid
  two.sessionTags({ orgId: "" });

export const kitCachedClientOrgWithAHashNoWorkspace = () =>
  // expect-error: credentials.invalid async
  twoClients.client({ orgId: "a#b" });

export const defaultAssumeRoleInputEmptyTenantNoCapsule = () =>
  // expect-error: credentials.invalid
  assumeRoleInput({ tenantId: "" }, { roleArn, confine: { sessionTags: {} } });

// The default kit's abacRolePolicy checked no tag key (a kit's did, session s21): a tag a level above is read from, an
// aws: one, an empty one compiled, then threw. Its tag options are inferred now, TagPlanCheck on `this` (s21 verifier).
const target = { table: "app_data", region: "eu-west-1", accountId: "123456789012" };
export const defaultRolePolicyTagOfAnotherLevel = () =>
  // expect-error: credentials.invalid
  abacRolePolicy({ ...target, capsuleTag: "TenantId" });

// Both confinements in `confine` compiled (either member of the union takes the other's key), then threw. Refused on
// `this` now in the runtime's words, which name them in one order whatever the object's (s21 verifier).
export const defaultBothConfinements = () =>
  // expect-error: credentials.invalid
  assumeRoleInput({ tenantId: "t1" }, { roleArn, confine: { sessionTags: {}, sessionPolicy: target } });

const bothConfinements = { roleArn, confine: { sessionPolicy: target, sessionTags: { workspaceId: false } } } as const;
export const kitProviderBothConfinements = () =>
  // expect-error: credentials.invalid
  two.assumeRoleCredentials(assumeRole, bothConfinements);

// A role ARN STS refuses beside ids leaving out a level the role reads: the runtime said the ARN (the options' values
// came first, session s21), the types the level. The runtime checks the options' shape, the ids', then the values now.
export const kitInputBadArnNoWorkspace = () =>
  // expect-error: credentials.invalid
  two.assumeRoleInput({ orgId: "o1" }, { roleArn: "arn:aws:iam::123456789012:user/x", confine: { sessionTags: {} } });
