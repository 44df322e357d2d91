/**
 * capsule-entity: tenant and capsule isolation for DynamoDB entities, as type errors, runtime checks, scoped
 * access and audited events. Start with docs/guide.md; docs/patterns/ has a canonical example per pattern.
 *
 * @packageDocumentation
 */
export { defineEntity, defineIsolation } from "./kit.js";
export type {
  AnyObjectSchema,
  DefinedKeyInput,
  Entity,
  EntityDefinition,
  EntityItem,
  EntityKeyInput,
  EntityKeys,
  EntityTable,
  IndexDefinition,
  InferAttributes,
  InferItem,
  InferKeys,
  IsolationInput,
  KeyInputOf,
  KeyTemplates,
  StoredItem,
  StoredItemOptions,
  TemplatesOf,
} from "./entity/define-entity.js";
export type { ResolvedIsolation } from "./entity/isolation.js";
export type {
  CheckLevels,
  IsolationKit,
  KitDefineEntity,
  KitIdConstructor,
  KitIdSchema,
  KitIds,
  KitIsolationInput,
  KitVocabularyOf,
  ResolveKitIsolation,
} from "./entity/define-isolation.js";
export type { DefaultVocabulary, IsolationLevelSpec, KitId, Vocabulary } from "./entity/vocabulary.js";
export { capsuleId, tenantId } from "./ids.js";
export type { CapsuleId, CapsuleIdSchema, IdInner, IsolationFieldName, TenantId, TenantIdSchema } from "./ids.js";
export {
  CapsuleEntityError,
  EntityDefinitionError,
  EventValidationError,
  IsolationError,
  ItemValidationError,
  KeyValueError,
  matchError,
} from "./errors.js";
export type { ErrorHandlers } from "./errors.js";
export { errorCatalog } from "./messages.js";
export type { CatalogEntry, ErrorCode, IsolationLevel } from "./messages.js";
export type {
  AttributesOf,
  DeleteCommandInput,
  EntityScope,
  FixedFields,
  GetCommandInput,
  IndexNames,
  KeyCommandInput,
  ExactQueryInput,
  OuterEntityScope,
  OuterQueryInput,
  OwnQueryInput,
  OwnIndexQueryInput,
  OwnTableQueryInput,
  PutCommandInput,
  QueryCommandInput,
  IsolationPaths,
  QueryFilter,
  QueryInput,
  QueryPageOptions,
  ScopeIds,
  ScopeOptions,
  ScopedDeleteInput,
  ScopedGetInput,
  ScopedInput,
  ScopedPutInput,
  ScopedUpdateInput,
  StoredAs,
  TableIn,
  TemplateKeyInput,
  UpdateCommandInput,
} from "./access/scope.js";
export type { SortKeyCondition, SortKeyOperator, TemplatePathList } from "./access/sort-key.js";
export { op } from "./access/update.js";
export type { CheckUpdateChanges, FieldOf, UpdateChanges, UpdateOperator } from "./access/update.js";
export { compileCondition, conditionBuilder, withCondition } from "./access/condition.js";
export type {
  CheckPath,
  CheckValue,
  Comparison,
  CompiledExpression,
  Condition,
  ConditionBuilder,
  ConditionInput,
  ConditionPath,
  ConditionedCommand,
  SizeOf,
  ValueAt,
} from "./access/condition.js";
export type { FilterBuilder, FilterInput } from "./access/filter.js";
export type { OutputOfField } from "./keys/key-template.js";
export { createTableInput, defineTable, timeToLiveInput } from "./access/table.js";
export type {
  CheckTable,
  CreateTableInput,
  InferTableAttributes,
  InferTableProjections,
  KeySchemaElement,
  ProjectionFit,
  ProjectionInput,
  Table,
  TableAttributes,
  TableDefinition,
  TableFit,
  TableIndexDefinition,
  TableProjection,
  TableProjections,
  TimeToLiveInput,
} from "./access/table.js";
export type { CheckWriteField, EntityWriteOptions, WriteOptionsDefinition } from "./entity/write-options.js";
export { leadingKeysPolicy } from "./access/leading-keys-policy.js";
export type {
  IamPolicy,
  IamStatement,
  KitLeadingKeysPolicy,
  KitLeadingKeysPolicyOptions,
  KitPolicyIds,
  LeadingKeysAction,
  LeadingKeysPolicyOptions,
  PolicyOptionName,
  PolicyTarget,
  PolicyValue,
} from "./access/leading-keys-policy.js";
export { defineEvent } from "./events/define-event.js";
export type {
  CheckEventIsolation,
  CheckKitEventIsolation,
  EventDefinitionInput,
  EventEntity,
  KitDefineEvent,
  KitEventEntity,
} from "./events/define-event.js";
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
} from "./events/event-definition.js";
export { createEventValidator } from "./events/event-validator.js";
export type {
  EventBatchReport,
  EventTypeSummary,
  EventValidationResult,
  EventValidator,
  EventValidatorOptions,
  EventViolation,
  EventViolationCode,
  Severity,
} from "./events/event-validator.js";
export type { RelatedOptions } from "./events/event-relations.js";
export { createEventValidationHandler } from "./events/event-handler.js";
export type {
  EventHandlerOptions,
  EventHandlerSummary,
  EventHandlerTotals,
  EventValidationHandler,
} from "./events/event-handler.js";
export { assertValidEvents } from "./events/event-fixture.js";
