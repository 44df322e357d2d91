/**
 * The retry paths DynamoDB Local never takes by itself (it does not throttle), taken on real parts: a loopback
 * fault-injection proxy (scripts/fault-proxy.ts) in front of the run's DynamoDB Local lets only part of a batch
 * through and answers the rest as unprocessed, or answers a transaction with a throttling-only cancellation. What
 * it lets through is really written and read, so the tests read the table itself.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, op, tenantId } from "capsule-entity";
import { connect, TransactionCanceledError } from "capsule-entity/dynamodb";
import { startFaultProxy, type FaultProxy, type FaultRule } from "../../scripts/fault-proxy.js";
import { connectLocalDynamo } from "../../scripts/local-dynamodb.js";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";
import { backoffCeiling, maxAttempts } from "./backoff.js";

const Item = defineEntity({
  name: "Item",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), itemId: z.string(), count: z.number().optional() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ITEMS",
  sk: "ITEM#${itemId}",
});
const Table = defineTable({ name: uniqueTableName("retries"), pk: "PK", sk: "SK" });
const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const item = (itemId: string) => ({ ...ids, itemId });
const itemIds = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(2, "0")}`);

let local: LocalDynamo;
let proxy: FaultProxy | undefined;
let proxied: LocalDynamo | undefined;
/** The adapter through a proxy that applies `rule`; the table read directly, without it. */
const through = async (rule: FaultRule) => {
  proxy = await startFaultProxy(local.endpoint, rule);
  proxied = connectLocalDynamo(proxy.endpoint);
  return connect(proxied.documents, { table: Table });
};
const stored = () => connect(local.documents, { table: Table }).entity(Item).scope(ids);
/** The sort keys a request let through, in order, across all requests of an operation. */
const forwardedKeys = (operation: string): string[] =>
  proxy!.of(operation).flatMap((request) =>
    request.forwarded.map((entry) => {
      // The wire's DynamoDB JSON: a put request's item, or a key.
      type Key = { readonly SK: { readonly S: string } };
      return ((entry as { PutRequest?: { Item: Key } }).PutRequest?.Item ?? (entry as Key)).SK.S;
    }),
  );

beforeAll(async () => {
  local = await localDynamo("dynamodb-local");
  await local.createTable(Table);
});
afterEach(async () => {
  await proxied?.stop();
  await proxy?.stop();
  [proxy, proxied] = [undefined, undefined];
});
afterAll(() => local?.stop());

describe("unprocessed batch items and keys", () => {
  it("batchPut: the unprocessed part of each chunk is retried until all is written, each item once, in order", async () => {
    // The first request (25 items) gets 10 through, its retry 7, the next one the rest; the second chunk (5) likewise.
    const passes = [10, 7, 100, 2, 100];
    const db = await through((operation, index) =>
      operation === "BatchWriteItem" ? { pass: passes[index] ?? 100 } : undefined,
    );
    const written = itemIds(30, "p");
    await db.entity(Item).scope(ids).batchPut(written.map(item));

    expect(proxy!.of("BatchWriteItem").map((request) => request.forwarded.length)).toEqual([10, 7, 8, 2, 3]);
    expect(forwardedKeys("BatchWriteItem")).toEqual(written.map((id) => `ITEM#${id}`));
    const read = await stored().batchGet(written.map((itemId) => ({ itemId })));
    expect(read.map((found) => found?.itemId)).toEqual(written);
  });

  it("batchGet: unprocessed keys are retried; items come back in request order, each key read once", async () => {
    const keys = itemIds(12, "g");
    await stored().batchPut(keys.map(item));
    const passes = [5, 4];
    const db = await through((operation, index) =>
      operation === "BatchGetItem" ? { pass: passes[index] ?? 100 } : undefined,
    );
    const asked = [...keys].reverse().concat("absent");
    const read = await db
      .entity(Item)
      .scope(ids)
      .batchGet(asked.map((itemId) => ({ itemId })));

    expect(read.map((found) => found?.itemId)).toEqual([...keys].reverse().concat(undefined as never));
    expect(proxy!.of("BatchGetItem").map((request) => request.forwarded.length)).toEqual([5, 4, 4]);
    const once = forwardedKeys("BatchGetItem");
    expect(new Set(once).size).toBe(once.length);
    expect(once).toHaveLength(asked.length);
  });

  it("gives up with dynamodb.unprocessed after the bounded attempts when nothing gets through", async () => {
    const db = await through((operation) =>
      operation === "BatchWriteItem" || operation === "BatchGetItem" ? { pass: 0 } : undefined,
    );
    const scope = db.entity(Item).scope(ids);
    await expect(scope.batchPut(itemIds(3, "never").map(item))).rejects.toThrow(
      /^\[dynamodb\.unprocessed\] Item\.batchPut in scope .* still had 3 unprocessed after 8 attempts with backoff/,
    );
    expect(proxy!.of("BatchWriteItem")).toHaveLength(maxAttempts);
    await expect(scope.batchGet([{ itemId: "p00" }])).rejects.toThrow(
      /^\[dynamodb\.unprocessed\] Item\.batchGet .* still had 1 unprocessed after 8 attempts/,
    );
    expect(proxy!.of("BatchGetItem")).toHaveLength(maxAttempts);
    expect(await stored().get({ itemId: "never00" })).toBeUndefined();
  });

  it("waits longer before each retry: the backoff's ceiling doubles up to its cap", () => {
    const ceilings = Array.from({ length: maxAttempts - 1 }, (_, index) => backoffCeiling(index + 1));
    expect(ceilings).toEqual([50, 100, 200, 400, 800, 1_600, 2_000]);
  });
});

describe("throttled transactions", () => {
  it("a throttling-only cancellation is retried with the same token and applied once", async () => {
    await stored().put({ ...item("t1"), count: 0 });
    const db = await through((operation, index) =>
      operation === "TransactWriteItems" && index === 0 ? { cancel: "ThrottlingError" } : undefined,
    );
    const tx = db.transaction(ids);
    tx.entity(Item).update({ itemId: "t1" }, { count: op.add(1) });
    tx.entity(Item).put(item("t2"));
    await tx.commit();

    const attempts = proxy!.of("TransactWriteItems");
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.body["ClientRequestToken"]).toBe(attempts[0]!.body["ClientRequestToken"]);
    expect((await stored().get({ itemId: "t1" }))?.count).toBe(1);
    expect(await stored().get({ itemId: "t2" })).toBeDefined();
  });

  it("a cancellation that stays throttled gives up after the bounded attempts, naming the code per item", async () => {
    const db = await through((operation) =>
      operation === "TransactWriteItems" ? { cancel: "ThrottlingError" } : undefined,
    );
    const tx = db.transaction(ids);
    tx.entity(Item).update({ itemId: "t1" }, { count: op.add(1) });
    const error = await tx.commit().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TransactionCanceledError);
    expect((error as TransactionCanceledError).failures.map((failure) => failure.code)).toEqual(["ThrottlingError"]);
    expect(proxy!.of("TransactWriteItems")).toHaveLength(maxAttempts);
    expect((await stored().get({ itemId: "t1" }))?.count).toBe(1);
  });
});
