/**
 * Collections on AWS's DynamoDB Local: notes and their comments in one partition, read by one query, each item
 * verified by its own entity; a planted foreign item is refused.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, IsolationError, tenantId, type InferItem } from "capsule-entity";
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

  it("refuses entities that cannot share one query (type errors too: fixture compile-fail/collections.ts)", () => {
    // @ts-expect-error [collection.invalid] … mixes partition keys
    expect(() => dynamo.db.collection([Note, Elsewhere])).toThrow(
      /^\[collection\.invalid\] collection of Note, Elsewhere mixes partition keys …#THREAD and …#OTHER: one query reads one \| /,
    );
    // @ts-expect-error [collection.invalid] … lists Note twice
    expect(() => dynamo.db.collection([Note, Note])).toThrow(/lists Note twice/);
    // @ts-expect-error [collection.invalid] … has no entities
    expect(() => dynamo.db.collection([])).toThrow(/has no entities/);
  });
});

// A collection over a shared index partition: an author's posts and replies, by time, across entity types.
const Post = defineEntity({
  name: "Post",
  schema: z.object({ ...ids, postId: z.string(), author: z.string(), at: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#POST#${postId}",
  sk: "POST",
  indexes: {
    byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR#${author}", sk: "${at}" },
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#POSTS", sk: "${at}" },
  },
});
const Reply = defineEntity({
  name: "Reply",
  schema: z.object({ ...ids, postId: z.string(), replyId: z.string(), author: z.string(), at: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#POST#${postId}",
  sk: "REPLY#${replyId}",
  indexes: {
    byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR#${author}", sk: "${at}" },
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#REPLIES", sk: "${at}" },
  },
});
const IndexTable = defineTable({
  name: uniqueTableName("collectionindex"),
  pk: "PK",
  sk: "SK",
  indexes: { byAuthor: { pk: "A_PK", sk: "A_SK" }, byStatus: { pk: "S_PK", sk: "S_SK", projection: "KEYS_ONLY" } },
});

describe("a collection over a shared index partition, on DynamoDB Local", () => {
  const dynamo = localTable(IndexTable);
  const own = { tenantId: t1, capsuleId: c1 };
  const feed = () => dynamo.db.collection([Post, Reply]).scope(own);

  beforeAll(async () => {
    for (const capsule of [c1, c10]) {
      const scope = { tenantId: t1, capsuleId: capsule };
      await dynamo.db
        .entity(Post)
        .scope(scope)
        .put({ ...scope, postId: "p1", author: "ann", at: "2026-01", title: `p1 in ${capsule}` });
      await dynamo.db
        .entity(Post)
        .scope(scope)
        .put({ ...scope, postId: "p2", author: "bob", at: "2026-02", title: "p2" });
      await dynamo.db
        .entity(Reply)
        .scope(scope)
        .put({ ...scope, postId: "p2", replyId: "r1", author: "ann", at: "2026-03" });
      await dynamo.db
        .entity(Reply)
        .scope(scope)
        .put({ ...scope, postId: "p1", replyId: "r2", author: "ann", at: "2026-04" });
    }
  });

  it("reads an author's posts and replies of one capsule in one index query, by the index's sort key", async () => {
    const items = await collect(feed().query({ index: "byAuthor", partition: { author: "ann" } }));
    expect(items.map((item) => [item.entityType, item.at, item.capsuleId])).toEqual([
      ["Post", "2026-01", c1],
      ["Reply", "2026-03", c1],
      ["Reply", "2026-04", c1],
    ]);
    expectTypeOf(items[0]!.entityType).toEqualTypeOf<"Post" | "Reply">();
    const first = await feed().page({ index: "byAuthor", partition: { author: "ann" }, limit: 2, order: "desc" });
    expect(first.items.map((item) => item.at)).toEqual(["2026-04", "2026-03"]);
    const rest = await feed().page({
      index: "byAuthor",
      partition: { author: "ann" },
      order: "desc",
      cursor: first.cursor!,
    });
    expect(rest.items.map((item) => item.at)).toEqual(["2026-01"]);
    const filtered = await collect(
      feed().query({ index: "byAuthor", partition: { author: "ann" }, filter: { Post: (f) => f.eq("title", "none") } }),
    );
    expect(filtered.map((item) => item.entityType)).toEqual(["Reply", "Reply"]);
    // A cursor of the table's collection query (p1's post and its replies) is not one of the index's.
    const table = await feed().page({ partition: { postId: "p1" }, limit: 1 });
    expect(table.items.map((item) => item.entityType)).toEqual(["Post"]);
    await expect(
      feed().page({ index: "byAuthor", partition: { author: "ann" }, cursor: table.cursor! }),
    ).rejects.toThrow(/^\[query\.invalidCursor\]/);
  });

  it("unscopedScan reads an index (every capsule's replies in byAuthor), verified; a partial index is refused", async () => {
    const replies = await collect(
      dynamo.db.entity(Reply).unscopedScan({ reason: "test: every reply with an author", index: "byAuthor" }),
    );
    expectTypeOf(replies).toEqualTypeOf<InferItem<typeof Reply>[]>();
    expect(replies.map((reply) => `${reply.capsuleId}/${reply.replyId}`).sort()).toEqual([
      "c1/r1",
      "c1/r2",
      "c10/r1",
      "c10/r2",
    ]);
    const scan = (index: string) => () =>
      collect(dynamo.db.entity(Reply).unscopedScan({ reason: "test", index: index as "byAuthor" }));
    await expect(scan("byStatus")).rejects.toThrow(
      /^\[table\.projection\] Reply uses index byStatus, whose projection is KEYS_ONLY: unscopedScan reads whole items/,
    );
    await expect(scan("byAuthr")).rejects.toThrow(/^\[query\.unknownIndex\] Reply has no index "byAuthr"/);
    // @ts-expect-error [query.unknownIndex] Reply has no index "byAuthr" (fixture compile-fail/collections.ts)
    void dynamo.db.entity(Reply).unscopedScan({ reason: "test", index: "byAuthr" });
  });

  it("refuses a planted foreign item in the index partition (c10's reply under c1's author key)", async () => {
    await dynamo.local.documents.send(
      new PutCommand({
        TableName: IndexTable.name,
        Item: {
          PK: "TENANT#t1#CAPSULE#c10#POST#p9",
          SK: "REPLY#r9",
          A_PK: "TENANT#t1#CAPSULE#c1#AUTHOR#eve",
          A_SK: "2026-05",
          ...{ tenantId: t1, capsuleId: c10, postId: "p9", replyId: "r9", author: "eve", at: "2026-05" },
          entityType: "Reply",
        },
      }),
    );
    await expect(collect(feed().query({ index: "byAuthor", partition: { author: "eve" } }))).rejects.toThrow(
      IsolationError,
    );
    // The scan of the index stops at it too (its index key is not the one its attributes build).
    await expect(
      collect(dynamo.db.entity(Reply).unscopedScan({ reason: "test: every reply", index: "byAuthor" })),
    ).rejects.toThrow(IsolationError);
  });

  it("refuses an index the entities do not share, or one that does not project whole items", async () => {
    // @ts-expect-error [collection.invalid] … mixes index byStatus partition keys
    await expect(collect(feed().query({ index: "byStatus" }))).rejects.toThrow(
      /^\[collection\.invalid\] collection of Post, Reply mixes index byStatus partition keys …#POSTS and …#REPLIES: /,
    );
    const sameStatus = defineEntity({
      name: "Flag",
      schema: z.object({ ...ids, postId: z.string(), at: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#POST#${postId}",
      sk: "FLAG",
      indexes: { byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#POSTS", sk: "${at}" } },
    });
    await expect(
      // @ts-expect-error [collection.invalid] … queries index byStatus, which projects KEYS_ONLY
      collect(dynamo.db.collection([Post, sameStatus]).scope(own).query({ index: "byStatus" })),
    ).rejects.toThrow(/queries index byStatus, which projects KEYS_ONLY: a collection reads whole items/);
    const mixed = dynamo.db.collection([Post, sameStatus]).scope(own);
    // @ts-expect-error [collection.invalid] … queries index "byAuthor", which Flag does not have
    const byAuthor = mixed.query({ index: "byAuthor", partition: { author: "ann" } });
    await expect(collect(byAuthor)).rejects.toThrow(/queries index "byAuthor", which Flag does not have/);
  });
});
