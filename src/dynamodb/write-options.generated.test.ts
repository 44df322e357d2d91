/**
 * Write options a JavaScript caller may get wrong, on DynamoDB Local: a misspelt key (`ifNotExist`, `conditon`,
 * `returnValue`) or an `ifNotExists` that is not a boolean (`"true"` from a request, `1`). Ignored, the write would
 * go out without them: `ifNotExists: "true"` read as false overwrote the stored item the caller meant to keep. Each
 * is `[write.invalidOption]` before any request, on the scope's put / update / delete and a transaction's, and the
 * stored item is left as it was.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, noteId: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
  sk: "NOTE#${noteId}",
});
const Table = defineTable({ name: uniqueTableName("write-options"), pk: "PK", sk: "SK" });
const scope = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };

const always = (f: { exists(path: "title"): never }) => f.exists("title");
/** Per operation, the options a caller may get wrong. */
const wrong: Record<"put" | "update" | "delete", readonly Record<string, unknown>[]> = {
  put: [
    { ifNotExists: "true" },
    { ifNotExists: 1 },
    { ifNotExists: null },
    { ifNotExist: true },
    { conditon: always },
    { returnValues: "ALL_OLD" },
  ],
  update: [{ conditon: always }, { returnValue: "ALL_OLD" }, { ifNotExists: true }],
  delete: [{ conditon: always }, { returnValues: "ALL_OLD" }, { ifNotExists: true }],
};

describe("write options a JavaScript caller may get wrong, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  const notes = () => dynamo.db.entity(Note).scope(scope);
  const stored = async (noteId: string) =>
    (
      await dynamo.local.documents.send(
        new GetCommand({ TableName: Table.name, Key: { PK: "TENANT#t1#CAPSULE#c1", SK: `NOTE#${noteId}` } }),
      )
    ).Item;

  let next = 0;
  for (const [operation, list] of Object.entries(wrong))
    for (const options of list)
      for (const via of ["scope", "transaction"] as const)
        it(`${via} ${operation} with ${Object.entries(options)
          .map(([key, value]) => `${key}: ${typeof value === "function" ? "(f) => …" : JSON.stringify(value)}`)
          .join(", ")} is [write.invalidOption], the stored item unchanged`, async () => {
          const noteId = `n${next++}`;
          await notes().put({ ...scope, noteId, title: "kept" });
          const before = await stored(noteId);
          const write = async () => {
            const item = { ...scope, noteId, title: "written" };
            if (via === "scope") {
              if (operation === "put") return notes().put(item, options as never);
              if (operation === "update") return notes().update({ noteId }, { title: "written" }, options as never);
              return notes().delete({ noteId }, options as never);
            }
            const tx = dynamo.db.transaction(scope);
            if (operation === "put") tx.entity(Note).put(item, options as never);
            else if (operation === "update") tx.entity(Note).update({ noteId }, { title: "written" }, options as never);
            else tx.entity(Note).delete({ noteId }, options as never);
            return tx.commit();
          };
          await expect(write()).rejects.toThrow(
            new RegExp(`^\\[write\\.invalidOption\\] Note\\.${operation} option ${Object.keys(options)[0]} `),
          );
          expect(await stored(noteId)).toEqual(before);
        });

  // A misspelt token would be replaced by a generated one: the caller's replay would be applied twice.
  for (const options of [{ tokenn: "replay-1" }, { ClientRequestToken: "replay-1" }, { token: null }, "replay-1"])
    it(`a transaction's commit(${JSON.stringify(options)}) is [write.invalidOption], nothing written`, async () => {
      const noteId = `c${next++}`;
      const tx = dynamo.db.transaction(scope);
      tx.entity(Note).put({ ...scope, noteId, title: "written" });
      const option = typeof options === "string" ? "options" : Object.keys(options)[0]!;
      await expect(tx.commit(options as never)).rejects.toThrow(
        new RegExp(`^\\[write\\.invalidOption\\] transaction\\.commit option ${option} `),
      );
      expect(await stored(noteId)).toBeUndefined();
    });

  it("the right options still write: put ifNotExists true refuses an existing item, false overwrites it", async () => {
    await notes().put({ ...scope, noteId: "r1", title: "kept" });
    await expect(notes().put({ ...scope, noteId: "r1", title: "x" }, { ifNotExists: true })).rejects.toThrow(
      /dynamodb\.conditionFailed/,
    );
    await notes().put(
      { ...scope, noteId: "r1", title: "written" },
      { ifNotExists: false, condition: (c) => c.exists("title") },
    );
    expect(await stored("r1")).toMatchObject({ title: "written" });
    await notes().update(
      { noteId: "r1" },
      { title: "again" },
      { returnValues: "NONE", condition: (c) => c.exists("title") },
    );
    await notes().delete({ noteId: "r1" }, { condition: (c) => c.exists("title") });
    expect(await stored("r1")).toBeUndefined();
  });
});
