/**
 * The adapter against real DynamoDB APIs, AWS's DynamoDB Local (the run's shared server) and dynalite (started
 * here): two tenants × three capsules
 * (c1, c2 and c10, so c1 is a string prefix of c10) × three entity types in one table whose key attributes
 * are renamed (PK, SK, GSI1PK, GSI1SK).
 */
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  CapsuleEntityError,
  defineEntity,
  defineTable,
  IsolationError,
  tenantId,
  type CapsuleId,
  type InferItem,
  type TenantId,
} from "capsule-entity";
import { connect, DynamoRequestError, type CheckReason } from "capsule-entity/dynamodb";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";

const Note = defineEntity({
  name: "Note",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    noteId: z.string(),
    title: z.string(),
    tag: z.string(),
    body: z.string().optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${title}#${noteId}" } },
});

/** Shares Note's partition, and its sort keys start like Note's: only the entity-type filter tells them apart. */
const Comment = defineEntity({
  name: "Comment",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    noteId: z.string(),
    at: z.number(),
    commentId: z.string(),
    text: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}#COMMENT#${at}#${commentId}",
});

const Member = defineEntity({
  name: "Member",
  schema: z.object({ tenantId: tenantId(), userId: z.string(), role: z.enum(["admin", "reader"]) }),
  pk: "TENANT#${tenantId}#MEMBERS",
  sk: "USER#${userId}",
  isolation: { level: "tenant", reason: "membership spans the tenant's capsules" },
});

const PlatformTable = defineTable({
  name: uniqueTableName("capsule_it"),
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
});

const tenants = ["t1", "t2"].map((id) => tenantId().parse(id));
const capsules = ["c1", "c2", "c10"].map((id) => capsuleId().parse(id));
const [t1, t2] = tenants as [TenantId, TenantId];
const [c1, c2, c10] = capsules as [CapsuleId, CapsuleId, CapsuleId];
const notesPerCapsule = 25;

// Every case runs on both servers: each supports every operation this suite sends.
describe.each(["dynamodb-local", "dynalite"] as const)("on %s", (server) => {
  let local: LocalDynamo;
  let db: ReturnType<typeof connect<typeof PlatformTable>>;

  beforeAll(async () => {
    local = await localDynamo(server);
    await local.createTable(PlatformTable);
    db = connect(local.documents, { table: PlatformTable });
    const writes: Promise<unknown>[] = [];
    for (const tenant of tenants) {
      writes.push(db.entity(Member).scope({ tenantId: tenant }).put({ tenantId: tenant, userId: "u1", role: "admin" }));
      for (const capsule of capsules) {
        const notes = db.entity(Note).scope({ tenantId: tenant, capsuleId: capsule });
        const comments = db.entity(Comment).scope({ tenantId: tenant, capsuleId: capsule });
        for (let index = 0; index < notesPerCapsule; index++) {
          const noteId = `n${index}`;
          writes.push(
            notes.put({
              tenantId: tenant,
              capsuleId: capsule,
              noteId,
              title: `Title ${index}`,
              tag: index % 2 === 0 ? "red" : "blue",
            }),
          );
          if (index < 12)
            writes.push(
              comments.put({
                tenantId: tenant,
                capsuleId: capsule,
                noteId,
                at: index,
                commentId: "x",
                text: `on ${noteId} in ${capsule}`,
              }),
            );
        }
      }
    }
    await Promise.all(writes);
  });

  afterAll(async () => {
    await local?.stop();
  });

  const collect = async <TItem>(items: AsyncIterable<TItem>): Promise<TItem[]> => {
    const all: TItem[] = [];
    for await (const item of items) all.push(item);
    return all;
  };

  /** Note ids as the sort key orders them (text: n1 < n10 < n2). */
  const ascending = Array.from({ length: notesPerCapsule }, (_, index) => `n${index}`).sort();
  const descendingAfterN8 = [...ascending].reverse().slice(ascending.length - ascending.indexOf("n8"));

  const firstPage = async <TPage>(pages: AsyncIterable<TPage>): Promise<TPage> => {
    for await (const page of pages) return page;
    throw new Error("no page");
  };

  describe("queries stay in their capsule", () => {
    it("returns exactly the scope's own notes, across pages, for every tenant × capsule (c1 never sees c10)", async () => {
      for (const tenant of tenants) {
        for (const capsule of capsules) {
          const notes = db.entity(Note).scope({ tenantId: tenant, capsuleId: capsule });
          const pages = await collect(notes.pages({ pageSize: 7 }));
          const items = pages.flatMap((page) => page.items);
          expect(pages.length).toBeGreaterThanOrEqual(4);
          expect(items).toHaveLength(notesPerCapsule);
          expect(new Set(items.map((note) => note.noteId)).size).toBe(notesPerCapsule);
          expect(
            items.every((note) => note.tenantId === tenant && note.capsuleId === capsule && note.entityType === "Note"),
          ).toBe(true);
        }
      }
    });

    it("skips the other entity types sharing the partition", async () => {
      const comments = await collect(
        db.entity(Comment).scope({ tenantId: t1, capsuleId: c1 }).query({ consistent: true }),
      );
      expect(comments).toHaveLength(12);
      expect(comments.every((comment) => comment.entityType === "Comment" && comment.capsuleId === c1)).toBe(true);
    });

    it("an equality on a leading sort-key field never matches a longer value (n1 vs n10)", async () => {
      const notes = db.entity(Note).scope({ tenantId: t1, capsuleId: c1 });
      expect((await collect(notes.query({ sortKey: { noteId: "n1" } }))).map((note) => note.noteId)).toEqual(["n1"]);
      const comments = await collect(
        db
          .entity(Comment)
          .scope({ tenantId: t1, capsuleId: c1 })
          .query({ sortKey: { noteId: "n1" } }),
      );
      expect(comments.map((comment) => comment.noteId)).toEqual(["n1"]);
    });

    it("begins_with matches partial values only when asked for", async () => {
      const notes = db.entity(Note).scope({ tenantId: t1, capsuleId: c1 });
      const ids = (await collect(notes.query({ sortKey: { noteId: { beginsWith: "n1" } } }))).map(
        (note) => note.noteId,
      );
      expect(ids.sort()).toEqual(["n1", "n10", "n11", "n12", "n13", "n14", "n15", "n16", "n17", "n18", "n19"]);
    });

    it("orders descending and resumes from a cursor; pageSize counts the items read, other entity types included", async () => {
      const notes = db.entity(Note).scope({ tenantId: t2, capsuleId: c10 });
      // Read descending: NOTE#n9#COMMENT…, NOTE#n9, NOTE#n8#COMMENT…, NOTE#n8, NOTE#n7#COMMENT…: five items, two notes.
      const first = await firstPage(notes.pages({ order: "desc", pageSize: 5 }));
      expect(first.items.map((note) => note.noteId)).toEqual(["n9", "n8"]);
      const rest = await collect(notes.query({ order: "desc", pageSize: 5, cursor: first.cursor! }));
      expect(rest.map((note) => note.noteId)).toEqual(descendingAfterN8);
    });

    it("limit counts the items returned, paging underneath: two notes among comments in two requests", async () => {
      const notes = db.entity(Note).scope({ tenantId: t2, capsuleId: c10 });
      const pages = await collect(notes.pages({ order: "desc", limit: 2 }));
      expect(pages.map((page) => page.items.map((note) => note.noteId))).toEqual([["n9"], ["n8"]]);
      expect((await collect(notes.query({ order: "desc", limit: 2 }))).map((note) => note.noteId)).toEqual([
        "n9",
        "n8",
      ]);
      const page = await notes.page({ order: "desc", limit: 2 });
      expect(page.items.map((note) => note.noteId)).toEqual(["n9", "n8"]);
      const rest = await collect(notes.query({ order: "desc", cursor: page.cursor! }));
      expect(rest.map((note) => note.noteId)).toEqual(descendingAfterN8);
      // A page read whole (pageSize 50) and cut at the limit resumes after its last item, skipping nothing.
      const cut = await notes.page({ order: "desc", limit: 2, pageSize: 50 });
      expect(cut.items.map((note) => note.noteId)).toEqual(["n9", "n8"]);
      expect((await collect(notes.query({ order: "desc", cursor: cut.cursor! }))).map((note) => note.noteId)).toEqual(
        descendingAfterN8,
      );
      const all = await notes.page({ limit: 100 });
      expect([all.items.length, all.cursor]).toEqual([notesPerCapsule, undefined]);
    });

    it("maxRequests caps the requests: query() throws, page() returns what it has and its cursor", async () => {
      const notes = db.entity(Note).scope({ tenantId: t2, capsuleId: c10 });
      await expect(collect(notes.query({ order: "desc", limit: 10, pageSize: 1, maxRequests: 3 }))).rejects.toThrow(
        /^\[query\.requestCap\] Note\.query sent its 3 requests \(maxRequests\) and returned 1 of 10 items/,
      );
      const capped = await notes.page({ order: "desc", limit: 10, pageSize: 1, maxRequests: 3 });
      expect(capped.items.map((note) => note.noteId)).toEqual(["n9"]);
      const rest = await notes.page({ order: "desc", limit: 2, cursor: capped.cursor! });
      expect(rest.items.map((note) => note.noteId)).toEqual(["n8", "n7"]);
      await expect(notes.page({ limit: 0 })).rejects.toThrow(/^\[query\.invalidOption\] Note query limit is 0/);
      await expect(notes.page({ pageSize: 1.5 })).rejects.toThrow(/query pageSize is 1\.5/);
      await expect(notes.page({ maxRequests: -1 })).rejects.toThrow(/query maxRequests is -1/);
    });

    it("sort-key ranges bound whole values on DynamoDB (n1 and n10 never confused)", async () => {
      const notes = db.entity(Note).scope({ tenantId: t1, capsuleId: c1 });
      const ids = async (sortKey: object) =>
        (await collect(notes.query({ sortKey } as never))).map((note) => (note as { noteId: string }).noteId);
      expect(await ids({ noteId: { gt: "n1" } })).toEqual(ascending.filter((id) => id > "n1"));
      expect(await ids({ noteId: { gte: "n1" } })).toEqual(ascending.filter((id) => id >= "n1"));
      expect(await ids({ noteId: { lt: "n10" } })).toEqual(["n0", "n1"]);
      expect(await ids({ noteId: { lte: "n10" } })).toEqual(["n0", "n1", "n10"]);
      expect(await ids({ noteId: { between: ["n1", "n12"] } })).toEqual(["n1", "n10", "n11", "n12"]);
      // Comments sort under their note (NOTE#n1#COMMENT#…): ranges on noteId never split a note from them.
      const comments = db.entity(Comment).scope({ tenantId: t1, capsuleId: c1 });
      expect(
        (await collect(comments.query({ sortKey: { noteId: { between: ["n1", "n10"] } } }))).map((c) => c.noteId),
      ).toEqual(["n1", "n10"]);
    });

    it("refuses a cursor from another capsule (c10's cursor in c1) or another index", async () => {
      const cursor = (await firstPage(db.entity(Note).scope({ tenantId: t1, capsuleId: c10 }).pages({ limit: 3 })))
        .cursor!;
      const c1Notes = db.entity(Note).scope({ tenantId: t1, capsuleId: c1 });
      await expect(collect(c1Notes.query({ cursor }))).rejects.toThrow(IsolationError);
      await expect(collect(c1Notes.query({ cursor }))).rejects.toThrow(/\[isolation\.foreignCursor\]/);
      await expect(collect(c1Notes.query({ index: "gsi1", partition: { tag: "red" }, cursor }))).rejects.toThrow(
        /\[query\.invalidCursor\]/,
      );
    });

    it("queries an index, its partition still pinned to the scope", async () => {
      const notes = db.entity(Note).scope({ tenantId: t2, capsuleId: c1 });
      const red = await collect(notes.query({ index: "gsi1", partition: { tag: "red" }, pageSize: 4 }));
      expect(red).toHaveLength(13);
      expect(red.every((note) => note.tag === "red" && note.tenantId === t2 && note.capsuleId === c1)).toBe(true);
      const titled = await collect(
        notes.query({ index: "gsi1", partition: { tag: "blue" }, sortKey: { title: "Title 1" } }),
      );
      expect(titled.map((note) => note.noteId)).toEqual(["n1"]);
      const prefixed = await collect(
        notes.query({ index: "gsi1", partition: { tag: "blue" }, sortKey: { title: { beginsWith: "Title 1" } } }),
      );
      expect(prefixed.map((note) => note.noteId).sort()).toEqual(["n1", "n11", "n13", "n15", "n17", "n19"]);
    });

    it("tenant-level entities are confined to their tenant", async () => {
      const members = await collect(db.entity(Member).scope({ tenantId: t2 }).query({}));
      expect(members.map((member) => [member.tenantId, member.userId])).toEqual([[t2, "u1"]]);
    });
  });

  describe("writes", () => {
    const notes = () => db.entity(Note).scope({ tenantId: t1, capsuleId: c2 });

    it("put with ifNotExists refuses to overwrite, naming entity and operation", async () => {
      const error = await notes()
        .put({ tenantId: t1, capsuleId: c2, noteId: "n0", title: "again", tag: "red" }, { ifNotExists: true })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DynamoRequestError);
      expect((error as DynamoRequestError).code).toBe("dynamodb.conditionFailed");
      expect((error as DynamoRequestError).message).toContain("Note.put");
      expect((error as DynamoRequestError).cause).toMatchObject({ name: "ConditionalCheckFailedException" });
      expect((await notes().get({ noteId: "n0" }, { consistent: true }))?.title).toBe("Title 0");
    });

    it("update sets and removes fields and rebuilds the index keys it depends on", async () => {
      const updated = await notes().update({ noteId: "n3" }, { title: "Renamed", tag: "green", body: "text" });
      expect(updated).toMatchObject({
        noteId: "n3",
        title: "Renamed",
        tag: "green",
        body: "text",
        gsi1sk: "Renamed#n3",
      });
      const green = await collect(notes().query({ index: "gsi1", partition: { tag: "green" } }));
      expect(green.map((note) => note.noteId)).toEqual(["n3"]);
      const removed = await notes().update({ noteId: "n3" }, { body: undefined });
      expect(removed).not.toHaveProperty("body");
    });

    it("update refuses key fields, partial index fields, and missing items", async () => {
      await expect(notes().update({ noteId: "n3" }, { noteId: "n4" } as never)).rejects.toThrow(/\[update\.keyField\]/);
      await expect(notes().update({ noteId: "n3" }, { tag: "a#b" })).rejects.toThrow(
        /\[key\.invalidValue\] indexes\.gsi1\.pk value for tag contains "#"/,
      );
      await expect(notes().update({ noteId: "missing" }, { title: "x", tag: "y" })).rejects.toMatchObject({
        code: "dynamodb.conditionFailed",
      });
      expect(await notes().get({ noteId: "missing" })).toBeUndefined();
    });

    it("delete removes the item, never an item of another entity type at the same key", async () => {
      await notes().put({ tenantId: t1, capsuleId: c2, noteId: "gone", title: "x", tag: "red" });
      await notes().delete({ noteId: "gone" });
      expect(await notes().get({ noteId: "gone" })).toBeUndefined();
      const other = { PK: "TENANT#t1#CAPSULE#c2#NOTES", SK: "NOTE#shared", entityType: "Other" };
      await local.documents.send(new PutCommand({ TableName: PlatformTable.name, Item: other }));
      await expect(notes().delete({ noteId: "shared" })).rejects.toMatchObject({ code: "dynamodb.conditionFailed" });
      expect(await notes().get({ noteId: "shared" })).toBeUndefined(); // another type at the key is skipped, not returned
      await local.documents.send(
        new DeleteCommand({ TableName: PlatformTable.name, Key: { PK: other.PK, SK: other.SK } }),
      );
    });
  });

  describe("foreign items planted with the raw client", () => {
    const c1Notes = () => db.entity(Note).scope({ tenantId: t1, capsuleId: c1 });
    /** c2's note, stored under c1's partition: what a bug or an attacker with raw write access would leave. */
    const planted = {
      PK: "TENANT#t1#CAPSULE#c1#NOTES",
      SK: "NOTE#planted",
      GSI1PK: "TENANT#t1#CAPSULE#c2#TAG#red",
      GSI1SK: "Planted#planted",
      entityType: "Note",
      tenantId: "t1",
      capsuleId: "c2",
      noteId: "planted",
      title: "Planted",
      tag: "red",
    };

    it("throw IsolationError and are never returned, by get, query and index query alike", async () => {
      await local.documents.send(new PutCommand({ TableName: PlatformTable.name, Item: planted }));
      try {
        await expect(c1Notes().get({ noteId: "planted" })).rejects.toThrow(IsolationError);
        const seen: string[] = [];
        const reading = (async () => {
          for await (const note of c1Notes().query({})) seen.push(note.noteId);
        })();
        await expect(reading).rejects.toThrow(/\[isolation\.keyMismatch\] stored pk/);
        expect(seen).not.toContain("planted");
        // Its forged index key puts it in c2's index partition: c2's index query refuses it too.
        const c2Red = collect(
          db
            .entity(Note)
            .scope({ tenantId: t1, capsuleId: c2 })
            .query({ index: "gsi1", partition: { tag: "red" } }),
        );
        await expect(c2Red).rejects.toThrow(IsolationError);
        // Writes through c1's scope leave it alone: put's, update's and delete's conditions require the scope's ids.
        await expect(c1Notes().update({ noteId: "planted" }, { title: "x", tag: "red" })).rejects.toMatchObject({
          code: "dynamodb.conditionFailed",
        });
        await expect(c1Notes().delete({ noteId: "planted" })).rejects.toMatchObject({
          code: "dynamodb.conditionFailed",
        });
        const replacement = { tenantId: t1, capsuleId: c1, noteId: "planted", title: "Mine", tag: "red" };
        await expect(c1Notes().put(replacement)).rejects.toMatchObject({ code: "dynamodb.conditionFailed" });
        const left = await local.documents.send(
          new GetCommand({ TableName: PlatformTable.name, Key: { PK: planted.PK, SK: planted.SK } }),
        );
        expect(left.Item).toMatchObject({ noteId: "planted", capsuleId: "c2" });
        // Other capsules' reads are untouched.
        expect(await collect(db.entity(Note).scope({ tenantId: t1, capsuleId: c10 }).query({}))).toHaveLength(
          notesPerCapsule,
        );
      } finally {
        await local.documents.send(
          new DeleteCommand({ TableName: PlatformTable.name, Key: { PK: planted.PK, SK: planted.SK } }),
        );
      }
    });

    it("items of other entity types in the partition are skipped", async () => {
      const other = { PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "NOTE#zz", entityType: "Invoice", tenantId: "t2" };
      await local.documents.send(new PutCommand({ TableName: PlatformTable.name, Item: other }));
      try {
        expect(await collect(c1Notes().query({}))).toHaveLength(notesPerCapsule);
        expect(await c1Notes().get({ noteId: "zz" })).toBeUndefined();
      } finally {
        await local.documents.send(
          new DeleteCommand({ TableName: PlatformTable.name, Key: { PK: other.PK, SK: other.SK } }),
        );
      }
    });
  });

  describe("every operation refuses ids from another scope", () => {
    const c1Notes = () => db.entity(Note).scope({ tenantId: t1, capsuleId: c1 });
    const foreign = { tenantId: t1, capsuleId: c10 };

    it("put, get, update, delete, query and index query", async () => {
      const attempts: [string, () => Promise<unknown>, RegExp?][] = [
        ["put", () => c1Notes().put({ ...foreign, noteId: "x", title: "x", tag: "red" })],
        [
          "put of another tenant",
          () => c1Notes().put({ tenantId: t2, capsuleId: c1, noteId: "x", title: "x", tag: "red" }),
        ],
        ["get", () => c1Notes().get({ noteId: "n0", ...foreign } as never)],
        ["update key", () => c1Notes().update({ noteId: "n0", ...foreign } as never, { body: "x" })],
        ["update changes", () => c1Notes().update({ noteId: "n0" }, { capsuleId: c10 } as never)],
        ["delete", () => c1Notes().delete({ noteId: "n0", ...foreign } as never)],
        // The scope's ids in a partition are `query.partition` ("an id the scope already gives"), equal or not.
        ["query partition", () => collect(c1Notes().query({ partition: foreign } as never)), /^query\.partition$/],
        ["query sort key", () => collect(c1Notes().query({ sortKey: { noteId: "n0", ...foreign } } as never))],
        [
          "index query",
          () => collect(c1Notes().query({ index: "gsi1", partition: { tag: "red", ...foreign } } as never)),
          /^query\.partition$/,
        ],
      ];
      for (const [name, attempt, code = /^isolation\.|^update\.keyField$/] of attempts) {
        const error = await attempt().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error, name).toBeInstanceOf(CapsuleEntityError);
        expect((error as CapsuleEntityError).code, name).toMatch(code);
      }
      const { Item } = await local.documents.send(
        new GetCommand({ TableName: PlatformTable.name, Key: { PK: "TENANT#t1#CAPSULE#c10#NOTES", SK: "NOTE#x" } }),
      );
      expect(Item).toBeUndefined();
      expect((await c1Notes().get({ noteId: "n0" }))?.body).toBeUndefined();
    });

    it("a scope's ids are checked like key values", () => {
      expect(() => db.entity(Note).scope({ tenantId: t1, capsuleId: "c1#CAPSULE#c2" as CapsuleId })).toThrow(
        /\[key\.invalidValue\]/,
      );
    });
  });

  describe("a table given by name", () => {
    it("stores the entity's own key names (pk, sk, gsi1pk, gsi1sk)", async () => {
      const plain = defineTable({ name: `${PlatformTable.name}_plain`, indexes: { gsi1: {} } });
      await local.createTable(plain);
      const notes = connect(local.documents, { table: plain.name }).entity(Note).scope({ tenantId: t1, capsuleId: c1 });
      await notes.put({ tenantId: t1, capsuleId: c1, noteId: "n1", title: "T", tag: "red" });
      const { Item } = await local.documents.send(
        new GetCommand({ TableName: plain.name, Key: { pk: "TENANT#t1#CAPSULE#c1#NOTES", sk: "NOTE#n1" } }),
      );
      expect(Item).toMatchObject({ gsi1pk: "TENANT#t1#CAPSULE#c1#TAG#red", gsi1sk: "T#n1", entityType: "Note" });
      expect(
        (await collect(notes.query({ index: "gsi1", partition: { tag: "red" } }))).map((note) => note.noteId),
      ).toEqual(["n1"]);
    });
  });

  describe("nested isolation fields", () => {
    const Doc = defineEntity({
      name: "Doc",
      schema: z.object({
        context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }),
        docId: z.string(),
        title: z.string(),
      }),
      pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#DOCS",
      sk: "DOC#${docId}",
    });

    it("put, update (its condition reads context.tenantId / context.capsuleId) and query", async () => {
      const docs = db.entity(Doc).scope({ tenantId: t2, capsuleId: c2 });
      await docs.put({ context: { tenantId: t2, capsuleId: c2 }, docId: "d1", title: "First" });
      expect(await docs.update({ docId: "d1" }, { title: "Second" })).toMatchObject({
        context: { tenantId: t2, capsuleId: c2 },
        title: "Second",
      });
      const stored = await local.documents.send(
        new GetCommand({ TableName: PlatformTable.name, Key: { PK: "TENANT#t2#CAPSULE#c2#DOCS", SK: "DOC#d1" } }),
      );
      await local.documents.send(
        new PutCommand({
          TableName: PlatformTable.name,
          Item: { ...stored.Item, SK: "DOC#d2", docId: "d2", context: { tenantId: "t2", capsuleId: "c1" } },
        }),
      );
      await expect(docs.update({ docId: "d2" }, { title: "x" })).rejects.toMatchObject({
        code: "dynamodb.conditionFailed",
      });
      await expect(collect(docs.query({ sortKey: { docId: "d1" } }))).resolves.toHaveLength(1);
      await expect(collect(docs.query({}))).rejects.toThrow(IsolationError);
      await local.documents.send(
        new DeleteCommand({ TableName: PlatformTable.name, Key: { PK: "TENANT#t2#CAPSULE#c2#DOCS", SK: "DOC#d2" } }),
      );
    });
  });

  describe("types", () => {
    it("items are the entity's items, commands use the table's key names, sort-key conditions follow the template", () => {
      const notes = db.entity(Note).scope({ tenantId: t1, capsuleId: c1 });
      expectTypeOf(notes.get).returns.resolves.toEqualTypeOf<InferItem<typeof Note> | undefined>();
      expectTypeOf(notes.commands.get({ noteId: "n1" }).Key).toEqualTypeOf<{
        readonly PK: `TENANT#${string}#CAPSULE#${string}#NOTES`;
        readonly SK: `NOTE#${string}`;
      }>();
      expectTypeOf<{ sortKey: { noteId: string } }>().toExtend<Parameters<typeof notes.query>[0]>();
      expectTypeOf<{ sortKey: { title: string } }>().not.toExtend<Parameters<typeof notes.query>[0]>(); // title is gsi1's
      expectTypeOf<{ index: "gsi1"; partition: { tag: string }; sortKey: { title: string } }>().toExtend<
        Parameters<typeof notes.query>[0]
      >();
      expectTypeOf<{ index: "gsi1"; sortKey: { title: string } }>().not.toExtend<Parameters<typeof notes.query>[0]>(); // partition.tag is needed
      expectTypeOf<{ sortKey: { noteId: { beginsWith: string } } }>().toExtend<Parameters<typeof notes.query>[0]>();
      expect(notes.commands.get({ noteId: "n1" }).Key).toEqual({ PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "NOTE#n1" });
    });
  });

  describe("scans and errors", () => {
    it("an unscoped scan needs a reason, and returns every tenant's notes, validated", async () => {
      const noReason =
        '[dynamodb.scanReason] scanning every partition needs a non-empty reason written as a literal | say why this read may cross isolation boundaries | e.g. unscopedScan({ reason: "nightly export to the data lake" })';
      expectTypeOf<CheckReason<"">>().toEqualTypeOf<typeof noReason>();
      expectTypeOf<CheckReason<string>>().toEqualTypeOf<typeof noReason>();
      // @ts-expect-error an unscoped scan must state its reason as a non-empty literal
      await expect(collect(db.entity(Note).unscopedScan({ reason: "" }))).rejects.toThrow(noReason);
      await expect(collect(db.entity(Note).unscopedScan({ reason: " " }))).rejects.toThrow(noReason);
      const all = await collect(db.entity(Note).unscopedScan({ reason: "test: count every note", pageSize: 40 }));
      expect(all.length).toBeGreaterThanOrEqual(tenants.length * capsules.length * notesPerCapsule - 2);
      expect(all.every((note) => note.entityType === "Note")).toBe(true);
    });

    it("DynamoDB errors surface with entity, operation and scope named, the AWS error as cause", async () => {
      const missing = connect(local.documents, { table: "no_such_table" });
      const error = await missing
        .entity(Note)
        .scope({ tenantId: t1, capsuleId: c1 })
        .get({ noteId: "n1" })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DynamoRequestError);
      expect((error as Error).message).toMatch(
        /^\[dynamodb\.request\] Note\.get in scope \{"tenantId":"t1","capsuleId":"c1"\} failed: ResourceNotFoundException/,
      );
      expect((error as Error).cause).toMatchObject({ name: "ResourceNotFoundException" });
    });

    it("an entity that does not fit the table is refused at compile time and at runtime", () => {
      const Loose = defineEntity({
        name: "Loose",
        schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
        pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#LOOSE#${id}",
      });
      // @ts-expect-error Loose has no sk template, but the table keys items by sk
      expect(() => db.entity(Loose)).toThrow("[table.missingKey] Loose has no sk template, but table");
    });
  });
});
