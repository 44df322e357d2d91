/**
 * capsule-entity: tenant and capsule isolation for DynamoDB entities, as type errors, runtime checks, scoped
 * access and audited events. Start with docs/guide.md; docs/patterns/ has a canonical example per pattern.
 *
 * @packageDocumentation
 */
export { defineEntity } from "./define-entity.js";
export type {
  AnyObjectSchema,
  Entity,
  EntityDefinition,
  EntityItem,
  EntityKeyInput,
  EntityKeys,
  IndexDefinition,
  InferAttributes,
  InferItem,
  InferKeys,
  IsolationInput,
  KeyTemplates,
  ResolvedIsolation,
} from "./define-entity.js";
export { capsuleId, tenantId } from "./ids.js";
export type { CapsuleId, CapsuleIdSchema, IsolationFieldName, TenantId, TenantIdSchema } from "./ids.js";
export { CapsuleEntityError, EntityDefinitionError, IsolationError, ItemValidationError, KeyValueError } from "./errors.js";
export { errorCatalog } from "./messages.js";
export type { IsolationLevel } from "./messages.js";
export type { EntityScope, KeyCommandInput, PutCommandInput, QueryCommandInput, ScopeIds, ScopeOptions, ScopedInput } from "./scope.js";
