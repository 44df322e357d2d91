/**
 * Cursors handed to the wrong query, on DynamoDB Local: a cursor taken from each of a set of queries (two
 * tenants x capsules c1, c10; the table, a capsule-level index, a sort-key range, descending order, the tenant
 * scope's tenant-level index, a collection; another entity of the partition whose sort keys share no prefix with
 * those, on the table, its tenant-level index and in a collection) is given to every other. Each is either refused
 * before any request with the catalog's words (`[query.invalidCursor]`, `IsolationError`), or resumes a query of the
 * same partition and returns only the scope's own items; never DynamoDB's own error, never another scope's item.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, CapsuleEntityError, defineEntity, defineTable, tenantId } from "capsule-entity";
import { DynamoRequestError } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Document = defineEntity({
  name: "Document",
  schema: z.object({ ...ids, docId: z.string(), author: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  indexes: {
    byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR", sk: "${author}#${docId}" },
    byTenant: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document" },
    },
  },
});
const Comment = defineEntity({
  name: "Comment",
  schema: z.object({ ...ids, docId: z.string(), commentId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}#COMMENT#${commentId}",
});
// Another entity of the partition whose sort keys share no prefix with Document's (in the table and in the tenant's
// index partition): its cursors given to Document's queries without a sortKey, and Document's to its own.
const Tag = defineEntity({
  name: "Tag",
  schema: z.object({ ...ids, tagId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "TAG#${tagId}",
  indexes: {
    byTenant: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "TAG#${capsuleId}#${tagId}",
      isolation: { level: "tenant", reason: "tenant admins list every tag" },
    },
  },
});
const Table = defineTable({
  name: uniqueTableName("cursors"),
  pk: "PK",
  sk: "SK",
  indexes: { byAuthor: { pk: "BA_PK", sk: "BA_SK" }, byTenant: { pk: "BT_PK", sk: "BT_SK" } },
});

const tenants = [tenantId().parse("t1"), tenantId().parse("t2")];
const capsules = [capsuleId().parse("c1"), capsuleId().parse("c10")];
type Ids = { readonly tenantId: (typeof tenants)[number]; readonly capsuleId: (typeof capsules)[number] };
const scopes: Ids[] = tenants.flatMap((tenant) =>
  capsules.map((capsule) => ({ tenantId: tenant, capsuleId: capsule })),
);

describe("cursors handed to the wrong query, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  beforeAll(async () => {
    for (const scope of scopes)
      for (const docId of ["a", "b", "c"]) {
        await dynamo.db
          .entity(Document)
          .scope(scope)
          .put({ ...scope, docId, author: docId === "b" ? "bo" : "al" });
        await dynamo.db
          .entity(Comment)
          .scope(scope)
          .put({ ...scope, docId, commentId: "k" });
      }
    for (const scope of scopes)
      for (const tagId of ["x", "y"])
        await dynamo.db
          .entity(Tag)
          .scope(scope)
          .put({ ...scope, tagId });
  });

  const at = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });
  /** The queries: each reads a page of one item for a capsule's ids, and the items it returns. */
  const queries: Record<
    string,
    (scope: Ids, cursor?: string) => Promise<{ items: readonly object[]; cursor: string | undefined }>
  > = {
    table: (scope, cursor) =>
      dynamo.db
        .entity(Document)
        .scope(scope)
        .page({ limit: 1, ...at(cursor) }),
    desc: (scope, cursor) =>
      dynamo.db
        .entity(Document)
        .scope(scope)
        .page({ limit: 1, order: "desc", ...at(cursor) }),
    range: (scope, cursor) =>
      dynamo.db
        .entity(Document)
        .scope(scope)
        .page({ limit: 1, sortKey: { docId: { gte: "b" } }, ...at(cursor) }),
    comments: (scope, cursor) =>
      dynamo.db
        .entity(Comment)
        .scope(scope)
        .page({ limit: 1, ...at(cursor) }),
    byAuthor: (scope, cursor) =>
      dynamo.db
        .entity(Document)
        .scope(scope)
        .page({ index: "byAuthor", sortKey: { author: "al" }, limit: 1, ...at(cursor) }),
    tenant: (scope, cursor) =>
      dynamo.db
        .entity(Document)
        .scope({ tenantId: scope.tenantId })
        .page({ index: "byTenant", limit: 1, ...at(cursor) }),
    collection: (scope, cursor) =>
      dynamo.db
        .collection([Document, Comment])
        .scope(scope)
        .page({ limit: 1, ...at(cursor) }),
    tags: (scope, cursor) =>
      dynamo.db
        .entity(Tag)
        .scope(scope)
        .page({ limit: 1, ...at(cursor) }),
    tenantTags: (scope, cursor) =>
      dynamo.db
        .entity(Tag)
        .scope({ tenantId: scope.tenantId })
        .page({ index: "byTenant", limit: 1, ...at(cursor) }),
    tagCollection: (scope, cursor) =>
      dynamo.db
        .collection([Tag, Document])
        .scope(scope)
        .page({ limit: 1, order: "desc", ...at(cursor) }),
  };

  for (const [from, source] of Object.entries(queries))
    for (const [to, target] of Object.entries(queries))
      it(`a cursor of ${from} (t1/c1) given to ${to} of each scope is refused or reads only that scope's items`, async () => {
        const { cursor } = await source(scopes[0]!);
        expect(cursor).toBeDefined();
        for (const scope of scopes) {
          const outcome = await target(scope, cursor).then(
            (page) => page,
            (error: unknown) => error,
          );
          if (outcome instanceof Error) {
            expect(outcome, `${outcome.message}`).not.toBeInstanceOf(DynamoRequestError);
            expect(outcome).toBeInstanceOf(CapsuleEntityError);
          } else {
            const own = to.startsWith("tenant") ? { tenantId: scope.tenantId } : scope;
            for (const item of (outcome as { items: readonly object[] }).items) expect(item).toMatchObject(own);
          }
        }
      });

  it("a cursor of the same partition outside the query's sort-key condition is [query.invalidCursor], not DynamoDB's error", async () => {
    const documents = dynamo.db.entity(Document).scope(scopes[0]!);
    const { cursor } = await documents.page({ limit: 1 });
    await expect(documents.page({ sortKey: { docId: { gte: "b" } }, ...at(cursor) })).rejects.toThrow(
      '[query.invalidCursor] Document cursor resumes after sort key "DOC#a", which this query\'s sort-key condition excludes |',
    );
    const between = await documents.page({ sortKey: { docId: { between: ["a", "b"] } }, ...at(cursor) });
    expect(between.items.map((document) => document.docId)).toEqual(["b"]);
  });

  it("a cursor of another entity of the partition, given to a query without sortKey, is [query.invalidCursor] before any request", async () => {
    const scope = scopes[0]!;
    const tags = await dynamo.db.entity(Tag).scope(scope).page({ limit: 1 });
    const documents = await dynamo.db.entity(Document).scope(scope).page({ limit: 1 });
    await expect(dynamo.db.entity(Document).scope(scope).page({ cursor: tags.cursor! })).rejects.toThrow(
      `[query.invalidCursor] Document cursor resumes after sort key "TAG#x", which is not one of Document's (they start with "DOC#") |`,
    );
    await expect(dynamo.db.entity(Tag).scope(scope).page({ cursor: documents.cursor! })).rejects.toThrow(
      `[query.invalidCursor] Tag cursor resumes after sort key "DOC#a", which is not one of Tag's (they start with "TAG#") |`,
    );
    // The tenant scope: Document's entry in the tenant's index partition given to Tag's query of it.
    const tenantDocuments = await dynamo.db
      .entity(Document)
      .scope({ tenantId: scope.tenantId })
      .page({ index: "byTenant", limit: 1 });
    await expect(
      dynamo.db
        .entity(Tag)
        .scope({ tenantId: scope.tenantId })
        .page({ index: "byTenant", cursor: tenantDocuments.cursor! }),
    ).rejects.toThrow(
      `[query.invalidCursor] Tag cursor resumes after sort key "c1#a", which is not one of Tag's (they start with "TAG#") |`,
    );
    // A collection: a sort key of none of its entities (a tag's, given to documents and comments).
    await expect(dynamo.db.collection([Document, Comment]).scope(scope).page({ cursor: tags.cursor! })).rejects.toThrow(
      `[query.invalidCursor] collection(Document, Comment) cursor resumes after sort key "TAG#x", which is none of its entities' (they start with "DOC#") |`,
    );
    // Any member's is one the collection could have returned.
    const mixed = await dynamo.db.collection([Tag, Document]).scope(scope).page({ cursor: documents.cursor! });
    expect(mixed.items.map((item) => item.entityType)).toEqual(["Document", "Document", "Tag", "Tag"]);
  });

  it("a collection's own cursor resumes it when its entities' sort keys share no prefix", async () => {
    const scope = scopes[0]!;
    const thread = dynamo.db.collection([Tag, Document]).scope(scope);
    const read: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await thread.page({ limit: 1, ...at(cursor) });
      read.push(...page.items.map((item) => item.entityType));
      cursor = page.cursor;
    } while (cursor !== undefined);
    expect(read).toEqual(["Document", "Document", "Document", "Tag", "Tag"]);
  });

  for (const limit of [1, 2, 3, 5])
    for (const order of ["asc", "desc"] as const)
      it(`page({ limit: ${limit}, order: "${order}" }) resumed by its own cursors reads each item once, as query() does`, async () => {
        const scope = scopes[1]!;
        const paths = {
          table: (cursor?: string) =>
            dynamo.db
              .entity(Document)
              .scope(scope)
              .page({ limit, order, ...at(cursor) }),
          index: (cursor?: string) =>
            dynamo.db
              .entity(Document)
              .scope(scope)
              .page({ index: "byAuthor", limit, order, ...at(cursor) }),
          tenant: (cursor?: string) =>
            dynamo.db
              .entity(Document)
              .scope({ tenantId: scope.tenantId })
              .page({ index: "byTenant", limit, order, ...at(cursor) }),
          collection: (cursor?: string) =>
            dynamo.db
              .collection([Document, Comment])
              .scope(scope)
              .page({ limit, order, ...at(cursor) }),
        };
        const whole = {
          table: await collect(dynamo.db.entity(Document).scope(scope).query({ order })),
          index: await collect(dynamo.db.entity(Document).scope(scope).query({ index: "byAuthor", order })),
          tenant: await collect(
            dynamo.db.entity(Document).scope({ tenantId: scope.tenantId }).query({ index: "byTenant", order }),
          ),
          collection: await collect(dynamo.db.collection([Document, Comment]).scope(scope).query({ order })),
        };
        for (const [path, page] of Object.entries(paths)) {
          const read: object[] = [];
          let cursor: string | undefined;
          do {
            const next: { items: readonly object[]; cursor: string | undefined } = await page(cursor);
            expect(next.items.length).toBeLessThanOrEqual(limit);
            read.push(...next.items);
            cursor = next.cursor;
          } while (cursor !== undefined);
          expect(read, path).toEqual(whole[path as keyof typeof whole]);
          expect(read.length, path).toBeGreaterThan(0);
        }
      });
});
