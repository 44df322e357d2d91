/**
 * Cursors of keys at DynamoDB's size limits, on DynamoDB Local: a partition key of 2,048 bytes and a sort key of
 * 1,024, on the table and on an index (a cursor of an index query holds all four), with ASCII, multi-byte and control
 * characters (which JSON escapes six-fold). Every cursor `page()` hands out resumes the query it came from, reading
 * each item once: the cursor's length limit is above the largest key DynamoDB stores.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Doc = defineEntity({
  name: "Doc",
  schema: z.object({ ...ids, part: z.string(), docId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#P#${part}",
  sk: "${docId}",
  indexes: { byPart: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#I#${part}", sk: "${docId}" } },
});
const Table = defineTable({
  name: uniqueTableName("cursor-size"),
  pk: "PK",
  sk: "SK",
  indexes: { byPart: { pk: "I_PK", sk: "I_SK" } },
});
const scope = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const prefix = "TENANT#t1#CAPSULE#c1#P#";

/** A string of `bytes` UTF-8 bytes made of `unit` (1, 2, 3 or 4 bytes) repeated, then padded with ASCII. */
const filled = (unit: string, bytes: number, tail = ""): string => {
  const size = Buffer.byteLength(unit);
  const body = unit.repeat(Math.floor((bytes - tail.length) / size));
  return body + "x".repeat(bytes - tail.length - Buffer.byteLength(body)) + tail;
};

describe("cursors of keys at DynamoDB's size limits, on DynamoDB Local", () => {
  const dynamo = localTable(Table);

  it("a cursor longer than any a query hands out is refused unread", async () => {
    const docs = dynamo.db.entity(Doc).scope(scope);
    await expect(docs.page({ partition: { part: "p" }, cursor: "A".repeat(60_000) })).rejects.toThrow(
      /^\[query\.invalidCursor\] Doc cursor "A{20,}.* is not a cursor string \|/,
    );
  });

  for (const [name, unit] of [
    ["ASCII", "a"],
    ["two-byte", "é"],
    ["four-byte", "😀"],
    ["control characters", "\u0001"],
  ] as const)
    it(`page() resumed by its own cursors reads every item once, keys of ${name} at the largest sizes`, async () => {
      const docs = dynamo.db.entity(Doc).scope(scope);
      // The partition key (table and index) at 2,048 bytes, the sort keys at 1,024.
      const part = filled(unit, 2048 - Buffer.byteLength(prefix));
      const docIds = ["1", "2", "3"].map((last) => filled(unit, 1023, last));
      for (const docId of docIds) await docs.put({ ...scope, part, docId });
      for (const input of [{ partition: { part } }, { index: "byPart" as const, partition: { part } }]) {
        const read: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await docs.page({ ...input, limit: 1, ...(cursor === undefined ? {} : { cursor }) });
          read.push(...page.items.map((doc) => doc.docId));
          cursor = page.cursor;
        } while (cursor !== undefined);
        expect(read).toEqual(docIds);
        expect((await collect(docs.query(input))).map((doc) => doc.docId)).toEqual(docIds);
      }
    });
});
