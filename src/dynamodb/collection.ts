/**
 * Collections: several entity types sharing one partition, read by one query (ElectroDB's collections, with
 * isolation). Every entity of a collection has the same partition-key template, so the scope pins one
 * partition for all of them; the query filters on the collection's entity types, and each item is verified
 * by its own entity's scope (`fromItem` and `assertOwns`), so a planted foreign item throws `IsolationError`.
 * The result is a union discriminated by `entityType`.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Entity, InferItem } from "../entity/define-entity.js";
import type { ResolvedIsolation } from "../entity/isolation.js";
import type { EntityScope, QueryCommandInput, QueryPageOptions, ScopeIds } from "../access/scope.js";
import { cursorAttributes } from "../access/cursor.js";
import { physicalName, type Table } from "../access/table.js";
import { CapsuleEntityError } from "../errors.js";
import { collectionMessage } from "../messages.js";
import { readPage, readPages, type QueryPage, type QueryReaderContext, type ReadOptions } from "./query-reader.js";

/**
 * What a collection query takes: the partition fields beyond the isolation ids (when the shared pk template
 * has any), and paging. No sort-key condition: the entities' sort keys differ; the query reads the
 * partition's items whose sort keys start with what all the entities' sort-key templates start with.
 *
 * @example
 * const input: CollectionQuery = { limit: 50, order: "desc" };
 */
export interface CollectionQuery extends QueryPageOptions, ReadOptions {
  readonly partition?: Readonly<Record<string, unknown>>;
}

/**
 * What a collection needs of an entity at the type level: its isolation (for the scope's ids) and its item type.
 *
 * @example
 * const member: CollectionMember = Note;
 */
export interface CollectionMember {
  readonly name: string;
  readonly isolation: ResolvedIsolation;
  fromItem(raw: unknown): unknown;
}

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
  scope(ids: ScopeIds<TEntities[0]["isolation"]>): CollectionScope<CollectionItem<TEntities>>;
}

/**
 * A collection confined to one scope.
 *
 * @example
 * for await (const item of thread.query()) if (item.entityType === "Comment") console.log(item.text);
 */
export interface CollectionScope<TItem> {
  /** Every item of the collection in the partition, up to `limit`. */
  query(input?: CollectionQuery): AsyncIterable<TItem>;
  /** One page of up to `limit` items and the cursor that resumes after it. */
  page(input?: CollectionQuery): Promise<QueryPage<TItem>>;
  /** DynamoDB's own pages. */
  pages(input?: CollectionQuery): AsyncIterable<QueryPage<TItem>>;
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
  for (const entity of entities) {
    if (entities.filter((other) => other.name === entity.name).length > 1) throw refuse(`lists ${entity.name} twice`);
    if (entity.templates["pk"] !== first.templates["pk"])
      throw refuse(`mixes partition keys ${first.templates["pk"]} and ${entity.templates["pk"]}: one query reads one`);
    if ((table ?? entity.table) !== (table ?? first.table))
      throw refuse(`mixes the tables of ${first.name} and ${entity.name}`);
  }
  // The literal every sort-key template starts with, up to the first placeholder, common to all.
  const sortPrefix = entities
    .map((entity) => (entity.templates["sk"] ?? "").split("${")[0]!)
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
        const { sortKey: _ignored, ...rest } = (input ?? {}) as Record<string, unknown>;
        const command = scopes[0]!.query({ ...rest } as never);
        const { ":sk": _sk, ":skHigh": _high, ":entityType": _type, ...values } = command.ExpressionAttributeValues;
        const { "#sk": _name, ...attributeNames } = command.ExpressionAttributeNames;
        const types = Object.fromEntries(entities.map((entity, index) => [`:entityType${index}`, entity.name]));
        return {
          ...command,
          KeyConditionExpression: sortPrefix === "" ? "#pk = :pk" : "#pk = :pk AND begins_with(#sk, :sk)",
          FilterExpression: `#entityType IN (${Object.keys(types).join(", ")})`,
          ExpressionAttributeNames: {
            ...attributeNames,
            ...(sortPrefix === "" ? {} : { "#sk": physicalName(table ?? first.table, "sk") }),
          },
          ExpressionAttributeValues: { ...values, ...(sortPrefix === "" ? {} : { ":sk": sortPrefix }), ...types },
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
        cursorAttributes: () =>
          cursorAttributes(
            (attribute) => Object.hasOwn(first.templates, attribute),
            undefined,
            (attribute) => physicalName(table ?? first.table, attribute),
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
