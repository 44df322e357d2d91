/**
 * Issue 13, a verifier's matrix: two tenants against each other through every scoped operation of the adapter, for a
 * one-level kit (team), a two-level kit (org / workspace) and a three-level kit (org / project / env), at every
 * level of each kit (the innermost, and an entity opted out to each outer level), its level fields at the top or one
 * level down (`ctx`, the keys reading `${ctx.orgId}`), on dynalite and DynamoDB Local
 * (transactions on DynamoDB Local only: dynalite has none). Generated: the victim `A` (ids `a1` at every level) and
 * two attackers, `B` whose outermost id is A's with a `0` appended (a prefix match would show) and, below the
 * outermost level, `B'` that differs from A only at the entity's own level. Each holds an item `i1` and a note `n1`
 * in one partition; A also holds `onlyA`. Every read of an attacker (get, query of the table and of the index,
 * pages, batchGet, a collection query, transactGet) returns only the attacker's own items and never `onlyA`; every
 * write (put, update, delete, conditioned deletes, batchPut, batchDelete, transaction put / update / delete /
 * check) aimed at A's items is refused or lands in the attacker's own partition: A's partition is byte for byte what
 * it was, and no write lands outside the attacker's partition; a condition on A's item never holds.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CapsuleEntityError, defineIsolation, defineTable, type IsolationLevelSpec } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName, type LocalServerKind } from "../../scripts/test-dynamodb.js";
import { verifierKits } from "../../scripts/verifier-kits.js";

type Item = Readonly<Record<string, unknown>>;
type Condition = (c: { exists(path: string): unknown }) => unknown;
/** The scoped client's runtime surface this matrix drives (the kits are generated, so their types are not spelt). */
interface Scoped {
  get(key: Item): Promise<Item | undefined>;
  put(item: Item): Promise<unknown>;
  update(key: Item, changes: Item): Promise<unknown>;
  delete(key: Item, options?: { readonly condition: Condition }): Promise<unknown>;
  batchGet(keys: readonly Item[]): Promise<readonly (Item | undefined)[]>;
  batchPut(items: readonly Item[]): Promise<unknown>;
  batchDelete(keys: readonly Item[]): Promise<unknown>;
  query(input: Item): AsyncIterable<Item>;
  pages(input: Item): AsyncIterable<{ readonly items: readonly Item[] }>;
}
interface TransactionEntity {
  put(item: Item): void;
  update(key: Item, changes: Item): void;
  delete(key: Item): void;
  check(key: Item, condition: Condition): void;
}
interface Db {
  entity(entity: unknown): { scope(ids: Item): Scoped };
  collection(entities: readonly unknown[]): { scope(ids: Item): { query(input?: Item): AsyncIterable<Item> } };
  transaction(ids: Item): { entity(entity: unknown): TransactionEntity; commit(): Promise<unknown> };
  transactGet(
    ids: Item,
    reads: (tx: { entity(entity: unknown): { get(key: Item): unknown } }) => unknown[],
  ): Promise<readonly (Item | undefined)[]>;
}

/**
 * One kit's entities at one level: an item with an index, and a note in the same partition (a collection); with
 * `nested`, the level fields sit one level down, in `ctx` (the keys read `${ctx.orgId}`; scope ids stay flat).
 */
function entitiesAt(levels: readonly IsolationLevelSpec[], depth: number, nested: boolean) {
  const kit = defineIsolation({ levels: levels as never }) as unknown as {
    defineEntity(definition: object): unknown;
    ids: Readonly<Record<string, () => z.ZodType>>;
  };
  const own = levels.slice(0, depth + 1);
  // The partition names the kit's size and the entity's depth: two kits share the table, and the same labels.
  const suffix = `K${levels.length}L${depth}${nested ? "N" : ""}`;
  const path = (field: string) => (nested ? `ctx.${field}` : field);
  const prefix = own.map((level) => `${level.label}#\${${path(level.field)}}`).join("#");
  const flat = Object.fromEntries(own.map((level) => [level.field, kit.ids[level.field]!()]));
  const fields = nested ? { ctx: z.object(flat) } : flat;
  const isolation =
    depth === levels.length - 1
      ? {}
      : { isolation: { level: own[depth]!.name, reason: `kept per ${own[depth]!.name}, above its inner levels` } };
  const Entry = kit.defineEntity({
    name: `Entry${depth}${nested ? "n" : ""}`,
    schema: z.object({ ...fields, itemId: z.string(), tag: z.string(), owner: z.string() }),
    pk: `${prefix}#${suffix}`,
    sk: "ITEM#${itemId}",
    indexes: { byTag: { pk: `${prefix}#${suffix}#TAG#\${tag}`, sk: "${itemId}" } },
    ...isolation,
  });
  const Note = kit.defineEntity({
    name: `Note${depth}${nested ? "n" : ""}`,
    schema: z.object({ ...fields, noteId: z.string(), owner: z.string() }),
    pk: `${prefix}#${suffix}`,
    sk: "NOTE#${noteId}",
    ...isolation,
  });
  /** The branded ids of a scope, parsed by the kit's own constructors. */
  const parse = (ids: Readonly<Record<string, string>>): Item =>
    Object.fromEntries(own.map((level) => [level.field, kit.ids[level.field]!().parse(ids[level.field])]));
  /** An item's isolation fields, where the entity keeps them: as scope ids, and read back. */
  const idsIn = (ids: Readonly<Record<string, string>>): Item => (nested ? { ctx: parse(ids) } : parse(ids));
  const idsOf = (item: Item): Item => (nested ? (item["ctx"] as Item) : item);
  /** The partition key of a scope: the prefix with its ids. */
  const partition = (ids: Readonly<Record<string, string>>): string =>
    `${own.map((level) => `${level.label}#${ids[level.field]}`).join("#")}#${suffix}`;
  return { Entry, Note, own, parse, partition, idsIn, idsOf };
}

/** A's ids, and the attackers': B differs at the outermost level (a prefix of A's id), B' at the entity's own only. */
function tenantsAt(own: readonly IsolationLevelSpec[]) {
  const victim = Object.fromEntries(own.map((level) => [level.field, "a1"]));
  const attackers: Record<string, Readonly<Record<string, string>>> = {
    [`B (${own[0]!.field} a10)`]: { ...victim, [own[0]!.field]: "a10" },
  };
  if (own.length > 1) attackers[`B' (${own.at(-1)!.field} a10 only)`] = { ...victim, [own.at(-1)!.field]: "a10" };
  return { victim, attackers };
}

const servers: readonly LocalServerKind[] = ["dynalite", "dynamodb-local"];

describe.each(servers)("two tenants through every scoped operation of a kit, on %s", (server) => {
  const Table = defineTable({
    name: uniqueTableName(`kit_tenants_${server}`),
    pk: "PK",
    sk: "SK",
    indexes: { byTag: { pk: "byTagPK", sk: "byTagSK" } },
  });
  const dynamo = localTable(Table, server);
  const db = (): Db => dynamo.db as unknown as Db;
  const scan = async (): Promise<Map<string, string>> => {
    const { Items = [] } = await dynamo.local.documents.send(
      new ScanCommand({ TableName: Table.name, ConsistentRead: true }),
    );
    return new Map(Items.map((item) => [`${String(item["PK"])} ${String(item["SK"])}`, JSON.stringify(item)]));
  };

  for (const [kitName, levels] of Object.entries(verifierKits))
    for (let depth = 0; depth < levels.length; depth++)
      for (const nested of [false, true]) {
        const { Entry, Note, own, parse, partition, idsIn, idsOf } = entitiesAt(levels, depth, nested);
        const { victim, attackers } = tenantsAt(own);
        const level = `${own[depth]!.name} (${depth === levels.length - 1 ? "innermost" : "opted out"}${nested ? ", fields in ctx" : ""})`;
        const entry = (ids: Readonly<Record<string, string>>, itemId: string, owner: string): Item => ({
          ...idsIn(ids),
          itemId,
          tag: "red",
          owner,
        });

        describe(`${kitName}, an entity at level ${level}`, () => {
          beforeAll(async () => {
            for (const [owner, ids] of [["A", victim], ...Object.entries(attackers)] as const) {
              await db()
                .entity(Entry)
                .scope(parse(ids))
                .put(entry(ids, "i1", owner));
              await db()
                .entity(Note)
                .scope(parse(ids))
                .put({ ...idsIn(ids), noteId: "n1", owner });
            }
            await db()
              .entity(Entry)
              .scope(parse(victim))
              .put(entry(victim, "onlyA", "A"));
          });

          it("A's own reads see A's items (the matrix is not vacuous)", async () => {
            const mine = await collect(db().entity(Entry).scope(parse(victim)).query({ consistent: true }));
            expect(mine.map((item) => `${String(item["owner"])} ${String(item["itemId"])}`)).toEqual([
              "A i1",
              "A onlyA",
            ]);
          });

          for (const [attacker, ids] of Object.entries(attackers)) {
            const scoped = () => db().entity(Entry).scope(parse(ids));
            /** Every read path of the attacker's scope, each returning the items it read. */
            const reads: Record<string, () => Promise<readonly (Item | undefined)[]>> = {
              "get i1": async () => [await scoped().get({ itemId: "i1" })],
              "get onlyA": async () => [await scoped().get({ itemId: "onlyA" })],
              "query the table": () => collect(scoped().query({ consistent: true })),
              "query the index": () => collect(scoped().query({ index: "byTag", partition: { tag: "red" } })),
              "pages (pageSize 1)": async () =>
                (await collect(scoped().pages({ pageSize: 1, consistent: true }))).flatMap((page) => page.items),
              "batchGet i1, onlyA": () => scoped().batchGet([{ itemId: "i1" }, { itemId: "onlyA" }]),
              "collection query": () => collect(db().collection([Entry, Note]).scope(parse(ids)).query()),
            };
            if (server === "dynamodb-local")
              reads["transactGet i1, onlyA"] = () =>
                db().transactGet(parse(ids), (tx) => [
                  tx.entity(Entry).get({ itemId: "i1" }),
                  tx.entity(Entry).get({ itemId: "onlyA" }),
                ]);

            for (const [readName, read] of Object.entries(reads))
              it(`${attacker}: ${readName} returns only its own items`, async () => {
                const items = await read();
                const found = items.filter((item) => item !== undefined);
                if (readName !== "get onlyA") expect(found.length).toBeGreaterThan(0);
                for (const item of found) {
                  expect(item["owner"]).not.toBe("A");
                  expect(item["itemId"] ?? item["noteId"]).not.toBe("onlyA");
                  for (const { field } of own) expect(idsOf(item)[field]).toBe(ids[field]);
                }
              });

            /** Every write aimed at A's items; `conditioned`: it must be refused (a condition on A's item never holds). */
            const writes: Record<string, { readonly write: () => Promise<unknown>; readonly refused: boolean }> = {
              "put of A's item": { write: () => scoped().put(entry(victim, "onlyA", "B")), refused: true },
              "update of onlyA": { write: () => scoped().update({ itemId: "onlyA" }, { tag: "blue" }), refused: true },
              "delete of onlyA": { write: () => scoped().delete({ itemId: "onlyA" }), refused: false },
              "delete of onlyA if it exists": {
                write: () => scoped().delete({ itemId: "onlyA" }, { condition: (c) => c.exists("owner") }),
                refused: true,
              },
              "batchPut of A's item": { write: () => scoped().batchPut([entry(victim, "onlyA", "B")]), refused: true },
              "batchDelete of onlyA": { write: () => scoped().batchDelete([{ itemId: "onlyA" }]), refused: false },
            };
            const transaction = (build: (tx: TransactionEntity) => void) => async () => {
              const tx = db().transaction(parse(ids));
              build(tx.entity(Entry));
              await tx.commit();
            };
            if (server === "dynamodb-local")
              Object.assign(writes, {
                "transaction put of A's item": {
                  write: transaction((tx) => tx.put(entry(victim, "onlyA", "B"))),
                  refused: true,
                },
                "transaction update of onlyA": {
                  write: transaction((tx) => tx.update({ itemId: "onlyA" }, { tag: "blue" })),
                  refused: true,
                },
                "transaction delete of onlyA": {
                  write: transaction((tx) => tx.delete({ itemId: "onlyA" })),
                  refused: false,
                },
                "transaction check that onlyA exists, with a put of its own": {
                  write: transaction((tx) => {
                    tx.check({ itemId: "onlyA" }, (c) => c.exists("owner"));
                    tx.put(entry(ids, "fresh", "B"));
                  }),
                  refused: true,
                },
              });

            for (const [writeName, { write, refused }] of Object.entries(writes))
              it(`${attacker}: ${writeName} leaves A's partition as it was${refused ? ", refused" : ""}`, async () => {
                const before = await scan();
                const outcome = await write().then(
                  () => "written",
                  (error: unknown) => error,
                );
                if (refused) expect(outcome).toBeInstanceOf(CapsuleEntityError);
                else if (outcome !== "written") expect(outcome).toBeInstanceOf(CapsuleEntityError);
                const after = await scan();
                const outside = (items: Map<string, string>) =>
                  [...items].filter(([key]) => !key.startsWith(`${partition(ids)} `)).sort();
                expect(outside(after)).toEqual(outside(before));
                expect(after.get(`${partition(victim)} ITEM#onlyA`)).toBe(
                  before.get(`${partition(victim)} ITEM#onlyA`),
                );
              });
          }
        });
      }
});
