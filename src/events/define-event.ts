/**
 * `defineEvent()`: declares an event type whose detail obeys isolation rule 1, checked by the compiler on the
 * offending property and, with the same catalog messages, at runtime. The pattern is defineEntity's: each
 * checked property has its own inferred type parameter, and its declared type is a conditional returning the
 * inferred type when the rules hold, or the message when they do not.
 */
import {
  resolveLevel,
  type AnyObjectSchema,
  type CheckIsolation,
  type IsolationInput,
} from "../entity/define-entity.js";
import { EntityDefinitionError } from "../errors.js";
import {
  checkDetailSchema,
  checkEventName,
  checkSource,
  compileEvent,
  type CheckEventName,
  type EventDefinition,
} from "./event-definition.js";
import {
  defaultKitVocabulary,
  resolveIsolation,
  type Failure,
  type KitVocabulary,
  type ResolveIsolation,
  type ResolvedIsolation,
} from "../entity/isolation.js";
import type { Vocabulary } from "../entity/vocabulary.js";
import {
  invalidEventOptionMessage,
  weakerIsolationMessage,
  type IsolationLevel,
  type WeakerIsolationMessage,
} from "../messages.js";

/**
 * What an event needs of the entity it is about: its name and isolation level. Any `Entity` qualifies.
 *
 * @example
 * defineEvent({ type: "RoleAssignmentsImported", entity: RoleAssignment, detail })
 */
export interface EventEntity {
  readonly name: string;
  readonly isolation: { readonly level: IsolationLevel };
}

/** The level an event's detail is checked at: its own, else its entity's, else capsule. */
type EventLevel<TIsolation, TEntity> = TIsolation extends { readonly level: infer TLevel extends IsolationLevel }
  ? TLevel
  : TIsolation extends "capsule"
    ? "capsule"
    : TEntity extends EventEntity
      ? TEntity["isolation"]["level"]
      : "capsule";

/** Runtime twin of {@link IsWeaker}'s order: global 0, then the vocabulary's levels outermost first; -1 unknown. */
const isolationRank = (level: string, vocabulary: Vocabulary): number =>
  level === "global" ? 0 : vocabulary.levels.findIndex((spec) => spec.name === level) + 1 || -1;

/** Whether `TLevel` isolates less than `TEntityLevel` (capsule > tenant > global). */
type IsWeaker<TLevel extends IsolationLevel, TEntityLevel extends IsolationLevel> = `${TLevel}<${TEntityLevel}` extends
  "tenant<capsule" | "global<capsule" | "global<tenant"
  ? true
  : false;

/**
 * The `isolation` of an event tied to an entity may not be weaker than the entity's (the message lands on
 * `isolation.level`); otherwise the entity rule applies: an opt-out states a literal reason.
 *
 * @example
 * type Checked = CheckEventIsolation<{ level: "tenant"; reason: "bulk" }, typeof RoleAssignment>;
 * //=> { readonly level: "[event.weakerIsolation] isolation level \"tenant\" is weaker than RoleAssignment's …"; readonly reason: string }
 */
export type CheckEventIsolation<
  TIsolation extends IsolationInput | undefined,
  TEntity,
> = TIsolation extends IsolationInput
  ? TEntity extends EventEntity
    ? IsWeaker<EventLevel<TIsolation, TEntity>, TEntity["isolation"]["level"]> extends true
      ? {
          readonly level: WeakerIsolationMessage<
            EventLevel<TIsolation, TEntity>,
            TEntity["name"],
            TEntity["isolation"]["level"]
          >;
          readonly reason: string;
        }
      : CheckIsolation<TIsolation>
    : CheckIsolation<TIsolation>
  : TIsolation;

/**
 * The argument of {@link defineEvent}, with every rule applied to the property it concerns.
 *
 * @example
 * type Input = EventDefinitionInput<"Archived", typeof detail, "platform", undefined, undefined>;
 * //=> { type: "Archived"; source?: "platform"; detail: typeof detail | "[isolation.…] …"; … }
 */
export interface EventDefinitionInput<
  TType extends string,
  TDetail extends AnyObjectSchema,
  TSource extends string | undefined,
  TEntity extends EventEntity | undefined,
  TIsolation extends IsolationInput | undefined,
  TResolved = ResolveIsolation<TDetail["shape"], EventLevel<TIsolation, TEntity>>,
> {
  /** The event type, EventBridge's `detail-type`: a non-empty literal. */
  readonly type: CheckEventName<TType, "type">;
  /** The source every event of this type comes from; leave it out to accept any. */
  readonly source?: TSource;
  /** The entity the event is about: the event inherits its isolation level and is related to its other events. */
  readonly entity?: TEntity;
  /** The detail schema: `tenantId()` and `capsuleId()` at the top level or one level down (rule 1). */
  readonly detail: [TResolved] extends [{ readonly level: IsolationLevel }] // not distributed: a union-typed field passes only when every member does
    ? TDetail
    : TResolved extends Failure<infer TMessage>
      ? TMessage
      : never;
  /** Defaults to the entity's level, else `"capsule"`; an opt-out states its reason. */
  readonly isolation?: CheckEventIsolation<TIsolation, TEntity>;
}

type ResolvedOf<TDetail extends AnyObjectSchema, TIsolation, TEntity> =
  ResolveIsolation<TDetail["shape"], EventLevel<TIsolation, TEntity>> extends infer TResolved extends ResolvedIsolation
    ? TResolved
    : ResolvedIsolation;

/**
 * Declares an event type. Its detail must carry the isolation fields (capsule isolation unless it opts out,
 * or inherits its entity's level): breaking rule 1 is a type error on `detail`, and the same check throws
 * `EntityDefinitionError` with the same message at runtime. Events about an entity are usually easier to
 * declare with `Entity.event(verb)`.
 *
 * @example
 * export const CapsuleArchived = defineEvent({
 *   type: "CapsuleArchived",
 *   source: "platform",
 *   detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), archivedBy: z.string() }),
 * });
 * @see docs/events.md
 */
export function defineEvent<
  const TType extends string,
  TDetail extends AnyObjectSchema,
  const TSource extends string | undefined = undefined,
  TEntity extends EventEntity | undefined = undefined,
  const TIsolation extends IsolationInput | undefined = undefined,
>(
  definition: EventDefinitionInput<TType, TDetail, TSource, TEntity, TIsolation>,
): EventDefinition<TType, TDetail, TSource, ResolvedOf<TDetail, TIsolation, TEntity>> {
  return buildEvent(definition as unknown as RuntimeEventInput) as never;
}

interface RuntimeEventInput {
  readonly type: unknown;
  readonly source?: unknown;
  readonly entity?: unknown;
  readonly detail: unknown;
  readonly isolation?: unknown;
}

/** The runtime twin of the whole definition check; returns the compiled event. */
export function buildEvent(
  definition: RuntimeEventInput,
  vocabulary: KitVocabulary = defaultKitVocabulary,
): EventDefinition {
  const type = checkEventName(definition.type, "type");
  const detail = checkDetailSchema(definition.detail);
  const entity = readEntity(definition.entity, vocabulary);
  const level =
    definition.isolation === undefined
      ? (entity?.isolation.level ?? vocabulary.levels.at(-1)!.name)
      : resolveLevel(definition.isolation, vocabulary);
  if (entity !== undefined && isolationRank(level, vocabulary) < isolationRank(entity.isolation.level, vocabulary)) {
    throw new EntityDefinitionError(weakerIsolationMessage(level, entity.name, entity.isolation.level));
  }
  return compileEvent({
    type,
    source: checkSource(definition.source),
    entity: entity?.name,
    isolation: resolveIsolation(detail.shape, level, vocabulary),
    keyFields: [],
    detail,
  });
}

function readEntity(entity: unknown, vocabulary: Vocabulary): EventEntity | undefined {
  if (entity === undefined) return undefined;
  const candidate = entity as Partial<EventEntity> | null;
  const level = candidate?.isolation?.level;
  if (typeof candidate?.name === "string" && typeof level === "string" && isolationRank(level, vocabulary) >= 0)
    return candidate as EventEntity;
  throw new EntityDefinitionError(
    invalidEventOptionMessage("entity", "an entity made by defineEntity()", "entity: RoleAssignment"),
  );
}
