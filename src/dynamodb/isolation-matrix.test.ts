/**
 * Every guarded read and write against planted foreign items, on AWS's DynamoDB Local, generated as a matrix: two
 * tenants, and raw items of t2 planted under t1's keys (a capsule document with its index keys, a note in its
 * collection's partition, a tenant-level organization, a global plan whose key is not its own). Each read path of
 * t1 that reaches a plant refuses it with `IsolationError` (or, for a `KEYS_ONLY` entry, returns t1's keys and none
 * of t2's data); the same read for t2 returns only t2's items; each single or transactional write of t1 at a planted
 * key is refused and leaves the plant as it was.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, IsolationError, tenantId, type TenantId } from "capsule-entity";
import { CapsuleEntityError } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Doc = defineEntity({
  name: "Doc",
  schema: z.object({ ...ids, docId: z.string(), status: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  indexes: {
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${docId}" },
    byTenant: {
      pk: "TENANT#${tenantId}#ALLDOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document" },
    },
  },
});
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, docId: z.string(), noteId: z.string(), text: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}#NOTE#${noteId}",
});
const Org = defineEntity({
  name: "Org",
  schema: z.object({ tenantId: tenantId(), name: z.string() }),
  pk: "TENANT#${tenantId}#ORG",
  sk: "ORG",
  isolation: { level: "tenant", reason: "one organization per tenant" },
});
const Plan = defineEntity({
  name: "Plan",
  schema: z.object({ planId: z.string(), price: z.number() }),
  pk: "PLAN",
  sk: "PLAN#${planId}",
  isolation: { level: "global", reason: "one catalogue for every tenant" },
});
const Table = defineTable({
  name: uniqueTableName("matrix"),
  pk: "PK",
  sk: "SK",
  indexes: {
    byStatus: { pk: "S_PK", sk: "S_SK", projection: "KEYS_ONLY" },
    byTenant: { pk: "BT_PK", sk: "BT_SK" },
  },
});

const [t1, t2] = [tenantId().parse("t1"), tenantId().parse("t2")];
const c1 = capsuleId().parse("c1");
const marker = "PLANTED";

/** t2's items planted under t1's keys, as a bug or an attacker with raw write access would leave them. */
const plants = [
  {
    PK: "TENANT#t1#CAPSULE#c1#DOCS",
    SK: "DOC#x",
    S_PK: "TENANT#t1#CAPSULE#c1#STATUS#open",
    S_SK: "x",
    BT_PK: "TENANT#t1#ALLDOCS",
    BT_SK: "c1#x",
    ...{ entityType: "Doc", tenantId: "t2", capsuleId: "c1", docId: "x", status: "open", title: marker },
  },
  {
    PK: "TENANT#t1#CAPSULE#c1#DOCS",
    SK: "DOC#a#NOTE#z",
    ...{ entityType: "Note", tenantId: "t2", capsuleId: "c1", docId: "a", noteId: "z", text: marker },
  },
  { PK: "TENANT#t1#ORG", SK: "ORG", entityType: "Org", tenantId: "t2", name: marker },
  // A global item cannot be another tenant's: its key is not the one its attributes build.
  { PK: "PLAN", SK: "PLAN#evil", entityType: "Plan", planId: "other", price: 0, title: marker },
];

describe("every guarded operation against planted foreign items, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  const db = () => dynamo.db;
  const docs = (tenant: TenantId) => db().entity(Doc).scope({ tenantId: tenant, capsuleId: c1 });
  const everyDoc = (tenant: TenantId) => db().entity(Doc).scope({ tenantId: tenant });

  beforeAll(async () => {
    for (const tenant of [t1, t2]) {
      const scope = { tenantId: tenant, capsuleId: c1 };
      // t2 has a document x of its own, where t1's key x holds t2's plant.
      for (const docId of tenant === t1 ? ["a", "b"] : ["a", "b", "x"]) {
        await docs(tenant).put({ ...scope, docId, status: "open", title: `${tenant} ${docId}` });
        await db()
          .entity(Note)
          .scope(scope)
          .put({ ...scope, docId, noteId: "n", text: `${tenant} ${docId}` });
      }
      await db()
        .entity(Org)
        .scope({ tenantId: tenant })
        .put({ tenantId: tenant, name: `${tenant} org` });
    }
    await db().entity(Plan).scope({}).put({ planId: "basic", price: 10 });
    for (const Item of plants) await dynamo.local.documents.send(new PutCommand({ TableName: Table.name, Item }));
  });

  /**
   * Each read path, for a tenant: what it returns. `refused`: t1's read reaches a plant and must throw
   * `IsolationError`; `partial`: a `KEYS_ONLY` entry holds only keys (t1's), so it is returned without t2's data.
   */
  const reads: readonly {
    readonly name: string;
    readonly t1: "refused" | "partial";
    readonly read: (tenant: TenantId) => Promise<readonly object[]>;
  }[] = [
    { name: "get", t1: "refused", read: async (tenant) => [(await docs(tenant).get({ docId: "x" })) ?? {}] },
    { name: "query", t1: "refused", read: (tenant) => collect(docs(tenant).query({})) },
    { name: "page", t1: "refused", read: async (tenant) => (await docs(tenant).page({ limit: 10 })).items },
    {
      name: "pages",
      t1: "refused",
      read: async (tenant) => (await collect(docs(tenant).pages({ pageSize: 2 }))).flatMap((page) => page.items),
    },
    {
      name: "query with a filter",
      t1: "refused",
      read: (tenant) => collect(docs(tenant).query({ filter: (f) => f.beginsWith("title", "") })),
    },
    {
      name: "sort-key range",
      t1: "refused",
      read: (tenant) => collect(docs(tenant).query({ sortKey: { docId: { gt: "b" } } })),
    },
    {
      name: "KEYS_ONLY index query",
      t1: "partial",
      read: (tenant) => collect(docs(tenant).query({ index: "byStatus", partition: { status: "open" } })),
    },
    {
      name: "KEYS_ONLY index query, hydrated",
      t1: "refused",
      read: (tenant) =>
        collect(docs(tenant).query({ index: "byStatus", partition: { status: "open" }, hydrate: true })),
    },
    {
      name: "batchGet",
      t1: "refused",
      read: async (tenant) => (await docs(tenant).batchGet([{ docId: "a" }, { docId: "x" }])).map((doc) => doc ?? {}),
    },
    {
      name: "transactGet",
      t1: "refused",
      read: async (tenant) =>
        (await db().transactGet({ tenantId: tenant, capsuleId: c1 }, (tx) => [tx.entity(Doc).get({ docId: "x" })])).map(
          (doc) => doc ?? {},
        ),
    },
    {
      name: "collection",
      t1: "refused",
      read: (tenant) => collect(db().collection([Doc, Note]).scope({ tenantId: tenant, capsuleId: c1 }).query()),
    },
    {
      name: "collection, Note only in the partition's note range",
      t1: "refused",
      read: (tenant) =>
        collect(db().collection([Note]).scope({ tenantId: tenant, capsuleId: c1 }).query({ partition: {} })),
    },
    {
      name: "tenant scope query of the tenant-level index",
      t1: "refused",
      read: (tenant) => collect(everyDoc(tenant).query({ index: "byTenant" })),
    },
    {
      name: "tenant scope page",
      t1: "refused",
      read: async (tenant) => (await everyDoc(tenant).page({ index: "byTenant", limit: 5 })).items,
    },
    {
      name: "tenant-level entity get",
      t1: "refused",
      read: async (tenant) => [(await db().entity(Org).scope({ tenantId: tenant }).get({})) ?? {}],
    },
  ];

  describe.each(reads)("$name", ({ t1: outcome, read }) => {
    it(
      outcome === "refused" ? "refuses t1's plant with IsolationError" : "returns t1's keys, none of t2's data",
      async () => {
        const reading = read(t1);
        if (outcome === "refused") await expect(reading).rejects.toThrow(IsolationError);
        else {
          const items = (await reading) as readonly Record<string, unknown>[];
          expect(items.length).toBeGreaterThan(0);
          expect(items.every((item) => item["tenantId"] === t1 && item["title"] === undefined)).toBe(true);
        }
      },
    );

    it("returns only t2's own items to t2", async () => {
      const items = (await read(t2)) as readonly Record<string, unknown>[];
      const present = items.filter((item) => Object.keys(item).length > 0);
      expect(present.length).toBeGreaterThan(0);
      expect(present.every((item) => item["tenantId"] === t2)).toBe(true);
      expect(JSON.stringify(items)).not.toContain(marker);
    });
  });

  it("the global scope and unscoped scans (table and index) refuse the plants too", async () => {
    const plans = db().entity(Plan).scope({});
    expect(await plans.get({ planId: "basic" })).toMatchObject({ price: 10 });
    await expect(plans.get({ planId: "evil" })).rejects.toThrow(IsolationError);
    await expect(collect(plans.query({}))).rejects.toThrow(IsolationError);
    const reason = "test: the isolation matrix";
    await expect(collect(db().entity(Doc).unscopedScan({ reason }))).rejects.toThrow(IsolationError);
    await expect(collect(db().entity(Doc).unscopedScan({ reason, index: "byTenant" }))).rejects.toThrow(IsolationError);
    await expect(collect(db().entity(Org).unscopedScan({ reason }))).rejects.toThrow(IsolationError);
  });

  /** Each write of t1's scope at a planted key: refused, the plant left as it was. */
  const writes: readonly { readonly name: string; readonly write: () => Promise<unknown> }[] = [
    {
      name: "put",
      write: () => docs(t1).put({ tenantId: t1, capsuleId: c1, docId: "x", status: "open", title: "t1" }),
    },
    { name: "update", write: () => docs(t1).update({ docId: "x" }, { title: "t1" }) },
    { name: "delete", write: () => docs(t1).delete({ docId: "x" }) },
    {
      name: "transaction put",
      write: () => {
        const tx = db().transaction({ tenantId: t1, capsuleId: c1 });
        tx.entity(Doc).put({ tenantId: t1, capsuleId: c1, docId: "x", status: "open", title: "t1" });
        return tx.commit();
      },
    },
    {
      name: "transaction update and check",
      write: () => {
        const tx = db().transaction({ tenantId: t1, capsuleId: c1 });
        tx.entity(Doc).update({ docId: "a" }, { title: "t1 a" }).check({ docId: "x" });
        return tx.commit();
      },
    },
    {
      name: "transaction delete",
      write: () => {
        const tx = db().transaction({ tenantId: t1, capsuleId: c1 });
        tx.entity(Doc).delete({ docId: "x" });
        return tx.commit();
      },
    },
    {
      name: "tenant-level put",
      write: () => db().entity(Org).scope({ tenantId: t1 }).put({ tenantId: t1, name: "t1" }),
    },
  ];

  it.each(writes)("$name at a planted key is refused and leaves the plant as it was", async ({ write }) => {
    await expect(write()).rejects.toThrow(CapsuleEntityError);
    for (const plant of plants) {
      const { Item } = await dynamo.local.documents.send(
        new GetCommand({ TableName: Table.name, Key: { PK: plant.PK, SK: plant.SK } }),
      );
      expect(Item).toEqual(plant);
    }
  });
});
