/**
 * `defineEntity()`'s definition check: a DynamoDB entity whose isolation rules are checked by the compiler on the
 * offending property and, with the same messages, at runtime. (`defineEntity` itself is in src/kit.ts, which
 * adds the entity's scopes and events.)
 *
 * The check, step by step (type level: the property's `Check*` type; runtime: {@link buildEntity}):
 * 1. `name` is a non-empty string literal ({@link CheckName}; `entity.nameNotLiteral`).
 * 2. `isolation` is `"capsule"` (the default) or an opt-out with a literal, non-empty reason
 *    ({@link CheckIsolation} / {@link resolveLevel}; `isolation.ownLevel`, `isolation.unknownLevel`, `isolation.missingReason`).
 * 3. Rule 1 on `schema`: `tenantId` / `capsuleId` located for the level, top level or one level down, required
 *    and branded (`ResolveIsolation` / `resolveIsolation`, in isolation.ts; `isolation.*`); then no field takes
 *    a name the item reserves ({@link CheckSchema}; `entity.reservedAttribute`).
 * 4. Index names are neither empty nor `__proto__` ({@link CheckIndex}; `entity.indexName`).
 * 5. Each key template, `pk`, `sk` and each index's: a literal (`key.notLiteral`); for partition keys, rule 3,
 *    the isolation prefix first (`isolation.keyPrefix`); rule 4, well-formed, each placeholder a required
 *    scalar field (`key.*`, key-template.ts); for opt-outs, no key inside a capsule's partition
 *    (`isolation.capsulePartition`). While the schema fails step 3, templates are not reported: one error
 *    per mistake.
 * 6. The compiled entity: a codec per key attribute, the key set, the item schema (runtime only).
 *
 * Names: `Check*<TValue, …>` is `TValue` itself when its rule holds, else the catalog message (for an object,
 * the same shape with the message on the offending member); `Locate*` is a found path or a `Failure`;
 * `*Problem` is `never` or the message. A template's placeholder paths: `TemplatePaths` (one template, from
 * its text; `TemplatePathList` in order), `TemplateSetPaths` (some templates of a set), and `Scanned*` for the
 * same read through the schema scans the check made (`PartitionScan`, `ScannedTemplateSetPaths`,
 * `ScannedTemplatePathMap`).
 *
 * How the compile-time check works: every checked property of the definition has its own inferred type
 * parameter (`TName`, `TSchema`, `TPk`, …), and the parameter's declared type is a conditional that returns
 * the inferred type itself when the rules hold, or the catalog message (a string literal type) when they do
 * not. TypeScript infers through both branches of the conditional, so inference is unaffected, and a broken
 * rule shows up as "Type '…' is not assignable to type '[code] what | fix | e.g. …'" on that property.
 *
 * Every branch that words a failure is wrapped in `NoInfer`: the inferred type is always reachable through a
 * plain branch, so inference loses nothing, and it no longer walks into (and instantiates, once per program or
 * editor keystroke) the generic message-building types. In the key checks, whose messages are the costly ones, the
 * wrapper is `NoInfer<TTemplate extends string ? Message : never>`: the inner conditional defers even the
 * instantiation of the message's aliases until a rule really fails (what that saves the first entity of a
 * program: docs/benchmarks-typecost.md).
 */
import { z } from "zod";
import {
  CapsuleEntityError,
  EntityDefinitionError,
  IsolationError,
  ItemValidationError,
  KeyValueError,
} from "../errors.js";
import {
  checkCapsulePartition,
  checkKeyPrefix,
  type CheckCapsulePartition,
  type MissingPrefix,
  type PrefixKeyType,
  type Failure,
  defaultKitVocabulary,
  type KitVocabulary,
  resolveIsolation,
  type ResolveIsolation,
  type ResolvedIsolation,
} from "./isolation.js";
import { compileKeyCodec, type KeyCodec } from "../keys/key-codec.js";
import { describeValue } from "../internal/describe.js";
import { checkTableByName, fromTableItem, toTableItem, type CheckTableByName } from "../internal/table-names.js";
import { compileKeySet, keyByteLimit } from "../keys/key-set.js";
import {
  parseKeyTemplate,
  type KeyInput,
  type ScopeKeyInput,
  type KeyType,
  type ScanTemplate,
  type WithPlaceholder,
  type TemplatePaths,
  type WalkTemplate,
} from "../keys/key-template.js";
import {
  entityTypeMismatchMessage,
  keyMismatchMessage,
  keyValueMessage,
  missingReasonMessage,
  exampleEntityName,
  exampleTableName,
  nameNotLiteralMessage,
  notLiteralMessage,
  reservedAttributeMessage,
  schemaNotObjectMessage,
  indexNameMessage,
  invalidTableMessage,
  emptyKeyMessage,
  keyTooLongMessage,
  rewrittenFieldMessage,
  unknownKeyAttributeMessage,
  unknownLevelMessage,
  ownLevelMessage,
  type IndexNameMessage,
  type IndexLevelMessage,
  type IndexReasonMessage,
  indexLevelMessage,
  indexReasonMessage,
  type EmptyKeyMessage,
  type MissingReasonMessage,
  type NameNotLiteralMessage,
  type NotLiteralMessage,
  type OwnLevelMessage,
  type ReservedAttributeMessage,
  type UnknownLevelMessage,
  type Words,
} from "../messages.js";
import { isObjectSchema, shapeOf, type AnyObjectSchema, type InputOf, type Shape } from "../internal/zod-shape.js";
import { isBlank, isIndexName, rewritesValue, type IsBlank, type IsIndexName } from "../internal/schema-rules.js";
import { readWriteOptions, type CheckWriteField, type EntityWriteOptions, type WriteFields } from "./write-options.js";
import type { DefaultVocabulary, InnermostLevel, NextLevel, OuterLevels, Vocabulary } from "./vocabulary.js";

// ── definition input ────────────────────────────────────────────────────────────────────────────────────

/** Re-exported where entities are defined: declared in internal/ so entity modules share it without a cycle. */
export type { AnyObjectSchema };

/**
 * A secondary index: its key templates. Its key attributes are stored as `<name>pk` / `<name>sk`.
 *
 * @example
 * indexes: { byRole: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "${id}" } }
 * @see docs/patterns/isolation-on-every-index.md
 */
export interface IndexDefinition {
  readonly pk: string;
  readonly sk?: string;
  /** An opt-out to an outer level of the entity's kit, reachable only from a scope of that level. */
  readonly isolation?: { readonly level: string; readonly reason: string };
}

/**
 * An index's projection: every attribute, the keys only, or the keys and the attributes listed (which must name
 * `entityType`, which every query filters on, and the isolation fields of each entity that uses the index).
 * A query through a `KEYS_ONLY` or `INCLUDE` index returns partial items, or full ones with `hydrate: true`.
 *
 * @example
 * const projection: TableProjection = { include: ["entityType", "tenantId", "capsuleId", "title"] };
 * @see docs/dynamodb.md
 */
export type TableProjection = "ALL" | "KEYS_ONLY" | { readonly include: readonly string[] };

/**
 * A table an entity lives in, as `defineTable()` describes it: its name and its key attribute names (declared here
 * by shape, since entity/ does not import access/, where `defineTable` and its `Table` are).
 *
 * @example
 * const table: EntityTable = defineTable({ name: "platform_data", pk: "PK", sk: "SK" });
 * @see docs/dynamodb.md
 */
export interface EntityTable {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly indexes: readonly string[];
  readonly projections: Readonly<Record<string, TableProjection>>;
}

/**
 * Capsule isolation (the default), or an opt-out that says why.
 *
 * @example
 * isolation: { level: "tenant", reason: "tenant-wide billing settings, no capsule data" }
 * @see docs/patterns/isolation-opt-outs.md
 */
export type IsolationInput =
  | "capsule"
  // Any other level name is taken too, alone or on `level`, so that the check can say what is wrong with it on
  // `isolation` / `level` (CheckIsolation), as the runtime does.
  | (string & {})
  | { readonly level: "tenant" | "global" | (string & {}); readonly reason: string };

/**
 * The level an isolation input declares: its opt-out's, else `TInnermost` (the default kit's `"capsule"`). An
 * opt-out to a level outside `TLevels` (a kit's levels and `global`), which `isolation.level` reports
 * (CheckIsolation), is checked at the innermost level meanwhile, so that the one mistake gets one message.
 */
export type LevelOf<
  TIsolation,
  TInnermost extends string = "capsule",
  TLevels extends string = string,
> = TIsolation extends {
  readonly level: infer TLevel extends string;
}
  ? TLevel extends TLevels
    ? TLevel
    : TInnermost
  : TInnermost;

/** The attribute names an item uses besides the schema's fields. */
type ReservedNames<TIndexes> = "pk" | "sk" | "entityType" | `${keyof TIndexes & string}${"pk" | "sk"}`;

/**
 * The message's example names the vocabulary's example entity (`RoleAssignment`, a kit's `WorkspaceRole`), read
 * in the failing branches only: read for every definition, it cost each entity 3 instantiations.
 */
type CheckName<TName extends string, TVocabulary extends Vocabulary> = string extends TName
  ? NoInfer<NameNotLiteralMessage<Words<TVocabulary>["exampleEntity"]>>
  : TName extends ""
    ? NoInfer<NameNotLiteralMessage<Words<TVocabulary>["exampleEntity"]>>
    : TName;

type CheckSchema<TSchema extends AnyObjectSchema, TResolved, TIndexes> =
  // Not distributed: with an isolation field typed as a union, every member must be located.
  [TResolved] extends [AnyLevel]
    ? // An intersection of literal unions reduces in one step; `Extract` would distribute over every field.
      keyof TSchema["shape"] & ReservedNames<TIndexes> extends infer TReserved extends string
      ? [TReserved] extends [never]
        ? TSchema
        : NoInfer<ReservedAttributeMessage<TReserved>>
      : TSchema
    : NoInfer<TResolved extends Failure<infer TMessage> ? TMessage : never>;

/**
 * What the checks below test a resolution against, as aliases declared at the top level: an object type written
 * inside a conditional whose `extends` clauses name type parameters is instantiated again for every entity, while
 * a non-generic alias's type is one type, never instantiated.
 */
type AnyLevel = { readonly level: string };
/** An opted-out resolution: the default kit's tenant level, or a kit's outer level (which names its `next`). */
type OuterLevel = { readonly level: "tenant"; readonly tenant: string } | { readonly next: string };

/**
 * Rules 2–4 for one key template: a literal, well-formed, naming required scalar fields, and (for partition
 * keys) starting with the isolation prefix. Returns the template itself when all hold. While the schema is
 * wrong, key templates are not checked: one error per mistake. Partition and sort keys have a check each, so
 * that neither takes a step only the other needs.
 *
 * `ScanTemplate<…> extends string` needs no `[…]` around it: a conditional distributes only over a naked type
 * parameter, and `ScanTemplate` never returns `any`. The tuples cost a type each, and checking the definition
 * through them cost more again (−40 per entity in all, most of it in the inference of the `z.object` argument).
 *
 * The partition check distributes over its template (`TTemplate extends unknown ? … : never`), which changes nothing
 * for a literal (a union of literals is checked member by member), but gives it a cheap base constraint: while the
 * call is inferred, TypeScript asks whether `pk`'s contextual type is a const type variable and computes the check's
 * base constraint, which for a distributive conditional is the check instantiated with `string` (stopped by
 * the wide-template test), and otherwise the union of every branch's, the scan and the message types instantiated with a generic
 * template (the first entity of a program: 1,913 → 1,811, and what lets the check share `PartitionScan` with the
 * paths; docs/benchmarks-typecost.md, session s11).
 *
 * The global / failed-schema and opted-out subtrees are each one `NoInfer`: inference reaches the template through the
 * innermost level's branch (`PartitionScan<…> extends string ? TTemplate`), and TypeScript, which infers into both
 * branches of every conditional, no longer builds each nested branch of those subtrees with a generic template
 * (the first entity of a program −79, every kit; docs/benchmarks-typecost.md, session s13).
 */
type CheckPartitionKey<
  TTemplate extends string,
  TProperty extends string,
  TShape extends Shape,
  TResolved,
  TPrefix extends string,
  TVocabulary extends Vocabulary,
> = TTemplate extends unknown
  ? // Whether the template's type is not one literal: `string`, or a pattern with a `${string}` hole (a template built
    // with a `string`-typed interpolation). A mapping over a literal is an object with that key, which `{}` lacks;
    // over `string` or a pattern, an index signature, which `{}` satisfies. One check, no walk; written here rather
    // than as an alias (`IsWide<TTemplate> extends true`: the alias and its argument cost 3 more per template,
    // docs/benchmarks-typecost.md, session s19).
    {} extends { [TKey in TTemplate]: 1 }
    ? NoInfer<
        TTemplate extends string
          ? NotLiteralMessage<TProperty, LevelOf<TResolved, InnermostLevel<TVocabulary>>, TVocabulary>
          : never
      >
    : [TPrefix] extends [never] // global isolation, or a schema that failed rule 1 (no prefix either way)
      ? NoInfer<
          TResolved extends Failure<string>
            ? TTemplate
            : TTemplate extends ""
              ? EmptyKeyMessage<TProperty>
              : ScanTemplate<TTemplate, TShape> extends string
                ? TTemplate extends string
                  ? CheckCapsulePartition<TTemplate, TTemplate, TProperty, "global", TVocabulary>
                  : never
                : TTemplate extends string
                  ? WalkTemplate<TTemplate, TShape, TProperty, TTemplate, never>
                  : never
        >
      : // An opted-out entity (the default kit's tenant level, or a kit's outer level, which names its `next`) or
        // an index opted out to an outer level: split here, since the level inside is checked on the rest. A test
        // free of type parameters, so that the common, innermost case instantiates nothing more.
        TResolved extends OuterLevel
        ? NoInfer<
            TTemplate extends `${TPrefix}${infer TRest extends PrefixRest}`
              ? ScanTemplate<TRest, TShape> extends string
                ? TResolved extends { readonly level: infer TLevel extends string }
                  ? CheckCapsulePartition<TRest, TTemplate, TProperty, TLevel, TVocabulary>
                  : never
                : TTemplate extends string
                  ? WalkTemplate<TRest, TShape, TProperty, TTemplate, never>
                  : never
              : TTemplate extends string
                ? MissingPrefix<TTemplate, TProperty, TPrefix>
                : never
          >
        : // The scan `keys()` and the scopes read the paths from (`PartitionScan`, cached): `true` in it says the
          // template does not start with the prefix, `false` that the rest fails the scan.
          PartitionScan<TTemplate, TShape, TPrefix> extends string
          ? TTemplate
          : // A schema whose rule 1 fails in one member of a union (a union-typed isolation field) has a prefix from
            // its other members: the template is not reported against it, as against a schema that fails outright.
            // Tested on the failing branch only, so that a passing template does not pay for it.
            NoInfer<
              TResolved extends Failure<string>
                ? TTemplate
                : TTemplate extends string
                  ? PartitionProblem<TTemplate, TShape, TProperty, TPrefix>
                  : never
            >
  : never;
/**
 * The message of a partition template that fails its scan ({@link PartitionScan}): the walk of what follows the
 * prefix, or the missing prefix. The template is split again here, on failure only.
 */
type PartitionProblem<
  TTemplate extends string,
  TShape extends Shape,
  TProperty extends string,
  TPrefix extends string,
> = TTemplate extends `${TPrefix}${infer TRest extends PrefixRest}`
  ? WalkTemplate<TRest, TShape, TProperty, TTemplate, never>
  : MissingPrefix<TTemplate, TProperty, TPrefix>;
/**
 * A partition template scanned after its isolation prefix: the rest's paths (the prefix's own placeholders were
 * checked with the schema; the rest must end or continue with `#`, one match, the rest's shape being the `infer`
 * constraint), `false` in the union when the rest fails the scan, and `true` (with the whole template's scan) when
 * the template does not start with the prefix. One cached type per template, shape and prefix, shared by
 * `CheckPartitionKey` and the paths `keys()`, `get` and `query` read ({@link ScannedTemplatePathMap}), which drop the
 * markers with `& string` and add the prefix's paths where they need them (`TemplatePaths<TPrefix>`, the same for
 * every entity of a level): with them in the scan, every scope's `Exclude` of the ids distributed over them, and the
 * check's union carried them (−7 per entity on the bench's full shape, docs/benchmarks-typecost.md, session s19).
 */
type PartitionScan<
  TTemplate extends string,
  TShape extends Shape,
  TPrefix extends string,
> = TTemplate extends `${TPrefix}${infer TRest extends PrefixRest}`
  ? ScanTemplate<TRest, TShape>
  : true | ScanTemplate<TTemplate, TShape>;
/**
 * What may follow the isolation prefix in a partition template: nothing, or a `#` and more. A top-level union alias, so
 * that TypeScript takes it as it is where an `infer` is constrained to it (inline, it was instantiated at every match).
 */
type PrefixRest = "" | `#${string}`;
/** Rules 2 and 4 for a sort key template (no prefix to start with). */
type CheckSortKey<
  TTemplate extends string,
  TProperty extends string,
  TShape extends Shape,
  TResolved,
  TVocabulary extends Vocabulary,
> =
  // The template typed `string` or a pattern: `CheckPartitionKey`'s first test.
  {} extends { [TKey in TTemplate]: 1 }
    ? NoInfer<
        TTemplate extends string
          ? NotLiteralMessage<TProperty, LevelOf<TResolved, InnermostLevel<TVocabulary>>, TVocabulary>
          : never
      >
    : TResolved extends Failure<string>
      ? TTemplate
      : TTemplate extends ""
        ? NoInfer<EmptyKeyMessage<TProperty>>
        : TTemplate extends WithPlaceholder
          ? ScanTemplate<TTemplate, TShape> extends string
            ? TTemplate
            : NoInfer<TTemplate extends string ? WalkTemplate<TTemplate, TShape, TProperty, TTemplate, never> : never>
          : TTemplate;
/** The prefix partition keys must start with, read once per entity; `never` without isolation or on failure. */
export type PrefixOf<TResolved> = TResolved extends { readonly prefix: infer TPrefix extends string } ? TPrefix : never;

/** An index's pk checked as the entity's own (rules 1–4 at the entity's level), read by {@link CheckIndex} and its message. */
type CheckIndexPartitionKey<
  TIndex extends IndexDefinition,
  TName extends string,
  TShape extends Shape,
  TResolved,
  TVocabulary extends Vocabulary,
> = CheckPartitionKey<TIndex["pk"], `indexes.${TName}.pk`, TShape, TResolved, PrefixOf<TResolved>, TVocabulary>;

/**
 * An index definition is itself when both its templates pass, else the same shape carrying the message.
 * (Indexes are inferred through a reverse mapped type, whose properties `infer` cannot read: index instead.)
 *
 * An index opted out to an outer level (`isolation`) never passes the pk check at the entity's level: the last
 * branch checks it at its own level ({@link CheckIndexOptOut}). That branch is one `NoInfer` over a conditional on the
 * index's kind (entity or outer level), each arm an object of the messages: while the call is inferred, contextual
 * typing reads it once per index name at the index's constraint (`IndexDefinition`, below), where the kind is known
 * and the arm is taken at once. (Issue 15 made each property an object indexed by the kind, when the check was not
 * yet distributive and the constraint a walk of every branch; since it is, the three lookups of the kind cost every
 * distinctly named index 4 more: session s17.)
 *
 * A key typed `string` needs no test of its own: each template is related to its check (`pk extends Check…`), and
 * `string` does not extend the `key.notLiteral` message its check returns. (Tested apart first, with the wide-template test, it cost
 * every entity 12 instantiations per index; an opted-out index's key typed `string` now gets its level's example, and
 * an unknown level is reported before it, as the runtime does: docs/benchmarks-typecost.md, session s12.)
 *
 * Distributive over the index (`TIndex extends unknown`), which changes nothing for an inferred index. (Session s13
 * made it so when the contextual type of each index was this check at `TIndexes[name]`, whose constraint was every
 * branch's, ≈ 90 per distinctly named index; since session s18 contextual typing reads {@link CheckIndexes}' base
 * constraint, this check at `IndexDefinition` and the name `string`, once per program: docs/benchmarks-typecost.md.)
 */
type CheckIndex<
  TIndex extends IndexDefinition,
  TName extends string,
  TShape extends Shape,
  TResolved,
  TVocabulary extends Vocabulary,
> = TIndex extends unknown
  ? IsIndexName<TName> extends false
    ? NoInfer<{ readonly pk: IndexNameMessage<TName, TVocabulary>; readonly sk?: TIndex["sk"] }>
    : // Each template against its check, not the check against the template: a pk or sk typed `string` gets the
      // `key.notLiteral` message, which `string` does not extend (the other way round it would pass). An opted-out
      // index (`isolation` absent reads `unknown`) never passes here: the last branch checks it at its level.
      TIndex["pk"] extends (
          unknown extends TIndex["isolation"]
            ? CheckIndexPartitionKey<TIndex, TName, TShape, TResolved, TVocabulary>
            : never
        )
      ? TIndex["sk"] extends string
        ? TIndex["sk"] extends CheckSortKey<TIndex["sk"], `indexes.${TName}.sk`, TShape, TResolved, TVocabulary>
          ? TIndex
          : NoInfer<{
              readonly pk: TIndex["pk"];
              readonly sk: CheckSortKey<TIndex["sk"], `indexes.${TName}.sk`, TShape, TResolved, TVocabulary>;
            }>
        : TIndex
      : NoInfer<
          [TIndex["isolation"]] extends [object]
            ? {
                readonly pk: CheckIndexOptOut<TIndex, TName, TShape, TResolved, TVocabulary>["pk"];
                readonly sk?: CheckIndexOptOut<TIndex, TName, TShape, TResolved, TVocabulary>["sk"];
                readonly isolation?: CheckIndexOptOut<TIndex, TName, TShape, TResolved, TVocabulary>["isolation"];
              }
            : {
                readonly pk: CheckIndexPartitionKey<TIndex, TName, TShape, TResolved, TVocabulary>;
                readonly sk?: TIndex["sk"];
                readonly isolation?: TIndex["isolation"];
              }
        >
  : never;

/**
 * Every index checked ({@link CheckIndex}), read by `EntityDefinition`'s `indexes` once `TIndexes` is inferred.
 * Distributive over the indexes (`TIndexes extends unknown`), so that its base constraint, which contextual typing
 * reads while the call is inferred, is the check at `TIndexes`' constraint: an index signature whose one member is
 * `CheckIndex` at `IndexDefinition` and the name `string`, the same type for every entity of a program.
 */
type CheckIndexes<
  TIndexes extends Readonly<Record<string, IndexDefinition>>,
  TShape extends Shape,
  TResolved,
  TVocabulary extends Vocabulary,
> = TIndexes extends unknown
  ? {
      readonly [TIndex in keyof TIndexes]: CheckIndex<
        TIndexes[TIndex],
        TIndex & string,
        TShape,
        TResolved,
        TVocabulary
      >;
    }
  : never;

/**
 * An index opted out to an outer level (`isolation: { level, reason }`), checked property by property: the level
 * must be outside the entity's own (`index.unknownLevel`, on `level`), the reason a visible literal
 * (`index.missingReason`, on `reason`); then the templates are checked at that level: the pk starts with the
 * level's prefix and does not reach into the level inside it (`isolation.keyPrefix`, `isolation.capsulePartition`,
 * on `pk`), as an entity opted out to it would. Read only for an index that has `isolation`.
 */
interface CheckIndexOptOut<
  TIndex extends IndexDefinition,
  TName extends string,
  TShape extends Shape,
  TResolved,
  TVocabulary extends Vocabulary,
> {
  readonly pk: IndexOptOut<TIndex, TName, TResolved, TVocabulary> extends infer TOuter extends IndexResolved
    ? CheckPartitionKey<TIndex["pk"], `indexes.${TName}.pk`, TShape, TOuter, TOuter["prefix"], TVocabulary>
    : TIndex["pk"];
  readonly sk?: IndexOptOut<TIndex, TName, TResolved, TVocabulary> extends infer TOuter extends IndexResolved
    ? TIndex["sk"] extends string
      ? CheckSortKey<TIndex["sk"], `indexes.${TName}.sk`, TShape, TOuter, TVocabulary>
      : TIndex["sk"]
    : TIndex["sk"];
  readonly isolation: IndexOptOut<TIndex, TName, TResolved, TVocabulary> extends {
    readonly isolation: infer TMessage;
  }
    ? TMessage
    : TIndex["isolation"];
}
/**
 * An index's opt-out resolved: the outer level and its prefix, which the index's templates are checked against,
 * or `{ isolation }` carrying the message on `level` or `reason`.
 */
type IndexOptOut<
  TIndex extends IndexDefinition,
  TName extends string,
  TResolved,
  TVocabulary extends Vocabulary,
> = TIndex["isolation"] extends { readonly level: infer TLevel extends string; readonly reason: infer TReason }
  ? OuterPrefix<PrefixOf<TResolved>, TLevel, TVocabulary> extends infer TOuter extends string
    ? [TOuter] extends [never]
      ? {
          readonly isolation: {
            readonly level: IndexLevelMessage<
              TName,
              TLevel,
              TResolved extends { readonly level: TVocabulary["levels"][0]["name"] | "global" }
                ? ""
                : TVocabulary["levels"][0]["name"],
              [PrefixOf<TResolved>] extends [never] ? "" : PrefixOf<TResolved>
            >;
            readonly reason: TReason;
          };
        }
      : [TReason] extends [string]
        ? string extends TReason
          ? IndexReasonProblem<TName, TLevel>
          : IsBlank<TReason> extends true
            ? IndexReasonProblem<TName, TLevel>
            : IndexResolved<TLevel, TOuter>
        : IndexReasonProblem<TName, TLevel>
    : never
  : never;
type IndexReasonProblem<TName extends string, TLevel extends string> = {
  readonly isolation: { readonly level: TLevel; readonly reason: IndexReasonMessage<TName, TLevel> };
};
/** What an opted-out index's keys are checked against: the outer level, its prefix, and (`next`) a level inside. */
interface IndexResolved<TLevel extends string = string, TPrefix extends string = string> {
  readonly level: TLevel;
  readonly prefix: TPrefix;
  readonly next: string;
}
/**
 * The entity's prefix cut before the level inside `TLevel` (`TENANT#${tenantId}` of a capsule entity's
 * `TENANT#${tenantId}#CAPSULE#${capsuleId}` for `"tenant"`); `never` unless `TLevel` is outside the entity's own.
 */
export type OuterPrefix<
  TPrefix extends string,
  TLevel extends string,
  TVocabulary extends Vocabulary,
> = TLevel extends "global"
  ? never
  : NextLevel<TVocabulary["levels"], TLevel> extends infer TNext
    ? [TNext] extends [never] // an unknown level
      ? never
      : TNext extends { readonly label: infer TLabel extends string }
        ? TPrefix extends `${infer TOuter}#${TLabel}#\${${string}`
          ? TOuter
          : never
        : never
    : never;

/**
 * An opt-out names a level outside the innermost, or `global` (`isolation.ownLevel` / `isolation.unknownLevel`, on
 * `level`), then a literal reason with a visible character (`isolation.missingReason`, on `reason`). A level typed
 * `string` gets the plain assignability error against the levels an opt-out may name. A level written alone
 * (`isolation: "tenant"`) gets the runtime's message on `isolation`: `isolation.missingReason`, or
 * `isolation.unknownLevel`.
 */
export type CheckIsolation<TIsolation, TVocabulary extends Vocabulary = DefaultVocabulary> = TIsolation extends {
  readonly level: infer TLevel extends string;
  readonly reason: infer TReason extends string;
}
  ? string extends TLevel
    ? // Also what TypeScript sees while it infers a definition: this check on the constraint (level "tenant" |
      // "global" | string). No `const` context reaches the argument through a conditional type, so its literal
      // types here (the levels, the message) are what keep the level and reason the user wrote literal.
      NoInfer<{
        readonly level: OuterLevels<TVocabulary> | "global";
        readonly reason: string extends TReason
          ? MissingReasonMessage<OuterLevels<TVocabulary> | "global", TVocabulary>
          : TReason;
      }>
    : [TLevel] extends [OuterLevels<TVocabulary> | "global"]
      ? string extends TReason
        ? NoInfer<{ readonly level: TLevel; readonly reason: MissingReasonMessage<TLevel, TVocabulary> }>
        : IsBlank<TReason> extends true
          ? NoInfer<{ readonly level: TLevel; readonly reason: MissingReasonMessage<TLevel, TVocabulary> }>
          : TIsolation
      : NoInfer<{
          readonly level: TLevel extends InnermostLevel<TVocabulary>
            ? OwnLevelMessage<TLevel, TVocabulary>
            : UnknownLevelMessage<TLevel, TVocabulary>;
          readonly reason: TReason;
        }>
  : TIsolation extends string
    ? string extends TIsolation
      ? // A widened string, and the constraint's `string & {}` while TypeScript infers a definition: the one level
        // written alone. (An opt-out's object here would absorb the literal message the object arm answers the
        // constraint with, and the reason the user wrote would widen.)
        InnermostLevel<TVocabulary>
      : TIsolation extends InnermostLevel<TVocabulary>
        ? TIsolation
        : // A level alone (`isolation: "tenant"`): the runtime's message, on `isolation`.
          [TIsolation] extends [OuterLevels<TVocabulary> | "global"]
          ? MissingReasonMessage<TIsolation, TVocabulary>
          : UnknownLevelMessage<TIsolation, TVocabulary>
    : TIsolation;

/**
 * The argument of {@link defineEntity}, with every rule applied to the property it concerns: a broken rule
 * turns that property's type into the catalog message.
 *
 * @example
 * defineEntity({ name: "Note", schema, pk: "TENANT#${tenantId}#NOTE#${id}" });
 * // error on pk: "[isolation.keyPrefix] pk must start with TENANT#${tenantId}#CAPSULE#${capsuleId} …"
 * @see docs/patterns/capsule-isolation-checklist.md
 */
export interface EntityDefinition<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TPk extends string,
  TSk extends string | undefined,
  TIndexes extends Readonly<Record<string, IndexDefinition>>,
  TIsolation,
  // The fields `version` and `timestamps` name, inferred so that a wrong one gets the catalog message (one argument
  // for the three: each type argument of this interface costs every definition an instantiation).
  TWriteFields extends WriteFields = WriteFields,
  // The `table` property as src/kit.ts passes it: the entity's own table, a name or a `defineTable()` value.
  TTableOption = string | EntityTable,
  TResolved = ResolveIsolation<TSchema["shape"], LevelOf<TIsolation>>,
  // A kit's entities (defineIsolation) pass their vocabulary; the default kit's is this.
  TVocabulary extends Vocabulary = DefaultVocabulary,
> {
  /** The entity's name, stored as the `entityType` attribute of every item. */
  readonly name: CheckName<TName, TVocabulary>;
  /**
   * The DynamoDB table, when the entity always lives in one: its name, or a `defineTable()` value, whose key
   * attribute names (`PK`, `SK`, …) its scopes and connections then use.
   */
  readonly table?: TTableOption;
  /** The attribute schema: `tenantId()` and `capsuleId()` at the top level or one level down. */
  readonly schema: CheckSchema<TSchema, TResolved, TIndexes>;
  /** The partition key template; must start with `TENANT#${tenantId}#CAPSULE#${capsuleId}`. */
  readonly pk: CheckPartitionKey<TPk, "pk", TSchema["shape"], TResolved, PrefixOf<TResolved>, TVocabulary>;
  /** The sort key template. */
  readonly sk?: TSk extends string ? CheckSortKey<TSk, "sk", TSchema["shape"], TResolved, TVocabulary> : undefined;
  /**
   * Secondary indexes; their partition keys are isolated like `pk`.
   *
   * A conditional that is the check once `TIndexes` is inferred (`[X] extends [unknown]` always holds) and, while the
   * call is inferred, a deferred type whose branches serve inference and contextual typing apart: `TIndexes` is
   * inferred naked from the false branch (the check is `NoInfer`), and the literal keeps its const context through
   * that branch (the conditional's constraint is the union of both); its members' contextual type is the check's
   * base constraint (`CheckIndexes`), computed once per program. A mapped type of the checks here was
   * substituted again for each contextual request of each index (three per entity, ≈ 14 instantiations each) and
   * checked at the index's constraint once per index name (≈ 42): docs/benchmarks-typecost.md, session s18.
   */
  readonly indexes?: keyof TIndexes extends unknown
    ? NoInfer<CheckIndexes<TIndexes, TSchema["shape"], TResolved, TVocabulary>>
    : TIndexes;
  /** Defaults to `"capsule"`; an opt-out states its reason. */
  readonly isolation?: CheckIsolation<TIsolation, TVocabulary>;
  /** Optimistic locking: the number field holding the item's version (see docs/dynamodb.md). */
  readonly version?: CheckWriteField<TSchema, TWriteFields["version"], "version", "number">;
  /** `createdAt` / `updatedAt` string fields the library maintains. */
  readonly timestamps?: {
    readonly createdAt?: CheckWriteField<TSchema, TWriteFields["createdAt"], "timestamps.createdAt", "string">;
    readonly updatedAt?: CheckWriteField<TSchema, TWriteFields["updatedAt"], "timestamps.updatedAt", "string">;
  };
}

// ── the entity ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Key attribute name → key template, for pk, sk and each index's `<name>pk` / `<name>sk`: an entity's
 * `templates` member.
 *
 * @example
 * RoleAssignment.templates.byRolepk; //=> "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}"
 * @see docs/patterns/key-template-grammar.md
 */
export type KeyTemplates = Readonly<Record<string, string>>;

/** Every index's `<name>pk`, and `<name>sk` for those with a sort key. */
type IndexAttributes<
  TIndexes extends Readonly<Record<string, IndexDefinition>>,
  TNames extends keyof TIndexes & string = keyof TIndexes & string,
> = {
  [TIndex in TNames]: `${TIndex}${TIndexes[TIndex] extends WithSortKey ? "pk" | "sk" : "pk"}`;
}[TNames];
/**
 * An index definition with a sort key, or opted out to an outer level: top-level aliases, which TypeScript relates to
 * as they are (an object type written inline in a generic alias is instantiated at every test).
 */
type WithSortKey = { readonly sk: string };
/** {@link WithSortKey}'s note. */
type OptedOut = { readonly isolation: object };

/**
 * Key attribute name → template, as a definition declares them: what an entity's `templates` holds, and how its
 * type prints in a hover. Exported (src/index.ts) so that a hover names it at once: for a type no module exports,
 * the editor first searches every module of the program for a way to name it (most of a hover's time).
 *
 * One mapped type over the attribute names: `pk`, `sk` when the definition has one, each index's `<name>pk` and
 * `<name>sk` (an index name is 3–255 characters, so none is `pk` or `sk`). Mapped over the names rather than re-keyed
 * with `as`: the checker recomputes an `as` mapping each time the keys are read, while an index attribute is one
 * suffix match. Not the intersection `{ pk } & { sk } & <the indexes' mapped type>`: defineEntity records this type
 * for every entity, where the intersection built its members and itself, and every read of a template went through
 * a property the checker synthesized on the intersection (TS 7, the bench's full shape: −18 allocations and −2 types
 * per entity, `keys()` −26; docs/benchmarks-typecost.md, session s21).
 *
 * @example
 * type Templates = TemplatesOf<"TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}", "METADATA", {}>;
 * //=> { readonly pk: "TENANT#…#DOC#${id}"; readonly sk: "METADATA" }
 * @see docs/patterns/key-template-grammar.md
 */
export type TemplatesOf<TPk extends string, TSk, TIndexes extends Readonly<Record<string, IndexDefinition>>> = {
  readonly [
    TAttribute in "pk" | (TSk extends string ? "sk" : never) | IndexAttributes<TIndexes>
  ]: TAttribute extends "pk"
    ? TPk
    : TAttribute extends "sk"
      ? TSk & string
      : TAttribute extends `${infer TIndex}pk`
        ? TIndexes[TIndex]["pk"]
        : TAttribute extends `${infer TIndex}sk`
          ? TIndexes[TIndex]["sk"] & string
          : never;
};

/**
 * The placeholder paths of some of a set of templates. One lookup with the union of attributes gives the
 * union of their templates; for each, the scan the definition check already made (a cache hit) gives the
 * paths after the isolation prefix, and the prefix's own paths are the same for every entity.
 */
export type ScannedTemplateSetPaths<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TAttribute extends keyof TTemplates = keyof TTemplates,
> = ScannedTemplatePathMap<TShape, TTemplates, PrefixOf<TResolved>>[TAttribute];
/**
 * Key attribute → the placeholder paths of its template. One instance per entity (same arguments wherever it is
 * read), whose properties are computed once, when first read: `keys()`, `get` and `query` read different sets
 * of attributes and share each template's paths.
 */
type ScannedTemplatePathMap<TShape extends Shape, TTemplates extends KeyTemplates, TPrefix extends string> = {
  // The scans the definition check made, read again (cache hits): a partition key's (`pk`, `<index>pk`; no sort
  // key's attribute ends in `pk`) after the prefix, with the prefix's paths when it starts with it (`true` in the
  // scan says it does not), a sort key's whole (an opted-out entity's or index's partition key, which its check
  // splits itself, is scanned here). `& string` drops a failed scan's markers, and keeps each scan out of the
  // branch's tail position, where it would be evaluated in place, past its cache.
  readonly [TAttribute in keyof TTemplates]: TAttribute extends `${string}pk`
    ? true extends PartitionScan<TTemplates[TAttribute], TShape, TPrefix>
      ? PartitionScan<TTemplates[TAttribute], TShape, TPrefix> & string
      : TemplatePaths<TPrefix> | (PartitionScan<TTemplates[TAttribute], TShape, TPrefix> & string)
    : ScanTemplate<TTemplates[TAttribute], TShape> & string;
};
/**
 * What an entity's key inputs are, recorded by the definition ({@link KeyInputOf}): the constraint of `Entity`'s
 * `TKeyInput`. `keys()` reads `input`; an entity's scope reads `primary` (get, delete, update) and a query's partition
 * per target, `table` and `indexes` (index name → partition, `never` for an index opted out to an outer level).
 */
export interface DefinedKeyInput {
  readonly input: object;
  readonly primary: object;
  readonly table: object;
  readonly indexes: object;
}
/**
 * The key inputs of an entity, collected from the definition's templates (`TPk`, `TSk`, `TIndexes`) rather than read
 * back from the entity's `templates` (`ScannedTemplatePathMap` over `TemplatesOf`, whose index attributes cost two
 * `infer` matches each): `keys()`'s `input` (the budget shape −68 instantiations per entity, docs/benchmarks-typecost.md,
 * session s14), and what an entity's own scope reads, without the isolation prefix's paths, which the scope gives:
 * `primary` (get, delete, update), `table` and `indexes` (a query's partition; session s15). An object type, so that
 * each member is computed when first read, not for every entity: as a union type argument the paths were computed by
 * every definition, and the adapter probe's entities, which never call `keys()`, paid for them (an opted-out index's
 * pk is scanned whole there, +113).
 *
 * @example
 * type Input = KeyInputOf<Shape, "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}", undefined, {}, Prefix>["input"];
 * //=> { readonly tenantId: TenantId; readonly capsuleId: CapsuleId; readonly id: string }
 * type Primary = KeyInputOf<Shape, "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}", undefined, {}, Prefix>["primary"];
 * //=> { readonly id: string }
 * @see docs/patterns/key-template-grammar.md
 */
export type KeyInputOf<
  TShape extends Shape,
  TPk extends string,
  TSk,
  TIndexes extends Readonly<Record<string, IndexDefinition>>,
  TPrefix extends string,
> = {
  // Every placeholder path of the definition's templates: the prefix's (the entity's own pk starts with it, or the
  // definition fails) and the scans its checks made, read again (cache hits), as `ScannedTemplatePathMap` reads them
  // (a partition key after the prefix, or whole when it does not start with it, as an opted-out index's). Written
  // here rather than as an alias, and without `& string` on each scan (`KeyInput` reads only the paths that name
  // fields, so a scan's `true` / `false` markers drop out there): an aliased union is a type of its own per entity,
  // and each `& string` an intersection distributed over a scan's paths (TS 7: −34 allocations per entity on the
  // bench's full shape, −19 with distinct field names; docs/benchmarks-typecost.md, session s21).
  readonly input: KeyInput<
    TShape,
    | TemplatePaths<TPrefix>
    | PartitionScan<TPk, TShape, TPrefix>
    | SortKeyPaths<TSk, TShape>
    | IndexKeyPaths<TIndexes[keyof TIndexes], TShape, TPrefix>
  >;
  readonly primary: ScopeKeyInput<
    TShape,
    Exclude<(PartitionScan<TPk, TShape, TPrefix> & string) | SortKeyPaths<TSk, TShape>, TemplatePaths<TPrefix>>
  >;
  readonly table: ScopedPartition<TShape, TPk, TPrefix>;
  readonly indexes: {
    // An index with `isolation` is opted out to an outer level: an entity's own scope does not query it.
    readonly [TIndex in keyof TIndexes]: TIndexes[TIndex] extends OptedOut
      ? never
      : ScopedPartition<TShape, TIndexes[TIndex]["pk"], TPrefix>;
  };
};
/**
 * The paths of a sort key template (`TSk`, `undefined` for none). A named conditional, cached by its arguments, so that
 * `primary` reads what `input` computed (written inline in each, it was computed twice: get −5 per entity).
 */
type SortKeyPaths<TSk, TShape extends Shape> = TSk extends WithPlaceholder
  ? ScanTemplate<TSk & string, TShape> & string
  : never;
/**
 * The partition of a scope's query on a pk template: its paths beyond the isolation prefix (the scan the definition
 * check made, a cache hit, less the prefix's own paths, the same for every entity).
 */
type ScopedPartition<TShape extends Shape, TTemplate extends string, TPrefix extends string> = ScopeKeyInput<
  TShape,
  Exclude<PartitionScan<TTemplate, TShape, TPrefix> & string, TemplatePaths<TPrefix>>
>;
/**
 * An index's template paths (and a scan's markers, which `KeyInput` drops), read by `keys()`' input one index at a
 * time: one index is one cached scan of each template (a mapped type over the index names cost +22 per entity).
 * Distributed over the indexes: `TIndexes` is the definition's literal type, and reading
 * `sk` from the union of its indexes gives `unknown` as soon as one has none (only an object literal's union reads a
 * missing property as `undefined`), which `& string` would make `string` and the scan `never`: the sort keys' fields
 * would drop out of `keys()`. One index without `sk` reads `unknown` here, made `string`, which scans to `never`.
 */
type IndexKeyPaths<
  TIndex extends IndexDefinition,
  TShape extends Shape,
  TPrefix extends string,
> = TIndex extends unknown
  ? PartitionScan<TIndex["pk"], TShape, TPrefix> | ScanTemplate<TIndex["sk"] & string, TShape>
  : never;
/**
 * The placeholder paths of some templates, read from the templates alone (no schema): for types that only need
 * field names, such as the fields an update may not touch or the key fields of an event's detail.
 */
export type TemplateSetPaths<
  TTemplates extends KeyTemplates,
  TAttribute extends keyof TTemplates = keyof TTemplates,
> = TemplatePaths<TTemplates[TAttribute]>;

/**
 * The keys of an item, typed by template. A partition template's isolation prefix becomes its value type
 * directly, and only the rest is walked.
 *
 * @example
 * RoleAssignment.keys(attributes).pk; // typed `TENANT#${string}#CAPSULE#${string}#ROLE#${string}`
 * @see docs/patterns/key-template-grammar.md
 */
export type EntityKeys<TShape extends Shape, TTemplates extends KeyTemplates, TResolved extends ResolvedIsolation> = {
  readonly [TAttribute in keyof TTemplates]: TResolved extends { readonly prefix: infer TPrefix extends string }
    ? TTemplates[TAttribute] extends `${TPrefix}${infer TRest}`
      ? `${PrefixKeyType<TPrefix>}${KeyType<TRest, TShape>}`
      : KeyType<TTemplates[TAttribute], TShape>
    : KeyType<TTemplates[TAttribute], TShape>;
  // `& {}` (type-fest's `Simplify` trick, without the dependency): the intersection reduces to the mapped type,
  // which then carries no alias, so a hover prints the key strings instead of `EntityKeys<…>`.
} & {};

/**
 * The fields `keys()` reads: exactly those its templates reference, nested ones nested.
 *
 * @example
 * type Input = EntityKeyInput<typeof RoleAssignment.schema.shape, typeof RoleAssignment.templates>;
 * //=> { readonly tenantId: TenantId; readonly capsuleId: CapsuleId; readonly id: string; readonly role: string }
 * @see docs/patterns/key-template-grammar.md
 */
export type EntityKeyInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation = ResolvedIsolation,
> = KeyInput<TShape, ScannedTemplateSetPaths<TShape, TTemplates, TResolved>>;

/**
 * A declared entity. Built by {@link defineEntity}. Its `scope()` and `event()` are declared where they are
 * built, in src/kit.ts (this interface, merged), so that this module imports neither access/ nor events/.
 *
 * @example
 * const keys = RoleAssignment.keys({ tenantId, capsuleId, id: "r1" });
 * //=> { pk: `TENANT#${string}#CAPSULE#${string}#ROLE#${string}`, sk: "METADATA" }
 * @see docs/guide.md
 */
export interface Entity<
  TName extends string = string,
  TSchema extends AnyObjectSchema = AnyObjectSchema,
  TTemplates extends KeyTemplates = KeyTemplates,
  TResolved extends ResolvedIsolation = ResolvedIsolation,
  TTable extends string | EntityTable | undefined = string | EntityTable | undefined,
  // `keys()`'s input and the scope's key inputs, as the definition collected them (`KeyInputOf`). `never` by default:
  // an entity typed `Entity<…>` without it has no record, so its `keys()` and its scope's get / delete / update /
  // query partitions take nothing (a type error, "not assignable to parameter of type 'never'": write
  // `typeof Note`), where `any` took every input; an entity still relates to it (`never` is assignable to its record).
  // The adapter's signatures (`db.entity`, a transaction's) pass `any`, so that they relate an entity's argument here
  // at once: against `DefinedKeyInput` or `never` they computed every entity's key input (+3 to +2,661 per entity on
  // the adapter probe; docs/benchmarks-typecost.md, sessions s14 and s16), and they read its templates instead.
  TKeyInput extends DefinedKeyInput = never,
> {
  readonly name: TName;
  /** The table of the definition: a name, a `defineTable()` value, or none. */
  readonly table: TTable;
  /** The isolation level and where the isolation fields sit. */
  readonly isolation: TResolved;
  /** The attribute schema. */
  readonly schema: TSchema;
  /**
   * The stored item: attributes, key attributes (checked against the templates' shapes and rebuilt from the
   * attributes) and `entityType`; read as `fromItem` reads it, from the entity's own table's key names (`PK`).
   */
  readonly item: z.ZodType<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** Key attribute name → template, as declared. */
  readonly templates: TTemplates;
  /** The version and timestamp fields every write maintains (`version`, `timestamps` of the definition). */
  readonly writes: EntityWriteOptions;
  /** Builds every key from the fields the templates reference; refuses unsafe values with `KeyValueError`. */
  keys(input: TKeyInput["input"]): EntityKeys<TSchema["shape"], TTemplates, TResolved>;
  /** Parses a key (by default `pk`) back into the values it was built from. */
  parseKey<TAttribute extends keyof TTemplates & string = "pk">(
    key: string,
    attribute?: TAttribute,
  ): KeyInput<TSchema["shape"], ScannedTemplateSetPaths<TSchema["shape"], TTemplates, TResolved, TAttribute>>;
  /**
   * Validates attributes and returns the item to store: attributes, keys and `entityType`, its keys under the
   * table's attribute names (`PK`, `GSI1PK` of the entity's own `defineTable()` table, or of `options.table`), so
   * that a raw `PutCommand({ TableName, Item })` stores what a scope reads back. The name of the entity's own
   * renaming table is refused (`table.byName`, also at compile time for a literal name).
   */
  toItem<TFor extends string | EntityTable | undefined = TTable>(
    attributes: InputOf<TSchema>,
    options?: StoredItemOptions<CheckTableByName<TName, TTable, TFor>>,
  ): StoredItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TFor>;
  /**
   * Validates a stored item, as a raw `GetCommand` returns it from the entity's own table (or `options.table`):
   * its attributes, its `entityType`, and that every key equals the key built from its own attributes (a mismatch
   * throws `IsolationError`). Returns the item as every read returns it, keys under the entity's names (`pk`).
   * The name of the entity's own renaming table is refused, as by `toItem`.
   */
  fromItem<TFor extends string | EntityTable | undefined = TTable>(
    raw: unknown,
    options?: StoredItemOptions<CheckTableByName<TName, TTable, TFor>>,
  ): EntityItem<TName, TSchema, TTemplates, TResolved>;
}

/**
 * The table an item is stored in, for `toItem` / `fromItem`: a `defineTable()` value renames the keys to its
 * attribute names; a table name (or none) keeps the entity's. Default: the entity's own `table`.
 *
 * @example
 * Note.toItem(attributes, { table: PlatformTable }); //=> { …, PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "NOTE#n1" }
 * @see docs/dynamodb.md
 */
export interface StoredItemOptions<TTable extends string | EntityTable | undefined> {
  readonly table?: TTable;
}

/**
 * An item as stored in `TTable`: its key attributes under the table's names (`pk` → `PK`), for a `defineTable()`
 * value; the item itself for a table name or none.
 *
 * @example
 * type Stored = StoredItem<{ pk: string; sk: string; title: string }, typeof PlatformTable>;
 * //=> { PK: string; SK: string; title: string }
 * @see docs/dynamodb.md
 */
export type StoredItem<TItem, TTable> = TTable extends { readonly attributes: infer TAttributes }
  ? string extends keyof TAttributes
    ? TItem // a table whose key names are not known to the type
    : { [TKey in keyof TItem as TKey extends keyof TAttributes ? TAttributes[TKey] & string : TKey]: TItem[TKey] }
  : TItem;

/**
 * An item: attributes, keys (under the entity's names, `pk`, `sk`) and `entityType`. What `fromItem` and every read
 * return; `toItem` returns it under the table's key names ({@link StoredItem}), which is the same for a table given
 * by name or none.
 *
 * @example
 * const item: InferItem<typeof RoleAssignment> = RoleAssignment.toItem(attributes);
 * @see docs/patterns/read-back-verification.md
 */
export type EntityItem<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
> = z.output<TSchema> & EntityKeys<TSchema["shape"], TTemplates, TResolved> & { readonly entityType: TName };

/**
 * The attributes of an entity.
 *
 * @example
 * type RoleAssignment = InferAttributes<typeof RoleAssignment>;
 * //=> { tenantId: TenantId; capsuleId: CapsuleId; id: string; role: string }
 * @see docs/guide.md
 */
export type InferAttributes<TEntity extends { readonly schema: z.ZodType }> = z.output<TEntity["schema"]>;
/**
 * The stored item of an entity: attributes, keys and `entityType`.
 *
 * @example
 * type Stored = InferItem<typeof RoleAssignment>; // Stored["entityType"] is "RoleAssignment"
 * @see docs/patterns/read-back-verification.md
 */
export type InferItem<
  TEntity extends {
    /** The entity's read-back check, whose result is the item type. */
    fromItem(raw: unknown): unknown;
  },
> = ReturnType<TEntity["fromItem"]>;
/**
 * The keys of an entity: `{ pk, sk, gsi1pk, … }` as template-literal types.
 *
 * @example
 * type Keys = InferKeys<typeof RoleAssignment>;
 * //=> { readonly pk: `TENANT#${string}#CAPSULE#${string}#ROLE#${string}`; readonly sk: "METADATA" }
 * @see docs/patterns/key-template-grammar.md
 */
export type InferKeys<
  TEntity extends {
    /** The entity's key builder, whose result is the keys type. */
    keys(input: never): unknown;
  },
> = ReturnType<TEntity["keys"]>;

/** The prefix a pk must start with, for the schema and level: what an editor offers in an empty pk string. */
export type CompletionPk<TSchema extends AnyObjectSchema, TIsolation> =
  PrefixOf<ResolvedOf<TSchema, TIsolation>> extends infer TPrefix extends string
    ? [TPrefix] extends [never]
      ? string
      : TPrefix
    : string;

/** The resolved isolation of a definition's schema and `isolation` input. */
export type ResolvedOf<TSchema extends AnyObjectSchema, TIsolation> = AsResolved<
  ResolveIsolation<TSchema["shape"], LevelOf<TIsolation>>
>;
/**
 * An entity's `isolation` type from a resolution: itself, or any resolution for a schema that fails rule 1 (the
 * definition reports it on `schema`).
 */
export type AsResolved<TResolved> = [TResolved] extends [ResolvedIsolation] ? TResolved : ResolvedIsolation;

// ── runtime ─────────────────────────────────────────────────────────────────────────────────────────────

/** A definition as plain JS may pass it: every property is checked before use. */
export interface RuntimeDefinition {
  readonly name: unknown;
  readonly table?: unknown;
  readonly schema: unknown;
  readonly pk: unknown;
  readonly sk?: unknown;
  readonly indexes?: unknown;
  readonly isolation?: unknown;
  readonly version?: unknown;
  readonly timestamps?: unknown;
}

/**
 * An entity as the definition check compiles it: the entity's own members, and what its scopes and events are
 * built from (src/kit.ts hands it to `createScope` and `entityEvent`, whose narrow interfaces it satisfies).
 */
export interface CompiledEntity extends Omit<Entity, "scope" | "event"> {
  /** Key attribute → its codec. */
  readonly codecs: Readonly<Record<string, KeyCodec>>;
  /** The key attributes of partition keys: `pk` and each index's `<name>pk`. */
  readonly partitionAttributes: readonly string[];
  /** Every placeholder path of the key templates. */
  readonly keyPaths: readonly string[];
  /** Index name → its level: the entity's own, or the outer level an index opted out to. */
  readonly indexLevels: Readonly<Record<string, string>>;
  /**
   * Each outer level an index opted out to → its prefix (`tenant` → `TENANT#${tenantId}`): the levels a scope of
   * this entity may be opened at besides its own, to query those indexes only.
   */
  readonly outerLevels: Readonly<Record<string, string>>;
}

/** The runtime twin of the whole definition check; returns the compiled entity. */
export function buildEntity(
  definition: RuntimeDefinition,
  vocabulary: KitVocabulary = defaultKitVocabulary,
): CompiledEntity {
  const { name, schema } = definition;
  if (typeof name !== "string" || name === "")
    throw new EntityDefinitionError(nameNotLiteralMessage(exampleEntityName(vocabulary)));
  if (!isObjectSchema(schema)) throw new EntityDefinitionError(schemaNotObjectMessage(vocabulary));
  const shape = schema._zod.def.shape as Shape;
  const level = resolveLevel(definition.isolation, vocabulary);
  const resolved = resolveIsolation(shape, level, vocabulary);
  const innermost = vocabulary.levels.at(-1)!.name;

  // Every key is built from the input while the item stores the schema's output: a schema that rewrites its
  // whole value (`.overwrite()`) would store other values than its keys hold. No type can see it.
  if (rewritesValue(schema, "key"))
    throw new EntityDefinitionError(rewrittenFieldMessage("every field of", "the schema", "the schema's own check"));

  const indexes = readIndexes(definition.indexes, innermost, vocabulary);
  const badName = Object.keys(indexes).find((index) => !isIndexName(index));
  if (badName !== undefined) throw new EntityDefinitionError(indexNameMessage(badName, vocabulary));
  // `{ __proto__: { … } }` in an object literal sets the prototype (the index vanishes); `{ ["__proto__"]: … }` is
  // an own property the types cannot tell from it. Both are refused, as the type check refuses the name.
  const prototype: unknown = Object.getPrototypeOf(indexes);
  if (Object.hasOwn(indexes, "__proto__") || (prototype !== Object.prototype && prototype !== null)) {
    throw new EntityDefinitionError(indexNameMessage("__proto__", vocabulary));
  }
  const reserved = ["pk", "sk", "entityType", ...Object.keys(indexes).flatMap((index) => [`${index}pk`, `${index}sk`])];
  const clash = reserved.find((attribute) => Object.hasOwn(shape, attribute));
  if (clash !== undefined) throw new EntityDefinitionError(reservedAttributeMessage(clash));

  const codecs: Record<string, KeyCodec> = {};
  // `keyLevel` / `prefix`: the entity's own, or an opted-out index's outer level and its prefix.
  const compile = (
    attribute: string,
    property: string,
    template: unknown,
    partition: boolean,
    keyLevel: string = level,
    prefix: string | undefined = resolved.prefix,
  ): void => {
    if (typeof template !== "string") throw new EntityDefinitionError(notLiteralMessage(property, level, vocabulary));
    if (partition && prefix !== undefined) checkKeyPrefix(template, property, prefix);
    if (template === "") throw new EntityDefinitionError(emptyKeyMessage(property));
    const parsed = parseKeyTemplate(template, shape, property);
    if (partition && keyLevel !== innermost)
      checkCapsulePartition(
        keyLevel === "global" ? template : template.slice(prefix!.length),
        property,
        keyLevel,
        vocabulary,
      );
    codecs[attribute] = compileKeyCodec(parsed, property, partition);
    // The literal text alone over DynamoDB's size limit: no key it builds can be stored (runtime only, as the
    // types do not count UTF-8 bytes).
    const bytes = Buffer.byteLength(parsed.literals.join(""), "utf8");
    if (bytes > keyByteLimit(partition)) {
      throw new EntityDefinitionError(
        keyTooLongMessage(property, bytes, keyByteLimit(partition), describeValue(template)),
      );
    }
  };
  compile("pk", "pk", definition.pk, true);
  if (definition.sk !== undefined) compile("sk", "sk", definition.sk, false);
  const indexLevels: Record<string, string> = {};
  const outerLevels: Record<string, string> = {};
  for (const [index, entry] of Object.entries(indexes)) {
    // A plain JS caller's `{ gsi1: null }` is a missing pk template, not a TypeError.
    const keys: { pk?: unknown; sk?: unknown; isolation?: unknown } =
      typeof entry === "object" && entry !== null ? entry : {};
    const optOut = keys.isolation === undefined ? undefined : indexOptOut(index, keys.isolation, resolved, vocabulary);
    indexLevels[index] = optOut?.level ?? level;
    if (optOut !== undefined) outerLevels[optOut.level] = optOut.prefix;
    compile(`${index}pk`, `indexes.${index}.pk`, keys.pk, true, optOut?.level, optOut?.prefix ?? resolved.prefix);
    if (keys.sk !== undefined) compile(`${index}sk`, `indexes.${index}.sk`, keys.sk, false);
  }
  const table = readTable(definition.table, vocabulary);
  return compileEntity(name, table, schema, codecs, resolved, readWriteOptions(definition, shape), {
    indexLevels,
    outerLevels,
  });
}

/** Runtime twin of the `isolation` check: the level (the innermost unless it opts out), or the catalog message. */
export function resolveLevel(isolation: unknown, vocabulary: Vocabulary = defaultKitVocabulary): string {
  const innermost = vocabulary.levels.at(-1)!.name;
  if (isolation === undefined || isolation === innermost) return innermost;
  const level =
    typeof isolation === "object" && isolation !== null ? (isolation as { level?: unknown }).level : isolation;
  const outer = vocabulary.levels.slice(0, -1).some((spec) => spec.name === level);
  if (level === innermost) throw new EntityDefinitionError(ownLevelMessage(level, vocabulary));
  if (typeof level !== "string" || (!outer && level !== "global"))
    throw new EntityDefinitionError(unknownLevelMessage(String(level), vocabulary));
  const reason = typeof isolation === "object" ? (isolation as { reason?: unknown }).reason : undefined;
  if (typeof reason !== "string" || isBlank(reason))
    throw new EntityDefinitionError(missingReasonMessage(level, vocabulary));
  return level;
}

/**
 * Runtime twin of {@link CheckIndexOptOut}'s first two rules: an index's `isolation` names a level outside the
 * entity's own and a visible reason. Returns that level and its prefix (the entity's, cut before the level inside).
 */
function indexOptOut(
  index: string,
  isolation: unknown,
  resolved: ResolvedIsolation,
  vocabulary: Vocabulary,
): { readonly level: string; readonly prefix: string } {
  const { level, reason } = (typeof isolation === "object" && isolation !== null ? isolation : {}) as {
    level?: unknown;
    reason?: unknown;
  };
  const position = vocabulary.levels.findIndex((spec) => spec.name === level);
  const next = vocabulary.levels[position + 1];
  const cut = next === undefined || resolved.prefix === undefined ? -1 : resolved.prefix.indexOf(`#${next.label}#\${`);
  if (position < 0 || cut < 0) {
    // The example opts out to the outermost level, if it is outside the entity's; else it leaves isolation out.
    const outer = vocabulary.levels[0]!.name;
    const example = resolved.level === outer || resolved.level === "global" ? "" : outer;
    throw new EntityDefinitionError(indexLevelMessage(index, String(level), example, resolved.prefix ?? ""));
  }
  if (typeof reason !== "string" || isBlank(reason))
    throw new EntityDefinitionError(indexReasonMessage(index, vocabulary.levels[position]!.name));
  return { level: vocabulary.levels[position]!.name, prefix: resolved.prefix!.slice(0, cut) };
}

/** The definition's table: absent, a name, or a `defineTable()` value (by its shape); anything else is refused. */
function readTable(table: unknown, vocabulary: Vocabulary): string | EntityTable | undefined {
  if (table === undefined || (typeof table === "string" && table !== "") || isEntityTable(table)) return table;
  throw new EntityDefinitionError(
    invalidTableMessage(
      describeValue(table),
      "is neither a table name nor a defineTable() value",
      exampleTableName(vocabulary),
    ),
  );
}

/**
 * A `defineTable()` value, by its shape (the entity's `table:`, and every scope's and connection's table option).
 *
 * @example
 * isEntityTable(defineTable({ name: "platform_data", pk: "PK", sk: "SK" })); //=> true
 * isEntityTable({ name: "platform_data" }); //=> false
 */
export function isEntityTable(table: unknown): table is EntityTable {
  const candidate = (typeof table === "object" && table !== null ? table : {}) as Partial<
    Record<keyof EntityTable, unknown>
  >;
  return (
    typeof candidate.name === "string" &&
    typeof candidate.attributes === "object" &&
    candidate.attributes !== null &&
    Array.isArray(candidate.indexes)
  );
}

/** Whether a table stores some key under another name than the entity's (`pk` as `PK`). */
const renames = (table: EntityTable): boolean =>
  Object.entries(table.attributes).some(([logical, physical]) => logical !== physical);

function readIndexes(indexes: unknown, innermost: string, vocabulary: Vocabulary): Record<string, unknown> {
  if (indexes === undefined) return {};
  if (typeof indexes !== "object" || indexes === null)
    throw new EntityDefinitionError(notLiteralMessage("indexes.<name>.pk", innermost, vocabulary));
  return indexes as Record<string, unknown>;
}

function compileEntity(
  name: string,
  table: string | EntityTable | undefined,
  schema: AnyObjectSchema,
  codecs: Readonly<Record<string, KeyCodec>>,
  isolation: ResolvedIsolation,
  writes: EntityWriteOptions,
  levels: Pick<CompiledEntity, "indexLevels" | "outerLevels">,
): CompiledEntity {
  const attributes = Object.keys(codecs);
  const partitionAttributes = attributes.filter((attribute) => codecs[attribute]!.partition);
  const keyPaths = [...new Set(attributes.flatMap((attribute) => codecs[attribute]!.template.paths))];
  // Each field the templates name is read and checked once per call; see key-set.ts.
  const keySet = compileKeySet(codecs);
  const keys = keySet.keys;

  // The stored item: its attributes, its key attributes' shapes, and every key equal to the key its own
  // attributes build (an item whose pk names another tenant fails, as it fails fromItem).
  const itemShape = schema.extend({
    ...Object.fromEntries(attributes.map((attribute) => [attribute, codecs[attribute]!.schema])),
    entityType: z.literal(name),
  });
  const verifiedItem = itemShape.superRefine((data, context) => {
    const record = data as Record<string, unknown>;
    for (const attribute of attributes) {
      let expected: string;
      try {
        expected = keySet.build(attribute, record);
      } catch (error) {
        context.addIssue({ code: "custom", path: [attribute], message: (error as Error).message });
        return;
      }
      if (record[attribute] !== expected) {
        const message = keyMismatchMessage(attribute, describeValue(record[attribute]), JSON.stringify(expected));
        context.addIssue({ code: "custom", path: [attribute], message });
      }
    }
  });
  // The schema of the stored item reads it as `fromItem` does: from the entity's own table's key names.
  const ownRenamed = typeof table === "object" && renames(table) ? table : undefined;
  const item = (ownRenamed === undefined
    ? verifiedItem
    : z.preprocess((raw) => fromTableItem(ownRenamed, attributes, raw), verifiedItem)) as unknown as Entity["item"];

  // Reading an item, the attribute schema validates the attributes and the stored keys must equal the keys
  // they build (below, each read once). Only a strict schema, which would refuse the key attributes as unknown
  // keys, reads through the item schema.
  const storedItem = schema._zod.def.catchall?._zod.def.type === "never" ? itemShape : schema;

  /** The table an item is stored in: the option's, else the entity's own; none when it renames no key. */
  const storedIn = (options: unknown): EntityTable | undefined => {
    if (options === undefined) return ownRenamed; // the common call, checked once
    const chosen = (typeof options === "object" && options !== null ? options : {}) as { readonly table?: unknown };
    if (chosen.table === undefined) return ownRenamed;
    if (typeof chosen.table === "string" && chosen.table !== "") {
      checkTableByName({ name, table }, chosen.table);
      return undefined;
    }
    if (!isEntityTable(chosen.table))
      throw new CapsuleEntityError(
        invalidTableMessage(describeValue(chosen.table), "is neither a table name nor a defineTable() value"),
      );
    return renames(chosen.table) ? chosen.table : undefined;
  };

  const fromItem = (given: unknown, options?: unknown): Record<string, unknown> => {
    const renamed = storedIn(options);
    const raw = renamed === undefined ? given : fromTableItem(renamed, attributes, given);
    if (typeof raw !== "object" || raw === null)
      throw new IsolationError(entityTypeMismatchMessage(name, describeValue(raw)));
    const stored = raw as Record<string, unknown>;
    if (stored["entityType"] !== name)
      throw new IsolationError(entityTypeMismatchMessage(name, describeValue(stored["entityType"])));
    const parsed = storedItem.safeParse(raw);
    if (!parsed.success) throw new ItemValidationError(name, parsed.error.issues);
    const data = parsed.data as Record<string, unknown>;
    // Every stored key must equal the key its attributes build; each is copied as compared, in the attribute
    // order `toItem` gives, then entityType.
    const mismatch = keySet.copyVerified(data, stored);
    if (mismatch !== undefined) {
      throw new IsolationError(
        keyMismatchMessage(mismatch, describeValue(stored[mismatch]), JSON.stringify(keySet.build(mismatch, data))),
      );
    }
    data["entityType"] = name;
    return data;
  };

  const toItem = (input: unknown, options?: unknown): Record<string, unknown> => {
    const renamed = storedIn(options);
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new ItemValidationError(name, parsed.error.issues);
    // Written into the parsed copy (zod's own new object), no intermediate objects.
    const data = keySet.complete(parsed.data as Record<string, unknown>);
    data["entityType"] = name;
    return renamed === undefined ? data : toTableItem(renamed, attributes, data);
  };

  return {
    name,
    table,
    isolation,
    schema,
    item,
    templates: Object.fromEntries(attributes.map((attribute) => [attribute, codecs[attribute]!.template.template])),
    writes,
    keys: keys as Entity["keys"],
    parseKey: ((key: string, attribute: string = "pk") => {
      const codec = Object.hasOwn(codecs, attribute) ? codecs[attribute] : undefined;
      if (codec === undefined)
        throw new KeyValueError(unknownKeyAttributeMessage(name, JSON.stringify(attribute), attributes));
      return validateKeyValues(codec, codec.parse(key), schema._zod.def.shape as Shape);
    }) as Entity["parseKey"],
    toItem: toItem as Entity["toItem"],
    fromItem: fromItem as Entity["fromItem"],
    codecs,
    partitionAttributes,
    keyPaths,
    ...levels,
  };
}

/**
 * Each value a key was parsed into, validated by its field's schema before it is returned typed (and branded):
 * a non-uuid for `capsuleId(z.uuid())` or `"zzz"` for `z.enum(["a", "b"])` is refused with `KeyValueError`.
 */
function validateKeyValues(codec: KeyCodec, values: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  for (const path of codec.template.paths) {
    const [head, child] = path.split(".") as [string, string?];
    const field = child === undefined ? shape[head]! : shapeOf(shape[head]!)[child]!;
    const holder = (child === undefined ? values : values[head]) as Record<string, unknown>;
    const value = holder[child ?? head];
    const result = (field as z.ZodType).safeParse(value);
    if (!result.success) {
      const problem = `does not pass its field's schema (${result.error.issues[0]?.message ?? "invalid"})`;
      throw new KeyValueError(keyValueMessage(codec.property, path, problem, describeValue(value)));
    }
  }
  return values;
}
