/**
 * Event definitions: what an event of one type carries, as zod schemas for its detail and for its EventBridge
 * envelope. Made by `defineEvent()` (define-event.ts) and by `Entity.event()`, whose detail carries the
 * entity's isolation and key fields by construction ({@link EntityEventDetail} and its runtime twin
 * {@link entityEvent}, side by side here).
 */
import { z } from "zod";
import type { AnyObjectSchema, KeyTemplates, TemplateSetPaths } from "../entity/define-entity.js";
import type { ResolvedIsolation } from "../entity/isolation.js";
import { EntityDefinitionError } from "../errors.js";
import {
  detailOverlapMessage,
  eventNameNotLiteralMessage,
  invalidEventOptionMessage,
  type DetailOverlapMessage,
  type EventNameNotLiteralMessage,
  type EventNameProperty,
} from "../messages.js";
import { isObjectSchema, shapeOf, type Shape, type ShapeOf } from "../internal/zod-shape.js";
import type { TopOf } from "../internal/types.js";

// ── the definition ──────────────────────────────────────────────────────────────────────────────────────

/**
 * An EventBridge event as delivered to a consumer: `detail-type`, `source`, `detail`, and the envelope fields
 * EventBridge adds (optional here, so hand-made and test events validate too).
 *
 * @example
 * type Created = EventEnvelope<"RoleAssignmentCreated", "auth", { tenantId: TenantId; capsuleId: CapsuleId; id: string }>;
 * //=> { "detail-type": "RoleAssignmentCreated"; source: "auth"; detail: { … }; id?: string; time?: string; … }
 */
export interface EventEnvelope<TType extends string, TSource extends string | undefined, TDetail> {
  readonly version?: string | undefined;
  readonly id?: string | undefined;
  readonly "detail-type": TType;
  readonly source: TSource extends string ? TSource : string;
  readonly account?: string | undefined;
  readonly time?: string | undefined;
  readonly region?: string | undefined;
  readonly resources?: string[] | undefined;
  readonly detail: TDetail;
}

/**
 * A declared event type. Made by `defineEvent()` or `Entity.event()`; validated by `createEventValidator()`.
 *
 * @example
 * const RoleAssignmentCreated = RoleAssignment.event("Created", { source: "auth" });
 * RoleAssignmentCreated.type;               //=> "RoleAssignmentCreated"
 * RoleAssignmentCreated.detail.parse(data); //=> { tenantId: TenantId; capsuleId: CapsuleId; id: string }
 * RoleAssignmentCreated.envelope.parse(e);  //=> EventEnvelope<"RoleAssignmentCreated", "auth", …>
 * @see docs/events.md
 */
export interface EventDefinition<
  TType extends string = string,
  TDetail extends AnyObjectSchema = AnyObjectSchema,
  TSource extends string | undefined = string | undefined,
  TResolved extends ResolvedIsolation = ResolvedIsolation,
> {
  /** The event type: EventBridge's `detail-type`. */
  readonly type: TType;
  /** The source every event of this type comes from; `undefined` accepts any source. */
  readonly source: TSource;
  /** The entity the event is about, by name (relates it to the entity's other events). */
  readonly entity: string | undefined;
  /** The isolation level and where the isolation fields sit in `detail`. */
  readonly isolation: TResolved;
  /** Detail paths that build the entity's keys (entity events); missing ones are `high` violations. */
  readonly keyFields: readonly string[];
  /** The zod schema of `detail`. */
  readonly detail: TDetail;
  /** The zod schema of the whole EventBridge envelope. */
  readonly envelope: z.ZodType<EventEnvelope<TType, TSource, z.output<TDetail>>>;
}

/**
 * The detail of an event type, as its consumers receive it.
 *
 * @example
 * type Detail = InferEventDetail<typeof RoleAssignmentCreated>;
 * //=> { tenantId: TenantId; capsuleId: CapsuleId; id: string; actorId: string }
 */
export type InferEventDetail<TEvent extends { readonly detail: z.ZodType }> = z.output<TEvent["detail"]>;

/**
 * The EventBridge envelope of an event type.
 *
 * @example
 * type Created = InferEvent<typeof RoleAssignmentCreated>;
 * //=> EventEnvelope<"RoleAssignmentCreated", "auth", InferEventDetail<typeof RoleAssignmentCreated>>
 */
export type InferEvent<TEvent extends { readonly envelope: z.ZodType }> = z.output<TEvent["envelope"]>;

/** The parts of a definition, checked; {@link compileEvent} adds the envelope. */
export interface EventParts {
  readonly type: string;
  readonly source: string | undefined;
  readonly entity: string | undefined;
  readonly isolation: ResolvedIsolation;
  readonly keyFields: readonly string[];
  readonly detail: AnyObjectSchema;
}

/** The envelope fields EventBridge adds, optional so that hand-made events validate as well. */
const envelopeFields = {
  version: z.string().optional(),
  id: z.string().optional(),
  account: z.string().optional(),
  time: z.string().optional(),
  region: z.string().optional(),
  resources: z.array(z.string()).optional(),
};

/** Builds the event definition (and its envelope schema) from checked parts. */
export function compileEvent(parts: EventParts): EventDefinition {
  const envelope = z.object({
    ...envelopeFields,
    "detail-type": z.literal(parts.type),
    source: parts.source === undefined ? z.string() : z.literal(parts.source),
    detail: parts.detail,
  });
  return Object.freeze({
    ...parts,
    keyFields: Object.freeze([...parts.keyFields]),
    envelope: envelope as unknown as EventDefinition["envelope"],
  });
}

// ── names ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * An event type (or an entity event's verb) must be a non-empty literal: the name itself, else the message, whose
 * example names `TEntity` (the entity of `Entity.event(verb)`, the vocabulary's example entity for a type).
 */
export type CheckEventName<
  TName extends string,
  TProperty extends EventNameProperty,
  TEntity extends string = "RoleAssignment",
> = string extends TName
  ? EventNameNotLiteralMessage<TProperty, TEntity>
  : TName extends ""
    ? EventNameNotLiteralMessage<TProperty, TEntity>
    : TName;
/** Runtime twin of {@link CheckEventName}. */
export function checkEventName(name: unknown, property: EventNameProperty, entity: string): string {
  if (typeof name !== "string" || name === "")
    throw new EntityDefinitionError(eventNameNotLiteralMessage(property, entity));
  return name;
}

/** A source is a string when given (plain JS callers are checked at runtime). */
export function checkSource(source: unknown): string | undefined {
  if (source === undefined || typeof source === "string") return source;
  throw new EntityDefinitionError(invalidEventOptionMessage("source", "a string", 'source: "auth"'));
}

/** A detail schema is a zod object schema (plain JS callers are checked at runtime). */
export function checkDetailSchema(detail: unknown): AnyObjectSchema {
  if (isObjectSchema(detail)) return detail;
  throw new EntityDefinitionError(
    invalidEventOptionMessage("detail", "a zod object schema", "detail: z.object({ actorId: z.string() })"),
  );
}

// ── entity events ───────────────────────────────────────────────────────────────────────────────────────

/** The children of `TTop` among the paths: `"tenantId"` for `"context.tenantId"`. */
type ChildrenOf<TPaths extends string, TTop extends string> = TPaths extends `${TTop}.${infer TChild}` ? TChild : never;

/**
 * The detail shape an entity's events carry by construction: every field its key templates read (the
 * isolation fields among them), top-level fields as declared, nested ones in an object of just those children.
 *
 * @example
 * type Shape = EntityEventShape<typeof Document.schema.shape, "context.tenantId" | "context.capsuleId" | "id">;
 * //=> { context: ZodObject<{ tenantId: TenantIdSchema; capsuleId: CapsuleIdSchema }>; id: ZodString }
 */
export type EntityEventShape<TShape extends Shape, TPaths extends string> = {
  [TTop in TopOf<TPaths> & keyof TShape]: TTop extends TPaths
    ? TShape[TTop]
    : ShapeOf<TShape[TTop]> extends infer TInner extends Shape
      ? z.ZodObject<{ [TChild in ChildrenOf<TPaths, TTop> & keyof TInner]: TInner[TChild] }, z.core.$strip>
      : never;
};

/** The config (strip / strict / loose) of an object schema. */
type ConfigOf<TSchema> = TSchema extends z.ZodObject<z.core.$ZodLooseShape, infer TConfig> ? TConfig : z.core.$strip;

/**
 * The detail schema of `Entity.event(verb, { detail })`: the entity's key fields, then the extra detail's.
 *
 * @example
 * type Detail = z.output<EntityEventDetail<typeof RoleAssignment.schema.shape, typeof RoleAssignment.templates, z.ZodObject<{ actorId: z.ZodString }>>>;
 * //=> { tenantId: TenantId; capsuleId: CapsuleId; id: string; actorId: string }
 */
export type EntityEventDetail<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TExtra extends AnyObjectSchema,
> = z.ZodObject<
  EntityEventShape<TShape, TemplateSetPaths<TTemplates>> extends infer TKeyShape
    ? {
        [TKey in keyof TKeyShape | keyof TExtra["shape"]]: TKey extends keyof TKeyShape
          ? TKeyShape[TKey]
          : TExtra["shape"][TKey & keyof TExtra["shape"]];
      }
    : never,
  ConfigOf<TExtra>
>;

/**
 * The extra detail of an entity event declared without one.
 *
 * @example
 * RoleAssignment.event("Deleted"); // EntityEvent<"RoleAssignment", "Deleted", …, NoExtraDetail, undefined>
 */
export type NoExtraDetail = z.ZodObject<{}, z.core.$strip>;

/** The message for extra detail fields that redeclare key fields: one field by name, several summarized. */
type Overlap<TFields extends string, TAll extends string = TFields> = TFields extends unknown
  ? [Exclude<TAll, TFields>] extends [never]
    ? TFields
    : "more than one field"
  : never;
const overlap = (fields: readonly string[]): string => (fields.length === 1 ? fields[0]! : "more than one field");

/**
 * The extra detail must not redeclare a field the entity's events carry by construction (that could make an
 * isolation field optional): the schema itself when it does not, else the catalog message.
 */
export type CheckExtraDetail<TExtra extends AnyObjectSchema, TTemplates extends KeyTemplates, TEntity extends string> =
  Extract<keyof TExtra["shape"], TopOf<TemplateSetPaths<TTemplates>>> extends infer TClash extends string
    ? [TClash] extends [never]
      ? TExtra
      : DetailOverlapMessage<Overlap<TClash>, TEntity>
    : TExtra;

/**
 * The options of `Entity.event(verb, options)`.
 *
 * @example
 * RoleAssignment.event("Revoked", { source: "auth", detail: z.object({ revokedBy: z.string() }) })
 */
export interface EntityEventOptions<
  TExtra extends AnyObjectSchema,
  TSource extends string | undefined,
  TTemplates extends KeyTemplates,
  TEntity extends string,
> {
  /** Extra detail fields, besides the isolation and key fields every event of the entity carries. */
  readonly detail?: CheckExtraDetail<TExtra, TTemplates, TEntity>;
  /** The source every event of this type comes from, e.g. the emitting service. */
  readonly source?: TSource;
}

/**
 * The event `Entity.event(verb, options)` returns: type `${EntityName}${Verb}`, its detail the entity's key
 * fields and the extra detail.
 *
 * @example
 * type Created = EntityEvent<"RoleAssignment", "Created", …>["type"]; //=> "RoleAssignmentCreated"
 */
export type EntityEvent<
  TName extends string,
  TVerb extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TExtra extends AnyObjectSchema,
  TSource extends string | undefined,
> = EventDefinition<`${TName}${TVerb}`, EntityEventDetail<TSchema["shape"], TTemplates, TExtra>, TSource, TResolved>;

/** What `Entity.event()` needs of its entity at runtime. */
export interface EventEntitySource {
  readonly name: string;
  readonly schema: AnyObjectSchema;
  readonly isolation: ResolvedIsolation;
  /** Every placeholder path of the entity's key templates. */
  readonly keyPaths: readonly string[];
}

/** Runtime twin of {@link EntityEvent} and its checks: the definition, or the catalog message thrown. */
export function entityEvent(entity: EventEntitySource, verb: unknown, options: unknown): EventDefinition {
  const type = `${entity.name}${checkEventName(verb, "verb", entity.name)}`;
  const { detail: extra, source } = (typeof options === "object" && options !== null ? options : {}) as {
    detail?: unknown;
    source?: unknown;
  };
  const keyShape = keyFieldShape(entity.schema.shape, entity.keyPaths);
  let detail = z.object(keyShape) as AnyObjectSchema;
  if (extra !== undefined) {
    const extraSchema = checkDetailSchema(extra);
    const clashes = Object.keys(extraSchema.shape).filter((field) => Object.hasOwn(keyShape, field));
    if (clashes.length > 0) throw new EntityDefinitionError(detailOverlapMessage(overlap(clashes), entity.name));
    detail = extraSchema.extend(keyShape);
  }
  return compileEvent({
    type,
    source: checkSource(source),
    entity: entity.name,
    isolation: entity.isolation,
    keyFields: entity.keyPaths,
    detail,
  });
}

/** Runtime twin of {@link EntityEventShape}. Built with `fromEntries`: a field named `__proto__` stays a field. */
function keyFieldShape(shape: Shape, paths: readonly string[]): Shape {
  const tops = [...new Set(paths.map((path) => path.split(".")[0]!))];
  return Object.fromEntries(
    tops.map((top) => {
      if (paths.includes(top)) return [top, shape[top]!];
      const children = shapeOf(shape[top]!);
      const picked = paths.filter((path) => path.startsWith(`${top}.`)).map((path) => path.slice(top.length + 1));
      return [top, z.object(Object.fromEntries(picked.map((child) => [child, children[child]!])))];
    }),
  );
}
