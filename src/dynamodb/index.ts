/**
 * `capsule-entity/dynamodb`: scoped access that sends its commands through an AWS SDK v3 DocumentClient.
 * Every item it returns has passed `fromItem` (its keys equal the keys its own attributes build) and the
 * scope's `assertOwns`; items of other entity types sharing a partition are skipped. The only read across
 * scopes is {@link EntityClient.unscopedScan}, which states its reason.
 *
 * @packageDocumentation
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { AnyObjectSchema, Entity, EntityItem, KeyTemplates, ResolvedIsolation } from "../entity/define-entity.js";
import { CapsuleEntityError } from "../errors.js";
import type { Shape } from "../internal/zod-shape.js";
import { scanReasonMessage, type ScanReasonMessage } from "../messages.js";
import type { AttributesOf, EntityScope, QueryInput, ScopeIds } from "../access/scope.js";
import { checkTableFit, fromTableItem, tableNameOf, type CheckTable, type Table } from "../access/table.js";
import {
  guardedWrites,
  type UpdateOptions,
  type UpdateReturnValues,
  type WriteOptions,
} from "../access/guarded-writes.js";
import { scopedBatches } from "./batch.js";
import { sendWrite } from "./failed-condition.js";
import {
  createTransaction,
  transactGet,
  type OtherScopes,
  type ScopeOn,
  type TransactGetBuilder,
  type TransactGetItem,
  type TransactGetResult,
  type Transaction,
  type TransactionIds,
  type TransactionOptions,
} from "./transaction.js";
import { DynamoRequestError } from "./request-error.js";

export { DynamoRequestError, VersionConflictError } from "./request-error.js";
export { TransactionCanceledError } from "./transaction.js";
export type {
  CheckOtherScopes,
  OtherScopes,
  TransactGetBuilder,
  TransactGetItem,
  TransactGetResult,
  Transaction,
  TransactionEntity,
  TransactionIds,
  TransactionItemFailure,
  TransactionOptions,
} from "./transaction.js";
export type { UpdateOptions, UpdateReturnValues, WriteOptions } from "../access/guarded-writes.js";

/**
 * Options of {@link connect}.
 *
 * @example
 * connect(client, { table: PlatformTable });
 */
export interface ConnectOptions<TTable extends string | Table> {
  /** The table every entity uses unless it names its own: a table name, or a {@link Table} for its key names. */
  readonly table?: TTable;
}

/**
 * Connects a DocumentClient. Use `.entity(E).scope({ tenantId, capsuleId })` for confined access.
 *
 * @example
 * const db = connect(DynamoDBDocumentClient.from(new DynamoDBClient({})), { table: PlatformTable });
 * const notes = db.entity(Note).scope({ tenantId, capsuleId });
 * await notes.put({ tenantId, capsuleId, noteId: "n1", title: "Hello" });
 * for await (const note of notes.query({ sortKey: { noteId: { beginsWith: "n" } } })) console.log(note.title);
 * @see docs/dynamodb.md
 */
export function connect<const TTable extends string | Table = string>(
  client: DynamoDBDocumentClient,
  options?: ConnectOptions<TTable>,
): Connection<TTable> {
  const scopeOn: ScopeOn = (entity, ids) => {
    const table = options?.table ?? entity.table;
    return entity.scope(ids as never, table === undefined ? undefined : { table: table as never }) as never;
  };
  return {
    client,
    entity: ((entity: Entity) => entityClient(client, options?.table, entity)) as Connection<TTable>["entity"],
    transaction: ((ids: TransactionIds, transactionOptions?: { readonly also?: OtherScopes }) =>
      createTransaction(client, scopeOn, ids, transactionOptions?.also)) as Connection<TTable>["transaction"],
    transactGet: ((ids: TransactionIds, build: never) =>
      transactGet(client, scopeOn, ids, build)) as Connection<TTable>["transactGet"],
  };
}

/**
 * A connected DocumentClient, with the table its entities use.
 *
 * @example
 * const db: Connection<typeof PlatformTable> = connect(client, { table: PlatformTable });
 * const notes = db.entity(Note).scope({ tenantId, capsuleId });
 */
export interface Connection<TTable extends string | Table> {
  readonly client: DynamoDBDocumentClient;
  /**
   * Access to one entity. With a {@link Table}, an entity that does not fit it (a key attribute missing on
   * either side) is a type error here, and `CapsuleEntityError` at runtime.
   */
  entity<
    TName extends string,
    TSchema extends AnyObjectSchema,
    TTemplates extends KeyTemplates,
    TResolved extends ResolvedIsolation,
  >(
    entity: FitsTable<TTable, TName, TTemplates, Entity<TName, TSchema, TTemplates, TResolved>>,
  ): EntityClient<TName, TSchema, TTemplates, TResolved, AttributesOf<TTable>>;
  /**
   * A write transaction in the scope `ids` (TransactWriteItems): `.entity(E).put / update / delete / check`, then
   * `.commit()`. Other scopes only by name, declared in `also` with a reason.
   */
  transaction<const TAlso extends OtherScopes = {}>(
    ids: TransactionIds,
    options?: TransactionOptions<TAlso>,
  ): Transaction<TTable, TAlso>;
  /** Reads items of the scope `ids` atomically (TransactGetItems): verified, in the order of the reads. */
  transactGet<const TReads extends readonly TransactGetItem<unknown>[] | []>(
    ids: TransactionIds,
    build: (tx: TransactGetBuilder<TTable>) => TReads,
  ): Promise<TransactGetResult<TReads>>;
}

/**
 * The entity, or the {@link CheckTable} message when it does not fit the table.
 *
 * @example
 * db.entity(Loose); // type error: "[table.missingKey] Loose has no sk template, but table platform_data keys items by sk | …"
 */
export type FitsTable<TTable, TName extends string, TTemplates, TEntity> =
  CheckTable<TTable, TName, TTemplates> extends TTable ? TEntity : CheckTable<TTable, TName, TTemplates>;

/**
 * The reason itself, or the catalog message when it is not a non-empty literal.
 *
 * @example
 * db.entity(Note).unscopedScan({ reason: "" }); // type error: "[dynamodb.scanReason] scanning every partition needs …"
 */
export type CheckReason<TReason extends string> = string extends TReason
  ? ScanReasonMessage
  : TReason extends ""
    ? ScanReasonMessage
    : TReason;

/**
 * One entity on a connection.
 *
 * @example
 * const notes: EntityClient<"Note", …> = db.entity(Note);
 * for await (const note of notes.unscopedScan({ reason: "nightly export to the data lake" })) exportNote(note);
 */
export interface EntityClient<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> {
  /** Access confined to one tenant and capsule (or tenant, for tenant-level entities). */
  scope(ids: ScopeIds<TResolved>): ScopedClient<TName, TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * Every item of this entity in the table, across all tenants and capsules: the one read that crosses
   * scopes, so it must say why (a non-empty literal `reason`, quoted in its errors). Items are validated
   * by `fromItem`; other entity types are skipped.
   */
  unscopedScan<const TReason extends string>(options: {
    readonly reason: CheckReason<TReason>;
    /** DynamoDB's `Limit` per request. */
    readonly pageSize?: number;
  }): AsyncIterable<EntityItem<TName, TSchema, TTemplates, TResolved>>;
}

/**
 * A page of a query: this entity's items in it (validated), and the cursor of the next page, if any.
 *
 * @example
 * for await (const page of notes.pages({ limit: 25 })) render(page.items, page.cursor);
 */
export interface QueryPage<TItem> {
  readonly items: readonly TItem[];
  readonly cursor: string | undefined;
}

/**
 * Scoped access through DynamoDB. Arguments are those of the scope's command builders
 * ({@link EntityScope}); results are validated items.
 *
 * @example
 * const notes = db.entity(Note).scope({ tenantId, capsuleId });
 * await notes.update({ noteId: "n1" }, { title: "Renamed" });
 */
export interface ScopedClient<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> {
  /** The command builders, for batch or transaction code that sends its own commands. */
  readonly commands: EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * Stores an item of this scope; returns it as stored. `condition` is ANDed with the put's guard (absent, or
   * this entity's item of this scope; with `ifNotExists`, absent).
   */
  put(
    attributes: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["put"]>[0],
    options?: { readonly ifNotExists?: boolean } & WriteOptions<TSchema>,
  ): Promise<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** Reads one item; `undefined` when there is none (or it is of another entity type). */
  get(
    ...args: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["get"]>
  ): Promise<EntityItem<TName, TSchema, TTemplates, TResolved> | undefined>;
  /**
   * Changes non-key attributes of an existing item, with values or {@link op} operators; returns the item after
   * the update (`returnValues: "ALL_OLD"`: before it; `"NONE"`: nothing), verified.
   */
  update<TReturn extends UpdateReturnValues = "ALL_NEW">(
    key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["update"]>[0],
    changes: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["update"]>[1],
    options?: UpdateOptions<TSchema, TReturn>,
  ): Promise<TReturn extends "NONE" ? undefined : EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** Deletes one item (never one of another entity type), when `condition` holds too. */
  delete(
    key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["delete"]>[0],
    options?: WriteOptions<TSchema>,
  ): Promise<void>;
  /**
   * Reads many items (BatchGetItem, 100 keys a request, unprocessed keys retried with backoff): in the order of
   * `keys`, `undefined` for absent ones, each verified like {@link ScopedClient.get}.
   */
  batchGet(
    keys: readonly Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["get"]>[0][],
  ): Promise<(EntityItem<TName, TSchema, TTemplates, TResolved> | undefined)[]>;
  /**
   * Stores many items of this scope (BatchWriteItem, 25 a request, unprocessed items retried). BatchWriteItem
   * carries no conditions: see docs/dynamodb.md for what that gives up and what is refused.
   */
  batchPut(
    items: readonly Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["put"]>[0][],
  ): Promise<void>;
  /** Deletes many items of this scope (BatchWriteItem; see {@link ScopedClient.batchPut}). */
  batchDelete(
    keys: readonly Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["delete"]>[0][],
  ): Promise<void>;
  /** Every item of the query, across all pages. */
  query(
    input: QueryInput<TSchema["shape"], TTemplates, TResolved>,
  ): AsyncIterable<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** The query page by page, each with the cursor that resumes after it. */
  pages(
    input: QueryInput<TSchema["shape"], TTemplates, TResolved>,
  ): AsyncIterable<QueryPage<EntityItem<TName, TSchema, TTemplates, TResolved>>>;
}

type AnyItem = Record<string, unknown>;

function entityClient(
  client: DynamoDBDocumentClient,
  table: string | Table | undefined,
  entity: Entity,
): EntityClient<string, AnyObjectSchema, KeyTemplates, ResolvedIsolation, {}> {
  const resolvedTable = table ?? entity.table;
  if (typeof resolvedTable === "object")
    checkTableFit(resolvedTable, entity.name, entity.templates, entity.schema.shape as Shape);

  /** Sends a request; a failure surfaces as {@link DynamoRequestError} naming the entity, operation and scope. */
  const send = async <TOutput>(operation: string, where: string, request: () => Promise<TOutput>): Promise<TOutput> => {
    try {
      return await request();
    } catch (error) {
      throw error instanceof CapsuleEntityError
        ? error
        : new DynamoRequestError(`${entity.name}.${operation}`, where, error);
    }
  };

  return {
    scope: (ids) => {
      const scope = entity.scope(
        ids as never,
        resolvedTable === undefined ? undefined : { table: resolvedTable as never },
      ) as EntityScope<string, AnyObjectSchema, KeyTemplates, ResolvedIsolation>;
      const where = `scope ${JSON.stringify(scope.ids)}`;
      const read = (raw: unknown): AnyItem | undefined => scope.readItem(raw) as AnyItem | undefined;

      async function* pages(input: unknown): AsyncGenerator<QueryPage<AnyItem>> {
        for (let command = scope.query(input as never); ;) {
          const output = await send("query", where, () => client.send(new QueryCommand(command)));
          // The whole page is validated before any of it is handed out: a foreign item stops the page.
          const items = (output.Items ?? []).map(read).filter((item): item is AnyItem => item !== undefined);
          const cursor = scope.cursor(output.LastEvaluatedKey);
          yield { items, cursor };
          if (cursor === undefined) return;
          command = scope.query({ ...(input as object), cursor } as never);
        }
      }

      const writes = guardedWrites(entity, scope);
      const batches = scopedBatches(client, entity, scope, send, where);
      return {
        commands: scope,
        put: async (attributes, options) => {
          const command = writes.put(attributes, options);
          const write = { entity, scope, operation: "put", ifNotExists: options?.ifNotExists === true, command };
          await sendWrite(send, write, where, () => client.send(new PutCommand(command as PutCommandInput)));
          return read(command.Item) as never;
        },
        get: async (key, options) => {
          const command = scope.get(key, options);
          const output = await send("get", where, () => client.send(new GetCommand(command)));
          return read(output.Item) as never;
        },
        update: async (key, changes, options) => {
          const command = writes.update(key, changes, options);
          const write = { entity, scope, operation: "update", ifNotExists: false, command };
          const output = await sendWrite(send, write, where, () =>
            client.send(new UpdateCommand(command as UpdateCommandInput)),
          );
          return read(output.Attributes) as never;
        },
        delete: async (key, options) => {
          const command = writes.delete(key, options);
          const write = { entity, scope, operation: "delete", ifNotExists: false, command };
          await sendWrite(send, write, where, () => client.send(new DeleteCommand(command as DeleteCommandInput)));
        },
        batchGet: batches.get as never,
        batchPut: batches.put as never,
        batchDelete: batches.delete as never,
        pages: pages as never,
        query: async function* (input: unknown) {
          for await (const page of pages(input)) yield* page.items;
        } as never,
      };
    },

    unscopedScan: async function* (options: { readonly reason: unknown; readonly pageSize?: number }) {
      const reason = options.reason;
      if (typeof reason !== "string" || reason.trim() === "")
        throw new CapsuleEntityError(scanReasonMessage(), "dynamodb.scanReason");
      const where = `every partition (reason: ${JSON.stringify(reason)})`;
      const TableName = tableNameOf(resolvedTable, entity.name);
      const keyAttributes = Object.keys(entity.templates);
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const output = await send("unscopedScan", where, () =>
          client.send(
            new ScanCommand({
              TableName,
              FilterExpression: "#entityType = :entityType",
              ExpressionAttributeNames: { "#entityType": "entityType" },
              ExpressionAttributeValues: { ":entityType": entity.name },
              ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
              ...(ExclusiveStartKey === undefined ? {} : { ExclusiveStartKey }),
            }),
          ),
        );
        const items = (output.Items ?? [])
          .map(
            (raw) =>
              (typeof resolvedTable === "object" ? fromTableItem(resolvedTable, keyAttributes, raw) : raw) as AnyItem,
          )
          .filter((item) => item["entityType"] === entity.name)
          .map((item) => entity.fromItem(item) as AnyItem);
        yield* items;
        ExclusiveStartKey = output.LastEvaluatedKey;
      } while (ExclusiveStartKey !== undefined);
    } as never,
  };
}
