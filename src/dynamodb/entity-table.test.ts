/**
 * An entity whose `table:` is a `defineTable()` value (`PK`/`SK`, `GSI1PK`/`GSI1SK`), on AWS's DynamoDB Local,
 * with no table option anywhere: the entity's scopes, `connect()`, collections and transactions all use the
 * table's key attribute names, and so do its own `toItem()` / `fromItem()` / `item` (a raw Put of `toItem()` reads
 * back through a scope; a raw Get's item goes through `fromItem()`).
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  CapsuleEntityError,
  defineEntity,
  defineTable,
  IsolationError,
  tenantId,
  type InferItem,
} from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";
import { invalidTableMessage, tableMissingKeyMessage } from "../messages.js";

const PlatformTable = defineTable({
  name: uniqueTableName("entity_table"),
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
});
const Note = defineEntity({
  name: "Note",
  table: PlatformTable,
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string(), tag: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${noteId}" } },
});
const Comment = defineEntity({
  name: "Comment",
  table: PlatformTable,
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string(), text: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}#COMMENT",
});
// The same entity without a table of its own, for `toItem` / `fromItem` given one.
const Plain = defineEntity({
  name: "Plain",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), plainId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#PLAIN",
  sk: "PLAIN#${plainId}",
});
const t1 = tenantId().parse("t1");
const c1 = capsuleId().parse("c1");
const c10 = capsuleId().parse("c10");
const ids = { tenantId: t1, capsuleId: c1 };

describe("an entity's table: a defineTable() value", () => {
  it("its scope builds commands with the table's key names, typed so, without a table option", () => {
    const get = Note.scope(ids).get({ noteId: "n1" });
    expect(get).toEqual({ TableName: PlatformTable.name, Key: { PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "NOTE#n1" } });
    expectTypeOf(get.Key).toEqualTypeOf<{
      readonly PK: `TENANT#${string}#CAPSULE#${string}#NOTES`;
      readonly SK: `NOTE#${string}`;
    }>();
    expect(Object.keys(Note.scope(ids).put({ ...ids, noteId: "n1", tag: "red" }).Item).sort()).toEqual(
      ["GSI1PK", "GSI1SK", "PK", "SK", "capsuleId", "entityType", "noteId", "tag", "tenantId"].sort(),
    );
    expect(Note.scope(ids).query({ index: "gsi1", partition: { tag: "red" } }).ExpressionAttributeNames).toEqual({
      "#pk": "GSI1PK",
      "#entityType": "entityType",
    });
    expect(Note.table).toBe(PlatformTable);
  });

  it("a scope option still overrides it (a table name: the entity's own key names)", () => {
    expect(Note.scope(ids, { table: "other_table" }).get({ noteId: "n1" }).Key).toEqual({
      pk: "TENANT#t1#CAPSULE#c1#NOTES",
      sk: "NOTE#n1",
    });
  });

  it("toItem() gives the item to store under the table's key names, typed so; fromItem() and item read it back", () => {
    const stored = Note.toItem({ ...ids, noteId: "n1", tag: "red" });
    expect(stored).toEqual({
      ...ids,
      noteId: "n1",
      tag: "red",
      entityType: "Note",
      PK: "TENANT#t1#CAPSULE#c1#NOTES",
      SK: "NOTE#n1",
      GSI1PK: "TENANT#t1#CAPSULE#c1#TAG#red",
      GSI1SK: "n1",
    });
    expectTypeOf(stored.PK).toEqualTypeOf<`TENANT#${string}#CAPSULE#${string}#NOTES`>();
    expectTypeOf(stored.GSI1SK).toEqualTypeOf<string>();
    expectTypeOf(stored).not.toHaveProperty("pk");
    // fromItem reads the stored form and returns the item as every read returns it (keys under pk, sk).
    const read = Note.fromItem(stored);
    expectTypeOf(read).toEqualTypeOf<InferItem<typeof Note>>();
    expect(read).toEqual(Note.scope(ids).readItem(stored));
    expect(read).toMatchObject({ pk: "TENANT#t1#CAPSULE#c1#NOTES", sk: "NOTE#n1", gsi1pk: stored.GSI1PK });
    expect(Note.item.parse(stored)).toEqual(read);
    // Whatever sits under the entity's own names in a stored item is not a key.
    expect(() => Note.fromItem({ ...stored, SK: "NOTE#n2" })).toThrow(IsolationError);
    expect(() => Note.fromItem({ ...stored, PK: undefined, pk: stored.PK })).toThrow(/stored pk undefined differs/);
    expect(Note.item.safeParse({ ...stored, PK: "TENANT#t2#CAPSULE#c1#NOTES" }).success).toBe(false);
  });

  it("toItem() / fromItem() take another table: a defineTable() value renames, a name keeps the entity's names", () => {
    const attributes = { ...ids, plainId: "p1" };
    const stored = Plain.toItem(attributes, { table: PlatformTable });
    expect(stored).toMatchObject({ PK: "TENANT#t1#CAPSULE#c1#PLAIN", SK: "PLAIN#p1" });
    expectTypeOf(stored.SK).toEqualTypeOf<`PLAIN#${string}`>();
    expect(Plain.fromItem(stored, { table: PlatformTable })).toEqual(Plain.toItem(attributes));
    expect(Plain.toItem(attributes)).toMatchObject({ pk: "TENANT#t1#CAPSULE#c1#PLAIN", sk: "PLAIN#p1" });
    expect(Note.toItem({ ...ids, noteId: "n1", tag: "red" }, { table: "other_table" })).toHaveProperty("pk");
    expect(() => Plain.toItem(attributes, { table: 42 as never })).toThrow(
      invalidTableMessage("42", "is neither a table name nor a defineTable() value"),
    );
    expect(() => Plain.fromItem(stored, { table: {} as never })).toThrow(CapsuleEntityError);
  });

  it("an entity that does not fit its table is refused when its definition runs", () => {
    const define = () =>
      defineEntity({
        name: "Loose",
        table: PlatformTable,
        schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
        pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#LOOSE#${id}",
      });
    expect(define).toThrow(tableMissingKeyMessage("Loose", PlatformTable.name, "sk"));
  });

  it("a table that is neither a name nor a defineTable() value is refused, not ignored", () => {
    const define = (table: unknown) => () =>
      defineEntity({
        name: "Odd",
        table: table as string,
        schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
        pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ODD#${id}",
      });
    expect(define(42)).toThrow(invalidTableMessage("42", "is neither a table name nor a defineTable() value"));
    expect(define("")).toThrow(CapsuleEntityError);
    expect(define({ name: "t" })).toThrow(CapsuleEntityError);
  });
});

describe("an entity's own defineTable() table, on DynamoDB Local, connect() without a table", () => {
  let local: LocalDynamo;
  let db: ReturnType<typeof connect>;
  beforeAll(async () => {
    local = await localDynamo("dynamodb-local");
    await local.createTable(PlatformTable);
    db = connect(local.documents);
  });
  afterAll(() => local?.stop());

  it("put, get, query (table and index) and delete store and read PK/SK", async () => {
    const notes = db.entity(Note).scope(ids);
    await notes.put({ ...ids, noteId: "n1", tag: "red" });
    await notes.put({ ...ids, noteId: "n2", tag: "blue" });
    await db
      .entity(Note)
      .scope({ tenantId: t1, capsuleId: c10 })
      .put({ tenantId: t1, capsuleId: c10, noteId: "n1", tag: "red" });
    const { Item } = await local.documents.send(
      new GetCommand({ TableName: PlatformTable.name, Key: { PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "NOTE#n1" } }),
    );
    expect(Item).toMatchObject({
      PK: "TENANT#t1#CAPSULE#c1#NOTES",
      SK: "NOTE#n1",
      GSI1PK: "TENANT#t1#CAPSULE#c1#TAG#red",
    });
    expect(Item).not.toHaveProperty("pk");
    expect(await notes.get({ noteId: "n1" })).toMatchObject({ noteId: "n1", pk: "TENANT#t1#CAPSULE#c1#NOTES" });
    expect((await collect(notes.query({}))).map((note) => note.noteId)).toEqual(["n1", "n2"]);
    expect(
      (await collect(notes.query({ index: "gsi1", partition: { tag: "red" } }))).map((note) => note.noteId),
    ).toEqual(["n1"]);
    await notes.delete({ noteId: "n2" });
    expect(await notes.get({ noteId: "n2" })).toBeUndefined();
  });

  it("a raw Put of toItem() is read back by a scope; a raw Get's item goes through fromItem()", async () => {
    const attributes = { ...ids, noteId: "raw1", tag: "green" };
    await local.documents.send(new PutCommand({ TableName: PlatformTable.name, Item: Note.toItem(attributes) }));
    const notes = db.entity(Note).scope(ids);
    expect(await notes.get({ noteId: "raw1" })).toMatchObject({ noteId: "raw1", tag: "green" });
    expect(
      (await collect(notes.query({ index: "gsi1", partition: { tag: "green" } }))).map((note) => note.noteId),
    ).toEqual(["raw1"]);
    const { Item } = await local.documents.send(
      new GetCommand({ TableName: PlatformTable.name, Key: { PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "NOTE#raw1" } }),
    );
    expect(Note.fromItem(Item)).toEqual(await notes.get({ noteId: "raw1" }));
    // A raw write of an item whose key names another capsule than its attributes is refused on every read path.
    const planted = { ...Note.toItem({ ...attributes, noteId: "raw2" }), capsuleId: c10 };
    await local.documents.send(new PutCommand({ TableName: PlatformTable.name, Item: planted }));
    await expect(notes.get({ noteId: "raw2" })).rejects.toThrow(IsolationError);
    const raw = await local.documents.send(
      new GetCommand({ TableName: PlatformTable.name, Key: { PK: planted.PK, SK: planted.SK } }),
    );
    expect(() => Note.fromItem(raw.Item)).toThrow(IsolationError);
    await local.documents.send(new PutCommand({ TableName: PlatformTable.name, Item: { ...planted, capsuleId: c1 } }));
    await notes.delete({ noteId: "raw2" });
    await notes.delete({ noteId: "raw1" });
  });

  it("collections and transactions use the entities' table too", async () => {
    const tx = db.transaction(ids);
    tx.entity(Comment).put({ ...ids, noteId: "n1", text: "first" });
    await tx.commit();
    const thread = await collect(db.collection([Note, Comment]).scope(ids).query());
    expect(thread.map((item) => `${item.entityType}:${item.noteId}`)).toEqual(["Note:n1", "Comment:n1"]);
    const scanned = await collect(db.entity(Comment).unscopedScan({ reason: "test: every comment of the table" }));
    expect(scanned.map((comment) => comment.text)).toEqual(["first"]);
  });
});
