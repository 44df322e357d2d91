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
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import type { AnyObjectSchema, Entity, EntityItem, KeyTemplates } from "../entity/define-entity.js";
import type { ResolvedIsolation } from "../entity/isolation.js";
import { CapsuleEntityError } from "../errors.js";
import type { Shape } from "../internal/zod-shape.js";
import { scanReasonMessage, type ScanReasonMessage } from "../messages.js";
import type { RuntimeScope } from "../access/create-scope.js";
import type { AttributesOf, EntityScope, QueryInput, ScopeIds, ScopeOptions } from "../access/scope.js";
import { checkTableFit, fromTableItem, tableNameOf, type CheckTable, type Table } from "../access/table.js";
import { DynamoRequestError } from "./request-error.js";

export { DynamoRequestError } from "./request-error.js";

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
  return {
    client,
    // The one cast of the adapter's runtime (raw inputs, untyped items) to its typed surface.
    entity: ((entity: Entity) =>
      entityClient(client, options?.table, entity)) as unknown as Connection<TTable>["entity"],
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
  /** Stores an item of this scope; returns it as stored. */
  put(
    ...args: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["put"]>
  ): Promise<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** Reads one item; `undefined` when there is none (or it is of another entity type). */
  get(
    ...args: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["get"]>
  ): Promise<EntityItem<TName, TSchema, TTemplates, TResolved> | undefined>;
  /** Changes non-key attributes of an existing item; returns the item after the update. */
  update(
    ...args: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["update"]>
  ): Promise<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** Deletes one item (never one of another entity type). */
  delete(key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["delete"]>[0]): Promise<void>;
  /** Every item of the query, across all pages. */
  query(
    input: QueryInput<TSchema["shape"], TTemplates, TResolved>,
  ): AsyncIterable<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** The query page by page, each with the cursor that resumes after it. */
  pages(
    input: QueryInput<TSchema["shape"], TTemplates, TResolved>,
  ): AsyncIterable<QueryPage<EntityItem<TName, TSchema, TTemplates, TResolved>>>;
}

type AnyItem = Readonly<Record<string, unknown>>;

/** What one entity's operations on a connection share. */
interface EntityContext {
  readonly client: DynamoDBDocumentClient;
  readonly entity: Entity;
  /** The connection's table, else the entity's. */
  readonly table: string | Table | undefined;
}

/** A scope's operations: the context, the scope's command builders, and the scope as errors name it. */
interface ScopeSession extends EntityContext {
  readonly scope: RuntimeScope;
  readonly where: string;
}

/** {@link EntityClient} as the runtime sees it: raw inputs, untyped items. */
interface RuntimeEntityClient {
  scope(ids: unknown): RuntimeScopedClient;
  unscopedScan(options: { readonly reason: unknown; readonly pageSize?: number }): AsyncIterable<AnyItem>;
}

/** {@link ScopedClient} as the runtime sees it. */
interface RuntimeScopedClient {
  readonly commands: RuntimeScope;
  put(attributes: unknown, options?: { readonly ifNotExists?: boolean }): Promise<AnyItem | undefined>;
  get(key: unknown, options?: { readonly consistent?: boolean }): Promise<AnyItem | undefined>;
  update(key: unknown, changes: unknown): Promise<AnyItem | undefined>;
  delete(key: unknown): Promise<void>;
  query(input: unknown): AsyncIterable<AnyItem>;
  pages(input: unknown): AsyncIterable<QueryPage<AnyItem>>;
}

function entityClient(
  client: DynamoDBDocumentClient,
  table: string | Table | undefined,
  entity: Entity,
): RuntimeEntityClient {
  const context: EntityContext = { client, entity, table: table ?? entity.table };
  if (typeof context.table === "object")
    checkTableFit(context.table, entity.name, entity.templates, entity.schema.shape as Shape);
  return {
    scope: (ids) => scopedClient(context, ids),
    unscopedScan: (options) => unscopedScan(context, options),
  };
}

/** Sends a request; a failure surfaces as {@link DynamoRequestError} naming the entity, operation and scope. */
async function send<TOutput>(
  context: EntityContext,
  operation: string,
  where: string,
  request: () => Promise<TOutput>,
): Promise<TOutput> {
  try {
    return await request();
  } catch (error) {
    throw error instanceof CapsuleEntityError
      ? error
      : new DynamoRequestError(`${context.entity.name}.${operation}`, where, error);
  }
}

function scopedClient(context: EntityContext, ids: unknown): RuntimeScopedClient {
  const { entity, table } = context;
  // The entity's typed `scope` seen as the runtime builds it (create-scope.ts): the adapter's one cast there.
  const createScope = entity.scope as unknown as (ids: unknown, options?: ScopeOptions) => RuntimeScope;
  const scope = createScope(ids, table === undefined ? undefined : { table });
  const session: ScopeSession = { ...context, scope, where: `scope ${JSON.stringify(scope.ids)}` };
  return {
    commands: scope,
    put: (attributes, options) => putItem(session, attributes, options),
    get: (key, options) => getItem(session, key, options),
    update: (key, changes) => updateItem(session, key, changes),
    delete: (key) => deleteItem(session, key),
    pages: (input) => queryPages(session, input),
    query: (input) => queryItems(session, input),
  };
}

async function putItem(
  session: ScopeSession,
  attributes: unknown,
  options?: { readonly ifNotExists?: boolean },
): Promise<AnyItem | undefined> {
  const command = session.scope.put(attributes, options);
  await send(session, "put", session.where, () => session.client.send(new PutCommand(command)));
  return session.scope.readItem(command.Item);
}

async function getItem(
  session: ScopeSession,
  key: unknown,
  options?: { readonly consistent?: boolean },
): Promise<AnyItem | undefined> {
  const command = session.scope.get(key, options);
  const output = await send(session, "get", session.where, () => session.client.send(new GetCommand(command)));
  return session.scope.readItem(output.Item);
}

async function updateItem(session: ScopeSession, key: unknown, changes: unknown): Promise<AnyItem | undefined> {
  const command = session.scope.update(key, changes);
  const output = await send(session, "update", session.where, () => session.client.send(new UpdateCommand(command)));
  return session.scope.readItem(output.Attributes);
}

async function deleteItem(session: ScopeSession, key: unknown): Promise<void> {
  const command = session.scope.delete(key);
  await send(session, "delete", session.where, () => session.client.send(new DeleteCommand(command)));
}

/** The query page by page; the whole page is validated before any of it is handed out (a foreign item stops it). */
async function* queryPages(session: ScopeSession, input: unknown): AsyncGenerator<QueryPage<AnyItem>> {
  const { scope } = session;
  for (let command = scope.query(input); ;) {
    const output = await send(session, "query", session.where, () => session.client.send(new QueryCommand(command)));
    const items = (output.Items ?? []).map(scope.readItem).filter((item) => item !== undefined);
    const cursor = scope.cursor(output.LastEvaluatedKey);
    yield { items, cursor };
    if (cursor === undefined) return;
    command = scope.query({ ...(input as object), cursor });
  }
}

async function* queryItems(session: ScopeSession, input: unknown): AsyncGenerator<AnyItem> {
  for await (const page of queryPages(session, input)) yield* page.items;
}

/** `unscopedScan`: every item of the entity in the table, page by page, after its reason is checked. */
async function* unscopedScan(
  context: EntityContext,
  options: { readonly reason: unknown; readonly pageSize?: number },
): AsyncGenerator<AnyItem> {
  const { entity, table } = context;
  const reason = options.reason;
  if (typeof reason !== "string" || reason.trim() === "") throw new CapsuleEntityError(scanReasonMessage());
  const where = `every partition (reason: ${JSON.stringify(reason)})`;
  const TableName = tableNameOf(table, entity.name);
  const keyAttributes = Object.keys(entity.templates);
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const output = await send(context, "unscopedScan", where, () =>
      context.client.send(
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
      .map((raw) => (typeof table === "object" ? fromTableItem(table, keyAttributes, raw) : raw) as AnyItem)
      .filter((item) => item["entityType"] === entity.name)
      .map((item) => entity.fromItem(item) as AnyItem);
    yield* items;
    ExclusiveStartKey = output.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
}
