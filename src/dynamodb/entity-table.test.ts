/**
 * An entity whose `table:` is a `defineTable()` value (`PK`/`SK`, `GSI1PK`/`GSI1SK`), on AWS's DynamoDB Local,
 * with no table option anywhere: the entity's scopes, `connect()`, collections and transactions all use the
 * table's key attribute names.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { capsuleId, CapsuleEntityError, defineEntity, defineTable, tenantId } from "capsule-entity";
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
