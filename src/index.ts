/**
 * capsule-entity: tenant and capsule isolation for DynamoDB entities, as type errors, runtime checks, scoped
 * access and audited events.
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
export { CapsuleEntityError, EntityDefinitionError, EventValidationError, IsolationError, ItemValidationError, KeyValueError } from "./errors.js";
export { errorCatalog } from "./messages.js";
export type { IsolationLevel } from "./messages.js";
export type { EntityScope, KeyCommandInput, PutCommandInput, QueryCommandInput, ScopeIds, ScopeOptions, ScopedInput } from "./scope.js";
export { defineEvent } from "./define-event.js";
export type { CheckEventIsolation, EventDefinitionInput, EventEntity } from "./define-event.js";
export type {
  EntityEvent,
  EntityEventDetail,
  EntityEventOptions,
  EntityEventShape,
  EventDefinition,
  EventEnvelope,
  InferEvent,
  InferEventDetail,
  NoExtraDetail,
} from "./event-definition.js";
export { createEventValidator } from "./event-validator.js";
export type {
  EventBatchReport,
  EventTypeSummary,
  EventValidationResult,
  EventValidator,
  EventValidatorOptions,
  EventViolation,
  EventViolationCode,
  Severity,
} from "./event-validator.js";
export type { RelatedOptions } from "./event-relations.js";
export { createEventValidationHandler } from "./event-handler.js";
export type { EventHandlerOptions, EventHandlerSummary, EventHandlerTotals, EventValidationHandler } from "./event-handler.js";
export { assertValidEvents } from "./event-fixture.js";
