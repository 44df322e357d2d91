/**
 * Keys at DynamoDB's size limits (partition key 2,048 UTF-8 bytes, sort key 1,024), on DynamoDB Local and
 * dynalite, generated: every adapter operation given a key exactly at its limit works, and one byte over is
 * `[key.tooLong]` naming the key, its size and the limit, before any request. Before, the builders checked only
 * the keys of a whole item (`keys()`, `put`): a get, update, delete, batch read, transaction key, query partition
 * or sort-key condition over the limit reached DynamoDB and came back as `dynamodb.request` (DynamoDB Local's
 * ValidationException; dynalite answered queries with nothing). Sizes are UTF-8 bytes: the fillers mix
 * one-, two- and four-byte characters.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, KeyValueError, tenantId } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const Note = defineEntity({
  name: "Note",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string(), tag: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { byTag: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${noteId}" } },
});
const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const sortLimit = 1024;
const partitionLimit = 2048;

/** A value of exactly `bytes` UTF-8 bytes, made of `char` (padded with "a"). */
function filled(bytes: number, char: string): string {
  const size = Buffer.byteLength(char);
  const value = char.repeat(Math.floor(bytes / size));
  return value + "a".repeat(bytes - Buffer.byteLength(value));
}
/** The noteId whose `sk` ("NOTE#…") is `bytes` long; the tag whose index pk is. */
const noteIdOf = (bytes: number, char: string): string => filled(bytes - "NOTE#".length, char);
const tagOf = (bytes: number, char: string): string => filled(bytes - "TENANT#t1#CAPSULE#c1#TAG#".length, char);

const Table = defineTable({ name: uniqueTableName("key_size"), pk: "PK", sk: "SK", indexes: { byTag: {} } });
/** Each operation, given the noteId to use (a sort key) or the tag (an index partition key). */
type Operation = (db: ReturnType<typeof localTable<typeof Table>>["db"], value: string) => Promise<unknown>;
const sortKeyOperations: Readonly<Record<string, Operation>> = {
  put: (db, noteId) =>
    db
      .entity(Note)
      .scope(ids)
      .put({ ...ids, noteId, tag: "t" }),
  get: (db, noteId) => db.entity(Note).scope(ids).get({ noteId }),
  update: (db, noteId) => db.entity(Note).scope(ids).update({ noteId }, { tag: "u" }),
  delete: (db, noteId) => db.entity(Note).scope(ids).delete({ noteId }),
  batchGet: (db, noteId) => db.entity(Note).scope(ids).batchGet([{ noteId }]),
  batchPut: (db, noteId) =>
    db
      .entity(Note)
      .scope(ids)
      .batchPut([{ ...ids, noteId, tag: "t" }]),
  batchDelete: (db, noteId) => db.entity(Note).scope(ids).batchDelete([{ noteId }]),
  "transaction put": async (db, noteId) => {
    const tx = db.transaction(ids);
    tx.entity(Note).put({ ...ids, noteId, tag: "t" });
    await tx.commit();
  },
  "transaction delete": async (db, noteId) => {
    const tx = db.transaction(ids);
    tx.entity(Note).delete({ noteId });
    await tx.commit();
  },
  transactGet: (db, noteId) => db.transactGet(ids, (tx) => [tx.entity(Note).get({ noteId })]),
  "keys()": async (db, noteId) => db.entity(Note).scope(ids).commands.keys({ noteId, tag: "t" }),
  "query sortKey =": (db, noteId) => collect(db.entity(Note).scope(ids).query({ sortKey: { noteId } })),
  "query beginsWith": (db, noteId) =>
    collect(
      db
        .entity(Note)
        .scope(ids)
        .query({ sortKey: { noteId: { beginsWith: noteId } } }),
    ),
  "query between": (db, noteId) =>
    collect(
      db
        .entity(Note)
        .scope(ids)
        .query({ sortKey: { noteId: { between: ["a", noteId] } } }),
    ),
  "query lte": (db, noteId) =>
    collect(
      db
        .entity(Note)
        .scope(ids)
        .query({ sortKey: { noteId: { lte: noteId } } }),
    ),
};
const partitionOperations: Readonly<Record<string, Operation>> = {
  "put (index pk)": (db, tag) =>
    db
      .entity(Note)
      .scope(ids)
      .put({ ...ids, noteId: "n1", tag }),
  "query index partition": (db, tag) =>
    collect(db.entity(Note).scope(ids).query({ index: "byTag", partition: { tag } })),
  "update (index pk)": (db, tag) => db.entity(Note).scope(ids).update({ noteId: "n1" }, { tag }),
};

for (const kind of ["dynamodb-local", "dynalite"] as const)
  describe(`keys at DynamoDB's limits on ${kind}`, () => {
    const dynamo = localTable(Table, kind);
    for (const char of ["a", "é", "😀"]) {
      // dynalite has no transactions (UnknownOperationException).
      for (const [name, run] of Object.entries(sortKeyOperations).filter(
        ([name]) => kind === "dynamodb-local" || !/^trans/.test(name),
      )) {
        it(`${name}: a sort key of 1,024 bytes (${char}) is sent`, async () => {
          await run(dynamo.db, noteIdOf(sortLimit, char));
        });
        it(`${name}: 1,025 bytes (${char}) is key.tooLong before any request`, async () => {
          const refused = await Promise.resolve()
            .then(() => run(dynamo.db, noteIdOf(sortLimit + 1, char)))
            .then(
              () => undefined,
              (error: unknown) => error,
            );
          expect(refused).toBeInstanceOf(KeyValueError);
          expect((refused as Error).message).toMatch(
            /^\[key\.tooLong\] sk( condition)? is 1025 bytes, over DynamoDB's 1024-byte limit for a sort key: "/,
          );
        });
      }
      for (const [name, run] of Object.entries(partitionOperations)) {
        it(`${name}: a partition key of 2,048 bytes (${char}) is sent`, async () => {
          await run(dynamo.db, tagOf(partitionLimit, char));
        });
        it(`${name}: 2,049 bytes (${char}) is key.tooLong before any request`, async () => {
          const refused = await Promise.resolve()
            .then(() => run(dynamo.db, tagOf(partitionLimit + 1, char)))
            .then(
              () => undefined,
              (error: unknown) => error,
            );
          expect(refused).toBeInstanceOf(KeyValueError);
          expect((refused as Error).message).toMatch(
            /^\[key\.tooLong\] indexes\.byTag\.pk is 2049 bytes, over DynamoDB's 2048-byte limit for a partition key:/,
          );
        });
      }
    }
    it("a scope whose ids make the partition key too long is refused at its first query", async () => {
      const wide = dynamo.db.entity(Note).scope({ ...ids, tenantId: tenantId().parse(filled(2030, "é")) });
      await expect(collect(wide.query({}))).rejects.toThrow(
        /^\[key\.tooLong\] pk is 2\d{3} bytes, over DynamoDB's 2048/,
      );
      await expect(
        collect(
          dynamo.db
            .collection([Note])
            .scope({ ...ids, tenantId: tenantId().parse(filled(2030, "é")) })
            .query(),
        ),
      ).rejects.toThrow(/^\[key\.tooLong\] pk is 2\d{3} bytes/);
    });
  });
