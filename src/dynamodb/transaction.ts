/**
 * Transactions through the adapter. `db.transaction(ids)` collects guarded writes (TransactWriteItems, at most
 * 100): every item is built by its scope's own command, so it keeps the guard its single operation has, plus the
 * caller's condition; an item of another scope is refused when it is added, before anything is sent. Another scope
 * is reachable only when the transaction declares it, with a reason (`also`), by name. A cancellation becomes
 * {@link TransactionCanceledError}, naming per item the entity, operation, key and the condition that failed (read
 * from the stored item DynamoDB returns). `db.transactGet(ids, …)` reads (TransactGetItems) verified items in order.
 */
import type { RuntimeScope } from "../access/create-scope.js";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { TransactGetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AnyObjectSchema, Entity, EntityItem, EntityTable, KeyTemplates } from "../entity/define-entity.js";
import { prefixLevels, type ResolvedIsolation } from "../entity/isolation.js";
import { CapsuleEntityError } from "../errors.js";
import type { CapsuleId, TenantId } from "../ids.js";
import type { KitId } from "../entity/vocabulary.js";
import { describeValue } from "../internal/describe.js";
import { keyId } from "./batch.js";
import {
  duplicateKeyMessage,
  transactionCanceledMessage,
  transactionReasonMessage,
  transactionIdsMessage,
  transactionScopeMessage,
  transactionSizeMessage,
  type GlobalEntityMessage,
  type PrefixFields,
  type TransactionIdsMessage,
  type TransactionReasonMessage,
  type TransactionScopeMessage,
  writeOptionMessage,
} from "../messages.js";
import {
  guardedWrites,
  type GuardedWrites,
  type PutOptions,
  type WriteCommand,
  type WriteOptions,
} from "../access/guarded-writes.js";
import type { ConditionInput } from "../access/condition.js";
import type {
  AttributesOf,
  EntityScope,
  FixedFields,
  ScopeIds,
  ScopeUpdateKeyFields,
  TableIn,
} from "../access/scope.js";
import type { CheckPutAttributes, PutAttributes, PutRestWhenIdMistake } from "../access/put-attributes.js";
import type { CheckUpdateChanges, UpdateRestWhenKeyField } from "../access/update.js";
import type { Table } from "../access/table.js";
import { backoff, maxAttempts } from "./backoff.js";
import { failedCondition, forgetStoredItems, type FailedWrite } from "./failed-condition.js";
import { DynamoRequestError } from "./request-error.js";
import { checkOptionKeys } from "../internal/option-keys.js";

/**
 * The ids of a transaction: a tenant, and a capsule for capsule-level entities; in a kit (defineIsolation), its
 * level ids by field (`{ orgId, workspaceId }`). Each entity added is scoped with them, which checks that every
 * level it needs is there.
 *
 * @example
 * const ids: TransactionIds = { tenantId: tenantId().parse("acme"), capsuleId: capsuleId().parse("eu") };
 */
export type TransactionIds =
  { readonly tenantId: TenantId; readonly capsuleId?: CapsuleId } | { readonly [field: string]: KitId<string, string> };

/**
 * The entity, or the catalog message (a type error on the entity) when the transaction's ids do not hold every
 * level id its scope needs, of its own kit: `db.transaction({ orgId }).entity(Document)` for a workspace-level
 * `Document`, or another kit's ids; a global entity's scope takes no ids (`scope.globalEntity`, whose runtime
 * twin is the scope's own). The runtime twin of `transaction.ids` ({@link checkTransactionIds}) sees missing ids
 * only: brands exist in the types alone.
 *
 * @example
 * db.transaction({ tenantId }).entity(Note); // type error: "[transaction.ids] Note's scope needs tenantId, capsuleId, …"
 */
export type FitsIds<TIds, TName extends string, TResolved, TEntity> = TResolved extends { readonly level: "global" }
  ? [TIds] extends [{ readonly [field: string]: never }]
    ? TEntity
    : GlobalEntityMessage<TName>
  : [TIds] extends [ScopeIds<TResolved>] // bracketed: ids typed `never` (a cast) check nothing, as before
    ? TEntity
    : TransactionIdsMessage<TName, PrefixFields<TResolved extends { readonly prefix: infer TPrefix } ? TPrefix : "">>;

/** The ids an entity added to a transaction is scoped with: the transaction's, or those of the scope it names. */
type IdsOfScope<TIds, TAlso extends OtherScopes, TScope extends string> = string extends TScope
  ? TIds
  : TScope extends keyof TAlso
    ? TAlso[TScope]["ids"]
    : TIds;

/**
 * Runtime twin of {@link FitsIds}: the catalog message when `ids` lack a level id (a string) the entity's scope
 * needs. Another kit's ids cannot be told apart here (the same strings): that is a type error only.
 *
 * @example
 * checkTransactionIds(Note, { tenantId: "t1" }); // throws "[transaction.ids] Note's scope needs tenantId, capsuleId, …"
 */
export function checkTransactionIds(entity: Entity, ids: TransactionIds): void {
  const { prefix } = entity.isolation as { readonly prefix?: string };
  if (prefix === undefined) return;
  const fields = prefixLevels(prefix).map((level) => level.field);
  const given = ids as Readonly<Record<string, unknown>> | undefined;
  if (fields.some((field) => typeof given?.[field] !== "string"))
    throw new CapsuleEntityError(transactionIdsMessage(entity.name, fields.join(", ")));
}

/**
 * Other scopes a transaction may touch, by name, each with the reason it may.
 *
 * @example
 * db.transaction(ids, { also: { archive: { ids: archiveIds, reason: "moving a note to the archive capsule" } } });
 */
export type OtherScopes = Readonly<Record<string, { readonly ids: TransactionIds; readonly reason: string }>>;

/**
 * Each reason a non-empty literal, else the catalog message (a type error on `reason`; the runtime twin throws it).
 *
 * @example
 * db.transaction(ids, { also: { archive: { ids: archiveIds, reason: "" } } }); // type error: "[transaction.reason] …"
 */
export type CheckOtherScopes<TAlso extends OtherScopes> = {
  readonly [TScope in keyof TAlso]: {
    readonly ids: TransactionIds;
    readonly reason: string extends TAlso[TScope]["reason"]
      ? TransactionReasonMessage
      : TAlso[TScope]["reason"] extends ""
        ? TransactionReasonMessage
        : TAlso[TScope]["reason"];
  };
};

/**
 * A scope name the transaction declared in `also`, else the catalog message (a type error on the name; the runtime
 * twin throws it). While no name is written yet (`TScope` is its constraint, `string`, or the empty string an
 * editor completes in), the declared names, which an editor offers as completions.
 *
 * @example
 * db.transaction(ids).entity(Note, "archive"); // type error: "[transaction.otherScope] the transaction names scope "archive", …"
 */
export type CheckScopeName<TScope extends string, TAlso extends OtherScopes> = string extends TScope
  ? keyof TAlso & string
  : TScope extends ""
    ? keyof TAlso & string
    : TScope extends keyof TAlso
      ? TScope
      : TransactionScopeMessage<TScope>;

/**
 * The options of `db.transaction`.
 *
 * @example
 * db.transaction(ids, { also: { archive: { ids: archiveIds, reason: "archiving" } } });
 */
export interface TransactionOptions<TAlso extends OtherScopes> {
  readonly also?: TAlso & CheckOtherScopes<TAlso>;
}

/**
 * One entity's writes in a transaction: each adds an item (built now: a bad or foreign item throws here) and
 * returns this, to chain.
 *
 * @example
 * tx.entity(Note).put(note).update({ noteId: "n2" }, { views: op.add(1) }).check({ noteId: "n3" }, (c) => c.exists("title"));
 */
export interface TransactionEntity<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> {
  put(attributes: PutAttributes<TSchema>, options?: PutOptions<TSchema>): this;
  /** The catch-all of `put`, tried only when the attributes fail the signature above (as `EntityScope.put`'s). */
  put<const TPut extends object>(
    attributes: CheckPutAttributes<TName, TSchema, TResolved, TPut>,
    ...options: PutRestWhenIdMistake<TSchema, TResolved, [TPut], [options?: PutOptions<TSchema>]>
  ): this;
  update<TChanges extends object>(
    key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["update"]>[0],
    changes: CheckUpdateChanges<TName, TSchema, FixedFields<TTemplates, TResolved>, TChanges>,
    options?: WriteOptions<TSchema>,
  ): this;
  /** The catch-all of `update`, tried only when the changes fail the signature above (as `EntityScope.update`'s). */
  update<TChanges extends object>(
    key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["update"]>[0],
    changes: ScopeUpdateKeyFields<TName, TSchema, TTemplates, TResolved, TChanges>,
    ...options: UpdateRestWhenKeyField<FixedFields<TTemplates, TResolved>, TChanges, [options?: WriteOptions<TSchema>]>
  ): this;
  delete(
    key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["delete"]>[0],
    options?: WriteOptions<TSchema>,
  ): this;
  /** The transaction commits only if this entity's item exists in the scope and `condition` holds. */
  check(
    key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, TAttributes>["delete"]>[0],
    condition?: ConditionInput<z.output<TSchema>>,
  ): this;
}

/**
 * A write transaction of one scope (and the other scopes it declared).
 *
 * @example
 * const tx = db.transaction(ids);
 * tx.entity(Comment).put(comment);
 * tx.entity(Note).update({ noteId }, { commentCount: op.add(1) });
 * await tx.commit({ token: requestId });
 * @see docs/dynamodb.md
 */
export interface Transaction<
  TTable extends string | Table | undefined,
  TAlso extends OtherScopes,
  TIds = TransactionIds,
> {
  /**
   * The entity's writes in the transaction's scope, or in the declared scope `scope`; an entity whose scope needs
   * an id these ids lack (or hold from another kit) is a type error ({@link FitsIds}).
   */
  entity<
    TName extends string,
    TSchema extends AnyObjectSchema,
    TTemplates extends KeyTemplates,
    TResolved extends ResolvedIsolation,
    TOwnTable extends string | Table | undefined,
    const TScope extends string,
  >(
    entity: FitsIds<
      IdsOfScope<TIds, TAlso, TScope>,
      TName,
      TResolved,
      Entity<TName, TSchema, TTemplates, TResolved, TOwnTable, any>
    >,
    scope?: CheckScopeName<TScope, TAlso>,
  ): TransactionEntity<TName, TSchema, TTemplates, TResolved, AttributesOf<TableIn<TTable, TOwnTable>>>;
  /** The number of items so far. */
  readonly size: number;
  /**
   * Sends the transaction. `token` is DynamoDB's `ClientRequestToken`: a retry with the same token within ten
   * minutes is not applied twice. A cancellation only by throttling or a conflicting transaction is retried with
   * backoff (with a token, generated when none is given); any other throws {@link TransactionCanceledError}.
   */
  commit(options?: { readonly token?: string }): Promise<void>;
}

/**
 * Why one item of a cancelled transaction failed.
 *
 * @example
 * for (const failure of error.failures) console.log(failure.entity, failure.operation, failure.key, failure.reason);
 */
export interface TransactionItemFailure {
  /** Position of the item in the transaction. */
  readonly index: number;
  readonly entity: string;
  readonly operation: "put" | "update" | "delete" | "check";
  /** The item's primary key, as stored. */
  readonly key: Readonly<Record<string, unknown>>;
  /** DynamoDB's cancellation code, such as `ConditionalCheckFailed`. */
  readonly code: string;
  /** Which condition failed, read from the stored item: absent, another entity type, another scope's, exists, yours. */
  readonly reason: string;
}

/**
 * A transaction was cancelled; `failures` names each item that caused it (items DynamoDB reports as `None`
 * are left out). `cause` is the AWS SDK's `TransactionCanceledException`.
 *
 * @example
 * try { await tx.commit(); } catch (error) {
 *   if (error instanceof TransactionCanceledError) console.log(error.failures[0]?.reason);
 * }
 */
export class TransactionCanceledError extends CapsuleEntityError {
  readonly failures: readonly TransactionItemFailure[];
  constructor(where: string, size: number, failures: readonly TransactionItemFailure[], cause: unknown) {
    super(
      transactionCanceledMessage(
        where,
        size,
        failures.map(
          (failure) =>
            `item ${failure.index} ${failure.entity}.${failure.operation} ${JSON.stringify(failure.key)}: ${failure.reason}`,
        ),
      ),
      { cause },
    );
    this.failures = failures;
  }
}

/** What the transaction keeps per item, to explain a cancellation. */
interface Added extends FailedWrite {
  readonly operation: TransactionItemFailure["operation"];
  /** The item's primary key, as stored. */
  readonly key: Readonly<Record<string, unknown>>;
}

/** DynamoDB's limit of items per transaction. */
const transactionLimit = 100;

/** Makes the scope of an entity on the connection's table. */
export type ScopeOn = (entity: Entity, ids: TransactionIds) => RuntimeScope;

/**
 * Starts a write transaction (the adapter's `db.transaction`).
 *
 * @example
 * const tx = createTransaction(client, scopeOn, ids, undefined);
 */
export function createTransaction(
  client: DynamoDBDocumentClient,
  scopeOn: ScopeOn,
  ids: TransactionIds,
  also: OtherScopes | undefined,
): Transaction<string, OtherScopes> {
  for (const [name, declared] of Object.entries(also ?? {})) {
    if (typeof declared === "object" && declared !== null)
      checkOptionKeys(
        `db.transaction also.${name}`,
        declared,
        ["ids", "reason"],
        `db.transaction(ids, { also: { ${name}: { ids: archiveIds, reason: "archiving" } } })`,
      );
    if (typeof declared?.reason !== "string" || declared.reason.trim() === "")
      throw new CapsuleEntityError(transactionReasonMessage());
  }
  const where = `transaction in scope ${JSON.stringify(ids)}`;
  const added: Added[] = [];
  const keys = new Set<string>();
  const add = (item: Added): void => {
    if (added.length >= transactionLimit) throw new CapsuleEntityError(transactionSizeMessage(where, transactionLimit));
    // DynamoDB refuses a transaction with two operations on one item (a write and a check included).
    if (keys.size === keys.add(keyId(item.command.TableName, item.key)).size)
      throw new CapsuleEntityError(
        duplicateKeyMessage(`${item.entity.name}.${item.operation}`, where, JSON.stringify(item.key)),
      );
    added.push(item);
  };

  const transaction: Transaction<string, OtherScopes> = {
    entity: ((entity: Entity, scopeName?: string) => {
      if (scopeName !== undefined && !Object.hasOwn(also ?? {}, scopeName))
        throw new CapsuleEntityError(transactionScopeMessage(String(scopeName)));
      const scope = scopeOn(entity, scopeName === undefined ? ids : also![scopeName]!.ids);
      const writes: GuardedWrites = guardedWrites(entity, scope);
      const entry = (operation: Added["operation"], command: WriteCommand, ifNotExists = false) =>
        add({
          entity,
          scope,
          operation,
          command,
          ifNotExists,
          key: command.Key ?? scope.get(command.Item as never).Key,
        });
      const writer: TransactionEntity<string, AnyObjectSchema, KeyTemplates, ResolvedIsolation, {}> = {
        // Typed: the overloads give the parameters no contextual type.
        put(attributes: unknown, options?: PutOptions<AnyObjectSchema>) {
          entry("put", writes.put(attributes, options), options?.ifNotExists === true);
          return writer;
        },
        update(key, changes, options) {
          const { ReturnValues: _returned, ...command } = writes.update(key, changes, options);
          entry("update", command);
          return writer;
        },
        delete(key, options) {
          entry("delete", writes.delete(key, options));
          return writer;
        },
        check(key, condition) {
          entry("check", writes.check(key, condition));
          return writer;
        },
      };
      return writer;
    }) as Transaction<string, OtherScopes>["entity"],
    get size() {
      return added.length;
    },
    async commit(options) {
      const refuse = (option: string, problem: string) =>
        new CapsuleEntityError(writeOptionMessage("transaction", "commit", option, problem));
      // A misspelt `tokenn` (or a `null` token) would be replaced by a generated one: a replay applied twice.
      const given: unknown = options;
      if (given !== undefined && (typeof given !== "object" || given === null))
        throw refuse("options", `are ${describeValue(given)}`);
      const stray = Object.keys(given ?? {}).find((key) => key !== "token");
      if (stray !== undefined) throw refuse(stray, "is not an option of commit");
      if (added.length === 0) return;
      const token: unknown = options?.token === undefined ? randomUUID() : options.token;
      if (typeof token !== "string" || token.length === 0 || token.length > 36)
        throw refuse("token", `is ${describeValue(token)}, not 1 to 36 characters`);
      const TransactItems = added.map(({ operation, command }) => {
        const item = { ...command, ReturnValuesOnConditionCheckFailure: "ALL_OLD" };
        return operation === "put"
          ? { Put: item }
          : operation === "update"
            ? { Update: item }
            : operation === "delete"
              ? { Delete: item }
              : { ConditionCheck: item };
      });
      for (let attempt = 1; ; attempt++) {
        try {
          await client.send(
            new TransactWriteCommand({ TransactItems: TransactItems as never, ClientRequestToken: token }),
          );
          return;
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (reasons === undefined) throw new DynamoRequestError("transaction.commit", where, error);
          const transient = reasons.every(
            (reason) =>
              reason.Code === "None" || reason.Code === "ThrottlingError" || reason.Code === "TransactionConflict",
          );
          if (transient && attempt < maxAttempts) {
            await backoff(attempt);
            continue;
          }
          const failures = explain(added, reasons);
          forgetStoredItems(error);
          throw new TransactionCanceledError(where, added.length, failures, error);
        }
      }
    },
  };
  return transaction;
}

/** One entry of `TransactionCanceledException.CancellationReasons`. */
interface CancellationReason {
  readonly Code?: string;
  readonly Message?: string;
  readonly Item?: Readonly<Record<string, unknown>>;
}

function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  if (
    typeof error !== "object" ||
    error === null ||
    (error as { name?: unknown }).name !== "TransactionCanceledException"
  )
    return undefined;
  const reasons = (error as { CancellationReasons?: unknown }).CancellationReasons;
  return Array.isArray(reasons) ? (reasons as CancellationReason[]) : [];
}

/** Names, for each failed item, the condition that failed, by reading the stored item DynamoDB returned. */
function explain(added: readonly Added[], reasons: readonly CancellationReason[]): TransactionItemFailure[] {
  return reasons.flatMap((reason, index) => {
    const item = added[index];
    if (item === undefined || reason.Code === undefined || reason.Code === "None") return [];
    return [
      {
        index,
        entity: item.entity.name,
        operation: item.operation,
        key: item.key,
        code: reason.Code,
        reason:
          reason.Code === "ConditionalCheckFailed"
            ? failedCondition(item, reason.Item).reason
            : `${reason.Code}${reason.Message === undefined ? "" : `: ${reason.Message}`}`,
      },
    ];
  });
}

/**
 * One read of a read transaction (made by `tx.entity(E).get(key)`); `TItem` is what it yields.
 *
 * @example
 * const read: TransactGetItem<InferItem<typeof Note>> = tx.entity(Note).get({ noteId: "n1" });
 */
export interface TransactGetItem<TItem> {
  readonly command: { readonly TableName: string; readonly Key: Readonly<Record<string, unknown>> };
  /** Verifies the raw item read (`fromItem` and the scope's `assertOwns`). */
  readonly read: (raw: unknown) => TItem | undefined;
}

/**
 * The reads of a read transaction, by entity.
 *
 * @example
 * db.transactGet(ids, (tx) => [tx.entity(Note).get({ noteId: "n1" }), tx.entity(Member).get({ userId: "u1" })]);
 */
export interface TransactGetBuilder<TTable extends string | Table | undefined, TIds = TransactionIds> {
  /** The entity's reads; an entity whose scope needs an id the ids lack is a type error ({@link FitsIds}). */
  entity<
    TName extends string,
    TSchema extends AnyObjectSchema,
    TTemplates extends KeyTemplates,
    TResolved extends ResolvedIsolation,
  >(
    entity: FitsIds<
      TIds,
      TName,
      TResolved,
      Entity<TName, TSchema, TTemplates, TResolved, string | EntityTable | undefined, any>
    >,
  ): {
    get(
      key: Parameters<EntityScope<TName, TSchema, TTemplates, TResolved, AttributesOf<TTable>>["get"]>[0],
    ): TransactGetItem<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  };
}

/**
 * The items of a read transaction: for each read, its verified item or `undefined`.
 *
 * @example
 * type Items = TransactGetResult<[TransactGetItem<Note>, TransactGetItem<Member>]>; //=> [Note | undefined, Member | undefined]
 */
export type TransactGetResult<TReads extends readonly TransactGetItem<unknown>[]> = {
  -readonly [TIndex in keyof TReads]: TReads[TIndex] extends TransactGetItem<infer TItem> ? TItem | undefined : never;
};

/**
 * Reads items of one scope atomically (TransactGetItems, at most 100), verified, in order.
 *
 * @example
 * const [note, member] = await transactGet(client, scopeOn, ids, (tx) => [tx.entity(Note).get({ noteId }), tx.entity(Member).get({ userId })]);
 */
export async function transactGet(
  client: DynamoDBDocumentClient,
  scopeOn: ScopeOn,
  ids: TransactionIds,
  build: (tx: TransactGetBuilder<string>) => readonly TransactGetItem<unknown>[],
): Promise<unknown[]> {
  const where = `read transaction in scope ${JSON.stringify(ids)}`;
  if (typeof build !== "function")
    throw new CapsuleEntityError(
      writeOptionMessage("transactGet", "reads", "build", `is ${describeValue(build)}, not a function of the builder`),
    );
  const reads = build({
    entity: (entity: Entity) => {
      const scope = scopeOn(entity, ids);
      return {
        get: (key: unknown) => ({ command: scope.get(key as never), read: (raw: unknown) => scope.readItem(raw) }),
      };
    },
  } as TransactGetBuilder<string>);
  if (!Array.isArray(reads) || !reads.every((read) => typeof read?.read === "function"))
    throw new CapsuleEntityError(
      writeOptionMessage("transactGet", "reads", "build", "returned something else than a list of tx.entity(E).get()"),
    );
  if (reads.length > transactionLimit) throw new CapsuleEntityError(transactionSizeMessage(where, transactionLimit));
  if (reads.length === 0) return [];
  const seen = new Set<string>();
  for (const { command } of reads)
    if (seen.size === seen.add(keyId(command.TableName, command.Key)).size)
      throw new CapsuleEntityError(duplicateKeyMessage("transactGet", where, JSON.stringify(command.Key)));
  let output;
  try {
    output = await client.send(
      new TransactGetCommand({ TransactItems: reads.map((read) => ({ Get: { ...read.command } })) as never }),
    );
  } catch (error) {
    throw new DynamoRequestError("transactGet", where, error);
  }
  return reads.map((read, index) => read.read(output.Responses?.[index]?.Item));
}
