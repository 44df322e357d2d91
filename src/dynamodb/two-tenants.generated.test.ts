/**
 * A breaker's pass over scoped reads and writes with two tenants whose ids are prefixes of each other (t1 / t10,
 * capsules c1 / c10), on DynamoDB Local and dynalite. Notes and comments share every partition (comments also in the
 * tenant-level `KEYS_ONLY` index, where their keys do not parse as a note's), with the same note ids in every scope.
 * Generated: each capsule scope's queries (the table, a sort-key prefix, an index) and each tenant scope's query of
 * the tenant-level index (with and without `hydrate`), × `limit` × `order` × `filter` × the three reads (`query()`,
 * `page()` resumed by its cursors, `pages()`, the last two also capped at one request), on the adapter; the
 * builder's commands sent by the raw client and read back, page by page; every cursor of one scope given to the same
 * query of every other scope. Every read returns exactly what a plain scan of the table says that scope holds, in
 * key order; a cursor never crosses scopes. Then every write of one scope (put, update, delete, batches, a
 * transaction on DynamoDB Local) leaves every other scope's items as they were.
 */
import { QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, CapsuleEntityError, defineEntity, defineTable, tenantId } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { expectedOf, readIn, type ReadMode } from "../../scripts/read-modes.js";
import { localTable, uniqueTableName, type LocalServerKind } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const pk = "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES";
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, noteId: z.string(), tag: z.string(), n: z.number() }),
  pk,
  sk: "NOTE#${noteId}",
  indexes: {
    byTag: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${noteId}" },
    byTenant: {
      pk: "TENANT#${tenantId}#NOTES",
      sk: "${capsuleId}#${noteId}",
      isolation: { level: "tenant", reason: "tenant admins list every capsule's notes" },
    },
  },
});
const Comment = defineEntity({
  name: "Comment",
  schema: z.object({ ...ids, noteId: z.string(), commentId: z.string() }),
  pk,
  sk: "NOTE#${noteId}#C#${commentId}",
  indexes: {
    byTenant: {
      pk: "TENANT#${tenantId}#NOTES",
      sk: "${capsuleId}#${noteId}#C#${commentId}",
      isolation: { level: "tenant", reason: "tenant admins list every capsule's comments" },
    },
  },
});

const tenants = [tenantId().parse("t1"), tenantId().parse("t10")];
const capsules = [capsuleId().parse("c1"), capsuleId().parse("c10")];
type Ids = { readonly tenantId: (typeof tenants)[number]; readonly capsuleId: (typeof capsules)[number] };
const scopes: Ids[] = tenants.flatMap((tenant) =>
  capsules.map((capsule) => ({ tenantId: tenant, capsuleId: capsule })),
);
const noteIds = ["n1", "n10", "n2", "n3", "n4", "n5"];
const tags = ["red", "blue"];

/** A note as stored (the scan's view): its ids, key order fields and `n`. */
interface Row {
  readonly entityType: string;
  readonly tenantId: string;
  readonly capsuleId: string;
  readonly noteId: string;
  readonly tag: string;
  readonly n: number;
}
const label = (row: object): string => {
  const { tenantId: tenant, capsuleId: capsule, noteId } = row as Row;
  return `${tenant}/${capsule}/${noteId}`;
};
const compare = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

/** The reads of each capsule scope: a name, the query's input, and which of the scope's notes it reads, in order. */
const capsuleQueries = [
  { name: "table", input: {}, keeps: () => true, order: (row: Row) => `NOTE#${row.noteId}` },
  {
    name: "table, noteId beginsWith n1",
    input: { sortKey: { noteId: { beginsWith: "n1" } } },
    keeps: (row: Row) => row.noteId.startsWith("n1"),
    order: (row: Row) => `NOTE#${row.noteId}`,
  },
  {
    name: "byTag red",
    input: { index: "byTag", partition: { tag: "red" } },
    keeps: (row: Row) => row.tag === "red",
    order: (row: Row) => row.noteId,
  },
] as const;
const limits = [undefined, 1, 3];
const orders = ["asc", "desc"] as const;
const filtered = [false, true];
/** The three reads; `page()` and `pages()` also under a cap of one request (`page()` resumed across the cap). */
const modes = [
  ["query", undefined],
  ["page", undefined],
  ["page", 1],
  ["pages", undefined],
  ["pages", 1],
] as const;

for (const kind of ["dynamodb-local", "dynalite"] satisfies LocalServerKind[])
  describe(`two tenants, every scoped read and write with paging options, on ${kind}`, () => {
    const Table = defineTable({
      name: uniqueTableName("two_tenants"),
      pk: "PK",
      sk: "SK",
      indexes: {
        byTag: { pk: "TAG_PK", sk: "TAG_SK" },
        byTenant: { pk: "BT_PK", sk: "BT_SK", projection: "KEYS_ONLY" },
      },
    });
    const dynamo = localTable(Table, kind);
    beforeAll(async () => {
      for (const scope of scopes) {
        await dynamo.db
          .entity(Note)
          .scope(scope)
          .batchPut(noteIds.map((noteId, at) => ({ ...scope, noteId, tag: tags[at % 2]!, n: at })));
        await dynamo.db
          .entity(Comment)
          .scope(scope)
          .batchPut(noteIds.map((noteId) => ({ ...scope, noteId, commentId: "k1" })));
      }
    });

    /** Every note in the table, as a plain scan finds it. */
    const scanned = async (): Promise<Row[]> => {
      const rows: Row[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const output = await dynamo.local.documents.send(
          new ScanCommand({ TableName: Table.name, ...(ExclusiveStartKey === undefined ? {} : { ExclusiveStartKey }) }),
        );
        for (const raw of output.Items ?? []) if (raw["entityType"] === "Note") rows.push(raw as unknown as Row);
        ExclusiveStartKey = output.LastEvaluatedKey;
      } while (ExclusiveStartKey !== undefined);
      return rows;
    };
    const ordered = (rows: readonly Row[], key: (row: Row) => string, order: "asc" | "desc"): string[] => {
      const sorted = [...rows].sort((left, right) => compare(key(left), key(right))).map(label);
      return order === "asc" ? sorted : sorted.reverse();
    };
    const paging = (limit: number | undefined, order: "asc" | "desc", filter: boolean) => ({
      order,
      ...(limit === undefined ? {} : { limit }),
      ...(filter ? { filter: (f: { gt(field: "n", value: number): unknown }) => f.gt("n", 1) } : {}),
    });

    it("each capsule scope's queries return exactly its notes, in key order, whatever the paging", async () => {
      const rows = await scanned();
      let cases = 0;
      for (const scope of scopes) {
        const notes = dynamo.db.entity(Note).scope(scope);
        const own = rows.filter((row) => row.tenantId === scope.tenantId && row.capsuleId === scope.capsuleId);
        for (const query of capsuleQueries)
          for (const limit of limits)
            for (const order of orders)
              for (const filter of filtered)
                for (const [mode, maxRequests] of modes) {
                  const input = { ...query.input, ...paging(limit, order, filter) } as never;
                  const read: ReadMode = { mode, limit, maxRequests };
                  const items = await readIn(notes, input, read);
                  const model = ordered(
                    own.filter((row) => query.keeps(row) && (!filter || row.n > 1)),
                    query.order,
                    order,
                  );
                  const name = `${label(scope)} ${query.name} limit ${limit} ${order} filter ${filter} ${mode} ${maxRequests}`;
                  expect(items.map(label), name).toEqual(expectedOf(model, read, items.length));
                  cases += 1;
                }
      }
      expect(cases).toBe(4 * 3 * 3 * 2 * 2 * 5);
    });

    it("each tenant scope reads exactly its tenant's notes through its KEYS_ONLY index, hydrated or not", async () => {
      const rows = await scanned();
      let cases = 0;
      for (const tenant of tenants) {
        const notes = dynamo.db.entity(Note).scope({ tenantId: tenant });
        const own = rows.filter((row) => row.tenantId === tenant);
        for (const hydrate of [false, true])
          for (const limit of limits)
            for (const order of orders)
              for (const [mode, maxRequests] of modes) {
                const input = { index: "byTenant", hydrate, order, ...(limit === undefined ? {} : { limit }) } as const;
                const read: ReadMode = { mode, limit, maxRequests };
                const items = await readIn(notes, input, read);
                const model = ordered(own, (row) => `${row.capsuleId}#${row.noteId}`, order);
                const name = `${tenant} byTenant hydrate ${hydrate} limit ${limit} ${order} ${mode} ${maxRequests}`;
                expect(items.map(label), name).toEqual(expectedOf(model, read, items.length));
                // Hydrated items are whole; partial ones carry no `n` (KEYS_ONLY).
                for (const item of items) expect("n" in item, name).toBe(hydrate);
                cases += 1;
              }
      }
      expect(cases).toBe(2 * 2 * 3 * 2 * 5);
    });

    it("the builder's commands, sent by the raw client page by page, read back exactly each scope's notes", async () => {
      const rows = await scanned();
      for (const scope of scopes) {
        const builder = Note.scope(scope, { table: Table });
        const own = rows.filter((row) => row.tenantId === scope.tenantId && row.capsuleId === scope.capsuleId);
        for (const limit of [1, 2, 4])
          for (const order of orders) {
            const read: string[] = [];
            let cursor: string | undefined;
            do {
              const command = builder.query({ limit, order, ...(cursor === undefined ? {} : { cursor }) });
              const output = await dynamo.local.documents.send(new QueryCommand(command));
              for (const raw of output.Items ?? []) {
                const item = builder.readItem(raw);
                if (item !== undefined) read.push(label(item));
              }
              cursor = builder.cursor(output.LastEvaluatedKey);
            } while (cursor !== undefined);
            expect(read, `${label(scope)} limit ${limit} ${order}`).toEqual(
              ordered(own, (row) => `NOTE#${row.noteId}`, order),
            );
          }
      }
    });

    it("a cursor of one scope given to the same query of another is refused before any request", async () => {
      let refused = 0;
      for (const from of scopes)
        for (const query of capsuleQueries) {
          const page = await dynamo.db
            .entity(Note)
            .scope(from)
            .page({ ...query.input, limit: 1 } as never);
          const cursor = (page as { readonly cursor: string | undefined }).cursor!;
          expect(cursor, `${label(from)} ${query.name}`).toBeDefined();
          for (const to of scopes) {
            if (to === from) continue;
            const other = dynamo.db.entity(Note).scope(to);
            const outcome = await other.page({ ...query.input, limit: 1, cursor } as never).then(
              (value) => value,
              (error: unknown) => error,
            );
            expect(outcome, `${label(from)} → ${label(to)} ${query.name}`).toBeInstanceOf(CapsuleEntityError);
            expect((outcome as Error).message).toMatch(/^\[isolation\.foreignCursor\]|^\[query\.invalidCursor\]/);
            refused += 1;
          }
        }
      expect(refused).toBe(4 * 3 * 3);
      // The tenant scope's cursor: t1's to t10's.
      const t1 = await dynamo.db.entity(Note).scope({ tenantId: tenants[0]! }).page({ index: "byTenant", limit: 1 });
      await expect(
        dynamo.db.entity(Note).scope({ tenantId: tenants[1]! }).page({ index: "byTenant", cursor: t1.cursor! }),
      ).rejects.toThrow(/^\[isolation\.foreignCursor\]|^\[query\.invalidCursor\]/);
    });

    it("every write of one scope leaves every other scope's items as they were", async () => {
      const others = async (scope: Ids): Promise<string[]> =>
        (await scanned())
          .filter((row) => !(row.tenantId === scope.tenantId && row.capsuleId === scope.capsuleId))
          .map((row) => `${label(row)} ${row.tag} ${row.n}`)
          .sort();
      for (const scope of scopes) {
        const before = await others(scope);
        const notes = dynamo.db.entity(Note).scope(scope);
        await notes.put({ ...scope, noteId: "w1", tag: "red", n: 9 });
        await notes.update({ noteId: "w1" }, { n: 10 });
        await notes.update({ noteId: "n1" }, { tag: "blue" });
        await notes.batchPut([{ ...scope, noteId: "w2", tag: "red", n: 1 }]);
        await notes.batchDelete([{ noteId: "w2" }]);
        await notes.delete({ noteId: "w1" });
        // dynalite has no TransactWriteItems (UnknownOperationException): the same update alone there.
        if (kind === "dynamodb-local") {
          const tx = dynamo.db.transaction(scope);
          tx.entity(Note).update({ noteId: "n1" }, { tag: "red" });
          await tx.commit();
        } else await notes.update({ noteId: "n1" }, { tag: "red" });
        expect(await others(scope), label(scope)).toEqual(before);
        expect((await notes.get({ noteId: "n1" }))?.tag).toBe("red");
        expect(await collect(notes.query({ sortKey: { noteId: { beginsWith: "w" } } }))).toEqual([]);
      }
    });
  });
