/**
 * `capsule-entity/credentials`: credentials vended per tenant or capsule with STS, so that the principal
 * behind each request can reach only its own partitions. Session policies (`sessionPolicy`) or session tags
 * with an ABAC role (`abacRolePolicy`, `abacTrustPolicy`, `sessionTags`), the `AssumeRole` request and a
 * cache of per-scope clients to pass to `connect()`; `kitCredentials(kit)` gives the same in a
 * `defineIsolation` kit's levels. No runtime dependency: the STS client is the caller's.
 *
 * @packageDocumentation
 */
export { sessionPolicy, sessionPolicyMaxLength } from "./session-policy.js";
export type { SessionPolicyOptions } from "./session-policy.js";
export { abacRolePolicy, abacTrustPolicy, sessionTags } from "./abac.js";
export type { ScopeLevelIds, ScopeTagKeys, TrustPolicy } from "./abac.js";
export { assumeRoleCredentials, assumeRoleInput, credentialsFromAssumeRole } from "./assume-role.js";
export type {
  AssumeRoleOptions,
  AssumeRoleRequest,
  AssumeRoleResponse,
  ConfinedBy,
  Confinement,
  ScopeCredentialProvider,
  ScopeCredentials,
} from "./assume-role.js";
export { scopedClientCache } from "./client-cache.js";
export { kitCredentials } from "./kit.js";
export type {
  KitConfinement,
  KitCredentialProvider,
  KitCredentials,
  KitScopedClientCache,
  KitScopeIds,
  KitTagKeys,
} from "./kit.js";
export type { ConfinedClientCache, ScopedClientCache, ScopedClientCacheOptions } from "./client-cache.js";
