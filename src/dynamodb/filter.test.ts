/**
 * Typed filters on DynamoDB Local and dynalite: `filter` on a scope's query, page and pages, on an index, on
 * collections and on `unscopedScan`; `limit` counts the items that pass the filter; the key and isolation fields
 * are refused (the key condition decides them); a planted foreign item that passes the filter is still refused.
 * Wrong paths and wrong value types are the condition builder's own rule (src/access/condition.test.ts): here
 * a positive test and their runtime errors through a filter.
 */
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  defineEntity,
  defineTable,
  IsolationError,
  tenantId,
  type QueryFilter,
  type TenantId,
} from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Note = defineEntity({
  name: "Note",
  schema: z.object({
    ...ids,
    noteId: z.string(),
    status: z.enum(["draft", "published"]),
    tags: z.array(z.string()),
    meta: z.object({ views: z.number().int(), author: z.string() }),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD",
  sk: "NOTE#${noteId}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${meta.author}", sk: "NOTE#${noteId}" } },
});
const Comment = defineEntity({
  name: "Comment",
  schema: z.object({ ...ids, noteId: z.string(), commentId: z.string(), text: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD",
  sk: "NOTE#${noteId}#COMMENT#${commentId}",
});

/** The builder a table query's filter on Note receives. */
type NoteFilterBuilder = Parameters<
  QueryFilter<typeof Note.schema.shape, typeof Note.templates, typeof Note.isolation, "">
>[0];

const t1 = tenantId().parse("t1");
const [c1, c2] = [capsuleId().parse("c1"), capsuleId().parse("c2")];
const scopeIds = { tenantId: t1, capsuleId: c1 };
const note = (index: number) => ({
  ...scopeIds,
  noteId: `n${String(index).padStart(2, "0")}`,
  status: index % 4 === 0 ? ("published" as const) : ("draft" as const),
  tags: index % 2 === 0 ? ["a", "b"] : ["a"],
  meta: { views: index * 10, author: index % 3 === 0 ? "ann" : "bob" },
});

describe("filter commands (no server)", () => {
  const scope = Note.scope(scopeIds, { table: "notes" });

  it("sends the filter as FilterExpression beside the entity type, every name and value a placeholder", () => {
    const command = scope.query({
      sortKey: { noteId: { beginsWith: "n" } },
      filter: (f) => f.and(f.eq("status", "draft"), f.gt("meta.views", 20), f.gt(f.size("tags"), 1)),
    });
    expect(command.KeyConditionExpression).toBe("#pk = :pk AND begins_with(#sk, :sk)");
    expect(command.FilterExpression).toBe(
      "#entityType = :entityType AND (#f0 = :f0 AND #f1.#f2 > :f1 AND size(#f3) > :f2)",
    );
    expect(command.ExpressionAttributeNames).toMatchObject({ "#f0": "status", "#f1": "meta", "#f2": "views" });
    expect(command.ExpressionAttributeValues).toMatchObject({ ":f0": "draft", ":f1": 20, ":f2": 1 });
  });

  it("refuses a key or isolation field of the queried key, and the objects holding one ([filter.keyField])", () => {
    const refused = (path: string) => new RegExp(`^\\[filter\\.keyField\\] the filter names ${path}, `);
    // @ts-expect-error noteId is a field of the table's sort key
    expect(() => scope.query({ filter: (f) => f.eq("noteId", "n1") })).toThrow(refused("noteId"));
    // @ts-expect-error tenantId is an isolation id
    expect(() => scope.query({ filter: (f) => f.exists("tenantId") })).toThrow(refused("tenantId"));
    // @ts-expect-error capsuleId is an isolation id, also inside size()
    expect(() => scope.query({ filter: (f) => f.gt(f.size("capsuleId"), 1) })).toThrow(refused("capsuleId"));
    const ann = { meta: { author: "ann" } };
    // @ts-expect-error meta.author is a field of gsi1's partition key
    expect(() => scope.query({ index: "gsi1", partition: ann, filter: (f) => f.eq("meta.author", "ann") })).toThrow(
      refused("meta.author"),
    );
    // @ts-expect-error meta holds gsi1's key field meta.author
    expect(() => scope.query({ index: "gsi1", partition: ann, filter: (f) => f.exists("meta") })).toThrow(
      refused("meta"),
    );
    // On gsi1, noteId is still a key field (its sort key); status is not.
    // @ts-expect-error noteId is a field of gsi1's sort key
    expect(() => scope.query({ index: "gsi1", partition: ann, filter: (f) => f.eq("noteId", "n1") })).toThrow(
      refused("noteId"),
    );
    expect(
      scope.query({ index: "gsi1", partition: ann, filter: (f) => f.eq("status", "draft") }).FilterExpression,
    ).toContain("#f0 = :f0");
    // On the table, meta.author is no key field: the filter takes it.
    expect(scope.query({ filter: (f) => f.eq("meta.author", "ann") }).FilterExpression).toContain("AND #f0.#f1 = :f0");
  });

  it("checks paths and values as conditions do (the builder's own rule)", () => {
    // @ts-expect-error "titel" is no attribute of Note
    expect(() => scope.query({ filter: (f) => f.eq("titel", "x") })).toThrow(/^\[condition\.unknownPath\].*"titel"/);
    // @ts-expect-error status is "draft" | "published"
    expect(() => scope.query({ filter: (f) => f.eq("status", "archived") })).toThrow(/^\[condition\.valueType\]/);
    // @ts-expect-error meta.views is a number
    expect(() => scope.query({ filter: (f) => f.lt("meta.views", "10") })).toThrow(/^\[condition\.valueType\]/);
    // @ts-expect-error a filter is a function of the builder
    expect(() => scope.query({ filter: { status: "draft" } })).toThrow(/^\[condition\.invalid\]/);
  });
});

describe.each(["dynamodb-local", "dynalite"] as const)("filters on %s", (server) => {
  const Table = defineTable({
    name: uniqueTableName(`filter-${server}`),
    pk: "PK",
    sk: "SK",
    indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
  });
  let local: LocalDynamo;
  let db: ReturnType<typeof connect<typeof Table>>;
  const notes = () => db.entity(Note).scope(scopeIds);

  beforeAll(async () => {
    local = await localDynamo(server);
    await local.createTable(Table);
    db = connect(local.documents, { table: Table });
    await notes().batchPut(Array.from({ length: 20 }, (_, index) => note(index + 1)));
    for (const commentId of ["x", "y"])
      await db
        .entity(Comment)
        .scope(scopeIds)
        .put({ ...scopeIds, noteId: "n04", commentId, text: `LGTM ${commentId}` });
    const other = { tenantId: t1, capsuleId: c2 };
    await db
      .entity(Note)
      .scope(other)
      .put({ ...note(4), ...other });
  });
  afterAll(() => local?.stop());

  it("returns only the items the filter keeps, on the table and on an index", async () => {
    const published = await collect(notes().query({ filter: (f) => f.eq("status", "published") }));
    expect(published.map((item) => item.noteId)).toEqual(["n04", "n08", "n12", "n16", "n20"]);
    expectTypeOf(published[0]!.status).toEqualTypeOf<"draft" | "published">();
    const byAnn = await collect(
      notes().query({
        index: "gsi1",
        partition: { meta: { author: "ann" } },
        filter: (f) => f.and(f.ge("meta.views", 60), f.contains("tags", "b")),
      }),
    );
    expect(byAnn.map((item) => item.noteId)).toEqual(["n06", "n12", "n18"]);
  });

  it("counts limit after the filter, paging underneath, and maxRequests still caps", async () => {
    const filter = (f: NoteFilterBuilder) => f.eq("status", "published");
    const first = await notes().page({ filter, limit: 2 });
    expect(first.items.map((item) => item.noteId)).toEqual(["n04", "n08"]);
    const rest = await notes().page({ filter, limit: 10, cursor: first.cursor! });
    expect(rest.items.map((item) => item.noteId)).toEqual(["n12", "n16", "n20"]);
    expect(rest.cursor).toBeUndefined();
    // One item a request: five requests cannot find three published notes among the first five.
    await expect(collect(notes().query({ filter, limit: 3, pageSize: 1, maxRequests: 5 }))).rejects.toThrow(
      /^\[query\.requestCap\] Note\.query sent its 5 requests \(maxRequests\) and returned 1 of 3 items/,
    );
    const pages = await collect(notes().pages({ filter, limit: 3, pageSize: 8 }));
    expect(pages.map((page) => page.items.map((item) => item.noteId))).toEqual([["n04"], ["n08", "n12"]]);
  });

  it("filters a collection per entity type, the other types unfiltered", async () => {
    const thread = db.collection([Note, Comment]).scope(scopeIds);
    const filtered = await collect(
      thread.query({
        filter: { Note: (f) => f.eq("status", "published"), Comment: (f) => f.beginsWith("text", "LGTM y") },
      }),
    );
    expect(filtered.map((item) => [item.entityType, item.noteId])).toEqual([
      ["Note", "n04"],
      ["Comment", "n04"],
      ["Note", "n08"],
      ["Note", "n12"],
      ["Note", "n16"],
      ["Note", "n20"],
    ]);
    const comments = await collect(thread.query({ filter: { Note: (f) => f.eq("meta.views", -1) } }));
    expect(comments.map((item) => item.entityType)).toEqual(["Comment", "Comment"]);
    // @ts-expect-error noteId is a key field of Comment's table key
    await expect(collect(thread.query({ filter: { Comment: (f) => f.eq("noteId", "n04") } }))).rejects.toThrow(
      /^\[filter\.keyField\] the filter names noteId/,
    );
    // @ts-expect-error [collection.invalid] … has a filter for Draft, which is not in the collection
    await expect(collect(thread.query({ filter: { Draft: (f: never) => f } }))).rejects.toThrow(
      /^\[collection\.invalid\] collection of Note, Comment has a filter for Draft/,
    );
  });

  it("filters an unscoped scan, which still names its reason", async () => {
    const found = await collect(
      db.entity(Note).unscopedScan({
        reason: "find notes read a lot, across capsules",
        filter: (f) => f.and(f.eq("meta.views", 40), f.eq("status", "published")),
      }),
    );
    expect(found.map((item) => [item.capsuleId, item.noteId]).sort()).toEqual([
      [c1, "n04"],
      [c2, "n04"],
    ]);
  });

  it("refuses a planted foreign item that passes the filter", async () => {
    const foreign = tenantId().parse("t2") as TenantId;
    const planted = { ...note(21), noteId: "n21", status: "published" };
    const partition = Note.keys({ ...planted }).pk;
    await local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: { ...planted, tenantId: foreign, entityType: "Note", PK: partition, SK: "NOTE#n21" },
      }),
    );
    await expect(collect(notes().query({ filter: (f) => f.eq("status", "published") }))).rejects.toThrow(
      IsolationError,
    );
    const raw = await local.documents.send(
      new QueryCommand(
        db
          .entity(Note)
          .scope(scopeIds)
          .commands.query({ sortKey: { noteId: "n21" } }),
      ),
    );
    expect(raw.Items).toHaveLength(1);
  });
});
