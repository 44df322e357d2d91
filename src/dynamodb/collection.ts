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
  EntityScope,
  IndexNames,
  QueryCommandInput,
  QueryFilter,
  QueryPageOptions,
  ScopeIds,
} from "../access/scope.js";
import type { CompiledExpression } from "../access/condition.js";
import { buildFilter } from "../access/filter.js";
import { cursorAttributes } from "../access/cursor.js";
import { checkTableOption, type Table } from "../access/table.js";
import { physicalName } from "../internal/table-names.js";
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { collectionMessage, notAQueryOption, queryOptionMessage } from "../messages.js";
import { readPage, readPages, type QueryPage, type QueryReaderContext, type ReadOptions } from "./query-reader.js";

/**
 * What a collection query takes: the partition fields beyond the isolation ids (when the shared pk template
 * has any), and paging. No sort-key condition: the entities' sort keys differ; the query reads the
 * partition's items whose sort keys start with what all the entities' sort-key templates start with.
 *
 * @example
 * const input: CollectionQuery = { limit: 50, order: "desc" };
 */
export interface CollectionQuery<
  TFilters = CollectionFilters<readonly CollectionMember[]>,
  TIndex extends string = string,
>
  extends QueryPageOptions, ReadOptions {
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
export interface CollectionClient<TEntities extends readonly CollectionMember[]> {
  scope(
    ids: ScopeIds<TEntities[0]["isolation"]>,
  ): CollectionScope<CollectionItem<TEntities>, CollectionFilters<TEntities>, CollectionIndexes<TEntities>>;
}

/**
 * A collection confined to one scope.
 *
 * @example
 * for await (const item of thread.query()) if (item.entityType === "Comment") console.log(item.text);
 */
export interface CollectionScope<
  TItem,
  TFilters = CollectionFilters<readonly CollectionMember[]>,
  TIndex extends string = string,
> {
  /** Every item of the collection in the partition, up to `limit`. */
  query(input?: CollectionQuery<TFilters, TIndex>): AsyncIterable<TItem>;
  /** One page of up to `limit` items and the cursor that resumes after it. */
  page(input?: CollectionQuery<TFilters, TIndex>): Promise<QueryPage<TItem>>;
  /** DynamoDB's own pages. */
  pages(input?: CollectionQuery<TFilters, TIndex>): AsyncIterable<QueryPage<TItem>>;
}

type AnyItem = Record<string, unknown>;
type AnyScope = EntityScope<string, never, never, never>;

/** The collection client behind `connect(...).collection(entities)`. */
export function collectionClient(
  client: DynamoDBDocumentClient,
  table: string | Table | undefined,
  entities: readonly Entity[],
  send: (where: string, request: () => Promise<never>) => Promise<never>,
): CollectionClient<readonly CollectionMember[]> {
  const names = entities.map((entity) => entity.name).join(", ");
  const refuse = (problem: string): CapsuleEntityError =>
    new CapsuleEntityError(collectionMessage(names || "(none)", problem));
  if (!Array.isArray(entities) || entities.length === 0) throw refuse("has no entities");
  const [first] = entities as [Entity, ...Entity[]];
  const tableOf = table ?? first.table;
  for (const entity of entities) {
    checkTableOption(entity, table);
    if (entities.filter((other) => other.name === entity.name).length > 1) throw refuse(`lists ${entity.name} twice`);
    if (entity.templates["pk"] !== first.templates["pk"])
      throw refuse(`mixes partition keys ${first.templates["pk"]} and ${entity.templates["pk"]}: one query reads one`);
    if ((table ?? entity.table) !== (table ?? first.table))
      throw refuse(`mixes the tables of ${first.name} and ${entity.name}`);
  }
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
          `mixes index ${on} partition keys ${first.templates[`${on}pk`]} and ${entity.templates[`${on}pk`]}: one query reads one`,
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
  // The literal every sort-key template (the table's or the index's) starts with, up to the first placeholder,
  // common to all.
  const sortPrefix = (on: string): string =>
    entities
      .map((entity) => (entity.templates[`${on}sk`] ?? "").split("${")[0]!)
      .reduce((common, next) => common.slice(0, [...common].findIndex((char, at) => next[at] !== char) >>> 0));

  return {
    scope: (ids) => {
      const scopes = entities.map(
        (entity) => entity.scope(ids as never, table === undefined ? undefined : { table: table as never }) as AnyScope,
      );
      const byType = new Map(entities.map((entity, index) => [entity.name, scopes[index]!]));
      const where = `scope ${JSON.stringify(scopes[0]!.ids)}`;
      /** The first entity's command for the partition, its sort-key condition and entity filter widened to all. */
      const query = (input: never): QueryCommandInput => {
        const { sortKey, filter, ...rest } = (input ?? {}) as Record<string, unknown>;
        // The query reads every item of the partition under the members' common sort-key prefix: a `sortKey` (no
        // collection option, so only a JavaScript caller's) would be dropped, the whole partition returned.
        if (sortKey !== undefined)
          throw new CapsuleEntityError(queryOptionMessage(`collection(${names})`, "sortKey", notAQueryOption));
        const { on } = keysOn(rest["index"]);
        const prefix = sortPrefix(on);
        const command = scopes[0]!.query({ ...rest } as never);
        const { ":sk": _sk, ":skHigh": _high, ":entityType": _type, ...values } = command.ExpressionAttributeValues;
        const { "#sk": _name, "#entityType": _typeName, ...attributeNames } = command.ExpressionAttributeNames;
        const types = Object.fromEntries(entities.map((entity, index) => [`:entityType${index}`, entity.name]));
        const filters = entityFilters(filter, on);
        return {
          ...command,
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
        cursorAttributes: (index) =>
          cursorAttributes(
            (attribute) => Object.hasOwn(first.templates, attribute),
            index,
            (attribute) => physicalName(tableOf, attribute),
          ),
      };
      return {
        query: async function* (input?: CollectionQuery) {
          for await (const page of readPages(context, input, "throw")) yield* page.items;
        },
        page: (input) => readPage(context, input),
        pages: (input) => readPages(context, input, "stop"),
      } satisfies CollectionScope<AnyItem> as never;
    },
  };
}
