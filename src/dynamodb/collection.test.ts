/**
 * Collections on AWS's DynamoDB Local: notes and their comments in one partition, read by one query, each item
 * verified by its own entity; a planted foreign item is refused.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, IsolationError, tenantId } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, noteId: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD",
  sk: "NOTE#${noteId}",
});
const Comment = defineEntity({
  name: "Comment",
  schema: z.object({ ...ids, noteId: z.string(), commentId: z.string(), text: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD",
  sk: "NOTE#${noteId}#COMMENT#${commentId}",
});
/** Same partition, but not in the collection: the query's filter leaves it out. */
const Draft = defineEntity({
  name: "Draft",
  schema: z.object({ ...ids, draftId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD",
  sk: "NOTE#draft#${draftId}",
});
const Elsewhere = defineEntity({
  name: "Elsewhere",
  schema: z.object({ ...ids, id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#OTHER",
  sk: "X#${id}",
});

const Table = defineTable({ name: uniqueTableName("collection"), pk: "PK", sk: "SK" });
const t1 = tenantId().parse("t1");
const [c1, c10] = [capsuleId().parse("c1"), capsuleId().parse("c10")];

describe("collections on DynamoDB Local", () => {
  const dynamo = localTable(Table);

  beforeAll(async () => {
    for (const capsule of [c1, c10]) {
      const scope = { tenantId: t1, capsuleId: capsule };
      for (const noteId of ["n1", "n2"]) {
        await dynamo.db
          .entity(Note)
          .scope(scope)
          .put({ ...scope, noteId, title: `${noteId} in ${capsule}` });
        for (const commentId of ["a", "b"])
          await dynamo.db
            .entity(Comment)
            .scope(scope)
            .put({ ...scope, noteId, commentId, text: `${commentId} on ${noteId}` });
      }
      await dynamo.db
        .entity(Draft)
        .scope(scope)
        .put({ ...scope, draftId: "d1" });
    }
  });

  it("reads notes and comments of one capsule in one query, as a union discriminated by entityType", async () => {
    const thread = dynamo.db.collection([Note, Comment]).scope({ tenantId: t1, capsuleId: c1 });
    const items = await collect(thread.query());
    expect(items.map((item) => [item.entityType, item.noteId, item.capsuleId])).toEqual([
      ["Note", "n1", c1],
      ["Comment", "n1", c1],
      ["Comment", "n1", c1],
      ["Note", "n2", c1],
      ["Comment", "n2", c1],
      ["Comment", "n2", c1],
    ]);
    const texts = items.flatMap((item) => {
      expectTypeOf(item.entityType).toEqualTypeOf<"Note" | "Comment">();
      if (item.entityType === "Comment") {
        expectTypeOf(item.text).toEqualTypeOf<string>();
        return [item.text];
      }
      // @ts-expect-error a note has no text: the union narrows on entityType
      void item.text;
      return [];
    });
    expect(texts).toEqual(["a on n1", "b on n1", "a on n2", "b on n2"]);
  });

  it("limit counts the collection's items; a page resumes after its last item", async () => {
    const thread = dynamo.db.collection([Note, Comment]).scope({ tenantId: t1, capsuleId: c1 });
    const first = await thread.page({ limit: 4 });
    expect(first.items.map((item) => item.entityType)).toEqual(["Note", "Comment", "Comment", "Note"]);
    const rest = await thread.page({ cursor: first.cursor! });
    expect(rest.items.map((item) => item.entityType)).toEqual(["Comment", "Comment"]);
    expect(rest.cursor).toBeUndefined();
  });

  it("refuses a planted foreign item: c10's comment stored under c1's partition", async () => {
    await dynamo.local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: {
          PK: "TENANT#t1#CAPSULE#c1#THREAD",
          SK: "NOTE#n9#COMMENT#z",
          tenantId: "t1",
          capsuleId: "c10",
          noteId: "n9",
          commentId: "z",
          text: "planted",
          entityType: "Comment",
        },
      }),
    );
    const thread = dynamo.db.collection([Note, Comment]).scope({ tenantId: t1, capsuleId: c1 });
    await expect(collect(thread.query())).rejects.toThrow(IsolationError);
    // c10's own collection is untouched by it.
    const c10Items = await collect(
      dynamo.db.collection([Note, Comment]).scope({ tenantId: t1, capsuleId: c10 }).query(),
    );
    expect(c10Items.every((item) => item.capsuleId === c10)).toBe(true);
    expect(c10Items).toHaveLength(6);
  });

  it("refuses entities that cannot share one query", () => {
    expect(() => dynamo.db.collection([Note, Elsewhere])).toThrow(
      /^\[collection\.invalid\] collection of Note, Elsewhere mixes partition keys .*#THREAD and .*#OTHER: one query reads one \| /,
    );
    expect(() => dynamo.db.collection([Note, Note])).toThrow(/lists Note twice/);
    // @ts-expect-error a collection lists at least one entity
    expect(() => dynamo.db.collection([])).toThrow(/has no entities/);
  });
});
