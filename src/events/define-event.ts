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
import type { KitIsolationInput, PlannedVocabulary, ResolveKitIsolation } from "../entity/define-isolation.js";
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
import type { InnermostLevel, LevelNames, LevelsDownTo, Vocabulary } from "../entity/vocabulary.js";
import {
  invalidEventOptionMessage,
  exampleEventEntity,
  exampleEntityName,
  weakerIsolationMessage,
  type IsolationLevel,
  type WeakerIsolationMessage,
  type Words,
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
  : // A level alone (`isolation: "tenant"`, which `isolation` reports) is checked at that level meanwhile.
    TIsolation extends IsolationLevel
    ? TIsolation
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
export type CheckEventIsolation<TIsolation, TEntity> = TIsolation extends IsolationInput
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
  TEntity extends KitEventEntity | undefined,
  TIsolation,
  TResolved = ResolveIsolation<TDetail["shape"], EventLevel<TIsolation, TEntity>>,
  // A kit's events (defineIsolation) pass their own isolation check; the default kit's is this.
  TCheckedIsolation = CheckEventIsolation<TIsolation, TEntity>,
  // The entity a bad type's example names: a kit's passes its vocabulary's (`WorkspaceRole`).
  TExampleEntity extends string = "RoleAssignment",
> {
  /** The event type, EventBridge's `detail-type`: a non-empty literal. */
  readonly type: CheckEventName<TType, "type", TExampleEntity>;
  /** The source every event of this type comes from; leave it out to accept any. */
  readonly source?: TSource;
  /** The entity the event is about: the event inherits its isolation level and is related to its other events. */
  readonly entity?: TEntity;
  /** The detail schema: `tenantId()` and `capsuleId()` at the top level or one level down (rule 1). */
  readonly detail: [TResolved] extends [{ readonly level: string }] // not distributed: a union-typed field passes only when every member does
    ? TDetail
    : TResolved extends Failure<infer TMessage>
      ? TMessage
      : never;
  /** Defaults to the entity's level, else `"capsule"`; an opt-out states its reason. */
  readonly isolation?: TCheckedIsolation;
}

type ResolvedOf<TDetail extends AnyObjectSchema, TIsolation, TEntity> =
  ResolveIsolation<TDetail["shape"], EventLevel<TIsolation, TEntity>> extends infer TResolved extends ResolvedIsolation
    ? TResolved
    : ResolvedIsolation;

// ── a kit's events (defineIsolation) ────────────────────────────────────────────────────────────────────

/**
 * What a kit's event needs of the entity it is about: its name and level, one of the kit's level names or
 * `global`. Any entity of the kit qualifies; the default kit's do not (their levels are not the kit's).
 *
 * @example
 * kit.defineEvent({ type: "DocumentsImported", entity: Doc, detail })
 */
export interface KitEventEntity<TLevel extends string = string> {
  readonly name: string;
  readonly isolation: { readonly level: TLevel };
}

/** The level a kit's event detail is checked at: its own, else its entity's, else the kit's innermost. */
type KitEventLevel<TIsolation, TEntity, TInnermost extends string, TLevels extends string> = TIsolation extends {
  readonly level: infer TLevel extends string;
}
  ? // A level that does not exist, which `isolation.level` reports, is checked at the innermost meanwhile (one
    // mistake, one message).
    TLevel extends TLevels
    ? TLevel
    : TInnermost
  : TIsolation extends TLevels
    ? TIsolation
    : TEntity extends KitEventEntity
      ? TEntity["isolation"]["level"]
      : TInnermost;

/** Whether `TLevel` isolates less than `TEntityLevel` in the kit's order (global, then outermost first). */
type IsWeakerIn<TVocabulary extends Vocabulary, TLevel extends string, TEntityLevel extends string> = [TLevel] extends [
  TEntityLevel,
]
  ? false
  : TLevel extends "global"
    ? true
    : TLevel extends LevelsDownTo<TVocabulary["levels"], TEntityLevel>[number]["name"]
      ? true
      : false;

/**
 * {@link CheckEventIsolation} in a kit's levels: an event about an entity may not opt to a level weaker than the
 * entity's; otherwise an opt-out states a literal reason.
 *
 * @example
 * type Checked = CheckKitEventIsolation<{ level: "org"; reason: "bulk" }, typeof Doc, OrgKit>;
 * //=> { readonly level: "[event.weakerIsolation] isolation level \"org\" is weaker than Document's …"; readonly reason: string }
 */
export type CheckKitEventIsolation<TIsolation, TEntity, TVocabulary extends Vocabulary> = TIsolation extends {
  readonly level: infer TLevel extends string;
}
  ? TEntity extends KitEventEntity
    ? IsWeakerIn<TVocabulary, TLevel, TEntity["isolation"]["level"]> extends true
      ? {
          readonly level: WeakerIsolationMessage<TLevel, TEntity["name"], TEntity["isolation"]["level"]>;
          readonly reason: string;
        }
      : CheckIsolation<TIsolation, TVocabulary>
    : CheckIsolation<TIsolation, TVocabulary>
  : // A level alone (`isolation: "org"`), or none.
    CheckIsolation<TIsolation, TVocabulary>;

type KitEventResolvedOf<TDetail extends AnyObjectSchema, TLevel extends string, TVocabulary extends PlannedVocabulary> =
  ResolveKitIsolation<TDetail["shape"], TLevel, TVocabulary> extends infer TResolved extends ResolvedIsolation
    ? TResolved
    : ResolvedIsolation;

/**
 * A kit's `defineEvent`: the default kit's, with the kit's level fields as the isolation fields its detail must
 * carry (a type error on `detail` in the kit's words when one is missing, and the same message at runtime).
 *
 * @example
 * export const WorkspaceArchived = defineEvent({
 *   type: "WorkspaceArchived",
 *   detail: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), archivedBy: z.string() }),
 * });
 * @see docs/patterns/isolation-vocabulary.md
 */
export type KitDefineEvent<TVocabulary extends PlannedVocabulary> = <
  const TType extends string,
  TDetail extends AnyObjectSchema,
  const TSource extends string | undefined = undefined,
  TEntity extends KitEventEntity<LevelNames<TVocabulary> | "global"> | undefined = undefined,
  const TIsolation extends KitIsolationInput<TVocabulary> | undefined = undefined,
>(
  definition: EventDefinitionInput<
    TType,
    TDetail,
    TSource,
    TEntity,
    TIsolation,
    ResolveKitIsolation<
      TDetail["shape"],
      KitEventLevel<TIsolation, TEntity, InnermostLevel<TVocabulary>, LevelNames<TVocabulary> | "global">,
      TVocabulary
    >,
    CheckKitEventIsolation<TIsolation, TEntity, TVocabulary>,
    Words<TVocabulary>["exampleEntity"]
  >,
) => EventDefinition<
  TType,
  TDetail,
  TSource,
  KitEventResolvedOf<
    TDetail,
    KitEventLevel<TIsolation, TEntity, InnermostLevel<TVocabulary>, LevelNames<TVocabulary> | "global">,
    TVocabulary
  >
>;

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
  const type = checkEventName(definition.type, "type", exampleEntityName(vocabulary));
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

function readEntity(entity: unknown, vocabulary: Vocabulary): KitEventEntity | undefined {
  if (entity === undefined) return undefined;
  const candidate = entity as Partial<KitEventEntity> | null;
  const level = candidate?.isolation?.level;
  if (typeof candidate?.name === "string" && typeof level === "string" && isolationRank(level, vocabulary) >= 0)
    return candidate as KitEventEntity;
  throw new EntityDefinitionError(
    invalidEventOptionMessage(
      "entity",
      "an entity made by defineEntity()",
      `entity: ${exampleEventEntity(vocabulary)}`,
    ),
  );
}
