/**
 * The default kit's `defineEntity`, and `defineIsolation`'s kits: the definition check and the compiled entity
 * (`entity/`) wired to scoped access (`access/`) and events (`events/`). This is the one module that sees all three: `access/` and
 * `events/` receive the compiled entity through their narrow interfaces (`ScopeEntitySource`,
 * `EventEntitySource`), and the entity's `scope()` / `event()` are declared here, merged into `Entity`, so
 * `entity/` imports neither and the layers point one way (scripts/import-graph.test.ts).
 */
import {
  buildEntity,
  type AnyObjectSchema,
  type CompiledEntity,
  type CompletionPk,
  type Entity,
  type EntityDefinition,
  type IndexDefinition,
  type IsolationInput,
  type AsResolved,
  type LevelOf,
  type RuntimeDefinition,
  type TemplatesOf,
  type KeyInputOf,
  type PrefixOf,
} from "./entity/define-entity.js";
import type { ResolveIsolation, ResolvedIsolation } from "./entity/isolation.js";
import { compileVocabulary, type CheckLevels, type IsolationKit, type KitIds } from "./entity/define-isolation.js";
import type { IsolationLevelSpec, Levels } from "./entity/vocabulary.js";
import type { NoTableMessage } from "./messages.js";
import { createScope } from "./access/create-scope.js";
import {
  levelsPolicy,
  policyLevels,
  type KitLeadingKeysPolicy,
  type KitLeadingKeysPolicyOptions,
} from "./access/leading-keys-policy.js";
import { buildEvent, type KitDefineEvent } from "./events/define-event.js";
import type {
  AttributesOf,
  CheckScopeIdsFully,
  EntityScope,
  OuterScopeIds,
  OuterScopeOf,
  RecordedIsolation,
  ScopeIds,
  ScopeIdsFor,
  ScopeOptions,
} from "./access/scope.js";
import { checkTableFit, type CheckTable, type Table } from "./access/table.js";
import type { InferredObjectSchema, Shape } from "./internal/zod-shape.js";
import {
  entityEvent,
  type CheckEventName,
  type EntityEvent,
  type EntityEventOptions,
  type NoExtraDetail,
} from "./events/event-definition.js";

declare module "./entity/define-entity.js" {
  // The entity's access paths, merged into `Entity` here, where they are built: entity/ declares the rest and
  // imports neither access/ nor events/. Type parameters must match the declaration's exactly.
  interface Entity<
    TName extends string = string,
    TSchema extends AnyObjectSchema = AnyObjectSchema,
    TTemplates extends KeyTemplates = KeyTemplates,
    TResolved extends ResolvedIsolation = ResolvedIsolation,
    TTable extends string | EntityTable | undefined = string | EntityTable | undefined,
    TKeyInput extends DefinedKeyInput = never,
  > {
    /**
     * Access confined to one tenant and capsule (or tenant, for tenant-level entities; a capsule entity's tenant
     * scope, for its indexes opted out to the tenant level, is the overload below). Commands go to the
     * option's table, else the entity's own; with a {@link Table} (`defineTable`) they use its key attribute
     * names, and an entity that does not fit the table is a type error on `table` (`CapsuleEntityError` at
     * runtime). Without a table on either, the scope is refused (`scope.noTable`). An id given as a plain string
     * (`scope.plainId`), another field's id (`scope.wrongId`) or one the scope does not take (`scope.otherId`) is a
     * type error in the catalog's words (type-only: at runtime a parsed id is a string too).
     */
    scope(
      // The fast path: the entity's own ids and no options, so nothing to infer (the generic overload below costs
      // an entity's first scope call 3× as much: docs/benchmarks-typecost.md, session s13). A mistake fails every
      // overload, and TypeScript then prints the catch-all's message alone ("The last overload gave the following
      // error", as TS 7 always did) where it listed each overload's error. Not wrapped (`[TTable] extends [undefined]`):
      // distributed over the table type, the test gives the same type for every table but `never`, one tuple fewer
      // (−1 per entity on the bench's full shape, docs/benchmarks-typecost.md, session s19).
      this: TTable extends undefined
        ? NoTableMessage<TName, TResolved extends { readonly kit: string } ? "app_data" : "platform_data">
        : unknown,
      ids: ScopeIds<TResolved>,
    ): EntityScope<TName, TSchema, TTemplates, TResolved, AttributesOf<TTable>, TKeyInput>;
    /** The same scope with `options`: its `table` (a name or a {@link Table}) in place of the entity's own. */
    scope<const TOption extends string | Table | undefined = TTable>(
      // Neither the entity nor the option names a table: the catalog message (`scope.noTable`) as the type `this`
      // must have. On `this` rather than on `ids`, whose contextual type it would make conditional (+50
      // instantiations per entity for three scope calls); the entity's own table is known once per entity.
      this: [TTable] extends [undefined]
        ? [TOption] extends [undefined]
          ? NoTableMessage<TName, TResolved extends { readonly kit: string } ? "app_data" : "platform_data">
          : unknown
        : unknown,
      ids: ScopeIds<TResolved>,
      options?: ScopeOptions<CheckTable<TOption, TName, TTemplates>>,
    ): EntityScope<TName, TSchema, TTemplates, TResolved, AttributesOf<TOption>, TKeyInput>;
    /**
     * A capsule entity's scope at an outer level some of its indexes opted out to (`scope({ tenantId })`, with
     * `indexes.byTenant.isolation: { level: "tenant", reason }`; a kit's `scope({ orgId })`): queries of those
     * indexes only ({@link OuterEntityScope}), as the runtime opens it. Tried only when the call above fails, so a
     * scope of the entity's own ids pays nothing for it; ids of no such level fail it (`OuterScopeIds`: `never`)
     * for the catch-all below to name the mistake.
     */
    scope<const TIds extends object, const TOption extends string | Table | undefined = TTable>(
      this: NoInfer<
        [TTable] extends [undefined]
          ? [TOption] extends [undefined]
            ? NoTableMessage<TName, TResolved extends { readonly kit: string } ? "app_data" : "platform_data">
            : unknown
          : unknown
      >,
      ids: TIds & OuterScopeIds<RecordedIsolation<TTemplates, TResolved>, TIds>,
      options?: ScopeOptions<CheckTable<TOption, TName, TTemplates>>,
    ): OuterScopeOf<TName, TSchema, TTemplates, TResolved, TIds>;
    /**
     * The catch-all, tried only when the calls above fail: the ids inferred as written, for the catalog to name a
     * missing id (`scope.missingId`), a plain string (`scope.plainId`), another field's or kit's id
     * (`scope.wrongId`), an id the scope does not take (`scope.otherId`) or ids given to a global entity
     * (`scope.globalEntity`): `CheckScopeIdsFully` at the level the ids open (`ScopeIdsFor`), as the adapter's
     * catch-all (a capsule id as an opted-out entity's `{ tenantId }` is `scope.wrongId`). A correct call never gets
     * here, so it pays nothing for the inference (the same check on the signature above: +200 per entity). Its
     * `options` are checked as above's: a table misfit with correct ids is one diagnostic carrying the table's
     * message (TS 5.9 and 6.0 print it at the call, as the outer-level overload fails on its ids; TS 7 at `table`).
     */
    scope<const TIds extends object, const TOption extends string | Table | undefined = TTable>(
      // NoInfer: TypeScript would infer TIds from the entity given as `this` too, and walk every branch doing so.
      this: NoInfer<
        [TTable] extends [undefined]
          ? [TOption] extends [undefined]
            ? NoTableMessage<TName, TResolved extends { readonly kit: string } ? "app_data" : "platform_data">
            : CheckScopeIdsFully<TName, TIds, ScopeIdsFor<RecordedIsolation<TTemplates, TResolved>, TIds>>
          : CheckScopeIdsFully<TName, TIds, ScopeIdsFor<RecordedIsolation<TTemplates, TResolved>, TIds>>
      >,
      ids: TIds & ScopeIdsFor<RecordedIsolation<TTemplates, TResolved>, TIds>,
      options?: ScopeOptions<CheckTable<TOption, TName, TTemplates>>,
    ): EntityScope<TName, TSchema, TTemplates, TResolved, AttributesOf<TOption>, TKeyInput>;
    /**
     * An event about this entity, of type `${TName}${TVerb}`: its detail carries the isolation and key fields by
     * construction, plus `options.detail`.
     */
    event<
      const TVerb extends string,
      TExtra extends AnyObjectSchema = NoExtraDetail,
      const TSource extends string | undefined = undefined,
    >(
      verb: CheckEventName<TVerb, "verb", TName>,
      options?: EntityEventOptions<TExtra, TSource, TTemplates, TName>,
    ): EntityEvent<TName, TVerb, TSchema, TTemplates, TResolved, TExtra, TSource>;
  }
}

declare module "./entity/define-isolation.js" {
  // The kit's events and policy, merged into `IsolationKit` here, where they are built (entity/ imports neither
  // events/ nor access/). Type parameters must match the declaration's exactly.
  interface IsolationKit<TLevels extends readonly IsolationLevelSpec[]> {
    /**
     * Declares an event type whose detail carries the kit's level fields (rule 1 in the kit's words): the
     * default kit's `defineEvent`, in this kit's levels.
     */
    readonly defineEvent: KitDefineEvent<KitVocabularyOf<Levels<TLevels>>>;
    /**
     * An IAM policy confining a principal to its own partitions in the kit's labels (`ORG#o#WS#w`), one option
     * per level field: the outermost required, inner ones optional.
     */
    readonly leadingKeysPolicy: KitLeadingKeysPolicy<TLevels>;
  }
}

/**
 * Declares an entity. Breaking an isolation rule is a type error on the offending property, and the same
 * check throws `EntityDefinitionError` with the same message at runtime.
 *
 * @example
 * export const RoleAssignment = defineEntity({
 *   name: "RoleAssignment",
 *   schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
 *   pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
 *   sk: "METADATA",
 * });
 * @see docs/guide.md
 */
export function defineEntity<
  const TName extends string,
  // `AnyObjectSchema` as a union, so that inference checks the schema against one type per program, not a type of
  // its own per entity (zod-shape.ts).
  TSchema extends InferredObjectSchema,
  const TIsolation extends IsolationInput = "capsule",
  // The default is used only while no pk is written yet (an editor completing an empty string): it offers the
  // schema's own isolation prefix as the completion.
  const TPk extends string = CompletionPk<TSchema, TIsolation>,
  const TSk extends string | undefined = undefined,
  const TIndexes extends Readonly<Record<string, IndexDefinition>> = {},
  const TVersion extends string = string,
  const TCreatedAt extends string = string,
  const TUpdatedAt extends string = string,
  TTable extends string | Table | undefined = undefined,
  // Never inferred: the schema's isolation (rule 1), or the failure `schema` reports. A type parameter rather
  // than an alias of the others, so that while the call is inferred it stays one opaque type whose constraint is
  // not computed through every rule (the first entity of a program: 2,875 → 2,098 instantiations, see
  // docs/benchmarks-typecost.md). `NoInfer` in the return type: TS 7 would otherwise infer it from a contextual
  // return type (`expect(() => defineEntity(…))`).
  TResolved = ResolveIsolation<TSchema["shape"], LevelOf<TIsolation>>,
>(
  definition: EntityDefinition<
    TName,
    TSchema,
    TPk,
    TSk,
    TIndexes,
    TIsolation,
    { readonly version: TVersion; readonly createdAt: TCreatedAt; readonly updatedAt: TUpdatedAt },
    // Taken as given by the types: a `defineTable()` value the entity does not fit is refused when the definition
    // runs (checkTableFit, in withAccess). A conditional on this property cost every entity's definition, table or
    // not (+180 instantiations for the first entity of a program, +4 per entity: scripts/type-cost.test.ts).
    TTable,
    TResolved
  >,
): Entity<
  TName,
  TSchema,
  TemplatesOf<TPk, TSk, TIndexes>,
  AsResolved<NoInfer<TResolved>>,
  TTable,
  KeyInputOf<TSchema["shape"], TPk, TSk, TIndexes, PrefixOf<NoInfer<TResolved>>>
> {
  return withAccess(buildEntity(definition as unknown as RuntimeDefinition)) as never;
}

/**
 * Builds an isolation kit from your own vocabulary: one to three levels, outermost first, each a level name
 * (for `isolation: { level }` opt-outs), the schema field of its id and its key label. The kit's entities have
 * scopes and events as the default kit's do.
 *
 * @example
 * export const { defineEntity, defineEvent, ids, leadingKeysPolicy } = defineIsolation({
 *   levels: [{ name: "org", field: "orgId", label: "ORG" }, { name: "workspace", field: "workspaceId", label: "WS" }],
 * });
 * const Doc = defineEntity({
 *   name: "Document",
 *   schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
 *   pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
 * });
 * @see docs/patterns/isolation-vocabulary.md
 */
export function defineIsolation<const TLevels extends readonly IsolationLevelSpec[]>(vocabulary: {
  readonly levels: CheckLevels<TLevels>;
}): IsolationKit<TLevels> {
  const kit = compileVocabulary(vocabulary);
  const policy = policyLevels(kit.levels);
  return Object.freeze({
    levels: kit.levels as unknown as TLevels,
    defineEntity: ((definition: RuntimeDefinition) =>
      withAccess(buildEntity(definition, kit.vocabulary))) as unknown as IsolationKit<TLevels>["defineEntity"],
    ids: kit.ids as unknown as KitIds<TLevels>,
    defineEvent: ((definition: Parameters<typeof buildEvent>[0]) =>
      buildEvent(definition, kit.vocabulary)) as unknown as IsolationKit<TLevels>["defineEvent"],
    leadingKeysPolicy: ((options: KitLeadingKeysPolicyOptions<TLevels>) =>
      levelsPolicy(options, policy)) as KitLeadingKeysPolicy<TLevels>,
  });
}

/** The compiled entity, with `scope()` and `event()` built from it; frozen. */
function withAccess(compiled: CompiledEntity): Entity {
  // The codecs, paths and index levels are the scopes' and events' inputs, not members of the entity.
  const { codecs, partitionAttributes, keyPaths, indexLevels, outerLevels, ...core } = compiled;
  if (typeof compiled.table === "object")
    checkTableFit(compiled.table as Table, compiled.name, compiled.templates, compiled.schema.shape as Shape);
  return Object.freeze({
    ...core,
    // The one cast of a scope: from the runtime's raw inputs (create-scope.ts) to the typed surface.
    scope: ((ids: unknown, options?: ScopeOptions) =>
      createScope(compiled, ids, options)) as unknown as Entity["scope"],
    event: ((verb: unknown, options?: unknown) => entityEvent(compiled, verb, options)) as Entity["event"],
  });
}
