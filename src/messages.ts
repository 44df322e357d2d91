/**
 * The one catalog of definition errors. Each message is written twice, side by side: as a template-literal
 * type (what the compiler prints on the offending property) and as a function (what the runtime twin throws).
 * `messages.test.ts` asserts the two agree for every entry, and docs/errors.md is generated from
 * {@link errorCatalog}.
 *
 * Shape: `[code] what is wrong | how to fix it | e.g. a correct example`, one line, under ~300 characters
 * (tsc truncates longer types). Placeholders in examples are written `${…}`: a message always starts with
 * `[`, so pasting one back as a key template fails again instead of passing.
 */
import type { IsolationFieldName } from "./ids.js";

/**
 * The isolation levels an entity or event can declare: `"capsule"` (the default), or an opt-out.
 *
 * @example
 * const level: IsolationLevel = RoleAssignment.isolation.level; //=> "capsule"
 * @see docs/patterns/isolation-opt-outs.md
 */
export type IsolationLevel = "capsule" | "tenant" | "global";

/** Where a key template sits in a definition: `pk`, `sk`, `indexes.gsi1.pk`, ... */
export type KeyProperty = string;

type BrandOf<TField extends IsolationFieldName> = TField extends "tenantId" ? "TenantId" : "CapsuleId";
const brandOf = (field: IsolationFieldName): BrandOf<IsolationFieldName> =>
  field === "tenantId" ? "TenantId" : "CapsuleId";

/** A schema that satisfies the level, for the `e.g.` part of schema messages. */
export type ExampleSchema<TLevel extends IsolationLevel> = TLevel extends "capsule"
  ? "z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })"
  : "z.object({ tenantId: tenantId(), id: z.string() })";
export const exampleSchema = <TLevel extends IsolationLevel>(level: TLevel): ExampleSchema<TLevel> =>
  (level === "capsule"
    ? "z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })"
    : "z.object({ tenantId: tenantId(), id: z.string() })") as ExampleSchema<TLevel>;

/** The canonical pk for the level, for the `e.g.` part of key messages that cannot suggest a correction. */
export type ExamplePk<TLevel extends IsolationLevel> = TLevel extends "capsule"
  ? "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}"
  : TLevel extends "tenant"
    ? "TENANT#${tenantId}#SETTINGS#${id}"
    : "COUNTRY#${code}";
export const examplePk = <TLevel extends IsolationLevel>(level: TLevel): ExamplePk<TLevel> =>
  (level === "capsule"
    ? "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}"
    : level === "tenant"
      ? "TENANT#${tenantId}#SETTINGS#${id}"
      : "COUNTRY#${code}") as ExamplePk<TLevel>;

// ── rule 1: isolation fields in the schema ──────────────────────────────────────────────────────────────

export type MissingFieldMessage<TField extends IsolationFieldName, TLevel extends IsolationLevel> =
  `[isolation.missingField] the schema has no ${TField} | add ${TField}: ${TField}() at the top level or inside one nested object | e.g. ${ExampleSchema<TLevel>}`;
export const missingFieldMessage = <TField extends IsolationFieldName, TLevel extends IsolationLevel>(
  field: TField,
  level: TLevel,
): MissingFieldMessage<TField, TLevel> =>
  `[isolation.missingField] the schema has no ${field} | add ${field}: ${field}() at the top level or inside one nested object | e.g. ${exampleSchema(level)}`;

export type FieldTooDeepMessage<TField extends IsolationFieldName, TPath extends string> =
  `[isolation.fieldTooDeep] ${TField} is at ${TPath}, more than one level down | move it to the top level or into an object field of the schema | e.g. z.object({ context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }), id: z.string() })`;
export const fieldTooDeepMessage = <TField extends IsolationFieldName, TPath extends string>(
  field: TField,
  path: TPath,
): FieldTooDeepMessage<TField, TPath> =>
  `[isolation.fieldTooDeep] ${field} is at ${path}, more than one level down | move it to the top level or into an object field of the schema | e.g. z.object({ context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }), id: z.string() })`;

export type OptionalFieldMessage<TField extends IsolationFieldName, TPath extends string> =
  `[isolation.optionalField] ${TField} at ${TPath} is optional, nullable or defaulted, or sits in an optional object | every item must carry it: remove .optional(), .nullable(), .nullish() and .default() | e.g. ${TField}: ${TField}()`;
export const optionalFieldMessage = <TField extends IsolationFieldName, TPath extends string>(
  field: TField,
  path: TPath,
): OptionalFieldMessage<TField, TPath> =>
  `[isolation.optionalField] ${field} at ${path} is optional, nullable or defaulted, or sits in an optional object | every item must carry it: remove .optional(), .nullable(), .nullish() and .default() | e.g. ${field}: ${field}()`;

export type WrongTypeMessage<TField extends IsolationFieldName, TPath extends string> =
  `[isolation.wrongType] ${TField} at ${TPath} is not a ${BrandOf<TField>} | declare it with ${TField}(), which brands the value and rejects "" and "#" | e.g. ${TField}: ${TField}() or ${TField}: ${TField}(z.uuid())`;
export const wrongTypeMessage = <TField extends IsolationFieldName, TPath extends string>(
  field: TField,
  path: TPath,
): WrongTypeMessage<TField, TPath> =>
  `[isolation.wrongType] ${field} at ${path} is not a ${brandOf(field) as BrandOf<TField>} | declare it with ${field}(), which brands the value and rejects "" and "#" | e.g. ${field}: ${field}() or ${field}: ${field}(z.uuid())`;

export type AmbiguousFieldMessage<TField extends IsolationFieldName, TPaths extends string> =
  `[isolation.ambiguousField] ${TField} appears at ${TPaths} | keep exactly one, so keys and scope checks read the same value | e.g. z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })`;
export const ambiguousFieldMessage = <TField extends IsolationFieldName, TPaths extends string>(
  field: TField,
  paths: TPaths,
): AmbiguousFieldMessage<TField, TPaths> =>
  `[isolation.ambiguousField] ${field} appears at ${paths} | keep exactly one, so keys and scope checks read the same value | e.g. z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })`;

export type MissingReasonMessage<TLevel extends string> =
  `[isolation.missingReason] isolation level "${TLevel}" needs a non-empty reason written as a literal | say why this entity is not capsule-isolated | e.g. isolation: { level: "${TLevel}", reason: "shared reference data, no user content" }`;
export const missingReasonMessage = <TLevel extends string>(level: TLevel): MissingReasonMessage<TLevel> =>
  `[isolation.missingReason] isolation level "${level}" needs a non-empty reason written as a literal | say why this entity is not capsule-isolated | e.g. isolation: { level: "${level}", reason: "shared reference data, no user content" }`;

export type NameNotLiteralMessage =
  `[entity.nameNotLiteral] name must be a non-empty string literal: it is stored as entityType and checked on every read | write the name inline | e.g. name: "RoleAssignment"`;
export const nameNotLiteralMessage = (): NameNotLiteralMessage =>
  `[entity.nameNotLiteral] name must be a non-empty string literal: it is stored as entityType and checked on every read | write the name inline | e.g. name: "RoleAssignment"`;

// ── rules 2–4: key templates ────────────────────────────────────────────────────────────────────────────

export type NotLiteralMessage<TProperty extends KeyProperty, TLevel extends IsolationLevel> =
  `[key.notLiteral] ${TProperty} must be a template string literal known at compile time | write it inline in defineEntity, or declare it with as const | e.g. ${TProperty}: "${ExamplePk<TLevel>}"`;
export const notLiteralMessage = <TProperty extends KeyProperty, TLevel extends IsolationLevel>(
  property: TProperty,
  level: TLevel,
): NotLiteralMessage<TProperty, TLevel> =>
  `[key.notLiteral] ${property} must be a template string literal known at compile time | write it inline in defineEntity, or declare it with as const | e.g. ${property}: "${examplePk(level)}"`;

export type UnclosedPlaceholderMessage<TProperty extends KeyProperty, TTemplate extends string> =
  `[key.unclosedPlaceholder] ${TProperty} "${TTemplate}" opens \${ without a closing } | close every placeholder | e.g. "ROLE#\${id}"`;
export const unclosedPlaceholderMessage = <TProperty extends KeyProperty, TTemplate extends string>(
  property: TProperty,
  template: TTemplate,
): UnclosedPlaceholderMessage<TProperty, TTemplate> =>
  `[key.unclosedPlaceholder] ${property} "${template}" opens \${ without a closing } | close every placeholder | e.g. "ROLE#\${id}"`;

export type EmptyPlaceholderMessage<TProperty extends KeyProperty, TTemplate extends string> =
  `[key.emptyPlaceholder] ${TProperty} "${TTemplate}" has an empty \${} | name a field inside it | e.g. "ROLE#\${id}"`;
export const emptyPlaceholderMessage = <TProperty extends KeyProperty, TTemplate extends string>(
  property: TProperty,
  template: TTemplate,
): EmptyPlaceholderMessage<TProperty, TTemplate> =>
  `[key.emptyPlaceholder] ${property} "${template}" has an empty \${} | name a field inside it | e.g. "ROLE#\${id}"`;

export type SharedSegmentMessage<TProperty extends KeyProperty, TFirst extends string, TSecond extends string> =
  `[key.sharedSegment] ${TProperty} puts \${${TFirst}} and \${${TSecond}} in one #-segment, so a key could split two ways | separate placeholders with # | e.g. "\${${TFirst}}#\${${TSecond}}"`;
export const sharedSegmentMessage = <TProperty extends KeyProperty, TFirst extends string, TSecond extends string>(
  property: TProperty,
  first: TFirst,
  second: TSecond,
): SharedSegmentMessage<TProperty, TFirst, TSecond> =>
  `[key.sharedSegment] ${property} puts \${${first}} and \${${second}} in one #-segment, so a key could split two ways | separate placeholders with # | e.g. "\${${first}}#\${${second}}"`;

export type UnknownFieldMessage<TProperty extends KeyProperty, TPath extends string> =
  `[key.unknownField] ${TProperty} placeholder \${${TPath}} names no field of the schema | spell a top-level field, or parent.field one level down, as the schema does | e.g. "ROLE#\${id}" with id: z.string()`;
export const unknownFieldMessage = <TProperty extends KeyProperty, TPath extends string>(
  property: TProperty,
  path: TPath,
): UnknownFieldMessage<TProperty, TPath> =>
  `[key.unknownField] ${property} placeholder \${${path}} names no field of the schema | spell a top-level field, or parent.field one level down, as the schema does | e.g. "ROLE#\${id}" with id: z.string()`;

export type NotScalarMessage<TProperty extends KeyProperty, TPath extends string> =
  `[key.notScalar] ${TProperty} placeholder \${${TPath}} names a field that is not a required string or number | key parts must be required strings, enums or numbers | e.g. "ORDER#\${orderNo}" with orderNo: z.number()`;
export const notScalarMessage = <TProperty extends KeyProperty, TPath extends string>(
  property: TProperty,
  path: TPath,
): NotScalarMessage<TProperty, TPath> =>
  `[key.notScalar] ${property} placeholder \${${path}} names a field that is not a required string or number | key parts must be required strings, enums or numbers | e.g. "ORDER#\${orderNo}" with orderNo: z.number()`;

export type MissingPrefixMessage<TProperty extends KeyProperty, TPrefix extends string, TCorrected extends string> =
  `[isolation.keyPrefix] ${TProperty} must start with ${TPrefix} so every access path stays in its partition | put the isolation segments first | e.g. "${TCorrected}"`;
export const missingPrefixMessage = <TProperty extends KeyProperty, TPrefix extends string, TCorrected extends string>(
  property: TProperty,
  prefix: TPrefix,
  corrected: TCorrected,
): MissingPrefixMessage<TProperty, TPrefix, TCorrected> =>
  `[isolation.keyPrefix] ${property} must start with ${prefix} so every access path stays in its partition | put the isolation segments first | e.g. "${corrected}"`;

export type SchemaNotObjectMessage =
  `[entity.schemaNotObject] schema must be a zod object schema | declare the attributes with z.object({ ... }) | e.g. schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })`;
export const schemaNotObjectMessage = (): SchemaNotObjectMessage =>
  `[entity.schemaNotObject] schema must be a zod object schema | declare the attributes with z.object({ ... }) | e.g. schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })`;

export type ReservedAttributeMessage<TField extends string> =
  `[entity.reservedAttribute] the schema declares ${TField}, an attribute the stored item uses for its keys or type | rename the field | e.g. ${TField}Value: z.string()`;
export const reservedAttributeMessage = <TField extends string>(field: TField): ReservedAttributeMessage<TField> =>
  `[entity.reservedAttribute] the schema declares ${field}, an attribute the stored item uses for its keys or type | rename the field | e.g. ${field}Value: z.string()`;

export type UnknownLevelMessage<TLevel extends string> =
  `[isolation.unknownLevel] isolation level "${TLevel}" does not exist | leave isolation out for capsule isolation, or opt out with level "tenant" or "global" and a reason | e.g. isolation: { level: "tenant", reason: "tenant-wide billing settings" }`;
export const unknownLevelMessage = <TLevel extends string>(level: TLevel): UnknownLevelMessage<TLevel> =>
  `[isolation.unknownLevel] isolation level "${level}" does not exist | leave isolation out for capsule isolation, or opt out with level "tenant" or "global" and a reason | e.g. isolation: { level: "tenant", reason: "tenant-wide billing settings" }`;

// ── runtime-only: key values and items ─────────────────────────────────────────────────────────────────

export const keyValueMessage = (property: string, path: string, problem: string, value: string): string =>
  `[key.invalidValue] ${property} value for ${path} ${problem}: ${value} | key parts must be non-empty, without "#", well-formed strings or finite numbers of the field's type; nothing is escaped | e.g. id: "r-1"`;

export const keyMismatchMessage = (property: string, stored: string, expected: string): string =>
  `[isolation.keyMismatch] stored ${property} ${stored} differs from the ${property} its own attributes build, ${expected} | the item was written outside this entity or tampered with; it is not returned | e.g. write items with toItem() or scope().put()`;

export const entityTypeMismatchMessage = (expected: string, stored: string): string =>
  `[isolation.entityType] item has entityType ${stored}, not ${expected} | read it through its own entity | e.g. ${expected}.fromItem(item)`;

export const foreignItemMessage = (what: string, expected: string, actual: string): string =>
  `[isolation.foreign] ${what} is ${actual}, outside this scope's ${expected} | a scope reads and writes only its own capsule | e.g. Entity.scope({ tenantId, capsuleId }).put({ ...attrs, tenantId, capsuleId })`;

export const unknownKeyAttributeMessage = (entity: string, attribute: string, known: readonly string[]): string =>
  `[key.unknownAttribute] ${entity} has no key attribute ${attribute} | use one of ${known.join(", ")} | e.g. ${entity}.parseKey(pk, "pk")`;

export const noTableMessage = (entity: string): string =>
  `[scope.noTable] ${entity} has no table | give the entity a table, or the scope one | e.g. ${entity}.scope(ids, { table: "platform_data" })`;

export const globalScopeMessage = (entity: string): string =>
  `[scope.globalEntity] ${entity} has global isolation, so there is no tenant or capsule to scope to | read it without a scope | e.g. ${entity}.keys({ ... })`;

export const itemInvalidMessage = (entity: string, issues: string): string =>
  `[item.invalid] ${entity} item does not match its schema: ${issues} | write items through toItem() or scope().put(), which validate first | e.g. ${entity}.toItem(attributes)`;

/**
 * Every error code, with the rule it enforces and a sample message: the source of docs/errors.md.
 * Adding a message without an entry here fails `messages.test.ts`.
 *
 * @example
 * errorCatalog["isolation.keyPrefix"]?.rule; //=> "3"
 * @see docs/errors.md
 */
export const errorCatalog: Readonly<Record<string, { readonly rule: string; readonly sample: string }>> = {
  "isolation.missingField": { rule: "1", sample: missingFieldMessage("capsuleId", "capsule") },
  "isolation.fieldTooDeep": { rule: "1", sample: fieldTooDeepMessage("capsuleId", "meta.context.capsuleId") },
  "isolation.optionalField": { rule: "1", sample: optionalFieldMessage("capsuleId", "capsuleId") },
  "isolation.wrongType": { rule: "1", sample: wrongTypeMessage("tenantId", "tenantId") },
  "isolation.ambiguousField": { rule: "1", sample: ambiguousFieldMessage("tenantId", "tenantId and context.tenantId") },
  "isolation.missingReason": { rule: "opt-out", sample: missingReasonMessage("tenant") },
  "entity.nameNotLiteral": { rule: "name", sample: nameNotLiteralMessage() },
  "key.notLiteral": { rule: "2", sample: notLiteralMessage("pk", "capsule") },
  "isolation.keyPrefix": {
    rule: "3",
    sample: missingPrefixMessage("pk", "TENANT#${tenantId}#CAPSULE#${capsuleId}", "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}"),
  },
  "key.unclosedPlaceholder": { rule: "4", sample: unclosedPlaceholderMessage("pk", "TENANT#${tenantId") },
  "key.emptyPlaceholder": { rule: "4", sample: emptyPlaceholderMessage("sk", "ROLE#${}") },
  "key.sharedSegment": { rule: "4", sample: sharedSegmentMessage("sk", "kind", "id") },
  "key.unknownField": { rule: "4", sample: unknownFieldMessage("pk", "idd") },
  "key.notScalar": { rule: "4", sample: notScalarMessage("sk", "tags") },
  "entity.schemaNotObject": { rule: "runtime: plain JS callers", sample: schemaNotObjectMessage() },
  "entity.reservedAttribute": { rule: "item attributes", sample: reservedAttributeMessage("pk") },
  "isolation.unknownLevel": { rule: "runtime: plain JS callers", sample: unknownLevelMessage("tenent") },
  "key.invalidValue": { rule: "query time (KeyValueError)", sample: keyValueMessage("pk", "id", "contains \"#\"", '"a#CAPSULE#b"') },
  "isolation.keyMismatch": {
    rule: "query time (IsolationError)",
    sample: keyMismatchMessage("pk", '"TENANT#t1#CAPSULE#c2#ROLE#r1"', '"TENANT#t1#CAPSULE#c1#ROLE#r1"'),
  },
  "isolation.entityType": { rule: "query time (IsolationError)", sample: entityTypeMismatchMessage("RoleAssignment", '"Session"') },
  "item.invalid": { rule: "query time (ItemValidationError)", sample: itemInvalidMessage("RoleAssignment", "✖ Invalid input: expected string, received undefined → at id") },
  "key.unknownAttribute": { rule: "query time", sample: unknownKeyAttributeMessage("RoleAssignment", '"gsi9pk"', ["pk", "sk"]) },
  "scope.noTable": { rule: "query time", sample: noTableMessage("RoleAssignment") },
  "scope.globalEntity": { rule: "query time", sample: globalScopeMessage("Country") },
  "isolation.foreign": { rule: "query time (IsolationError)", sample: foreignItemMessage("capsuleId", '"c1"', '"c10"') },
};
