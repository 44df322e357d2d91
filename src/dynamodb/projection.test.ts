/**
 * Index projections on DynamoDB Local: `KEYS_ONLY` and `INCLUDE` indexes declared by `defineTable` (and created
 * so by `createTableInput`), queried through the adapter: partial items typed as such and verified on what is
 * projected, `hydrate: true` fetching full items through the verified batchGet; a planted foreign item refused in
 * the projection and in the hydration; an item deleted between the index read and the fetch reported.
 */
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { capsuleId, createTableInput, defineEntity, defineTable, IsolationError, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, noteId: z.string(), status: z.string(), title: z.string(), body: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: {
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "NOTE#${noteId}" },
    byTitle: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TITLES", sk: "${title}#${noteId}" },
  },
});

const Table = defineTable({
  name: uniqueTableName("projection"),
  pk: "PK",
  sk: "SK",
  indexes: {
    byStatus: { pk: "S_PK", sk: "S_SK", projection: "KEYS_ONLY" },
    byTitle: { pk: "T_PK", sk: "T_SK", projection: { include: ["entityType", "tenantId", "capsuleId", "title"] } },
  },
});

const t1 = tenantId().parse("t1");
const [c1, c10] = [capsuleId().parse("c1"), capsuleId().parse("c10")];
const own = { tenantId: t1, capsuleId: c1 };
const note = (noteId: string, status: string) => ({
  ...own,
  noteId,
  status,
  title: `T ${noteId}`,
  body: `B ${noteId}`,
});

describe("defineTable projections", () => {
  it("creates the indexes with the declared projections", () => {
    expect(createTableInput(Table).GlobalSecondaryIndexes?.map((index) => index.Projection)).toEqual([
      { ProjectionType: "KEYS_ONLY" },
      { ProjectionType: "INCLUDE", NonKeyAttributes: ["entityType", "tenantId", "capsuleId", "title"] },
    ]);
  });

  it("refuses a malformed projection and an INCLUDE without entityType (table.invalid)", () => {
    const define = (projection: unknown) => () =>
      defineTable({ name: "projections", indexes: { gsi1: { projection: projection as "ALL" } } });
    expect(define("SOME")).toThrow(/^\[table\.invalid\] .*index gsi1 has projection "SOME"/);
    expect(define({ include: ["title"] })).toThrow(/index gsi1 includes no entityType/);
    expect(define({ include: ["entityType", "title", "title"] })).toThrow(/includes an attribute twice/);
  });

  it("refuses an entity whose INCLUDE index names an attribute it lacks or omits an isolation field", () => {
    const table = (include: readonly string[]) =>
      defineTable({ name: "projections", indexes: { byStatus: {}, byTitle: { projection: { include } } } });
    const scope = (include: readonly string[]) => () => Note.scope(own, { table: table(include) });
    expect(scope(["entityType", "tenantId", "capsuleId", "titel"])).toThrow(
      /^\[table\.projection\] Note uses index byTitle, whose projection includes titel, not an attribute of Note/,
    );
    expect(scope(["entityType", "tenantId", "title"])).toThrow(
      /^\[table\.projection\] Note uses index byTitle, whose projection omits the isolation field capsuleId/,
    );
  });
});

describe("projected indexes on DynamoDB Local", () => {
  let local: LocalDynamo;
  let db: ReturnType<typeof connect<typeof Table>>;
  const notes = () => db.entity(Note).scope(own);

  beforeAll(async () => {
    local = await localDynamo("dynamodb-local");
    await local.createTable(Table);
    db = connect(local.documents, { table: Table });
    await notes().batchPut([note("n1", "open"), note("n2", "done"), note("n3", "open")]);
    const other = { tenantId: t1, capsuleId: c10 };
    await db
      .entity(Note)
      .scope(other)
      .put({ ...note("n1", "open"), ...other });
  });
  afterAll(() => local?.stop());

  it("reads a KEYS_ONLY index as partial items: keys, ids, key fields, entityType", async () => {
    const open = await collect(notes().query({ index: "byStatus", partition: { status: "open" } }));
    expect(open).toEqual(
      ["n1", "n3"].map((noteId) => ({
        ...own,
        noteId,
        status: "open",
        entityType: "Note",
        pk: "TENANT#t1#CAPSULE#c1#NOTES",
        sk: `NOTE#${noteId}`,
        byStatuspk: "TENANT#t1#CAPSULE#c1#STATUS#open",
        byStatussk: `NOTE#${noteId}`,
      })),
    );
    expectTypeOf(open[0]!).toHaveProperty("noteId");
    expectTypeOf(open[0]!).not.toHaveProperty("body");
    expectTypeOf(open[0]!).not.toHaveProperty("title");
  });

  it("reads an INCLUDE index with its included attributes, and filters only on those", async () => {
    const [first] = await collect(notes().query({ index: "byTitle", limit: 1 }));
    expect(first).toMatchObject({ noteId: "n1", title: "T n1", entityType: "Note" });
    expect(first).not.toHaveProperty("body");
    expectTypeOf(first!).toHaveProperty("title");
    expectTypeOf(first!).not.toHaveProperty("body");
    await expect(collect(notes().query({ index: "byTitle", filter: (f) => f.eq("body", "B n1") }))).rejects.toThrow(
      /^\[table\.projection\] Note uses index byTitle, whose projection does not hold body/,
    );
  });

  it("hydrates full items through the verified batchGet, in the index's order", async () => {
    const full = await collect(notes().query({ index: "byStatus", partition: { status: "open" }, hydrate: true }));
    expect(full.map((item) => [item.noteId, item.body])).toEqual([
      ["n1", "B n1"],
      ["n3", "B n3"],
    ]);
    expectTypeOf(full[0]!.body).toEqualTypeOf<string>();
    const page = await notes().page({ index: "byTitle", limit: 2, hydrate: true });
    expect(page.items.map((item) => item.body)).toEqual(["B n1", "B n2"]);
  });

  it("reports an item deleted between the index read and the fetch", async () => {
    // The index entry stays while the item is gone: a hand-written entry in the index's key attributes only.
    await local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: {
          PK: "TENANT#t1#CAPSULE#c1#NOTES",
          SK: "NOTE#n9",
          S_PK: "TENANT#t1#CAPSULE#c1#STATUS#gone",
          S_SK: "NOTE#n9",
        },
      }),
    );
    const entries = await collect(notes().query({ index: "byStatus", partition: { status: "gone" } }));
    expect(entries.map((entry) => entry.noteId)).toEqual(["n9"]);
    await expect(
      collect(notes().query({ index: "byStatus", partition: { status: "gone" }, hydrate: true })),
    ).rejects.toThrow(/^\[query\.hydrateMissing\] Note\.query in scope .* NOTE#n9/);
    await local.documents.send(
      new DeleteCommand({ TableName: Table.name, Key: { PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "NOTE#n9" } }),
    );
  });

  it("refuses a planted foreign item in a projection (its table key names another capsule)", async () => {
    await local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: {
          PK: "TENANT#t1#CAPSULE#c10#NOTES",
          SK: "NOTE#n7",
          S_PK: "TENANT#t1#CAPSULE#c1#STATUS#planted",
          S_SK: "NOTE#n7",
          T_PK: "TENANT#t1#CAPSULE#c1#TITLES",
          T_SK: "zz#n7",
          entityType: "Note",
          tenantId: t1,
          capsuleId: c10,
          title: "zz",
        },
      }),
    );
    await expect(collect(notes().query({ index: "byStatus", partition: { status: "planted" } }))).rejects.toThrow(
      IsolationError,
    );
    await expect(collect(notes().query({ index: "byTitle" }))).rejects.toThrow(IsolationError);
  });

  it("refuses a planted foreign item in the hydration (the index entry is ours, the item is not)", async () => {
    // The entry's keys are c1's; the stored item behind them carries c10's ids.
    await local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: {
          PK: "TENANT#t1#CAPSULE#c1#NOTES",
          SK: "NOTE#n8",
          S_PK: "TENANT#t1#CAPSULE#c1#STATUS#swapped",
          S_SK: "NOTE#n8",
          entityType: "Note",
          ...note("n8", "swapped"),
          capsuleId: c10,
        },
      }),
    );
    const entries = await collect(notes().query({ index: "byStatus", partition: { status: "swapped" } }));
    expect(entries.map((entry) => entry.capsuleId)).toEqual([c1]);
    await expect(
      collect(notes().query({ index: "byStatus", partition: { status: "swapped" }, hydrate: true })),
    ).rejects.toThrow(IsolationError);
  });
});
