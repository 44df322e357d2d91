/**
 * A `KEYS_ONLY` index shared by two entity types whose keys parse under both templates, on DynamoDB Local. A
 * `KEYS_ONLY` entry has no `entityType`: its type is told by its keys alone, so a `Task`'s entry reads as a
 * `Note`'s partial item (documented in docs/dynamodb.md, "Projections": declare such an index `INCLUDE` with
 * `entityType`, or hydrate). With `hydrate: true` the full item behind the entry says its type: a `Task` is
 * skipped, as a read of the table skips other types (it ended in `query.hydrateMissing`, as if the item were gone);
 * an entry whose item is truly gone is still reported, and an entry of ours in front of a foreign item still throws.
 */
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, IsolationError, tenantId } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
// One partition of items with unique ids (a single-table design): Note and Task keys have the same shape.
const items = "TENANT#${tenantId}#CAPSULE#${capsuleId}#ITEMS";
const byDay = { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DAY#${day}", sk: "${id}" } as const;
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, id: z.string(), day: z.string(), body: z.string() }),
  pk: items,
  sk: "${id}",
  indexes: { byDay },
});
const Task = defineEntity({
  name: "Task",
  schema: z.object({ ...ids, id: z.string(), day: z.string(), done: z.boolean() }),
  pk: items,
  sk: "${id}",
  indexes: { byDay },
});
const Table = defineTable({
  name: uniqueTableName("shared_keys_only"),
  pk: "PK",
  sk: "SK",
  indexes: { byDay: { pk: "DAY_PK", sk: "DAY_SK", projection: "KEYS_ONLY" } },
});
const own = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };

describe("a KEYS_ONLY index shared by two entity types with keys of one shape", () => {
  const dynamo = localTable(Table);
  const notes = () => dynamo.db.entity(Note).scope(own);

  it("seeds a note and a task of one day", async () => {
    await notes().put({ ...own, id: "n1", day: "d1", body: "B" });
    await dynamo.db
      .entity(Task)
      .scope(own)
      .put({ ...own, id: "k1", day: "d1", done: false });
  });

  it("without hydrate, the task's entry reads as a note's partial item: its keys are all a KEYS_ONLY entry has", async () => {
    const entries = await collect(notes().query({ index: "byDay", partition: { day: "d1" } }));
    expect(entries.map((entry) => entry.id)).toEqual(["k1", "n1"]);
  });

  it("with hydrate, the task is skipped by its stored entityType and the note returned (was query.hydrateMissing)", async () => {
    const full = await collect(notes().query({ index: "byDay", partition: { day: "d1" }, hydrate: true }));
    expect(full.map((item) => [item.entityType, item.id, item.body])).toEqual([["Note", "n1", "B"]]);
    const page = await notes().page({ index: "byDay", partition: { day: "d1" }, hydrate: true });
    expect(page.items.map((item) => item.id)).toEqual(["n1"]);
    const tasks = await collect(
      dynamo.db
        .entity(Task)
        .scope(own)
        .query({ index: "byDay", partition: { day: "d1" }, hydrate: true }),
    );
    expect(tasks.map((task) => [task.id, task.done])).toEqual([["k1", false]]);
  });

  it("an entry whose item is gone is still reported, and a foreign item behind an entry of ours still refused", async () => {
    const raw = dynamo.local.documents;
    // An index entry without its item's attributes: what a read between a delete and the index's update sees.
    await raw.send(
      new PutCommand({
        TableName: Table.name,
        Item: { PK: "TENANT#t1#CAPSULE#c1#ITEMS", SK: "g1", DAY_PK: "TENANT#t1#CAPSULE#c1#DAY#d2", DAY_SK: "g1" },
      }),
    );
    await expect(collect(notes().query({ index: "byDay", partition: { day: "d2" }, hydrate: true }))).rejects.toThrow(
      /^\[query\.hydrateMissing\] Note\.query in scope .*g1/,
    );
    await raw.send(new DeleteCommand({ TableName: Table.name, Key: { PK: "TENANT#t1#CAPSULE#c1#ITEMS", SK: "g1" } }));
    // A note of c10 stored at c1's keys: the entry is ours, the item is not. Another entity type it is not.
    await raw.send(
      new PutCommand({
        TableName: Table.name,
        Item: {
          PK: "TENANT#t1#CAPSULE#c1#ITEMS",
          SK: "f1",
          DAY_PK: "TENANT#t1#CAPSULE#c1#DAY#d3",
          DAY_SK: "f1",
          entityType: "Note",
          tenantId: "t1",
          capsuleId: "c10",
          id: "f1",
          day: "d3",
          body: "B",
        },
      }),
    );
    await expect(collect(notes().query({ index: "byDay", partition: { day: "d3" }, hydrate: true }))).rejects.toThrow(
      IsolationError,
    );
  });
});
