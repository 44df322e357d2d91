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
  ScanCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { AnyObjectSchema, Entity, EntityItem, KeyTemplates, TemplateSetPaths } from "../entity/define-entity.js";
import type { ListOf, TopOf } from "../internal/types.js";
import { isolationFieldsOf, type ResolvedIsolation } from "../entity/isolation.js";
import { CapsuleEntityError } from "../errors.js";
import type { Shape } from "../internal/zod-shape.js";
import {
  hydrateMissingMessage,
  notAQueryOption,
  queryOptionMessage,
  scanOptionMessage,
  scanReasonMessage,
  tableProjectionMessage,
  unknownIndexMessage,
  type ScanReasonMessage,
  type UnknownIndexMessage,
} from "../messages.js";
import type { RuntimeScope } from "../access/create-scope.js";
import type {
  AttributesOf,
  CheckOuterQuery,
  CheckScopeIds,
  CheckScopeIdsFully,
  CheckOwnLevelQuery,
  CheckQuery,
  EntityScope,
  FixedFields,
  IndexNames,
  IsolationPaths,
  QueryFilter,
  QueryInput,
  ExactQueryInput,
  OuterQueryInput,
  OwnQueryInput,
  TemplateKeyInput,
  OuterLevelIsolation,
  OuterScopeIndexes,
  ScopeIds,
  ScopeIdsFor,
  ScopeOptions,
  ScopeUpdateKeyFields,
  QueryWritten,
  QueryAsGiven,
  QueryAsWritten,
  QueryKeyParts,
  ConnectedIsolation,
  TableIn,
} from "../access/scope.js";
import type { CheckPutAttributes, PutAttributes, PutRestWhenIdMistake } from "../access/put-attributes.js";
import type { CheckUpdateChanges, UpdateRestWhenKeyField } from "../access/update.js";
import { buildFilter } from "../access/filter.js";
import {
  checkProjectionFit,
  checkTableFit,
  checkTableOption,
  tableNameOf,
  type CheckTable,
  type ProjectionFit,
  type Table,
} from "../access/table.js";
import { cursorAttributes } from "../access/cursor.js";
import { builderQueryKeys, checkedCount, checkReadMode } from "../access/scope-query.js";
import { physicalName } from "../internal/table-names.js";
import { checkOptionKeys } from "../internal/option-keys.js";
import { collectionClient, type CheckCollection, type CollectionClient, type CollectionMember } from "./collection.js";
import {
  readPage,
  readPages,
  type Hydrate,
  type QueryPage,
  type QueryReaderContext,
  type ReadOptions,
} from "./query-reader.js";
import {
  guardedWrites,
  type GuardedWrites,
  type WriteCommand,
  type UpdateOptions,
  type UpdateReturnValues,
  type PutOptions,
  type WriteOptions,
} from "../access/guarded-writes.js";
import { scopedBatches, type StoredRead } from "./batch.js";
import { sendWrite } from "./failed-condition.js";
import {
  checkTransactionIds,
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
  CheckScopeName,
  FitsIds,
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
export type { PutOptions, UpdateOptions, UpdateReturnValues, WriteOptions } from "../access/guarded-writes.js";
export type { QueryPage, ReadOptions } from "./query-reader.js";
export type { CheckScopeIds } from "../access/scope.js";
export type {
  CheckCollection,
  CheckCollectionIndex,
  CheckCollectionQuery,
  CollectionClient,
  CollectionFilters,
  CollectionIndexes,
  CollectionItem,
  CollectionMember,
  CollectionQuery,
  CollectionScope,
} from "./collection.js";

/**
 * Options of {@link connect}.
 *
 * @example
 * connect(client, { table: PlatformTable });
 */
export interface ConnectOptions<TTable extends string | Table | undefined> {
  /**
   * The table every entity uses, instead of its own `table`: a table name, or a {@link Table} for its key names.
   * Without it, each entity uses its own (a `defineTable()` value keeps its key names, `PK` / `SK`).
   */
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
export function connect<const TTable extends string | Table | undefined = undefined>(
  client: DynamoDBDocumentClient,
  options?: ConnectOptions<TTable>,
): Connection<TTable> {
  checkOptionKeys("connect", options, ["table"], "connect(client, { table: PlatformTable })");
  const scopeOn: ScopeOn = (entity, ids) => {
    checkTransactionIds(entity, ids);
    // The connection's table as given (a `null` from JavaScript is the scope's to refuse), else the entity's.
    const table = options?.table === undefined ? entity.table : options.table;
    return entity.scope(ids as never, table === undefined ? undefined : { table: table as never }) as never;
  };
  return {
    client,
    // The one cast of the adapter's runtime (raw inputs, untyped items) to its typed surface.
    entity: ((entity: Entity) =>
      entityClient(client, options?.table, entity)) as unknown as Connection<TTable>["entity"],
    transaction: ((ids: TransactionIds, transactionOptions?: { readonly also?: OtherScopes }) => {
      checkOptionKeys(
        "db.transaction",
        transactionOptions,
        ["also"],
        'db.transaction(ids, { also: { archive: { ids: archiveIds, reason: "archiving" } } })',
      );
      return createTransaction(client, scopeOn, ids, transactionOptions?.also);
    }) as Connection<TTable>["transaction"],
    transactGet: ((ids: TransactionIds, build: never) =>
      transactGet(client, scopeOn, ids, build)) as Connection<TTable>["transactGet"],
    collection: ((entities: readonly Entity[]) =>
      collectionClient(client, options?.table, entities, async (where, request) => {
        try {
          return await request();
        } catch (error) {
          throw error instanceof CapsuleEntityError
            ? error
            : new DynamoRequestError(
                `collection(${entities.map((entity) => entity.name).join(", ")}).query`,
                where,
                error,
              );
        }
      })) as Connection<TTable>["collection"],
  };
}

/**
 * A connected DocumentClient, with the table its entities use.
 *
 * @example
 * const db: Connection<typeof PlatformTable> = connect(client, { table: PlatformTable });
 * const notes = db.entity(Note).scope({ tenantId, capsuleId });
 */
export interface Connection<TTable extends string | Table | undefined> {
  readonly client: DynamoDBDocumentClient;
  /**
   * Access to one entity, in the connection's table, else the entity's own. With a {@link Table}, an entity that
   * does not fit it (a key attribute missing on either side) is a type error here, and `CapsuleEntityError` at
   * runtime.
   */
  entity<
    TName extends string,
    TSchema extends AnyObjectSchema,
    TTemplates extends KeyTemplates,
    TResolved extends ResolvedIsolation,
    TOwnTable extends string | Table | undefined,
  >(
    entity: FitsTable<TTable, TName, TTemplates, Entity<TName, TSchema, TTemplates, TResolved, TOwnTable, any>>,
  ): ConnectedIsolation<TTemplates, TResolved> extends infer TRecorded extends ResolvedIsolation & {
    readonly outerIndexes: object;
  }
    ? OptedOutEntityClient<
        TName,
        TSchema,
        TTemplates,
        TRecorded,
        AttributesOf<TableIn<TTable, TOwnTable>>,
        ProjectionsOf<TableIn<TTable, TOwnTable>>
      >
    : EntityClient<
        TName,
        TSchema,
        TTemplates,
        TResolved,
        AttributesOf<TableIn<TTable, TOwnTable>>,
        ProjectionsOf<TableIn<TTable, TOwnTable>>
      >;
  /**
   * A write transaction in the scope `ids` (TransactWriteItems): `.entity(E).put / update / delete / check`, then
   * `.commit()`. Other scopes only by name, declared in `also` with a reason.
   */
  transaction<const TAlso extends OtherScopes = {}, TIds extends TransactionIds = TransactionIds>(
    ids: TIds,
    options?: TransactionOptions<TAlso>,
  ): Transaction<TTable, TAlso, TIds>;
  /** Reads items of the scope `ids` atomically (TransactGetItems): verified, in the order of the reads. */
  transactGet<
    const TReads extends readonly TransactGetItem<unknown>[] | [],
    TIds extends TransactionIds = TransactionIds,
  >(
    ids: TIds,
    build: (tx: TransactGetBuilder<TTable, TIds>) => TReads,
  ): Promise<TransactGetResult<TReads>>;
  /**
   * Several entity types sharing one partition (the same pk template), read by one query; each item verified by
   * its own entity. Entities that cannot share a query are a type error in the catalog's words
   * ({@link CheckCollection} on `this`) and `CapsuleEntityError` (`collection.invalid`) at runtime.
   */
  collection<const TEntities extends readonly CollectionMember[]>(
    this: NoInfer<CheckCollection<TEntities, TTable>>,
    entities: TEntities,
  ): CollectionClient<TEntities, ProjectionsOf<TableIn<TTable, TEntities[0]["table"]>>>;
}

/**
 * The index projections of a table option (none for a table given by name: every index projects all).
 *
 * @example
 * type P = ProjectionsOf<typeof PlatformTable>; //=> { gsi1: "ALL"; byStatus: "KEYS_ONLY" }
 */
export type ProjectionsOf<TTable> = TTable extends Table ? TTable["projections"] : {};

/**
 * What a query through `TIndex` returns: the full item, unless the index projects `KEYS_ONLY` or `INCLUDE` and
 * `hydrate` is not `true`; then the item's keys, `entityType`, the fields its keys are built from (the isolation
 * ids among them) and the included attributes.
 *
 * @example
 * type Entry = QueryItem<NoteItem, typeof Note.templates, { byStatus: "KEYS_ONLY" }, { index: "byStatus" }>;
 * //=> Pick<NoteItem, "pk" | "sk" | "byStatuspk" | "byStatussk" | "entityType" | "tenantId" | "capsuleId" | "noteId" | "status">
 */
export type QueryItem<TItem, TTemplates, TProjections, TInput> = TInput extends { readonly hydrate: true }
  ? TItem
  : TInput extends { readonly index: infer TIndex extends keyof TProjections & string }
    ? TProjections[TIndex] extends "ALL"
      ? TItem
      : Pick<
          TItem,
          keyof TItem &
            (
              | "entityType"
              | ProjectedKeys<TIndex>
              | TopOf<TemplateSetPaths<TTemplates & KeyTemplates, ProjectedKeys<TIndex> & keyof TTemplates>>
              | (TProjections[TIndex] extends { readonly include: readonly (infer TName)[] } ? TName : never)
            )
        >
    : TItem;
/**
 * The receiver of a scoped client's first `query`, `page` and `pages` signatures, which are not generic: `unknown` when
 * the connection's table declares no index projections (every query returns whole items, whatever its input), else
 * `never`, so that a query through such a table takes the generic signatures after them, whose result reads the input
 * ({@link QueryItem}). A correct query of a table without projections infers nothing and is not checked on `this`
 * (`CheckQuery` runs only for an input the first signature refuses, as the command builder's catch-all): adapter
 * probe −322 / −657 / −591 instantiations per entity (plain / opted-out / tenant, docs/benchmarks-typecost.md,
 * session s17).
 */
type WholeItems<TProjections> = keyof TProjections extends never ? unknown : never;
/**
 * The input of the first query signatures of an entity's own scope when the entity has indexes opted out to an outer
 * level ({@link OwnLevelScopedClient}): the command builder's ({@link OwnQueryInput}, which leaves those indexes out,
 * for `CheckOwnLevelQuery` to name them), its partitions read from the templates, and the read options.
 */
type ScopeQueryInput<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
> = OwnQueryInput<TSchema["shape"], TTemplates, TResolved, TemplateKeyInput<TSchema["shape"], TTemplates, TResolved>> &
  ReadOptions;
/** The key attributes an index entry carries: the table's and the index's. */
type ProjectedKeys<TIndex extends string> = "pk" | "sk" | `${TIndex}pk` | `${TIndex}sk`;

/**
 * The entity, or the {@link CheckTable} message when it does not fit the table.
 *
 * @example
 * db.entity(Loose); // type error: "[table.missingKey] Loose has no sk template, but table platform_data keys items by sk | …"
 */
export type FitsTable<TTable, TName extends string, TTemplates, TEntity> = TTable extends Table
  ? CheckTable<TTable, TName, TTemplates> extends TTable
    ? FitsProjections<TTable, TName, TTemplates, TEntity>
    : CheckTable<TTable, TName, TTemplates>
  : TEntity;

/** The entity, or the {@link ProjectionFit} messages when an `INCLUDE` index it uses does not fit it. */
type FitsProjections<TTable, TName extends string, TTemplates, TEntity> = TTable extends Table
  ? TEntity extends { readonly schema: { readonly shape: infer TShape }; readonly isolation: infer TResolved }
    ? [ProjectionFit<TTable["projections"], TName, TTemplates, TShape, TopOf<IsolationPaths<TResolved>>>] extends [
        never,
      ]
      ? TEntity
      : ProjectionFit<TTable["projections"], TName, TTemplates, TShape, TopOf<IsolationPaths<TResolved>>>
    : TEntity
  : TEntity;

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
 * The index `unscopedScan` reads: the name itself when the entity has that index, else the catalog message
 * (`query.unknownIndex`, the runtime's text); for a name that is not a literal, the entity's indexes (TypeScript's
 * own error). `TIndex` is inferred from the option (both branches hold it), so a correct scan pays one comparison.
 *
 * @example
 * db.entity(Reply).unscopedScan({ reason: "report", index: "byAuthr" });
 * // type error: "[query.unknownIndex] Reply has no index \"byAuthr\" | query one of the entity's indexes (byAuthor, byStatus), …"
 */
export type CheckScanIndex<TName extends string, TTemplates, TIndex extends string> = string extends TIndex
  ? IndexNames<TTemplates>
  : TIndex extends IndexNames<TTemplates>
    ? TIndex
    : UnknownIndexMessage<TName, TIndex, ListOf<IndexNames<TTemplates>>>;

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
  TProjections = {},
> {
  /**
   * Access confined to one tenant and capsule (or tenant, for tenant-level entities). Not generic, so that a correct
   * call infers nothing (docs/benchmarks-typecost.md, session s13); at runtime every id is checked as a key value.
   */
  scope(ids: ScopeIds<TResolved>): ScopedClient<TName, TSchema, TTemplates, TResolved, TAttributes, TProjections>;
  /**
   * The catch-all, tried only when the call above fails, so a correct call pays nothing for it: the catalog's
   * message for every mistake in the ids ({@link CheckScopeIdsFully}: a plain string, `scope.plainId`; an id the
   * scope does not take, `scope.otherId`, in place of TypeScript's excess-property error; a missing id, swapped ids,
   * ids given to a global entity). TS 5.9 and 6.0 print the call above's raw error first, TS 7 this one's only.
   */
  scope<const TIds extends object>(
    this: NoInfer<CheckScopeIdsFully<TName, TIds, ScopeIds<TResolved>>>,
    ids: TIds & ScopeIds<TResolved>,
  ): ScopedClient<TName, TSchema, TTemplates, TResolved, TAttributes, TProjections>;
  /**
   * Every item of this entity in the table, across all tenants and capsules: the one read that crosses
   * scopes, so it must say why (a non-empty literal `reason`, quoted in its errors). Items are validated
   * by `fromItem`; other entity types are skipped.
   */
  unscopedScan<const TReason extends string, const TIndex extends string = never>(options: {
    readonly reason: CheckReason<TReason>;
    /**
     * An index to scan instead of the table (a sparse index holds only the items that have its keys); it must
     * project whole items (`ALL`), which are verified as the table's are. Another name is a type error in the
     * catalog's words ({@link CheckScanIndex}: `query.unknownIndex`).
     */
    readonly index?: CheckScanIndex<TName, TTemplates, TIndex>;
    /** DynamoDB's `Limit` per request. */
    readonly pageSize?: number;
    /** A filter on the items, as a table query takes it (the primary key's and isolation fields refused). */
    readonly filter?: QueryFilter<TSchema["shape"], TTemplates, TResolved, "">;
  }): AsyncIterable<EntityItem<TName, TSchema, TTemplates, TResolved>>;
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
  TProjections = {},
> {
  /** The command builders, for batch or transaction code that sends its own commands. */
  readonly commands: EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * Stores an item of this scope; returns it as stored. `condition` is ANDed with the put's guard (absent, or
   * this entity's item of this scope; with `ifNotExists`, absent).
   */
  put(
    attributes: PutAttributes<TSchema>,
    options?: PutOptions<TSchema>,
  ): Promise<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** The catch-all of `put`, tried only when the attributes fail the signature above (as `EntityScope.put`'s). */
  put<const TPut extends object>(
    attributes: CheckPutAttributes<TName, TSchema, TResolved, TPut>,
    ...options: PutRestWhenIdMistake<TSchema, TResolved, [TPut], [options?: PutOptions<TSchema>]>
  ): Promise<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** Reads one item; `undefined` when there is none (or it is of another entity type). */
  get(
    ...args: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["get"]>
  ): Promise<EntityItem<TName, TSchema, TTemplates, TResolved> | undefined>;
  /**
   * Changes non-key attributes of an existing item, with values or {@link op} operators; returns the item after
   * the update (`returnValues: "ALL_OLD"`: before it; `"NONE"`: nothing), verified.
   */
  update<TReturn extends UpdateReturnValues = "ALL_NEW", TChanges extends object = object>(
    key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["update"]>[0],
    changes: CheckUpdateChanges<TName, TSchema, FixedFields<TTemplates, TResolved>, TChanges>,
    options?: UpdateOptions<TSchema, TReturn>,
  ): Promise<TReturn extends "NONE" ? undefined : EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** The catch-all of `update`, tried only when the changes fail the signature above (as `EntityScope.update`'s). */
  update<TReturn extends UpdateReturnValues = "ALL_NEW", TChanges extends object = object>(
    key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["update"]>[0],
    changes: ScopeUpdateKeyFields<TName, TSchema, TTemplates, TResolved, TChanges>,
    ...options: UpdateRestWhenKeyField<
      FixedFields<TTemplates, TResolved>,
      TChanges,
      [options?: UpdateOptions<TSchema, TReturn>]
    >
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
  batchPut(items: readonly PutAttributes<TSchema>[]): Promise<void>;
  /** The catch-all of `batchPut`: each item checked as `put`'s catch-all checks its attributes. */
  batchPut<const TItems extends readonly object[]>(
    items: { readonly [TIndex in keyof TItems]: CheckPutAttributes<TName, TSchema, TResolved, TItems[TIndex]> },
    ...rest: PutRestWhenIdMistake<TSchema, TResolved, TItems, []>
  ): Promise<void>;
  /** Deletes many items of this scope (BatchWriteItem; see {@link ScopedClient.batchPut}). */
  batchDelete(
    keys: readonly Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["delete"]>[0][],
  ): Promise<void>;
  /**
   * Every item of the query, up to `limit` items returned, across as many requests as that takes. Through a
   * `KEYS_ONLY` / `INCLUDE` index: partial items ({@link QueryItem}), or full ones with `hydrate: true`. A wrong
   * index, a missing partition or a gap in the sort key is a type error in the catalog's words
   * ({@link CheckQuery}, on `this`: `TInput` is inferred as written, a {@link QueryWritten} when it is not a query), and `CapsuleEntityError`
   * with the same text at runtime.
   */
  query(
    this: WholeItems<TProjections>,
    input: ExactQueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): AsyncIterable<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /**
   * `query` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  query<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckQuery<TName, TSchema["shape"], TTemplates, TResolved, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): AsyncIterable<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>;
  /** The catch-all of `query`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  query<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckQuery<TName, TSchema["shape"], TTemplates, TResolved, QueryAsWritten<TInput, TIndex, TPartition, TSortKey>>
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): AsyncIterable<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>;
  /** One page of up to `limit` items (paging underneath) and the cursor that resumes after it; checked as `query`. */
  page(
    this: WholeItems<TProjections>,
    input: ExactQueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): Promise<QueryPage<EntityItem<TName, TSchema, TTemplates, TResolved>>>;
  /**
   * `page` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  page<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckQuery<TName, TSchema["shape"], TTemplates, TResolved, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): Promise<QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>>;
  /** The catch-all of `page`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  page<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckQuery<TName, TSchema["shape"], TTemplates, TResolved, QueryAsWritten<TInput, TIndex, TPartition, TSortKey>>
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): Promise<QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>>;
  /**
   * DynamoDB's own pages, one per request, each with the cursor that resumes after it; `limit` ends them. Checked
   * as `query`.
   */
  pages(
    this: WholeItems<TProjections>,
    input: ExactQueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): AsyncIterable<QueryPage<EntityItem<TName, TSchema, TTemplates, TResolved>>>;
  /**
   * `pages` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  pages<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckQuery<TName, TSchema["shape"], TTemplates, TResolved, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): AsyncIterable<
    QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>
  >;
  /** The catch-all of `pages`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  pages<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckQuery<TName, TSchema["shape"], TTemplates, TResolved, QueryAsWritten<TInput, TIndex, TPartition, TSortKey>>
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): AsyncIterable<
    QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>
  >;
}

/**
 * {@link EntityClient} of an entity with indexes opted out to an outer level: its `scope` takes the ids
 * of that level too, for a scope that queries those indexes only ({@link OuterScopedClient}). A separate interface,
 * so that an entity without opt-outs keeps {@link EntityClient}'s types, and pays nothing per call.
 *
 * @example
 * const everyCapsule = db.entity(Document).scope({ tenantId }); // OuterScopedClient<"Document", …, "byTenant">
 */
export interface OptedOutEntityClient<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
  TProjections,
> extends Omit<EntityClient<TName, TSchema, TTemplates, TResolved, TAttributes, TProjections>, "scope"> {
  /**
   * Access confined to the entity's own ids: its capsule scope, which cannot query the opted-out indexes
   * (`scope.indexLevel`). Not generic, so that a correct call infers nothing (docs/benchmarks-typecost.md, session s13).
   */
  scope(
    ids: ScopeIds<TResolved>,
  ): OwnLevelScopedClient<TName, TSchema, TTemplates, TResolved, TAttributes, TProjections>;
  /**
   * Access confined to one scope: the entity's own ids, or exactly those of an outer level some index opted out to
   * (`{ tenantId }`), with the catalog's message on `this` for an id given as a plain string or one the scope does
   * not take ({@link CheckScopeIds}).
   */
  scope<const TIds extends object = ScopeIds<TResolved>>(
    this: NoInfer<CheckScopeIds<TName, TIds, ScopeIdsFor<TResolved, TIds>>>,
    ids: TIds & ScopeIdsFor<TResolved, TIds>,
  ): [OuterScopeIndexes<TResolved, TIds>] extends [never]
    ? OwnLevelScopedClient<TName, TSchema, TTemplates, TResolved, TAttributes, TProjections>
    : OuterScopedClient<
        TName,
        TSchema,
        TTemplates,
        OuterLevelIsolation<TResolved, OuterScopeIndexes<TResolved, TIds>>,
        TProjections,
        OuterScopeIndexes<TResolved, TIds>
      >;
  /**
   * The catch-all, as {@link EntityClient.scope}'s, at the level the ids open. Its return type repeats the exact
   * signature's on purpose: one alias for both cost the adapter probe +40 / +23 per entity (opted-out / tenant scope).
   */
  scope<const TIds extends object>(
    this: NoInfer<CheckScopeIdsFully<TName, TIds, ScopeIdsFor<TResolved, TIds>>>,
    ids: TIds & ScopeIdsFor<TResolved, TIds>,
  ): [OuterScopeIndexes<TResolved, TIds>] extends [never]
    ? OwnLevelScopedClient<TName, TSchema, TTemplates, TResolved, TAttributes, TProjections>
    : OuterScopedClient<
        TName,
        TSchema,
        TTemplates,
        OuterLevelIsolation<TResolved, OuterScopeIndexes<TResolved, TIds>>,
        TProjections,
        OuterScopeIndexes<TResolved, TIds>
      >;
}

/**
 * {@link ScopedClient} of an entity with indexes opted out to an outer level, at the entity's own level: its queries
 * of those indexes are refused (`scope.indexLevel`, {@link CheckOwnLevelQuery} on `this`; at runtime too). A separate
 * interface, so that an entity without opt-outs keeps {@link ScopedClient}'s checks and pays nothing for this one.
 *
 * @example
 * const capsule = db.entity(Document).scope({ tenantId, capsuleId });
 * capsule.query({ index: "byTenant" }); // type error: "[scope.indexLevel] Document's index byTenant is keyed at the tenant level, …"
 * @see docs/dynamodb.md
 */
export interface OwnLevelScopedClient<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
  TProjections = {},
> extends Omit<
  ScopedClient<TName, TSchema, TTemplates, TResolved, TAttributes, TProjections>,
  "query" | "page" | "pages"
> {
  /** {@link ScopedClient.query}, its opted-out indexes refused. */
  query(
    this: WholeItems<TProjections>,
    input: ScopeQueryInput<TSchema, TTemplates, TResolved>,
  ): AsyncIterable<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /**
   * `query` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  query<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckOwnLevelQuery<TName, TSchema["shape"], TTemplates, TResolved, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): AsyncIterable<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>;
  /** The catch-all of `query`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  query<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckOwnLevelQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TResolved,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): AsyncIterable<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>;
  /** {@link ScopedClient.page}, its opted-out indexes refused. */
  page(
    this: WholeItems<TProjections>,
    input: ScopeQueryInput<TSchema, TTemplates, TResolved>,
  ): Promise<QueryPage<EntityItem<TName, TSchema, TTemplates, TResolved>>>;
  /**
   * `page` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  page<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckOwnLevelQuery<TName, TSchema["shape"], TTemplates, TResolved, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): Promise<QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>>;
  /** The catch-all of `page`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  page<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckOwnLevelQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TResolved,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): Promise<QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>>;
  /** {@link ScopedClient.pages}, its opted-out indexes refused. */
  pages(
    this: WholeItems<TProjections>,
    input: ScopeQueryInput<TSchema, TTemplates, TResolved>,
  ): AsyncIterable<QueryPage<EntityItem<TName, TSchema, TTemplates, TResolved>>>;
  /**
   * `pages` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  pages<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckOwnLevelQuery<TName, TSchema["shape"], TTemplates, TResolved, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): AsyncIterable<
    QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>
  >;
  /** The catch-all of `pages`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  pages<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckOwnLevelQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TResolved,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): AsyncIterable<
    QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>
  >;
}

/**
 * The scope of a capsule entity at an outer level some of its indexes opted out to (`scope({ tenantId })`, with
 * `indexes.byTenant.isolation: { level: "tenant", reason }`): queries of those indexes (`TIndexes`) only, every item
 * verified as the entity's and under the level's partition. The table, another index (`scope.outerLevel`, on `this`)
 * and every other operation are refused; at runtime too. The input's type is any query of the entity, for the check
 * to name the mistake; and because an input narrowed to the level's indexes made `{ index: "byTenant" }` identical
 * to a member of the parameter's intersection, from which TypeScript then infers no `TInput`.
 *
 * @example
 * const everyCapsule = db.entity(Document).scope({ tenantId });
 * for await (const document of everyCapsule.query({ index: "byTenant" })) console.log(document.capsuleId);
 * @see docs/dynamodb.md
 */
export interface OuterScopedClient<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TProjections,
  TIndexes extends string,
> {
  /** Every item of the query through an opted-out index, as {@link ScopedClient.query}. */
  query(
    this: WholeItems<TProjections>,
    input: OuterQueryInput<TSchema["shape"], TTemplates, TResolved, TIndexes> & ReadOptions,
  ): AsyncIterable<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /**
   * `query` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  query<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckOuterQuery<TName, TSchema["shape"], TTemplates, TResolved, TIndexes, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): AsyncIterable<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>;
  /** The catch-all of `query`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  query<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckOuterQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TResolved,
        TIndexes,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): AsyncIterable<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>;
  /** One page of up to `limit` items and the cursor that resumes after it; checked as `query`. */
  page(
    this: WholeItems<TProjections>,
    input: OuterQueryInput<TSchema["shape"], TTemplates, TResolved, TIndexes> & ReadOptions,
  ): Promise<QueryPage<EntityItem<TName, TSchema, TTemplates, TResolved>>>;
  /**
   * `page` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  page<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckOuterQuery<TName, TSchema["shape"], TTemplates, TResolved, TIndexes, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): Promise<QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>>;
  /** The catch-all of `page`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  page<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckOuterQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TResolved,
        TIndexes,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): Promise<QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>>;
  /** DynamoDB's own pages, one per request; checked as `query`. */
  pages(
    this: WholeItems<TProjections>,
    input: OuterQueryInput<TSchema["shape"], TTemplates, TResolved, TIndexes> & ReadOptions,
  ): AsyncIterable<QueryPage<EntityItem<TName, TSchema, TTemplates, TResolved>>>;
  /**
   * `pages` through a table that declares index projections (its result reads the input, `QueryItem`), and the
   * catalog's message on `this` for an input the signature above refuses.
   */
  pages<const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten>(
    this: NoInfer<CheckOuterQuery<TName, TSchema["shape"], TTemplates, TResolved, TIndexes, TInput>>,
    input: TInput & QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
  ): AsyncIterable<
    QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>
  >;
  /** The catch-all of `pages`, tried only when the input fails the signature above (as `EntityScope.query`'s). */
  pages<
    const TInput extends (QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions) | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckOuterQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TResolved,
        TIndexes,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >
    >,
    input: QueryAsGiven<
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved> & ReadOptions,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): AsyncIterable<
    QueryPage<QueryItem<EntityItem<TName, TSchema, TTemplates, TResolved>, TTemplates, TProjections, TInput>>
  >;
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
  /** The scope's guarded writes (conditions, version lock, timestamps). */
  readonly writes: GuardedWrites;
}

/** {@link EntityClient} as the runtime sees it: raw inputs, untyped items. */
interface RuntimeEntityClient {
  scope(ids: unknown, ...rest: unknown[]): RuntimeScopedClient;
  unscopedScan(options: ScanOptions): AsyncIterable<AnyItem>;
}

/** The keys `unscopedScan` takes ({@link ScanOptions}). */
const scanKeys: ReadonlySet<string> = new Set(["reason", "index", "pageSize", "filter"]);

/** `unscopedScan`'s options as the runtime sees them. */
interface ScanOptions {
  readonly reason: unknown;
  readonly index?: unknown;
  readonly pageSize?: number;
  readonly filter?: unknown;
}

/** {@link ScopedClient} as the runtime sees it. */
interface RuntimeScopedClient {
  readonly commands: RuntimeScope;
  put(
    attributes: unknown,
    options?: { readonly ifNotExists?: boolean; readonly condition?: unknown },
  ): Promise<AnyItem | undefined>;
  get(key: unknown, options?: { readonly consistent?: boolean }): Promise<AnyItem | undefined>;
  update(
    key: unknown,
    changes: unknown,
    options?: { readonly condition?: unknown; readonly returnValues?: unknown },
  ): Promise<AnyItem | undefined>;
  delete(key: unknown, options?: { readonly condition?: unknown; readonly version?: unknown }): Promise<void>;
  batchGet(keys: readonly unknown[]): Promise<unknown[]>;
  batchPut(items: readonly unknown[]): Promise<void>;
  batchDelete(keys: readonly unknown[]): Promise<void>;
  query(input: unknown): AsyncIterable<AnyItem>;
  page(input: unknown): Promise<QueryPage<AnyItem>>;
  pages(input: unknown): AsyncIterable<QueryPage<AnyItem>>;
}

function entityClient(
  client: DynamoDBDocumentClient,
  table: string | Table | undefined,
  entity: Entity,
): RuntimeEntityClient {
  checkTableOption(entity, table);
  const context: EntityContext = { client, entity, table: table ?? entity.table };
  if (typeof context.table === "object") {
    checkTableFit(context.table, entity.name, entity.templates, entity.schema.shape as Shape);
    checkProjectionFit(context.table, entity);
  }
  return {
    scope: (ids, ...rest) => {
      // The adapter's scope uses the connection's table: a `{ table }` here (the builder's option) would be ignored.
      if (rest.length > 0)
        checkOptionKeys(
          `db.entity(${entity.name}).scope`,
          rest[0] ?? {},
          [],
          `connect(client, { table: PlatformTable }).entity(${entity.name}).scope(ids)`,
        );
      return scopedClient(context, ids);
    },
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
  const where = `scope ${JSON.stringify(scope.ids)}`;
  const session: ScopeSession = { ...context, scope, where, writes: guardedWrites(entity, scope) };
  const batches = scopedBatches(
    context.client,
    entity,
    scope,
    (operation, at, request) => send(context, operation, at, request),
    where,
  );
  return {
    commands: scope,
    put: (attributes, options) => putItem(session, attributes, options),
    get: (key, options) => getItem(session, key, options),
    update: (key, changes, options) => updateItem(session, key, changes, options),
    delete: (key, options) => deleteItem(session, key, options),
    batchGet: batches.get,
    batchPut: batches.put,
    batchDelete: batches.delete,
    pages: (input) => readPages(queryReader(session, batches.readStored), input, "stop"),
    page: (input) => readPage(queryReader(session, batches.readStored), input),
    query: (input) => queryItems(session, batches.readStored, input),
  };
}

/** A scope's batch read of stored keys, each item verified by the scope, and whether it is another type's (batch.ts). */
type ReadKeys = (table: string, keys: readonly Readonly<Record<string, unknown>>[]) => Promise<readonly StoredRead[]>;

/**
 * With `hydrate: true` on a `KEYS_ONLY` / `INCLUDE` index: the full items of verified partial ones, fetched by
 * BatchGetItem at the keys the partial items carry, in their order, each verified by the scope as any read (its
 * entity, its keys rebuilt from its attributes, its ids the scope's: at an outer level, the tenant scope's tenant, in
 * whichever capsule); an entry whose item is gone is reported, never dropped. An entry whose item is of another
 * entity type was that type's (a `KEYS_ONLY` entry has no `entityType`, and another type whose keys parse under this
 * entity's templates shares the index): `undefined`, skipped by the reader before `limit` counts it, as a read of the
 * table skips other types. `undefined` for the table and indexes projecting whole items.
 */
function hydrator(session: ScopeSession, readKeys: ReadKeys, index: string | undefined): Hydrate | undefined {
  const table = session.table;
  if (index === undefined || typeof table !== "object" || (table.projections[index] ?? "ALL") === "ALL")
    return undefined;
  // The primary key of each entry, as projection.ts verified it (parsed back into fields the scope owns).
  const primary = ["pk", "sk"].filter((attribute) => Object.hasOwn(session.entity.templates, attribute));
  return async (items) => {
    const keys = items.map((item) =>
      Object.fromEntries(primary.map((attribute) => [physicalName(table, attribute), item[attribute]])),
    );
    const full = await readKeys(tableNameOf(table, session.entity), keys);
    const missing = items.filter((_, at) => full[at]!.item === undefined && !full[at]!.otherType);
    if (missing.length > 0)
      throw new CapsuleEntityError(
        hydrateMissingMessage(
          `${session.entity.name}.query`,
          session.where,
          missing.map((item) => `${String(item["pk"])} ${String(item["sk"] ?? "")}`.trim()).join(", "),
        ),
      );
    return full.map((found) => found.item as AnyItem | undefined);
  };
}

/** Sends a single guarded write; a version conflict becomes `VersionConflictError` (failed-condition.ts). */
const sendGuarded = <TOutput>(
  session: ScopeSession,
  operation: string,
  ifNotExists: boolean,
  command: WriteCommand,
  request: () => Promise<TOutput>,
): Promise<TOutput> =>
  sendWrite(
    (name, where, run) => send(session, name, where, run),
    { entity: session.entity, scope: session.scope, operation, ifNotExists, command },
    session.where,
    request,
  );

async function putItem(
  session: ScopeSession,
  attributes: unknown,
  options?: { readonly ifNotExists?: boolean; readonly condition?: unknown },
): Promise<AnyItem | undefined> {
  const command = session.writes.put(attributes, options);
  await sendGuarded(session, "put", options?.ifNotExists === true, command, () =>
    session.client.send(new PutCommand(command as PutCommandInput)),
  );
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

async function updateItem(
  session: ScopeSession,
  key: unknown,
  changes: unknown,
  options?: { readonly condition?: unknown; readonly returnValues?: unknown },
): Promise<AnyItem | undefined> {
  const command = session.writes.update(key, changes, options);
  const output = await sendGuarded(session, "update", false, command, () =>
    session.client.send(new UpdateCommand(command as UpdateCommandInput)),
  );
  return session.scope.readItem(output.Attributes);
}

async function deleteItem(
  session: ScopeSession,
  key: unknown,
  options?: { readonly condition?: unknown; readonly version?: unknown },
): Promise<void> {
  const command = session.writes.delete(key, options);
  await sendGuarded(session, "delete", false, command, () =>
    session.client.send(new DeleteCommand(command as DeleteCommandInput)),
  );
}

/** What the query reader needs of a scope's session. */
function queryReader(session: ScopeSession, readKeys: ReadKeys): QueryReaderContext {
  return {
    entity: session.entity.name,
    scope: session.scope,
    read: (raw, index) => session.scope.readIndexItem(index, raw),
    send: (request) => send(session, "query", session.where, request),
    client: session.client,
    optionMessage: queryOptionMessage,
    checkQuery: (query) => {
      const stray = Object.keys(query)
        .filter((key) => !builderQueryKeys.has(key))
        .sort()[0]; // the first sorted, as the compiler names it
      if (stray !== undefined)
        throw new CapsuleEntityError(queryOptionMessage(session.entity.name, stray, notAQueryOption));
      checkReadMode(session.entity.name, query, queryOptionMessage);
    },
    cursorAttributes: (index) =>
      cursorAttributes(
        (attribute) => Object.hasOwn(session.entity.templates, attribute),
        index,
        (attribute) => physicalName(session.table, attribute),
      ),
    hydrator: (index) => hydrator(session, readKeys, index),
  };
}

async function* queryItems(session: ScopeSession, readKeys: ReadKeys, input: unknown): AsyncGenerator<AnyItem> {
  for await (const page of readPages(queryReader(session, readKeys), input, "throw")) yield* page.items;
}

/** `unscopedScan`: every item of the entity in the table, page by page, after its reason is checked. */
async function* unscopedScan(context: EntityContext, given: ScanOptions): AsyncGenerator<AnyItem> {
  const { entity, table } = context;
  const options: Partial<ScanOptions> = typeof given === "object" && given !== null ? given : {};
  // A key the types refuse (a `limit`, a misspelt `pagesize`) would be ignored, the scan read without it: refused.
  const stray = Object.keys(options).find((key) => !scanKeys.has(key));
  if (stray !== undefined)
    throw new CapsuleEntityError(scanOptionMessage(entity.name, stray, "is not an option of unscopedScan"));
  const reason = options.reason;
  if (typeof reason !== "string" || reason.trim() === "") throw new CapsuleEntityError(scanReasonMessage());
  // DynamoDB's `Limit`: a positive integer it takes, else its ValidationException (or, for 1.5 or "2", a guess).
  const pageSize = checkedCount(entity.name, "pageSize", options.pageSize, undefined, scanOptionMessage);
  const filter = buildFilter(entity, "", options.filter, "f");
  const where = `every partition (reason: ${JSON.stringify(reason)})`;
  const TableName = tableNameOf(table, entity);
  const IndexName = scannedIndex(context, options.index);
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const output = await send(context, "unscopedScan", where, () =>
      context.client.send(
        new ScanCommand({
          TableName,
          FilterExpression: `#entityType = :entityType${filter === undefined ? "" : ` AND ${filter.expression}`}`,
          ExpressionAttributeNames: { "#entityType": "entityType", ...filter?.names },
          ExpressionAttributeValues: { ":entityType": entity.name, ...filter?.values },
          ...(IndexName === undefined ? {} : { IndexName }),
          ...(pageSize === undefined ? {} : { Limit: pageSize }),
          ...(ExclusiveStartKey === undefined ? {} : { ExclusiveStartKey }),
        }),
      ),
    );
    const items = (output.Items ?? [])
      .filter((raw) => raw["entityType"] === entity.name)
      .map((raw) => entity.fromItem(raw, { table }) as AnyItem);
    yield* items;
    ExclusiveStartKey = output.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
}

/** The index `unscopedScan` reads, checked: one of the entity's, projecting whole items; `undefined` for the table. */
function scannedIndex({ entity, table }: EntityContext, index: unknown): string | undefined {
  if (index === undefined) return undefined;
  const indexes = Object.keys(entity.templates)
    .filter((attribute) => attribute !== "pk" && attribute.endsWith("pk"))
    .map((attribute) => attribute.slice(0, -"pk".length));
  if (typeof index !== "string" || !indexes.includes(index))
    throw new CapsuleEntityError(unknownIndexMessage(entity.name, index, indexes));
  const projection = typeof table === "object" ? (table.projections[index] ?? "ALL") : "ALL";
  if (projection !== "ALL")
    throw new CapsuleEntityError(
      tableProjectionMessage(
        entity.name,
        index,
        `is ${typeof projection === "string" ? projection : "INCLUDE"}: unscopedScan reads whole items`,
        isolationFieldsOf(entity.isolation.prefix ?? ""),
      ),
    );
  return index;
}
