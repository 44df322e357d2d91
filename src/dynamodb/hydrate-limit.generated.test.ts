/**
 * `limit` with `hydrate: true` over `KEYS_ONLY` indexes shared by two entity types whose keys parse under each
 * other's templates, on DynamoDB Local and dynalite. A generated mix of notes and tasks (two tenants × capsules c1,
 * c10, two days) is paged through by notes' capsule scopes (a capsule-level index) and tenant scopes (a tenant-level
 * index) with several limits, page sizes and both orders: every page but the last holds exactly `limit` notes, and
 * the pages together are the notes a plain scan of the table finds in that partition, in index order, each once.
 * `query({ limit })` and `pages({ limit })` return the first `limit` of them. (Hydration ran after the limit's paging
 * and dropped the tasks' entries: a page held fewer than `limit` notes.)
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import type { QueryPage } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName, type LocalServerKind } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
// A single-table design: notes and tasks have keys of one shape in the table and in both indexes.
const shape = {
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ITEMS",
  sk: "${id}",
  indexes: {
    byDay: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DAY#${day}", sk: "${id}" },
    byTenant: {
      pk: "TENANT#${tenantId}#ITEMS",
      sk: "${capsuleId}#${id}",
      isolation: { level: "tenant", reason: "tenant admins list every capsule's notes" },
    },
  },
} as const;
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, id: z.string(), day: z.string(), body: z.string() }),
  ...shape,
});
const Task = defineEntity({
  name: "Task",
  schema: z.object({ ...ids, id: z.string(), day: z.string(), done: z.boolean() }),
  ...shape,
});

const tenants = [tenantId().parse("t1"), tenantId().parse("t2")];
const capsules = [capsuleId().parse("c1"), capsuleId().parse("c10")];

/** A deterministic mix: per tenant and capsule, 20 items, each a note or a task, on day d1 or d2 (runs included). */
function generatedMix(): {
  readonly type: "Note" | "Task";
  readonly ids: (typeof scopes)[number];
  readonly id: string;
  readonly day: string;
}[] {
  // mulberry32: a seeded generator, so every run reads the same mix.
  let state = 15;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return scopes.flatMap((scope) =>
    Array.from({ length: 20 }, (_, at) => ({
      type: next() < 0.5 ? ("Note" as const) : ("Task" as const),
      ids: scope,
      id: `i${String(at).padStart(2, "0")}`,
      day: next() < 0.75 ? "d1" : "d2",
    })),
  );
}
const scopes = tenants.flatMap((tenant) => capsules.map((capsule) => ({ tenantId: tenant, capsuleId: capsule })));

const limits = [1, 2, 3, 50];
const pageSizes = [undefined, 1, 4];
const orders = ["asc", "desc"] as const;
type Options = {
  readonly limit: number;
  readonly order: "asc" | "desc";
  readonly pageSize?: number;
  readonly cursor?: string;
};
type Key = readonly [string, string, string];
type Item = { readonly tenantId: string; readonly capsuleId: string; readonly id: string };
/** One scope's hydrated reads of one index partition, and the notes a scan finds there (ascending). */
interface Reads {
  readonly name: string;
  page(options: Options): Promise<QueryPage<Item>>;
  query(options: Options): AsyncIterable<Item>;
  pages(options: Options): AsyncIterable<QueryPage<Item>>;
  expected(): Promise<Key[]>;
}
const keyOf = (item: Item): Key => [item.tenantId, item.capsuleId, item.id];

for (const kind of ["dynamodb-local", "dynalite"] satisfies LocalServerKind[])
  describe(`hydrate with limit over shared KEYS_ONLY indexes, on ${kind}`, () => {
    const Table = defineTable({
      name: uniqueTableName("hydrate_limit"),
      pk: "PK",
      sk: "SK",
      indexes: {
        byDay: { pk: "DAY_PK", sk: "DAY_SK", projection: "KEYS_ONLY" },
        byTenant: { pk: "BT_PK", sk: "BT_SK", projection: "KEYS_ONLY" },
      },
    });
    const dynamo = localTable(Table, kind);
    const mix = generatedMix();
    beforeAll(async () => {
      for (const scope of scopes) {
        const here = mix.filter((entry) => entry.ids === scope);
        const item = (entry: (typeof here)[number]) => ({ ...scope, id: entry.id, day: entry.day });
        await dynamo.db
          .entity(Note)
          .scope(scope)
          .batchPut(here.filter((entry) => entry.type === "Note").map((entry) => ({ ...item(entry), body: "B" })));
        await dynamo.db
          .entity(Task)
          .scope(scope)
          .batchPut(here.filter((entry) => entry.type === "Task").map((entry) => ({ ...item(entry), done: false })));
      }
    });

    /** The notes a plain scan of the table finds, kept by `where`, in ascending index order. */
    const scanned = async (where: (raw: Record<string, unknown>) => boolean): Promise<Key[]> => {
      const found: Key[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const output = await dynamo.local.documents.send(
          new ScanCommand({ TableName: Table.name, ...(ExclusiveStartKey === undefined ? {} : { ExclusiveStartKey }) }),
        );
        for (const raw of output.Items ?? [])
          if (raw["entityType"] === "Note" && where(raw)) found.push(keyOf(raw as unknown as Item));
        ExclusiveStartKey = output.LastEvaluatedKey;
      } while (ExclusiveStartKey !== undefined);
      return found.sort((a, b) => (a.join("#") < b.join("#") ? -1 : 1));
    };
    const paging = ({ limit, order, pageSize, cursor }: Options) => ({
      limit,
      order,
      hydrate: true as const,
      ...(pageSize === undefined ? {} : { pageSize }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    const reads = (): Reads[] => [
      ...scopes.map((scope): Reads => {
        const notes = dynamo.db.entity(Note).scope(scope);
        const input = { index: "byDay", partition: { day: "d1" } } as const;
        return {
          name: `capsule scope ${scope.tenantId}/${scope.capsuleId} byDay d1`,
          page: (options) => notes.page({ ...input, ...paging(options) }),
          query: (options) => notes.query({ ...input, ...paging(options) }),
          pages: (options) => notes.pages({ ...input, ...paging(options) }),
          expected: () =>
            scanned(
              (raw) =>
                raw["tenantId"] === scope.tenantId && raw["capsuleId"] === scope.capsuleId && raw["day"] === "d1",
            ),
        };
      }),
      ...tenants.map((tenant): Reads => {
        const notes = dynamo.db.entity(Note).scope({ tenantId: tenant });
        return {
          name: `tenant scope ${tenant} byTenant`,
          page: (options) => notes.page({ index: "byTenant", ...paging(options) }),
          query: (options) => notes.query({ index: "byTenant", ...paging(options) }),
          pages: (options) => notes.pages({ index: "byTenant", ...paging(options) }),
          expected: () => scanned((raw) => raw["tenantId"] === tenant),
        };
      }),
    ];

    it("the generated mix holds runs of tasks between notes in every partition read", async () => {
      for (const read of reads()) expect((await read.expected()).length, read.name).toBeGreaterThan(3);
      const types = mix.map((entry) => entry.type).join(",");
      expect(types).toContain("Task,Task");
      expect(types).toContain("Note,Note");
    });

    for (const limit of limits)
      it(`limit ${limit}: full pages of notes, together the scan's notes in index order, each once`, async () => {
        for (const read of reads()) {
          const ascending = await read.expected();
          for (const order of orders) {
            const expected = order === "asc" ? ascending : [...ascending].reverse();
            for (const pageSize of pageSizes) {
              const label = `${read.name}, ${order}, pageSize ${pageSize ?? "adaptive"}`;
              const pages: Key[][] = [];
              let cursor: string | undefined;
              do {
                const page = await read.page({
                  limit,
                  order,
                  ...(pageSize === undefined ? {} : { pageSize }),
                  ...(cursor === undefined ? {} : { cursor }),
                });
                pages.push(page.items.map(keyOf));
                cursor = page.cursor;
                expect(pages.length, label).toBeLessThanOrEqual(expected.length + 1);
              } while (cursor !== undefined);
              // Every page but the last is full; the last may be empty when the one before ended at the last note.
              for (const page of pages.slice(0, -1)) expect(page.length, label).toBe(limit);
              expect(pages.flat(), label).toEqual(expected);
              const first = expected.slice(0, limit);
              const options = { limit, order, ...(pageSize === undefined ? {} : { pageSize }) };
              expect((await collect(read.query(options))).map(keyOf), label).toEqual(first);
              const raw = await collect(read.pages(options));
              expect(
                raw.flatMap((page) => page.items.map(keyOf)),
                label,
              ).toEqual(first);
            }
          }
        }
      });
  });
