/**
 * `hydrate: true` through a tenant scope, on AWS's DynamoDB Local: a capsule entity's indexes opted out to the tenant
 * level, one `KEYS_ONLY` and one `INCLUDE`, two tenants × capsules c1, c2, c10. The tenant scope's partial entries
 * are fetched whole through BatchGetItem and each full item verified as the tenant scope's (its entity, its keys
 * rebuilt from its attributes, its tenant); a planted item of another tenant behind an entry of ours is refused.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, IsolationError, tenantId, type InferItem } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const Document = defineEntity({
  name: "Document",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    docId: z.string(),
    title: z.string(),
    body: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  indexes: {
    byTenant: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document of every capsule" },
    },
    byTitle: {
      pk: "TENANT#${tenantId}#TITLES",
      sk: "${title}#${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant-wide title search" },
    },
  },
});

const Table = defineTable({
  name: uniqueTableName("tenanthydrate"),
  pk: "PK",
  sk: "SK",
  indexes: {
    byTenant: { pk: "BT_PK", sk: "BT_SK", projection: "KEYS_ONLY" },
    byTitle: { pk: "TI_PK", sk: "TI_SK", projection: { include: ["entityType", "tenantId", "capsuleId", "title"] } },
  },
});

const [t1, t2] = [tenantId().parse("t1"), tenantId().parse("t2")];
const capsules = ["c1", "c2", "c10"].map((id) => capsuleId().parse(id));
type Entry = Pick<
  InferItem<typeof Document>,
  "pk" | "sk" | "byTenantpk" | "byTenantsk" | "entityType" | "tenantId" | "capsuleId" | "docId"
>;

describe("hydrate: true through a tenant scope, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  beforeAll(async () => {
    for (const tenant of [t1, t2])
      for (const capsule of capsules) {
        const documents = dynamo.db.entity(Document).scope({ tenantId: tenant, capsuleId: capsule });
        for (const docId of ["a", "b"])
          await documents.put({
            tenantId: tenant,
            capsuleId: capsule,
            docId,
            title: `T${docId}`,
            body: `${tenant} ${capsule} ${docId}`,
          });
      }
  });

  it("reads partial entries of every capsule of its tenant, typed as partial", async () => {
    const entries = await collect(dynamo.db.entity(Document).scope({ tenantId: t1 }).query({ index: "byTenant" }));
    expectTypeOf(entries).toEqualTypeOf<Entry[]>();
    expect(entries.map((entry) => `${entry.tenantId}/${entry.capsuleId}/${entry.docId}`)).toEqual([
      "t1/c1/a",
      "t1/c1/b",
      "t1/c10/a",
      "t1/c10/b",
      "t1/c2/a",
      "t1/c2/b",
    ]);
    expect(entries[0]).not.toHaveProperty("body");
  });

  it("hydrates them: full items of its own tenant only, through query, page and pages, KEYS_ONLY and INCLUDE", async () => {
    const tenant = dynamo.db.entity(Document).scope({ tenantId: t1 });
    const full = await collect(tenant.query({ index: "byTenant", hydrate: true }));
    expectTypeOf(full).toEqualTypeOf<InferItem<typeof Document>[]>();
    expect(full.map((document) => document.body)).toEqual([
      "t1 c1 a",
      "t1 c1 b",
      "t1 c10 a",
      "t1 c10 b",
      "t1 c2 a",
      "t1 c2 b",
    ]);
    const page = await tenant.page({ index: "byTitle", sortKey: { title: "Tb" }, limit: 2, hydrate: true });
    expect(page.items.map((document) => document.body)).toEqual(["t1 c1 b", "t1 c10 b"]);
    expect(page.cursor).toBeDefined();
    const pages = await collect(
      dynamo.db.entity(Document).scope({ tenantId: t2 }).pages({ index: "byTenant", pageSize: 4, hydrate: true }),
    );
    expect(pages.flatMap((one) => one.items.map((document) => document.body))).toEqual([
      "t2 c1 a",
      "t2 c1 b",
      "t2 c10 a",
      "t2 c10 b",
      "t2 c2 a",
      "t2 c2 b",
    ]);
  });

  it("refuses a planted item of another tenant behind an entry of ours (the entry's keys are t1's)", async () => {
    // The index entry and the table key say t1/c2/x; the stored item behind them carries t2's tenantId.
    await dynamo.local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: {
          PK: "TENANT#t1#CAPSULE#c2#DOCS",
          SK: "DOC#x",
          BT_PK: "TENANT#t1#DOCS",
          BT_SK: "c2#x",
          entityType: "Document",
          tenantId: t2,
          capsuleId: capsules[1],
          docId: "x",
          title: "Tx",
          body: "t2 secret",
        },
      }),
    );
    const tenant = dynamo.db.entity(Document).scope({ tenantId: t1 });
    const entries = await collect(tenant.query({ index: "byTenant", sortKey: { capsuleId: capsules[1]! } }));
    expect(entries.map((entry) => `${entry.tenantId}/${entry.docId}`)).toEqual(["t1/a", "t1/b", "t1/x"]);
    const hydrated = collect(tenant.query({ index: "byTenant", sortKey: { capsuleId: capsules[1]! }, hydrate: true }));
    await expect(hydrated).rejects.toThrow(IsolationError);
    await expect(hydrated).rejects.not.toThrow(/t2 secret/);
  });
});
