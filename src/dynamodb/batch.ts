/**
 * A scope's batch reads and writes: `batchGet` (BatchGetItem, 100 keys a request) returns verified items in the
 * order of its keys; `batchPut` / `batchDelete` (BatchWriteItem, 25 a request). Unprocessed keys and items are
 * retried with bounded backoff; what is still unprocessed then is an error, never silently dropped. Every key and
 * item is built by the scope's own commands, so it lies in the scope's partition; BatchWriteItem carries no
 * condition, so the guards a write would keep are discussed in docs/dynamodb.md ("Batches").
 */
import type { RuntimeScope } from "../access/create-scope.js";
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Entity } from "../entity/define-entity.js";
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { batchGuardMessage, batchUnprocessedMessage, duplicateKeyMessage, writeOptionMessage } from "../messages.js";
import { guardedWrites } from "../access/guarded-writes.js";
import { backoff, maxAttempts } from "./backoff.js";
import type { Send } from "./request-error.js";

type AnyScope = RuntimeScope;
type Key = Readonly<Record<string, unknown>>;
/**
 * What {@link scopedBatches}' `readStored` found at a key: the verified item (`undefined` when absent or another
 * entity type's), and whether the stored item names another entity type (`entityType`).
 */
export interface StoredRead {
  readonly item: unknown;
  readonly otherType: boolean;
}
type WriteRequest = { readonly PutRequest: { readonly Item: Key } } | { readonly DeleteRequest: { readonly Key: Key } };

/** BatchGetItem's and BatchWriteItem's limits per request. */
const getChunk = 100;
const writeChunk = 25;

const chunks = <TElement>(elements: readonly TElement[], size: number): TElement[][] =>
  Array.from({ length: Math.ceil(elements.length / size) }, (_, index) =>
    elements.slice(index * size, (index + 1) * size),
  );

/** One string per key, the same for a key given and the item read back (its key attributes in the key's order). */
const keyString = (names: readonly string[], item: Key): string => JSON.stringify(names.map((name) => item[name]));

/**
 * One string per item of a table, whatever the order of its key's attributes: DynamoDB refuses a batch or a
 * transaction naming an item twice, so both check for it before sending.
 *
 * @example
 * keyId("Platform", { PK: "TENANT#t1", SK: "NOTE#n1" }) === keyId("Platform", { SK: "NOTE#n1", PK: "TENANT#t1" }); //=> true
 */
export const keyId = (table: string, key: Key): string =>
  JSON.stringify([table, Object.entries(key).sort(([a], [b]) => (a < b ? -1 : 1))]);

/** `given` when it is a list, else the catalog's `write.invalidOption` naming the operation's argument. */
export function listOf(entity: string, operation: string, argument: string, given: unknown): readonly unknown[] {
  if (Array.isArray(given)) return given;
  throw new CapsuleEntityError(
    writeOptionMessage(entity, operation, argument, `is ${describeValue(given)}, not a list`),
  );
}

/**
 * The batch operations of one scope.
 *
 * @example
 * const batches = scopedBatches(client, Note, Note.scope(ids), send, "scope …");
 * const [first, second] = await batches.get([{ noteId: "n1" }, { noteId: "n2" }]);
 */
export function scopedBatches(
  client: DynamoDBDocumentClient,
  entity: Entity,
  scope: AnyScope,
  send: Send,
  where: string,
): {
  get(keys: readonly unknown[]): Promise<unknown[]>;
  readStored(table: string, keys: readonly Key[]): Promise<readonly StoredRead[]>;
  put(items: readonly unknown[]): Promise<void>;
  delete(keys: readonly unknown[]): Promise<void>;
} {
  const exhausted = (operation: string, left: number): never => {
    throw new CapsuleEntityError(batchUnprocessedMessage(`${entity.name}.${operation}`, where, left, maxAttempts));
  };

  /** Sends the requests of one chunk until none is left unprocessed (bounded). */
  const write = async (operation: string, table: string, requests: readonly WriteRequest[]): Promise<void> => {
    for (const chunk of chunks(requests, writeChunk)) {
      let pending: readonly WriteRequest[] = chunk;
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > maxAttempts) exhausted(operation, pending.length);
        if (attempt > 1) await backoff(attempt - 1);
        const output = await send(operation, where, () =>
          client.send(new BatchWriteCommand({ RequestItems: { [table]: [...pending] as never } })),
        );
        pending = (output.UnprocessedItems?.[table] ?? []) as readonly WriteRequest[];
      }
    }
  };

  // Optimistic locking is a condition on every write: a batch cannot keep it (docs/dynamodb.md, "Batches").
  const refuseVersioned = (operation: string): void => {
    if (entity.writes.version !== undefined)
      throw new CapsuleEntityError(
        batchGuardMessage(
          `${entity.name}.${operation}`,
          `${entity.name} is versioned (optimistic locking on ${entity.writes.version})`,
        ),
      );
  };
  const writes = guardedWrites(entity, scope);

  /**
   * The items at `keys` (stored keys, by the table's attribute names), each verified by the scope's `readItem`, in
   * the order of the keys, and whether the item stored there is of another entity type (it reads as `undefined`,
   * as an absent one does).
   */
  const readStored = async (table: string, keys: readonly Key[]): Promise<readonly StoredRead[]> => {
    if (keys.length === 0) return [];
    const names = Object.keys(keys[0]!);
    // BatchGetItem refuses a key given twice: each distinct key is read once and answers every place it was asked.
    const unique = new Map(keys.map((key) => [keyString(names, key), key]));
    const found = new Map<string, unknown>();
    for (const chunk of chunks([...unique.values()], getChunk)) {
      let pending: readonly Key[] = chunk;
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > maxAttempts) exhausted("batchGet", pending.length);
        if (attempt > 1) await backoff(attempt - 1);
        const output = await send("batchGet", where, () =>
          client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [...pending] } } })),
        );
        for (const raw of output.Responses?.[table] ?? []) found.set(keyString(names, raw), raw);
        pending = (output.UnprocessedKeys?.[table]?.Keys ?? []) as readonly Key[];
      }
    }
    // Verified in request order; a foreign item stops the whole batch, as it stops a query page.
    return keys.map((key) => {
      const raw = found.get(keyString(names, key)) as Key | undefined;
      const type = raw?.["entityType"];
      return { item: scope.readItem(raw), otherType: typeof type === "string" && type !== entity.name };
    });
  };
  /** The items at `keys`, verified, in order; `undefined` for absent ones and other entity types'. */
  const read = async (table: string, keys: readonly Key[]): Promise<unknown[]> =>
    (await readStored(table, keys)).map((found) => found.item);

  return {
    async get(given) {
      const keys = listOf(entity.name, "batchGet", "keys", given);
      if (keys.length === 0) return [];
      const commands = keys.map((key) => scope.get(key as never));
      return read(
        commands[0]!.TableName,
        commands.map((command) => command.Key),
      );
    },
    readStored,
    async put(given) {
      const items = listOf(entity.name, "batchPut", "items", given);
      refuseVersioned("batchPut");
      // Every item is built (validated, checked against the scope, timestamps set) before the first request is sent.
      const commands = items.map((item) => writes.put(item));
      if (commands.length === 0) return;
      // Two items at one key: which one would be stored is not said, and DynamoDB refuses the request anyway.
      const seen = new Set<string>();
      for (const command of commands) {
        const key = scope.get(command.Item as never).Key;
        if (seen.size === seen.add(keyId(command.TableName, key)).size)
          throw new CapsuleEntityError(duplicateKeyMessage(`${entity.name}.batchPut`, where, JSON.stringify(key)));
      }
      await write(
        "batchPut",
        commands[0]!.TableName,
        commands.map((command) => ({ PutRequest: { Item: command.Item as Key } })),
      );
    },
    async delete(given) {
      const keys = listOf(entity.name, "batchDelete", "keys", given);
      refuseVersioned("batchDelete");
      const commands = keys.map((key) => scope.delete(key as never));
      if (commands.length === 0) return;
      // A key given twice is deleted once (DynamoDB refuses a request naming an item twice; deleting twice is once).
      const unique = new Map(commands.map((command) => [keyId(command.TableName, command.Key), command.Key as Key]));
      await write(
        "batchDelete",
        commands[0]!.TableName,
        [...unique.values()].map((key) => ({ DeleteRequest: { Key: key } })),
      );
    },
  };
}
