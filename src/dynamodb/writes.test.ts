/**
 * Guarded writes on AWS's DynamoDB Local (the run's shared server): conditions, update operators and return
 * values, transactions (write and read), and batches; each with the scope's guard kept, and refused where it
 * cannot be.
 */
import { DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  CapsuleEntityError,
  defineEntity,
  defineTable,
  IsolationError,
  ItemValidationError,
  op,
  tenantId,
  timeToLiveInput,
  type InferItem,
} from "capsule-entity";
import { connect, DynamoRequestError, TransactionCanceledError, VersionConflictError } from "capsule-entity/dynamodb";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";

const Doc = defineEntity({
  name: "Doc",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    docId: z.string(),
    title: z.string().min(1),
    status: z.enum(["draft", "published", "archived"]),
    views: z.number().int().optional(),
    tags: z.array(z.string()).optional(),
    labels: z.set(z.string()).optional(),
    meta: z.object({ author: z.string(), rank: z.number() }).optional(),
    commentCount: z.number().int().optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${docId}" } },
});
type Doc = InferItem<typeof Doc>;

const Comment = defineEntity({
  name: "Comment",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    docId: z.string(),
    commentId: z.string(),
    text: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}#COMMENT#${commentId}",
});

const Member = defineEntity({
  name: "Member",
  schema: z.object({ tenantId: tenantId(), userId: z.string(), role: z.enum(["admin", "reader"]) }),
  pk: "TENANT#${tenantId}#MEMBERS",
  sk: "USER#${userId}",
  isolation: { level: "tenant", reason: "membership spans the tenant's capsules" },
});

const Table = defineTable({
  name: uniqueTableName("writes"),
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
});

const t1 = tenantId().parse("t1");
const t2 = tenantId().parse("t2");
const c1 = capsuleId().parse("c1");
const c10 = capsuleId().parse("c10");
const ids = { tenantId: t1, capsuleId: c1 };
const doc = (docId: string, extra: Partial<Doc> = {}) =>
  ({ ...ids, docId, title: `Title ${docId}`, status: "draft", ...extra }) as const;

let local: LocalDynamo;
let db: ReturnType<typeof connect<typeof Table>>;
const docs = () => db.entity(Doc).scope(ids);
const raw = async (docId: string, capsule = "c1") =>
  (
    await local.documents.send(
      new GetCommand({
        TableName: Table.name,
        Key: { PK: `TENANT#t1#CAPSULE#${capsule}#DOCS`, SK: `DOC#${docId}` },
        ConsistentRead: true,
      }),
    )
  ).Item;
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );

beforeAll(async () => {
  local = await localDynamo("dynamodb-local");
  await local.createTable(Table);
  db = connect(local.documents, { table: Table });
});
afterAll(() => local?.stop());

describe("conditions", () => {
  it("are ANDed with the guard, on put, update and delete; names and values are placeholders", async () => {
    await docs().put(doc("k1", { views: 3, meta: { author: "ann", rank: 2 }, tags: ["a", "b"] }));
    const command = docs().commands.put(doc("k1"));
    expect(command.ConditionExpression).toContain("attribute_not_exists(#pk)");

    // Holds: the update goes through.
    const updated = await docs().update(
      { docId: "k1" },
      { title: "Checked" },
      { condition: (c) => c.and(c.eq("status", "draft"), c.gt("meta.rank", 1), c.lt(c.size("tags"), 3)) },
    );
    expect(updated.title).toBe("Checked");
    // Fails: refused as a condition failure, nothing written.
    const refused = await failure(
      docs().update({ docId: "k1" }, { title: "Nope" }, { condition: (c) => c.eq("meta.author", "bob") }),
    );
    expect(refused).toMatchObject({ code: "dynamodb.conditionFailed" });
    expect((await raw("k1"))?.["title"]).toBe("Checked");

    await expect(
      docs().put(doc("k1", { title: "Replaced" }), { condition: (c) => c.in("status", ["published", "archived"]) }),
    ).rejects.toMatchObject({ code: "dynamodb.conditionFailed" });
    await docs().put(doc("k1", { title: "Replaced" }), {
      condition: (c) => c.or(c.notExists("views"), c.between("views", 1, 5)),
    });
    await expect(
      docs().delete({ docId: "k1" }, { condition: (c) => c.not(c.beginsWith("title", "Rep")) }),
    ).rejects.toMatchObject({ code: "dynamodb.conditionFailed" });
    await docs().delete({ docId: "k1" }, { condition: (c) => c.exists("title") });
    expect(await raw("k1")).toBeUndefined();
  });

  it("never replace the guard: a condition that holds on another scope's planted item still cannot overwrite it", async () => {
    const planted = {
      ...doc("k2"),
      capsuleId: "c10",
      PK: "TENANT#t1#CAPSULE#c1#DOCS",
      SK: "DOC#k2",
      entityType: "Doc",
    };
    await local.documents.send(new PutCommand({ TableName: Table.name, Item: planted }));
    await expect(
      docs().put(doc("k2"), { condition: (c) => c.or(c.exists("title"), c.notExists("title")) }),
    ).rejects.toMatchObject({ code: "dynamodb.conditionFailed" });
    await expect(
      docs().update({ docId: "k2" }, { title: "x" }, { condition: (c) => c.exists("title") }),
    ).rejects.toMatchObject({ code: "dynamodb.conditionFailed" });
    expect((await raw("k2"))?.["capsuleId"]).toBe("c10");
    await local.documents.send(new DeleteCommand({ TableName: Table.name, Key: { PK: planted.PK, SK: planted.SK } }));
  });

  it("are typed by the item's paths and values, and validated at runtime by the attribute's schema", async () => {
    const attempts: [string, () => Promise<unknown>][] = [
      // @ts-expect-error "titel" is no attribute of Doc
      ["unknown path", () => docs().delete({ docId: "x" }, { condition: (c) => c.exists("titel") })],
      // @ts-expect-error status is an enum: "gone" is not one of its values
      ["enum value", () => docs().delete({ docId: "x" }, { condition: (c) => c.eq("status", "gone") })],
      // @ts-expect-error meta.rank is a number
      ["nested value", () => docs().delete({ docId: "x" }, { condition: (c) => c.eq("meta.rank", "high") })],
      // @ts-expect-error a size compares with a number
      ["size value", () => docs().delete({ docId: "x" }, { condition: (c) => c.gt(c.size("tags"), "2") })],
      ["empty in", () => docs().delete({ docId: "x" }, { condition: (c) => c.in("status", []) })],
      // @ts-expect-error a condition is a function of the builder
      ["not a function", () => docs().delete({ docId: "x" }, { condition: "title = :x" })],
    ];
    const codes: string[] = [];
    for (const [, attempt] of attempts) codes.push(((await failure(attempt())) as CapsuleEntityError).code);
    expect(codes).toEqual([
      "condition.unknownPath",
      "condition.valueType",
      "condition.valueType",
      "condition.valueType",
      "condition.invalid",
      "condition.invalid",
    ]);
    const { ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = (() => {
      let sent: Record<string, unknown> = {};
      const spy = connect(
        {
          send: async (command: { input: Record<string, unknown> }) => ((sent = command.input), {}),
        } as never,
        { table: Table },
      );
      void spy
        .entity(Doc)
        .scope(ids)
        .delete({ docId: "x" }, { condition: (c) => c.eq("title", "') OR attribute_exists(#pk") });
      return sent as {
        ConditionExpression: string;
        ExpressionAttributeNames: Record<string, string>;
        ExpressionAttributeValues: Record<string, unknown>;
      };
    })();
    expect(ConditionExpression).toBe(
      "(attribute_not_exists(#pk) OR (#entityType = :entityType AND #i00 = :i0 AND #i10 = :i1)) AND #c0 = :c0",
    );
    expect(ExpressionAttributeNames["#c0"]).toBe("title");
    expect(ExpressionAttributeValues[":c0"]).toBe("') OR attribute_exists(#pk");
  });
});

describe("update operators", () => {
  it("add, subtract, append, prepend, set add and delete, ifNotExists; the item returned is verified", async () => {
    await docs().put(doc("u1", { tags: ["b"], labels: new Set(["x", "y"]) }));
    const after = await docs().update(
      { docId: "u1" },
      {
        views: op.add(5),
        commentCount: op.subtract(2),
        tags: op.append(["c"]),
        labels: op.deleteFromSet(new Set(["x"])),
        meta: op.ifNotExists({ author: "ann", rank: 1 }),
      },
    );
    expect(after).toMatchObject({ views: 5, commentCount: -2, tags: ["b", "c"], meta: { author: "ann", rank: 1 } });
    expect(after.labels).toEqual(new Set(["y"]));
    const again = await docs().update(
      { docId: "u1" },
      { tags: op.prepend(["a"]), labels: op.add(new Set(["z"])), meta: op.ifNotExists({ author: "bob", rank: 9 }) },
    );
    expect(again).toMatchObject({ tags: ["a", "b", "c"], meta: { author: "ann", rank: 1 } });
    expect(again.labels).toEqual(new Set(["y", "z"]));
  });

  it("are typed by the field, validated by its schema, and refused on fields an index key is built from", async () => {
    // @ts-expect-error title is a string: no add
    await expect(docs().update({ docId: "u1" }, { title: op.add(1) })).rejects.toThrow(
      "[update.operatorType] title does not take op.add",
    );
    // @ts-expect-error tags holds strings
    await expect(docs().update({ docId: "u1" }, { tags: op.append([1]) })).rejects.toThrow(ItemValidationError);
    await expect(docs().update({ docId: "u1" }, { status: op.ifNotExists("published") })).rejects.toThrow(
      "[update.operatorOnKeyField] Doc cannot update status with an operator: gsi1pk is built from it",
    );
    await expect(docs().update({ docId: "u1" }, { docId: op.ifNotExists("x") } as never)).rejects.toThrow(
      /\[update\.keyField\]/,
    );
  });

  it("returnValues: ALL_NEW (default), ALL_OLD, NONE, typed; an unknown value is refused", async () => {
    await docs().put(doc("r1", { views: 1 }));
    const before = await docs().update({ docId: "r1" }, { views: op.add(1) }, { returnValues: "ALL_OLD" });
    expectTypeOf(before).toEqualTypeOf<Doc>();
    expect(before.views).toBe(1);
    const nothing = await docs().update({ docId: "r1" }, { views: op.add(1) }, { returnValues: "NONE" });
    expectTypeOf(nothing).toEqualTypeOf<undefined>();
    expect(nothing).toBeUndefined();
    expect((await docs().update({ docId: "r1" }, { views: op.add(1) })).views).toBe(4);
    await expect(
      // @ts-expect-error UPDATED_NEW returns a partial item, which cannot be verified
      docs().update({ docId: "r1" }, { views: op.add(1) }, { returnValues: "UPDATED_NEW" }),
    ).rejects.toThrow("[write.invalidOption] Doc.update option returnValues is");
  });
});

describe("transactions", () => {
  it("commit puts, updates, deletes and checks atomically; each item keeps its guard", async () => {
    await docs().put(doc("x1", { commentCount: 0 }));
    await docs().put(doc("x2"));
    await docs().put(doc("x3"));
    const tx = db.transaction(ids);
    tx.entity(Comment).put({ ...ids, docId: "x1", commentId: "m1", text: "first" });
    tx.entity(Doc)
      .update({ docId: "x1" }, { commentCount: op.add(1) })
      .delete({ docId: "x2" })
      .check({ docId: "x3" }, (c) => c.eq("status", "draft"));
    tx.entity(Member).put({ tenantId: t1, userId: "u1", role: "admin" });
    expect(tx.size).toBe(5);
    await tx.commit({ token: "tx-x1-m1" });
    expect((await docs().get({ docId: "x1" }))?.commentCount).toBe(1);
    expect(await docs().get({ docId: "x2" })).toBeUndefined();
    expect(await db.entity(Comment).scope(ids).get({ docId: "x1", commentId: "m1" })).toMatchObject({ text: "first" });
    // The same token again within ten minutes: DynamoDB does not apply it twice.
    const replay = db.transaction(ids);
    replay.entity(Doc).update({ docId: "x1" }, { commentCount: op.add(1) });
    await expect(replay.commit({ token: "tx-x1-m1" })).rejects.toThrow(DynamoRequestError); // same token, other items
  });

  it("a cancellation names per item the entity, operation, key and the condition that failed", async () => {
    await docs().put(doc("y1"));
    await docs().put(doc("y2"));
    const tx = db.transaction(ids);
    tx.entity(Doc).put(doc("y1"), { ifNotExists: true });
    tx.entity(Doc).update({ docId: "missing" }, { title: "x" });
    tx.entity(Doc).put(doc("y3"));
    // Another item than y1's: DynamoDB refuses two operations on one item in a transaction (write.duplicateKey).
    tx.entity(Doc).check({ docId: "y2" }, (c) => c.eq("status", "published"));
    const error = (await failure(tx.commit())) as TransactionCanceledError;
    expect(error).toBeInstanceOf(TransactionCanceledError);
    expect(
      error.failures.map(({ index, entity, operation, code, reason }) => [index, entity, operation, code, reason]),
    ).toEqual([
      [0, "Doc", "put", "ConditionalCheckFailed", "the item exists (ifNotExists)"],
      [1, "Doc", "update", "ConditionalCheckFailed", "the item is absent (an update or check needs it to exist)"],
      [3, "Doc", "check", "ConditionalCheckFailed", "your condition failed on the stored item"],
    ]);
    expect(error.failures[1]?.key).toEqual({ PK: "TENANT#t1#CAPSULE#c1#DOCS", SK: "DOC#missing" });
    expect(error.message).toMatch(
      /^\[dynamodb\.transactionCanceled\] the transaction in scope .* \(4 items\) was cancelled: item 0 Doc\.put/,
    );
    expect(await raw("y3")).toBeUndefined(); // nothing was written
  });

  it("names another scope's planted item and another entity type at the key", async () => {
    const planted = {
      ...doc("z1"),
      capsuleId: "c10",
      PK: "TENANT#t1#CAPSULE#c1#DOCS",
      SK: "DOC#z1",
      entityType: "Doc",
    };
    const other = { PK: "TENANT#t1#CAPSULE#c1#DOCS", SK: "DOC#z2", entityType: "Invoice" };
    for (const Item of [planted, other]) await local.documents.send(new PutCommand({ TableName: Table.name, Item }));
    const tx = db.transaction(ids);
    tx.entity(Doc).update({ docId: "z1" }, { title: "mine" });
    tx.entity(Doc).delete({ docId: "z2" });
    const error = (await failure(tx.commit())) as TransactionCanceledError;
    expect(error.failures.map((item) => item.reason)).toEqual([
      'the stored item carries another scope\'s capsuleId ("c10")',
      'another entity type\'s item is at the key (entityType "Invoice")',
    ]);
  });

  it("refuses another scope's items before sending, unless declared by name with a reason", async () => {
    const tx = db.transaction(ids);
    expect(() => tx.entity(Doc).put({ ...doc("w1"), capsuleId: c10 })).toThrow(IsolationError);
    expect(() => tx.entity(Doc).put({ ...doc("w1"), tenantId: t2 })).toThrow(IsolationError);
    // @ts-expect-error the transaction declared no other scope
    expect(() => tx.entity(Doc, "archive")).toThrow('[transaction.otherScope] the transaction names scope "archive"');
    expect(tx.size).toBe(0);

    const moving = db.transaction(ids, {
      also: { archive: { ids: { tenantId: t1, capsuleId: c10 }, reason: "moving a doc to the archive capsule" } },
    });
    await docs().put(doc("w2"));
    moving.entity(Doc).delete({ docId: "w2" });
    moving.entity(Doc, "archive").put({ ...doc("w2"), capsuleId: c10, status: "archived" });
    await moving.commit();
    expect(await raw("w2")).toBeUndefined();
    expect((await raw("w2", "c10"))?.["status"]).toBe("archived");

    const noReason =
      '[transaction.reason] another scope in a transaction needs a non-empty reason written as a literal | say why this transaction may write outside its scope | e.g. also: { archive: { ids, reason: "moving a note to the archive" } }';
    // @ts-expect-error a declared scope needs a non-empty literal reason
    expect(() => db.transaction(ids, { also: { archive: { ids, reason: "" } } })).toThrow(noReason);
  });

  it("a commit replayed with the same token is applied once; other items under a used token are refused", async () => {
    await docs().put(doc("i1", { commentCount: 0 }));
    const token = `replay-${Date.now()}`;
    const tx = db.transaction(ids);
    tx.entity(Doc).update({ docId: "i1" }, { commentCount: op.add(1) });
    await tx.commit({ token });
    await tx.commit({ token }); // a retry after, say, a lost answer: DynamoDB answers it without applying it again
    expect((await raw("i1"))?.["commentCount"]).toBe(1);

    const other = db.transaction(ids);
    other.entity(Doc).update({ docId: "i1" }, { commentCount: op.add(5) });
    const error = await failure(other.commit({ token }));
    expect(error).toBeInstanceOf(DynamoRequestError);
    expect(error).toMatchObject({ code: "dynamodb.tokenReused", operation: "transaction.commit" });
    expect((error as Error).message).toMatch(
      /^\[dynamodb\.tokenReused\] transaction\.commit in transaction in scope .* reused a token/,
    );
    expect((await raw("i1"))?.["commentCount"]).toBe(1);
  });

  it("holds at most 100 items", () => {
    const tx = db.transaction(ids);
    for (let index = 0; index < 100; index++) tx.entity(Doc).check({ docId: `d${index}` });
    expect(() => tx.entity(Doc).check({ docId: "d100" })).toThrow(/^\[transaction\.tooManyItems\]/);
  });

  it("transactGet reads verified items in order, typed per entity", async () => {
    await docs().put(doc("g1"));
    await db.entity(Member).scope({ tenantId: t1 }).put({ tenantId: t1, userId: "u9", role: "reader" });
    const [first, member, missing] = await db.transactGet(ids, (tx) => [
      tx.entity(Doc).get({ docId: "g1" }),
      tx.entity(Member).get({ userId: "u9" }),
      tx.entity(Doc).get({ docId: "nope" }),
    ]);
    expectTypeOf(first).toEqualTypeOf<Doc | undefined>();
    expectTypeOf(member).toEqualTypeOf<InferItem<typeof Member> | undefined>();
    expect(first?.docId).toBe("g1");
    expect(member?.role).toBe("reader");
    expect(missing).toBeUndefined();
    const planted = {
      ...doc("g2"),
      capsuleId: "c10",
      PK: "TENANT#t1#CAPSULE#c1#DOCS",
      SK: "DOC#g2",
      entityType: "Doc",
    };
    await local.documents.send(new PutCommand({ TableName: Table.name, Item: planted }));
    await expect(db.transactGet(ids, (tx) => [tx.entity(Doc).get({ docId: "g2" })])).rejects.toThrow(IsolationError);
  });
});

describe("batches", () => {
  it("batchPut and batchGet: 250 items in chunks, read back in request order, absent ones undefined", async () => {
    const items = Array.from({ length: 250 }, (_, index) => doc(`b${index}`, { views: index }));
    await docs().batchPut(items);
    const keys = [{ docId: "b249" }, { docId: "nope" }, ...items.map(({ docId }) => ({ docId })), { docId: "b0" }];
    const read = await docs().batchGet(keys);
    expect(read).toHaveLength(keys.length);
    expect(read[0]?.views).toBe(249);
    expect(read[1]).toBeUndefined();
    expect(read.slice(2, -1).map((item) => item?.docId)).toEqual(items.map(({ docId }) => docId));
    expect(read.at(-1)?.docId).toBe("b0");
    await docs().batchDelete(items.slice(0, 200).map(({ docId }) => ({ docId })));
    expect((await docs().batchGet([{ docId: "b0" }, { docId: "b200" }])).map((item) => item?.docId)).toEqual([
      undefined,
      "b200",
    ]);
  });

  it("every key and item is built by the scope: another scope's is refused before anything is sent", async () => {
    await expect(docs().batchPut([doc("v1"), { ...doc("v2"), capsuleId: c10 }])).rejects.toThrow(IsolationError);
    expect(await raw("v1")).toBeUndefined();
    await expect(docs().batchGet([{ docId: "v1", capsuleId: c10 } as never])).rejects.toThrow(IsolationError);
    await expect(docs().batchDelete([{ docId: "v1", tenantId: t2 } as never])).rejects.toThrow(IsolationError);
  });

  it("batchGet verifies each item: a planted foreign item throws, other entity types are skipped", async () => {
    const planted = {
      ...doc("p1"),
      capsuleId: "c10",
      PK: "TENANT#t1#CAPSULE#c1#DOCS",
      SK: "DOC#p1",
      entityType: "Doc",
    };
    const other = { PK: "TENANT#t1#CAPSULE#c1#DOCS", SK: "DOC#p2", entityType: "Invoice" };
    for (const Item of [planted, other]) await local.documents.send(new PutCommand({ TableName: Table.name, Item }));
    expect(await docs().batchGet([{ docId: "p2" }])).toEqual([undefined]);
    await expect(docs().batchGet([{ docId: "b200" }, { docId: "p1" }])).rejects.toThrow(IsolationError);
  });
});

describe("optimistic locking and timestamps", () => {
  const Ticket = defineEntity({
    name: "Ticket",
    schema: z.object({
      tenantId: tenantId(),
      capsuleId: capsuleId(),
      ticketId: z.string(),
      title: z.string(),
      count: z.number().int(),
      version: z.number().int(),
      createdAt: z.string().optional(),
      updatedAt: z.string().optional(),
    }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TICKETS",
    sk: "TICKET#${ticketId}",
    version: "version",
    timestamps: { createdAt: "createdAt", updatedAt: "updatedAt" },
  });
  const tickets = () => db.entity(Ticket).scope(ids);
  const ticket = (ticketId: string, version: number) => ({ ...ids, ticketId, title: "T", count: 0, version });

  it("put, update and delete write version + 1 on the condition that the stored version is the one read", async () => {
    const created = await tickets().put(ticket("l1", 0));
    expect(created.version).toBe(1);
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(created.updatedAt).toBe(created.createdAt);
    const again = (await failure(tickets().put(ticket("l1", 0)))) as VersionConflictError;
    expect(again).toBeInstanceOf(VersionConflictError);
    expect([again.expected, again.stored]).toEqual([0, 1]);

    const updated = await tickets().update({ ticketId: "l1" }, { version: 1, title: "New" });
    expect([updated.version, updated.title, updated.createdAt]).toEqual([2, "New", created.createdAt]);
    const stale = (await failure(tickets().update({ ticketId: "l1" }, { version: 1, title: "Lost" }))) as Error;
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect(stale.message).toBe(
      '[dynamodb.versionConflict] Ticket.update in scope {"tenantId":"t1","capsuleId":"c1"} expected version 1, but the stored item has 2 | another writer changed it: read it again and reapply the change | e.g. const fresh = await notes.get({ id })',
    );
    await expect(tickets().update({ ticketId: "l1" }, { title: "No version" })).rejects.toThrow(
      /^\[version\.missing\] Ticket\.update needs the version it read/,
    );
    await expect(tickets().delete({ ticketId: "l1" })).rejects.toThrow(/^\[version\.missing\] Ticket\.delete/);
    await expect(tickets().delete({ ticketId: "l1" }, { version: 1 })).rejects.toThrow(VersionConflictError);
    await tickets().delete({ ticketId: "l1" }, { version: 2 });
    expect(await tickets().get({ ticketId: "l1" })).toBeUndefined();
    // A missing item is no version conflict: the guard's own refusal stays a condition failure.
    await expect(tickets().update({ ticketId: "l1" }, { version: 2, title: "x" })).rejects.toMatchObject({
      code: "dynamodb.conditionFailed",
    });
  });

  it("concurrent read-modify-write loops never lose an update", async () => {
    await tickets().put(ticket("l2", 0));
    const writers = 8;
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (;;) {
          const current = (await tickets().get({ ticketId: "l2" }, { consistent: true }))!;
          try {
            await tickets().update({ ticketId: "l2" }, { version: current.version, count: current.count + 1 });
            return;
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
            conflicts++;
          }
        }
      }),
    );
    const final = (await tickets().get({ ticketId: "l2" }, { consistent: true }))!;
    expect(final.count).toBe(writers);
    expect(final.version).toBe(writers + 1);
    expect(conflicts).toBeGreaterThan(0); // the writers did race
  });

  it("batch writes refuse a versioned entity (no condition to keep the lock); a transaction names the conflict", async () => {
    await expect(tickets().batchPut([ticket("l3", 0)])).rejects.toThrow(
      /^\[batch\.guardNotKept\] Ticket\.batchPut cannot keep its guard: Ticket is versioned/,
    );
    await expect(tickets().batchDelete([{ ticketId: "l3" }])).rejects.toThrow(/^\[batch\.guardNotKept\]/);
    await tickets().put(ticket("l3", 0));
    const tx = db.transaction(ids);
    tx.entity(Ticket).update({ ticketId: "l3" }, { version: 5, title: "x" });
    const error = (await failure(tx.commit())) as TransactionCanceledError;
    expect(error.failures[0]?.reason).toBe("version conflict: expected version 5, stored 1");
  });

  it("batchPut sets timestamps; version names a number field and timestamps string fields, checked at compile time and at runtime", async () => {
    const Stamped = defineEntity({
      name: "Stamped",
      schema: z.object({
        tenantId: tenantId(),
        capsuleId: capsuleId(),
        id: z.string(),
        updatedAt: z.string().optional(),
      }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STAMPED",
      sk: "${id}",
      timestamps: { updatedAt: "updatedAt" },
    });
    const stamped = db.entity(Stamped).scope(ids);
    await stamped.batchPut([{ ...ids, id: "s1", updatedAt: "yesterday" }]);
    expect((await stamped.get({ id: "s1" }))?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const definition = {
      name: "Bad",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), title: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BAD#${id}",
    } as const;
    // @ts-expect-error title is a string, not a number: no version
    expect(() => defineEntity({ ...definition, version: "title" })).toThrow(
      '[entity.writeOption] version names "title", which is not a top-level number field of the schema',
    );
    // @ts-expect-error updatedAt is not a field of the schema
    expect(() => defineEntity({ ...definition, timestamps: { updatedAt: "updatedAt" } })).toThrow(
      /^\[entity\.writeOption\] timestamps\.updatedAt names "updatedAt"/,
    );
  });
});

describe("TTL", () => {
  it("defineTable's ttl is turned on with the UpdateTimeToLive input; key attributes cannot be it", async () => {
    const Expiring = defineTable({ name: uniqueTableName("expiring"), pk: "PK", sk: "SK", ttl: "expiresAt" });
    expect(timeToLiveInput(Expiring)).toEqual({
      TableName: Expiring.name,
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
    expect(timeToLiveInput(Table)).toBeUndefined();
    await local.createTable(Expiring);
    const { TimeToLiveDescription } = await local.client.send(
      new DescribeTimeToLiveCommand({ TableName: Expiring.name }),
    );
    expect(TimeToLiveDescription).toMatchObject({ AttributeName: "expiresAt", TimeToLiveStatus: "ENABLED" });
    expect(() => defineTable({ name: "bad_ttl", pk: "PK", ttl: "PK" })).toThrow(/^\[table\.invalid\].*invalid ttl/);
  });
});
