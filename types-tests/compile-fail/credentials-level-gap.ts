// Credentials vended for an inner level's id without the one outside it (a three-level kit's org and env, no
// project): no scope has that shape. The ids of `assumeRoleInput` and `sessionTags` refuse it on `this`, with the
// runtime's credentials.invalid, whichever the confinement (before, it compiled, then threw a session policy's
// policy.invalid or a tag's "is missing"). Found by the s18 verifier.
import { defineIsolation } from "capsule-entity";
import { kitCredentials } from "capsule-entity/credentials";

const threeLevels = kitCredentials(
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      { name: "project", field: "projectId", label: "PRJ" },
      { name: "env", field: "envId", label: "ENV" },
    ],
  }),
);
const roleArn = "arn:aws:iam::123456789012:role/org-data";
const sessionPolicy = { table: "app_data", region: "eu-west-1", accountId: "123456789012" };

export const assumeRoleWithAPolicy = () =>
  // expect-error: credentials.invalid
  threeLevels.assumeRoleInput({ orgId: "o1", envId: "e1" }, { roleArn, confine: { sessionPolicy } });

export const assumeRoleWithTags = () =>
  // expect-error: credentials.invalid
  threeLevels.assumeRoleInput({ orgId: "o1", envId: "e1" }, { roleArn, confine: { sessionTags: {} } });

export const sessionTagsOfAGap = () =>
  // expect-error: credentials.invalid
  threeLevels.sessionTags({ orgId: "o1", envId: "e1" });

// The provider and the client cache take the ids of a call too, and refuse the gap the same way: the provider before
// it calls STS, the cache when its client is asked for (with any provider, yours too), before it looks or vends.
const provider = threeLevels.assumeRoleCredentials(async () => ({}), { roleArn, confine: { sessionTags: {} } });
const clients = threeLevels.scopedClientCache({
  credentials: async () => ({ accessKeyId: "AK", secretAccessKey: "secret" }),
  createClient: () => ({}),
});

export const providerOfAGap = () =>
  // expect-error: credentials.invalid async
  provider({ orgId: "o1", envId: "e1" });

export const cachedClientOfAGap = () =>
  // expect-error: credentials.invalid async
  clients.client({ orgId: "o1", envId: "e1" });

// Forgetting a scope takes the same ids: before, `delete` checked nothing on either side (a gap forgot nothing,
// silently); now refused as `client` refuses them.
export const forgetAGap = () =>
  // expect-error: credentials.invalid
  clients.delete({ orgId: "o1", envId: "e1" });

// The outermost id missing (an env's alone, or another kit's ids) was TypeScript's words: "Property 'orgId' is
// missing", or for ids with no key in common with the optional ones, a weak type's "has no properties in common".
// The calls infer the ids against every level optional now and refuse the outermost missing on `this`, in the
// runtime's words (session s21); sessionPolicy's ids under `ids` likewise (policy.invalid, as its runtime says).
import {
  assumeRoleCredentials,
  scopedClientCache,
  sessionPolicy as defaultSessionPolicy,
  sessionTags,
} from "capsule-entity/credentials";

export const sessionTagsWithoutTheOrg = () =>
  // expect-error: credentials.invalid
  threeLevels.sessionTags({ projectId: "p1", envId: "e1" });

const defaultProvider = assumeRoleCredentials(async () => ({}), { roleArn, confine: { sessionPolicy } });
export const defaultProviderGivenAKitsIds = () =>
  // expect-error: credentials.invalid async
  defaultProvider({ orgId: "o1", projectId: "p1" });

export const defaultSessionTagsWithoutTheTenant = () =>
  // expect-error: credentials.invalid
  sessionTags({ capsuleId: "c1" });

const ownClients = scopedClientCache({ credentials: async () => ({ accessKeyId: "AK", secretAccessKey: "S" }), createClient: () => ({}) });
export const forgetAKitsIds = () =>
  // expect-error: credentials.invalid
  ownClients.delete({ orgId: "o1" });

export const sessionPolicyGivenAKitsIdsUnderIds = () =>
  // expect-error: policy.invalid
  defaultSessionPolicy({ ...sessionPolicy, ids: { orgId: "o1", projectId: "p1" } });
