/**
 * A table option given by name where the entity's own `table:` is a `defineTable()` value of that name, on AWS's
 * DynamoDB Local: the name alone carries no key names, so the scope stored its keys under the entity's (`gsi1pk`
 * beside the table's `GSI1PK`), and DynamoDB accepted them as plain attributes: the put succeeded and the item
 * was missing from the index. Refused instead, before any request, at every path that takes a table, and by the
 * entity's own toItem / fromItem (type error for a literal name: fixture compile-fail/stored-items.ts).
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, CapsuleEntityError, defineEntity, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

// The primary key under the entity's own names, the index's renamed: a put with the wrong names still succeeds.
const Table = defineTable({
  name: uniqueTableName("by_name"),
  pk: "pk",
  sk: "sk",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
});
const Note = defineEntity({
  name: "Note",
  table: Table,
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string(), tag: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${noteId}" } },
});
const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const refused = `[table.byName] Note is given its table ${JSON.stringify(Table.name)} by name, which keeps the entity's key names; the table stores GSI1PK, GSI1SK |`;

describe("a table option given by the name of the entity's own defineTable() value", () => {
  const dynamo = localTable(Table);

  it("the entity's own table writes and reads the index under its names", async () => {
    const notes = dynamo.db.entity(Note).scope(ids);
    await notes.put({ ...ids, noteId: "n1", tag: "red" });
    expect(
      (await collect(notes.query({ index: "gsi1", partition: { tag: "red" } }))).map((note) => note.noteId),
    ).toEqual(["n1"]);
  });

  it("is refused by connect's entity() (its scopes and unscopedScan), collection() and transactions, and by a scope option", () => {
    const byName = connect(dynamo.local.documents, { table: Table.name });
    expect(() => byName.entity(Note)).toThrow(refused);
    expect(() => byName.collection([Note])).toThrow(refused);
    expect(() =>
      byName
        .transaction(ids)
        .entity(Note)
        .put({ ...ids, noteId: "n2", tag: "red" }),
    ).toThrow(refused);
    expect(() => Note.scope(ids, { table: Table.name })).toThrow(refused);
    expect(() => Note.scope(ids, { table: Table.name })).toThrow(CapsuleEntityError);
  });

  it("is refused by toItem and fromItem (a raw item built or read so would keep gsi1pk beside GSI1PK)", async () => {
    const attributes = { ...ids, noteId: "n3", tag: "blue" };
    expect(() => Note.toItem(attributes, { table: Table.name })).toThrow(refused);
    const stored = Note.toItem(attributes);
    expect(stored).toMatchObject({ GSI1PK: "TENANT#t1#CAPSULE#c1#TAG#blue", GSI1SK: "n3" });
    await dynamo.local.documents.send(new PutCommand({ TableName: Table.name, Item: stored }));
    const { Item } = await dynamo.local.documents.send(
      new GetCommand({ TableName: Table.name, Key: { pk: stored.pk, sk: stored.sk } }),
    );
    expect(() => Note.fromItem(Item, { table: Table.name })).toThrow(refused);
    expect(Note.fromItem(Item)).toMatchObject({ noteId: "n3", gsi1pk: "TENANT#t1#CAPSULE#c1#TAG#blue" });
    expect(Note.fromItem(Item, { table: Table })).toEqual(Note.fromItem(Item));
    // Another name is another table, keyed by the entity's names.
    expect(Note.toItem(attributes, { table: "other_table" })).toMatchObject({ gsi1pk: stored.GSI1PK });
  });

  it("another name stays the entity's key names (a table of the same keys under another name)", () => {
    expect(Note.scope(ids, { table: "other_table" }).get({ noteId: "n1" }).Key).toEqual({
      pk: "TENANT#t1#CAPSULE#c1#NOTES",
      sk: "NOTE#n1",
    });
  });
});
