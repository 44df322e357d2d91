/**
 * Collections: several entity types sharing one partition, read by one query (ElectroDB's collections, with
 * isolation). Every entity of a collection has the same partition-key template (the table's, or with `index`, that
 * index's, as ElectroDB's collections live on an index), so the scope pins one partition for all of them; the query
 * filters on the collection's entity types, and each item is verified by its own entity's scope (`fromItem` and
 * `assertOwns`), so a planted foreign item throws `IsolationError`. The result is a union discriminated by
 * `entityType`.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Entity, InferItem } from "../entity/define-entity.js";
import type { ResolvedIsolation } from "../entity/isolation.js";
import type { KeyTemplates } from "../entity/define-entity.js";
import type { Shape } from "../internal/zod-shape.js";
import type {
  CheckScopeIdsFully,
  EntityScope,
  IndexNames,
  QueryCommandInput,
  QueryFilter,
  QueryPageOptions,
  ScopeIds,
  TableIn,
} from "../access/scope.js";
import type { CompiledExpression } from "../access/condition.js";
import { buildFilter } from "../access/filter.js";
import { cursorAttributes, decodeCursor } from "../access/cursor.js";
import { checkOwnLevelIds } from "../access/scope-context.js";
import { checkReadMode } from "../access/scope-query.js";
import { checkTableFit, checkTableOption, type CheckTable, type Table } from "../access/table.js";
import { physicalName } from "../internal/table-names.js";
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import {
  collectionMessage,
  invalidCursorMessage,
  notACollectionOption,
  collectionOptionMessage,
  type CollectionMessage,
  type NotACollectionOption,
  type CollectionOptionMessage,
} from "../messages.js";
import type { FirstOf } from "../internal/types.js";
import { readPage, readPages, type QueryPage, type QueryReaderContext, type ReadOptions } from "./query-reader.js";

/**
 * What a collection query takes: the partition fields beyond the isolation ids (when the shared pk template
 * has any), and paging. No sort-key condition: the entities' sort keys differ; the query reads the
 * partition's items whose sort keys start with what all the entities' sort-key templates start with. No
 * `hydrate`: a collection reads only indexes projecting `ALL`, whose items are whole already (it was accepted and
 * ignored; now `query.invalidOption`, at compile time and at runtime).
 *
 * @example
 * const input: CollectionQuery = { limit: 50, order: "desc" };
 */
export interface CollectionQuery<
  TFilters = CollectionFilters<readonly CollectionMember[]>,
  TIndex extends string = string,
>
  extends QueryPageOptions, Omit<ReadOptions, "hydrate"> {
  /**
   * An index every entity of the collection has with the same pk template (projecting `ALL`), to read the
   * collection's partition in that index instead of the table's.
   */
  readonly index?: TIndex;
  readonly partition?: Readonly<Record<string, unknown>>;
  /** Per entity type, a filter on its items (as a scope's query takes it); the other types pass unfiltered. */
  readonly filter?: TFilters;
}

/**
 * The filters of a collection query: by entity name, a filter over that entity's attributes (its key and
 * isolation fields refused, as in a scope's query).
 *
 * @example
 * const filter: CollectionFilters<[typeof Note, typeof Comment]> = { Comment: (f) => f.beginsWith("text", "LGTM") };
 */
export type CollectionFilters<TEntities extends readonly CollectionMember[]> = {
  readonly [TEntity in TEntities[number] as TEntity["name"]]?: TEntity extends {
    readonly schema: { readonly shape: infer TShape extends Shape };
    readonly templates: infer TTemplates extends KeyTemplates;
  }
    ? QueryFilter<TShape, TTemplates, TEntity["isolation"], "">
    : never;
};

/**
 * What a collection needs of an entity at the type level: its isolation (for the scope's ids) and its item type.
 *
 * @example
 * const member: CollectionMember = Note;
 */
export interface CollectionMember {
  readonly name: string;
  readonly isolation: ResolvedIsolation;
  readonly templates: KeyTemplates;
  /** The entity's own table, which the collection's entities share when the connection has none. */
  readonly table?: unknown;
  fromItem(raw: unknown): unknown;
}

/**
 * The indexes every entity of a collection has: those a collection query may read.
 *
 * @example
 * type Indexes = CollectionIndexes<[typeof Note, typeof Comment]>; //=> "byAuthor"
 */
export type CollectionIndexes<TEntities extends readonly CollectionMember[]> = TEntities extends readonly [
  infer TFirst extends CollectionMember,
  ...infer TRest extends readonly CollectionMember[],
]
  ? IndexNames<TFirst["templates"]> & CollectionIndexes<TRest>
  : string;

/**
 * The union of the items of a collection's entities, discriminated by `entityType`.
 *
 * @example
 * type Thread = CollectionItem<[typeof Note, typeof Comment]>; // Note's item | Comment's item
 */
export type CollectionItem<TEntities extends readonly CollectionMember[]> = {
  [TIndex in keyof TEntities]: InferItem<TEntities[TIndex]>;
}[number];

/**
 * A collection on a connection: `.scope(ids)` confines it as an entity's scope is confined.
 *
 * @example
 * const thread = db.collection([Note, Comment]).scope({ tenantId, capsuleId });
 */
export interface CollectionClient<TEntities extends readonly CollectionMember[], TProjections = {}> {
  scope(
    ids: ScopeIds<TEntities[0]["isolation"]>,
  ): CollectionScope<CollectionItem<TEntities>, CollectionFilters<TEntities>, TEntities, TProjections>;
  /**
   * The catch-all, tried only when the ids do not fit the signature above: the ids inferred as written, for the
   * catalog to name the mistake as an entity's scope does ({@link CheckScopeIdsFully}, in the first entity's name, as
   * its scope, opened first, throws at runtime): a missing id (`scope.missingId`), ids given to global entities
   * (`scope.globalEntity`), a plain string (`scope.plainId`), another field's or kit's id (`scope.wrongId`) or an id
   * the scope does not take (`scope.otherId`), the last three type-only. A correct call never gets here.
   */
  scope<const TIds extends object>(
    this: NoInfer<CheckScopeIdsFully<TEntities[0]["name"], TIds, ScopeIds<TEntities[0]["isolation"]>>>,
    ids: TIds & ScopeIds<TEntities[0]["isolation"]>,
  ): CollectionScope<CollectionItem<TEntities>, CollectionFilters<TEntities>, TEntities, TProjections>;
}

/**
 * A collection confined to one scope. A query's mistakes are type errors in the catalog's words, on `this`
 * ({@link CheckCollectionQuery}), and `CapsuleEntityError` with the same text at runtime: an index one of the entities
 * lacks, that they key differently or that does not project whole items (`collection.invalid`), an option a
 * collection's query does not take (`query.invalidOption`). `TInput` is the input as written, for the check to name
 * the mistake; the parameter is checked against {@link CollectionQuery} too. Each method has a catch-all overload,
 * tried only when the input fails the first: a literal holding a `filter` callback is inferred as a whole too late for
 * `this`, so the catch-all infers its `index` on its own (`TIndex`), and a wrong index beside a filter still gets the
 * catalog's message (a correct query never tries it, and pays nothing for it).
 *
 * @example
 * for await (const item of thread.query()) if (item.entityType === "Comment") console.log(item.text);
 */
export interface CollectionScope<
  TItem,
  TFilters = CollectionFilters<readonly CollectionMember[]>,
  TEntities extends readonly CollectionMember[] = readonly CollectionMember[],
  TProjections = {},
> {
  /** Every item of the collection in the partition, up to `limit`. */
  query<const TInput extends object = {}>(
    this: NoInfer<CheckCollectionQuery<TEntities, TProjections, TInput>>,
    input?: TInput & CollectionQuery<TFilters, CollectionIndexes<TEntities>>,
  ): AsyncIterable<TItem>;
  /** The catch-all of `query`, tried only when the input fails the signature above: see {@link CollectionScope}. */
  query<const TInput extends object = {}, const TIndex = unknown>(
    this: NoInfer<CheckCollectionQuery<TEntities, TProjections, TInput & { readonly index: TIndex }>>,
    input?: TInput & CollectionQuery<TFilters, CollectionIndexes<TEntities>> & { readonly index?: TIndex },
  ): AsyncIterable<TItem>;
  /** One page of up to `limit` items and the cursor that resumes after it. */
  page<const TInput extends object = {}>(
    this: NoInfer<CheckCollectionQuery<TEntities, TProjections, TInput>>,
    input?: TInput & CollectionQuery<TFilters, CollectionIndexes<TEntities>>,
  ): Promise<QueryPage<TItem>>;
  /** The catch-all of `page`, tried only when the input fails the signature above: see {@link CollectionScope}. */
  page<const TInput extends object = {}, const TIndex = unknown>(
    this: NoInfer<CheckCollectionQuery<TEntities, TProjections, TInput & { readonly index: TIndex }>>,
    input?: TInput & CollectionQuery<TFilters, CollectionIndexes<TEntities>> & { readonly index?: TIndex },
  ): Promise<QueryPage<TItem>>;
  /** DynamoDB's own pages. */
  pages<const TInput extends object = {}>(
    this: NoInfer<CheckCollectionQuery<TEntities, TProjections, TInput>>,
    input?: TInput & CollectionQuery<TFilters, CollectionIndexes<TEntities>>,
  ): AsyncIterable<QueryPage<TItem>>;
  /** The catch-all of `pages`, tried only when the input fails the signature above: see {@link CollectionScope}. */
  pages<const TInput extends object = {}, const TIndex = unknown>(
    this: NoInfer<CheckCollectionQuery<TEntities, TProjections, TInput & { readonly index: TIndex }>>,
    input?: TInput & CollectionQuery<TFilters, CollectionIndexes<TEntities>> & { readonly index?: TIndex },
  ): AsyncIterable<QueryPage<TItem>>;
}

/** The options of a collection's query: those of {@link CollectionQuery}. */
type CollectionOptionName = keyof CollectionQuery;

/**
 * The `this` type of a collection scope's `query`, `page` and `pages`: `unknown` for an input a collection takes, else
 * the catalog message of its first mistake, as the runtime finds it: a key that is no option of a collection's query
 * (`query.invalidOption`: `sortKey`, a misspelt `limitt`), then `index` as {@link CheckCollectionIndex} checks it,
 * then a filter for an entity not in the collection (`collection.invalid`; an unannotated callback there also gets
 * TypeScript's implicit-any error, having no contextual type).
 *
 * @example
 * type Check = CheckCollectionQuery<[typeof Post, typeof Reply], {}, { index: "byAuthr" }>;
 * //=> "[collection.invalid] collection of Post, Reply queries index \"byAuthr\", which Post does not have | …"
 */
export type CheckCollectionQuery<TEntities extends readonly CollectionMember[], TProjections, TInput> = [
  TInput,
] extends [never]
  ? unknown // an input cast to never: nothing to check
  : [Exclude<keyof TInput, CollectionOptionName>] extends [never]
    ? CheckIndexOf<TEntities, TProjections, TInput> extends infer TChecked
      ? unknown extends TChecked
        ? CheckFilterNames<TEntities, TInput>
        : TChecked
      : never
    : CollectionOptionMessage<
        MemberNames<TEntities>,
        FirstOf<Exclude<keyof TInput, CollectionOptionName> & string>,
        NotACollectionOption
      >;
/** {@link CheckCollectionIndex} of the input's `index`, when it is a literal. */
type CheckIndexOf<TEntities extends readonly CollectionMember[], TProjections, TInput> = [TInput] extends [
  { readonly index: infer TIndex },
]
  ? undefined extends TIndex
    ? unknown
    : string extends TIndex
      ? unknown // not a literal: TypeScript's own error
      : CheckCollectionIndex<TEntities, TProjections, TIndex & string>
  : unknown;
/** `collection.invalid` for a filter keyed by a name that is none of the collection's entities. */
type CheckFilterNames<TEntities extends readonly CollectionMember[], TInput> = TInput extends {
  readonly filter: infer TFilter;
}
  ? [Exclude<keyof TFilter, TEntities[number]["name"]>] extends [never]
    ? unknown
    : CollectionMessage<
        MemberNames<TEntities>,
        `has a filter for ${FirstOf<Exclude<keyof TFilter, TEntities[number]["name"]> & string>}, which is not in the collection`
      >
  : unknown;

/**
 * `unknown` when the collection may read index `TIndex`, else its `collection.invalid` message, in the runtime's
 * order: entity by entity, one that lacks the index, or keys it with another pk template than the first; then an
 * index the table projects other than `ALL` (a collection reads whole items).
 *
 * @example
 * type Check = CheckCollectionIndex<[typeof Post, typeof Reply], {}, "byStatus">;
 * //=> "[collection.invalid] collection of Post, Reply mixes index byStatus partition keys …#POSTS and …#REPLIES: one query reads one | …"
 */
export type CheckCollectionIndex<TEntities extends readonly CollectionMember[], TProjections, TIndex extends string> =
  IndexMisfit<TEntities, TIndex, PkOf<TEntities[0], `${TIndex}pk`>> extends infer TProblem extends string
    ? CollectionMessage<MemberNames<TEntities>, TProblem>
    : TProjections extends { readonly [TName in TIndex]: infer TProjection }
      ? TProjection extends "ALL"
        ? unknown
        : CollectionMessage<
            MemberNames<TEntities>,
            `queries index ${TIndex}, which projects ${TProjection extends string ? TProjection : "INCLUDE"}: a collection reads whole items`
          >
      : unknown;
/** The first entity's problem with index `TIndex` (it lacks it, or keys it with another pk than `TPk`), else `unknown`. */
type IndexMisfit<TEntities, TIndex extends string, TPk> = TEntities extends readonly [
  infer TEntity extends CollectionMember,
  ...infer TRest,
]
  ? TIndex extends IndexNames<TEntity["templates"]>
    ? [PkOf<TEntity, `${TIndex}pk`>] extends [TPk]
      ? IndexMisfit<TRest, TIndex, TPk>
      : `mixes index ${TIndex} partition keys ${Tails<TPk & string, PkOf<TEntity, `${TIndex}pk`> & string>}: one query reads one`
    : `queries index "${TIndex}", which ${TEntity["name"]} does not have`
  : unknown;
/**
 * Two templates as `collection.invalid` names them ({@link differingTails}): `…#POSTS and …#REPLIES` after the
 * prefix they share up to its last `#` (a message that long would be cut short in a `this` type's error).
 */
type Tails<TFirst extends string, TOther extends string> =
  UpToLastHash<CommonPrefix<TFirst, TOther>> extends infer TShared extends string
    ? TShared extends ""
      ? `${TFirst} and ${TOther}`
      : `${TFirst extends `${TShared}${infer TRest}` ? `…#${TRest}` : TFirst} and ${TOther extends `${TShared}${infer TRest}` ? `…#${TRest}` : TOther}`
    : never;
type CommonPrefix<
  TFirst extends string,
  TOther extends string,
  TShared extends string = "",
> = TFirst extends `${infer TChar}${infer TRest}`
  ? TOther extends `${TChar}${infer TOtherRest}`
    ? CommonPrefix<TRest, TOtherRest, `${TShared}${TChar}`>
    : TShared
  : TShared;
type UpToLastHash<TText extends string, TKept extends string = ""> = TText extends `${infer THead}#${infer TTail}`
  ? UpToLastHash<TTail, `${TKept}${THead}#`>
  : TKept;

/** The template of key attribute `TAttribute` of an entity; `never` when it has none. */
type PkOf<TEntity, TAttribute extends string> = TEntity extends {
  readonly templates: { readonly [TName in TAttribute]: infer TTemplate };
}
  ? TTemplate
  : never;

/** The names of a collection's entities as its messages list them, in order: `Note, Comment`. */
type MemberNames<TEntities> = TEntities extends readonly [infer TEntity extends CollectionMember, ...infer TRest]
  ? TRest extends readonly []
    ? TEntity["name"]
    : `${TEntity["name"]}, ${MemberNames<TRest>}`
  : string;

/**
 * The `this` type of `db.collection(entities)`: `unknown` for entities that can share a query, else the
 * `collection.invalid` message of the first that cannot, in the runtime's order: none listed; then entity by entity,
 * one listed twice, one with another pk template than the first, one with another table than the first (when the
 * connection names none); then the first entity that does not fit the table's keys ({@link CheckTable}'s message,
 * `table.missingKey` / `table.unknownKey`). Tables are compared by type: two `defineTable()` values of the same type
 * are told apart at runtime only.
 *
 * @example
 * type Check = CheckCollection<[typeof Note, typeof Elsewhere], undefined>;
 * //=> "[collection.invalid] collection of Note, Elsewhere mixes partition keys …#THREAD and …#OTHER: one query reads one | …"
 */
export type CheckCollection<TEntities extends readonly CollectionMember[], TTable> = TEntities extends readonly []
  ? CollectionMessage<"(none)", "has no entities">
  : TEntities extends readonly [infer TFirst extends CollectionMember, ...CollectionMember[]]
    ? CollectionMisfit<
        TEntities,
        TFirst,
        [TTable] extends [undefined] ? TFirst["table"] : TTable,
        TTable
      > extends infer TProblem extends string
      ? CollectionMessage<MemberNames<TEntities>, TProblem>
      : TableMisfit<TEntities, TableIn<TTable, TFirst["table"]>>
    : unknown;
/** The {@link CheckTable} message of the first entity that does not fit the table's keys, else `unknown`. */
type TableMisfit<TEntities, TTable> = TEntities extends readonly [
  infer TEntity extends CollectionMember,
  ...infer TRest,
]
  ? CheckTable<TTable, TEntity["name"], TEntity["templates"]> extends TTable
    ? TableMisfit<TRest, TTable>
    : CheckTable<TTable, TEntity["name"], TEntity["templates"]>
  : unknown;
/** The first entity's problem in a collection (listed twice, another pk, another table), else `unknown`. */
type CollectionMisfit<
  TEntities extends readonly CollectionMember[],
  TFirst extends CollectionMember,
  TFirstTable,
  TTable,
  TRest = TEntities,
  TBefore extends string = never,
> = TRest extends readonly [infer TEntity extends CollectionMember, ...infer TAfter extends readonly CollectionMember[]]
  ? TEntity["name"] extends TBefore | TAfter[number]["name"]
    ? `lists ${TEntity["name"]} twice`
    : [TEntity["templates"]["pk"]] extends [TFirst["templates"]["pk"]]
      ? [[TTable] extends [undefined] ? TEntity["table"] : TTable] extends [TFirstTable]
        ? [TFirstTable] extends [[TTable] extends [undefined] ? TEntity["table"] : TTable]
          ? CollectionMisfit<TEntities, TFirst, TFirstTable, TTable, TAfter, TBefore | TEntity["name"]>
          : `mixes the tables of ${TFirst["name"]} and ${TEntity["name"]}`
        : `mixes the tables of ${TFirst["name"]} and ${TEntity["name"]}`
      : `mixes partition keys ${Tails<TFirst["templates"]["pk"], TEntity["templates"]["pk"]>}: one query reads one`
  : unknown;

/**
 * Two different templates as `collection.invalid` names them: what follows the prefix they share, cut back to its
 * last `#` (`…#POSTS and …#REPLIES`); whole when they share no `#`. {@link Tails} at the type level.
 */
function differingTails(first: string, other: string): string {
  let at = 0;
  while (at < first.length && first[at] === other[at]) at += 1;
  const cut = first.slice(0, at).lastIndexOf("#") + 1;
  return cut === 0 ? `${first} and ${other}` : `…#${first.slice(cut)} and …#${other.slice(cut)}`;
}

type AnyItem = Record<string, unknown>;
type AnyScope = EntityScope<string, never, never, never>;

/** {@link CollectionScope} as the runtime sees it: raw inputs, untyped items. */
interface RuntimeCollectionScope {
  query(input?: unknown): AsyncIterable<AnyItem>;
  page(input?: unknown): Promise<QueryPage<AnyItem>>;
  pages(input?: unknown): AsyncIterable<QueryPage<AnyItem>>;
}

/** The keys of {@link CollectionQuery}: a collection's query refuses any other. */
const collectionOptions: ReadonlySet<string> = new Set<CollectionOptionName>([
  "index",
  "partition",
  "filter",
  "limit",
  "order",
  "cursor",
  "consistent",
  "pageSize",
  "maxRequests",
]);

/** The collection client behind `connect(...).collection(entities)`. */
export function collectionClient(
  client: DynamoDBDocumentClient,
  table: string | Table | undefined,
  entities: readonly Entity[],
  send: (where: string, request: () => Promise<never>) => Promise<never>,
): { scope(ids: unknown): RuntimeCollectionScope } {
  const names = entities.map((entity) => entity.name).join(", ");
  /** `query.invalidOption` in the collection's words (the options it takes). */
  const optionMessage = (_entity: string, option: string, problem: string): string =>
    collectionOptionMessage(names, option, problem);
  const refuse = (problem: string): CapsuleEntityError =>
    new CapsuleEntityError(collectionMessage(names || "(none)", problem));
  if (!Array.isArray(entities) || entities.length === 0) throw refuse("has no entities");
  const [first] = entities as [Entity, ...Entity[]];
  const tableOf = table ?? first.table;
  for (const entity of entities) {
    checkTableOption(entity, table);
    if (entities.filter((other) => other.name === entity.name).length > 1) throw refuse(`lists ${entity.name} twice`);
    if (entity.templates["pk"] !== first.templates["pk"])
      throw refuse(
        `mixes partition keys ${differingTails(first.templates["pk"]!, entity.templates["pk"]!)}: one query reads one`,
      );
    if ((table ?? entity.table) !== (table ?? first.table))
      throw refuse(`mixes the tables of ${first.name} and ${entity.name}`);
  }
  // Each entity fits the table's keys, as at `db.entity(E)` (their scopes would refuse it, later).
  if (typeof tableOf === "object")
    for (const entity of entities) checkTableFit(tableOf, entity.name, entity.templates, entity.schema.shape as Shape);
  /**
   * The key attributes a query reads on: the table's (`pk`, `sk`), or an index every entity has with the same pk
   * template and that projects whole items (a collection's items are read whole, and a `KEYS_ONLY` entry has no
   * `entityType` to tell its type by).
   */
  const keysOn = (index: unknown): { readonly on: string; readonly index: string | undefined } => {
    if (index === undefined) return { on: "", index: undefined };
    const on = String(index);
    for (const entity of entities) {
      if (typeof index !== "string" || !Object.hasOwn(entity.templates, `${on}pk`))
        throw refuse(`queries index ${describeValue(index)}, which ${entity.name} does not have`);
      if (entity.templates[`${on}pk`] !== first.templates[`${on}pk`])
        throw refuse(
          `mixes index ${on} partition keys ${differingTails(first.templates[`${on}pk`]!, entity.templates[`${on}pk`]!)}: one query reads one`,
        );
    }
    const projection = typeof tableOf === "object" ? (tableOf.projections[on] ?? "ALL") : "ALL";
    if (projection !== "ALL")
      throw refuse(
        `queries index ${on}, which projects ${typeof projection === "string" ? projection : "INCLUDE"}: a collection reads whole items`,
      );
    return { on, index: on };
  };
  /** The compiled filter of each entity, in the collection's order (placeholders `#e<index>f<n>`); `[]` for none. */
  const entityFilters = (given: unknown, on: string): (CompiledExpression | undefined)[] => {
    if (given === undefined) return [];
    if (typeof given !== "object" || given === null)
      throw refuse(`has a filter ${typeof given}, not { Entity: (f) => … }`);
    const unknown = Object.keys(given).find((name) => !entities.some((entity) => entity.name === name));
    if (unknown !== undefined) throw refuse(`has a filter for ${unknown}, which is not in the collection`);
    const byName = given as Readonly<Record<string, unknown>>;
    return entities.map((entity, index) => buildFilter(entity, on, byName[entity.name], `e${index}f`));
  };
  /** The literal each entity's sort-key template (the table's or the index's) starts with, up to its first placeholder. */
  const sortPrefixes = (on: string): string[] =>
    entities.map((entity) => (entity.templates[`${on}sk`] ?? "").split("${")[0]!);
  // What all of them start with.
  const sortPrefix = (on: string): string =>
    sortPrefixes(on).reduce((common, next) =>
      common.slice(0, [...common].findIndex((char, at) => next[at] !== char) >>> 0),
    );
  /**
   * The `ExclusiveStartKey` of a cursor: this query's key attributes, its partition (else `IsolationError`), and a
   * sort key this query could have returned, one of an entity of the collection (another entity's of the partition
   * would be DynamoDB's `ValidationException`).
   */
  const resumeAfter = (
    cursor: unknown,
    on: string,
    index: string | undefined,
    partition: unknown,
  ): Readonly<Record<string, string>> => {
    const key = decodeCursor(cursor, {
      entity: `collection(${names})`,
      attributes: keyAttributes(index),
      partitionAttribute: physicalName(tableOf, `${on}pk`),
      partition: String(partition),
    });
    const sortKey = key[physicalName(tableOf, `${on}sk`)];
    const prefixes = [...new Set(sortPrefixes(on))];
    if (sortKey !== undefined && !prefixes.some((start) => sortKey.startsWith(start)))
      throw new CapsuleEntityError(
        invalidCursorMessage(
          `collection(${names})`,
          `resumes after sort key ${JSON.stringify(sortKey)}, which is none of its entities' (they start with ${prefixes.map((start) => JSON.stringify(start)).join(", ")})`,
        ),
      );
    return key;
  };
  /** The key attributes of the query's `LastEvaluatedKey`, as stored (the table's, and the index's on an index). */
  const keyAttributes = (index: string | undefined): string[] =>
    cursorAttributes(
      (attribute) => Object.hasOwn(first.templates, attribute),
      index,
      (attribute) => physicalName(tableOf, attribute),
    );

  /** The input, when each of its keys is an option of a collection's query (a `sortKey` would be dropped unread). */
  const checkOptions = (input: unknown): unknown => {
    const stray = Object.keys(typeof input === "object" && input !== null ? input : {})
      .filter((key) => !collectionOptions.has(key))
      .sort()[0]; // the first sorted, as the compiler names it (FirstOf)
    if (stray !== undefined) throw new CapsuleEntityError(optionMessage(names, stray, notACollectionOption));
    // Checked here, in the collection's words: its first entity's scope, which builds the command, would name itself.
    checkReadMode(`collection(${names})`, typeof input === "object" && input !== null ? input : {}, optionMessage);
    return input;
  };

  return {
    scope: (ids) => {
      // Own-level scopes only: ids of an outer level would open each entity's tenant scope, which no collection reads.
      checkOwnLevelIds(first, ids);
      const scopes = entities.map(
        (entity) => entity.scope(ids as never, table === undefined ? undefined : { table: table as never }) as AnyScope,
      );
      const byType = new Map(entities.map((entity, index) => [entity.name, scopes[index]!]));
      const where = `scope ${JSON.stringify(scopes[0]!.ids)}`;
      /** The first entity's command for the partition, its sort-key condition and entity filter widened to all. */
      const query = (input: never): QueryCommandInput => {
        const { filter, cursor, ...rest } = (input ?? {}) as Record<string, unknown>;
        const { on, index } = keysOn(rest["index"]);
        const prefix = sortPrefix(on);
        // Without the cursor: the first entity's scope would check it against its own sort keys only.
        const command = scopes[0]!.query({ ...rest } as never);
        const { ":sk": _sk, ":skHigh": _high, ":entityType": _type, ...values } = command.ExpressionAttributeValues;
        const { "#sk": _name, "#entityType": _typeName, ...attributeNames } = command.ExpressionAttributeNames;
        const types = Object.fromEntries(entities.map((entity, index) => [`:entityType${index}`, entity.name]));
        const filters = entityFilters(filter, on);
        return {
          ...command,
          ...(cursor === undefined
            ? {}
            : { ExclusiveStartKey: resumeAfter(cursor, on, index, command.ExpressionAttributeValues[":pk"]) }),
          KeyConditionExpression: prefix === "" ? "#pk = :pk" : "#pk = :pk AND begins_with(#sk, :sk)",
          FilterExpression:
            filters.length === 0
              ? `#entityType IN (${Object.keys(types).join(", ")})`
              : // Each type with its own filter: `(#entityType = :entityType0 AND …) OR #entityType = :entityType1`.
                Object.keys(types)
                  .map((type, index) =>
                    filters[index] === undefined
                      ? `#entityType = ${type}`
                      : `(#entityType = ${type} AND ${filters[index].expression})`,
                  )
                  .join(" OR "),
          ExpressionAttributeNames: {
            ...attributeNames,
            "#entityType": "entityType",
            ...(prefix === "" ? {} : { "#sk": physicalName(tableOf, `${on}sk`) }),
            ...Object.assign({}, ...filters.map((compiled) => compiled?.names)),
          },
          ExpressionAttributeValues: {
            ...values,
            ...(prefix === "" ? {} : { ":sk": prefix }),
            ...types,
            ...Object.assign({}, ...filters.map((compiled) => compiled?.values)),
          },
        };
      };
      const context: QueryReaderContext = {
        entity: `collection(${names})`,
        scope: { query, cursor: (key) => scopes[0]!.cursor(key) },
        // Each item is verified by its own entity's scope; the filter lets no other type through.
        read: (raw) => {
          const type = typeof raw === "object" && raw !== null ? (raw as AnyItem)["entityType"] : undefined;
          return byType.get(type as string)?.readItem(raw) as AnyItem | undefined;
        },
        send: (request) => send(where, request as () => Promise<never>),
        client,
        optionMessage,
        cursorAttributes: keyAttributes,
      };
      return {
        query: async function* (input?: unknown) {
          for await (const page of readPages(context, checkOptions(input), "throw")) yield* page.items;
        },
        page: async (input?: unknown) => readPage(context, checkOptions(input)),
        pages: async function* (input?: unknown) {
          yield* readPages(context, checkOptions(input), "stop");
        },
      } satisfies RuntimeCollectionScope;
    },
  };
}
