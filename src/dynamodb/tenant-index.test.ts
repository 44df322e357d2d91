/**
 * Tenant-wide reads through an index opted out to the tenant level, on AWS's DynamoDB Local: two tenants with
 * capsules c1, c2 and c10; the tenant scope of a capsule entity (`scope({ tenantId })`) reads every capsule of its
 * tenant through that index and nothing of the other tenant's, with `limit` and page by page; a capsule scope
 * cannot query it; a planted item of another tenant under the index is refused. Once more through a two-level
 * custom kit (org / workspace).
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  defineEntity,
  defineIsolation,
  defineTable,
  IsolationError,
  tenantId,
  type InferItem,
} from "capsule-entity";
import type { OuterIndex, OuterIndexesOf, RecordedIsolation } from "../access/scope.js";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const Document = defineEntity({
  name: "Document",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  indexes: {
    byTenant: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document of every capsule" },
    },
  },
});

const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const Page = kit.defineEntity({
  name: "Page",
  schema: z.object({ orgId: kit.ids.orgId(), workspaceId: kit.ids.workspaceId(), pageId: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#PAGES",
  sk: "PAGE#${pageId}",
  indexes: {
    byOrg: { pk: "ORG#${orgId}#PAGES", sk: "PAGE#${pageId}", isolation: { level: "org", reason: "org admins" } },
  },
});

const Table = defineTable({
  name: uniqueTableName("tenantidx"),
  pk: "PK",
  sk: "SK",
  indexes: { byTenant: { pk: "BT_PK", sk: "BT_SK" }, byOrg: { pk: "BO_PK", sk: "BO_SK" } },
});

const [t1, t2] = [tenantId().parse("t1"), tenantId().parse("t2")];
const capsules = ["c1", "c2", "c10"].map((id) => capsuleId().parse(id));

describe("a tenant-level index of a capsule entity, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  beforeAll(async () => {
    for (const tenant of [t1, t2])
      for (const capsule of capsules)
        for (const docId of ["a", "b"]) {
          const documents = dynamo.db.entity(Document).scope({ tenantId: tenant, capsuleId: capsule });
          await documents.put({ tenantId: tenant, capsuleId: capsule, docId, title: `${tenant} ${capsule} ${docId}` });
        }
  });

  it("the tenant scope reads every capsule of its tenant (c1, c2, c10) and nothing of the other tenant", async () => {
    const read = await collect(dynamo.db.entity(Document).scope({ tenantId: t1 }).query({ index: "byTenant" }));
    expect(read.map((document) => `${document.capsuleId}/${document.docId}`)).toEqual([
      "c1/a",
      "c1/b",
      "c10/a",
      "c10/b",
      "c2/a",
      "c2/b",
    ]);
    expect(read.every((document) => document.tenantId === "t1")).toBe(true);
    const other = await collect(dynamo.db.entity(Document).scope({ tenantId: t2 }).query({ index: "byTenant" }));
    expect(other.map((document) => document.title)).toEqual(expect.arrayContaining(["t2 c10 b"]));
    expect(other.every((document) => document.tenantId === "t2")).toBe(true);
  });

  it("the tenant scope is typed: ids of the tenant level only, queries of its index, items of the entity", async () => {
    const tenant = dynamo.db.entity(Document).scope({ tenantId: t1 });
    expectTypeOf(tenant).toHaveProperty("query");
    expectTypeOf(tenant).not.toHaveProperty("get");
    expectTypeOf(tenant).not.toHaveProperty("put");
    const read = await collect(tenant.query({ index: "byTenant", sortKey: { capsuleId: capsules[1]! } }));
    expectTypeOf(read).toEqualTypeOf<InferItem<typeof Document>[]>();
    expect(read.map((document) => `${document.capsuleId}/${document.docId}`)).toEqual(["c2/a", "c2/b"]);
    // The scope pins the tenant only: a sort key without the capsule before the document is a gap, for the compiler
    // (its query types pin the level's ids only, OuterLevelIsolation) as at runtime, before any request.
    await expect(
      // @ts-expect-error [query.sortKey] Document index byTenant sk condition gives docId without capsuleId before it
      tenant.page({ index: "byTenant", sortKey: { docId: "a" } }),
    ).rejects.toThrow("[query.sortKey] Document index byTenant sk condition gives docId without capsuleId before it");
    // The whole sort key, a branded capsule id first (an object type to the compiler, not an operator), with or without
    // a filter: one document.
    const exact = await tenant.page({ index: "byTenant", sortKey: { capsuleId: capsules[1]!, docId: "b" } });
    expect(exact.items.map((document) => document.title)).toEqual(["t1 c2 b"]);
    const filtered = await tenant.page({
      index: "byTenant",
      sortKey: { capsuleId: capsules[1]!, docId: "b" },
      filter: (f) => f.eq("title", "t1 c2 b"),
    });
    expect(filtered.items.map((document) => document.docId)).toEqual(["b"]);
    const page = await tenant.page({ index: "byTenant", limit: 1 });
    expectTypeOf(page.items).toEqualTypeOf<readonly InferItem<typeof Document>[]>();
    // An input of the index alone, where the table's pk has fields beyond the ids (it was inferred as no input).
    const Report = defineEntity({
      name: "Report",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), reportId: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#REPORT#${reportId}",
      sk: "REPORT",
      indexes: {
        byTenant: {
          pk: "TENANT#${tenantId}#REPORTS",
          sk: "${reportId}",
          isolation: { level: "tenant", reason: "audits" },
        },
      },
    });
    expectTypeOf(dynamo.db.entity(Report).scope({ tenantId: t1 }).query({ index: "byTenant" })).toEqualTypeOf<
      AsyncIterable<InferItem<typeof Report>>
    >();
    // What the adapter records of each entity's index levels, once per dynamo.db.entity(E); nothing for an entity without.
    expectTypeOf<
      OuterIndexesOf<RecordedIsolation<typeof Document.templates, typeof Document.isolation>>
    >().toEqualTypeOf<{
      readonly byTenant: OuterIndex<"tenant", "tenantId">;
    }>();
    expectTypeOf<OuterIndexesOf<RecordedIsolation<typeof Page.templates, typeof Page.isolation>>>().toEqualTypeOf<{
      readonly byOrg: OuterIndex<"org", "orgId">;
    }>();
    const Plain = defineEntity({
      name: "Plain",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#PLAIN",
      sk: "${docId}",
      indexes: { byDoc: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${docId}" } },
    });
    expectTypeOf<RecordedIsolation<typeof Plain.templates, typeof Plain.isolation>>().toEqualTypeOf<
      typeof Plain.isolation
    >();
    const orgs = dynamo.db.entity(Page).scope({ orgId: kit.ids.orgId().parse("o1") });
    // A query is lazy: typed here, sent by the kit's own test below.
    expectTypeOf(orgs.query({ index: "byOrg" })).toEqualTypeOf<AsyncIterable<InferItem<typeof Page>>>();
  });

  it("with limit, with page and with pages: the same items, its tenant's only", async () => {
    const tenant = dynamo.db.entity(Document).scope({ tenantId: t1 });
    const limited = await collect(tenant.query({ index: "byTenant", limit: 4 }));
    expect(limited.map((document) => document.docId)).toHaveLength(4);
    const first = await tenant.page({ index: "byTenant", limit: 4 });
    expect(first.cursor).toBeDefined();
    const second = await tenant.page({ index: "byTenant", limit: 4, cursor: first.cursor! });
    expect([...first.items, ...second.items].map((document) => `${document.capsuleId}/${document.docId}`)).toEqual([
      "c1/a",
      "c1/b",
      "c10/a",
      "c10/b",
      "c2/a",
      "c2/b",
    ]);
    expect(second.cursor).toBeUndefined();
    const pages = await collect(tenant.pages({ index: "byTenant", pageSize: 2 }));
    expect(pages.flatMap((page) => page.items).every((document) => document.tenantId === "t1")).toBe(true);
    expect(pages.flatMap((page) => page.items)).toHaveLength(6);
  });

  it("a capsule scope cannot query the tenant-level index; the tenant scope nothing else (before any request)", async () => {
    // Each refusal is a type error too (types-tests/compile-fail/index-opt-outs.ts has the messages): here the
    // runtime twins, past the compiler.
    const capsule = dynamo.db.entity(Document).scope({ tenantId: t1, capsuleId: capsules[0]! });
    // @ts-expect-error scope.indexLevel
    await expect(collect(capsule.query({ index: "byTenant" }))).rejects.toThrow(/^\[scope\.indexLevel\] /);
    const tenant = dynamo.db.entity(Document).scope({ tenantId: t1 });
    // @ts-expect-error scope.outerLevel
    await expect(collect(tenant.query({}))).rejects.toThrow(/^\[scope\.outerLevel\] .* not the table/);
    // @ts-expect-error the tenant scope has no get
    await expect(tenant.get({ docId: "a" })).rejects.toThrow(/^\[scope\.outerLevel\] .* not get/);
    // @ts-expect-error the tenant scope has no put
    await expect(tenant.put({})).rejects.toThrow(/^\[scope\.outerLevel\] .* not put/);
  });

  it("refuses an item of another tenant planted under the tenant's index partition, without its content", async () => {
    await dynamo.local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: {
          PK: "TENANT#t2#CAPSULE#c1#DOCS",
          SK: "DOC#planted",
          BT_PK: "TENANT#t1#DOCS",
          BT_SK: "c1#planted",
          entityType: "Document",
          tenantId: "t2",
          capsuleId: "c1",
          docId: "planted",
          title: "t2 secret plans",
        },
      }),
    );
    const reading = collect(dynamo.db.entity(Document).scope({ tenantId: t1 }).query({ index: "byTenant" }));
    await expect(reading).rejects.toThrow(IsolationError);
    await expect(reading).rejects.not.toThrow(/secret/);
    // The other tenant's own reads do not see it either: its index partition is TENANT#t2#DOCS.
    const other = await collect(dynamo.db.entity(Document).scope({ tenantId: t2 }).query({ index: "byTenant" }));
    expect(other.map((document) => document.docId)).not.toContain("planted");
  });

  it("a custom kit (org / workspace): the org scope reads every workspace of its org, nothing of another org", async () => {
    const [o1, o2] = [kit.ids.orgId().parse("o1"), kit.ids.orgId().parse("o2")];
    for (const org of [o1, o2])
      for (const workspace of ["w1", "w2"].map((id) => kit.ids.workspaceId().parse(id)))
        await dynamo.db
          .entity(Page)
          .scope({ orgId: org, workspaceId: workspace })
          .put({
            orgId: org,
            workspaceId: workspace,
            pageId: `${workspace}-p`,
          });
    const read = await collect(dynamo.db.entity(Page).scope({ orgId: o1 }).query({ index: "byOrg" }));
    expect(read.map((page) => `${page.orgId}/${page.workspaceId}`)).toEqual(["o1/w1", "o1/w2"]);
    const workspace = dynamo.db.entity(Page).scope({ orgId: o1, workspaceId: kit.ids.workspaceId().parse("w1") });
    // A type error too (fixture tenant-scope.ts has its text): the entity's type records the index's level.
    // @ts-expect-error scope.indexLevel: a workspace scope cannot reach an org-level index
    const refusal = await collect(workspace.query({ index: "byOrg" })).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Error);
    // In the kit's words, its example built from the entity's own prefix.
    expect((refusal as Error).message).toMatch(/^\[scope\.indexLevel\] Page's index byOrg is keyed at the org level, /);
    expect((refusal as Error).message).toContain('pk: "ORG#${orgId}#WS#${workspaceId}#STATUS#${status}"');
    expect((refusal as Error).message).not.toMatch(/tenant|capsule/i);
  });
});
