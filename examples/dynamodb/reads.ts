/**
 * capsule-entity/dynamodb's guarded reads beyond one capsule's queries, against AWS's DynamoDB Local on loopback
 * (started here, or the test run's): `npm run example:dynamodb-reads`. Scopes at every level (a global catalogue,
 * a tenant-level organization, a capsule entity's tenant scope over an index opted out to the tenant level, hydrated
 * from a `KEYS_ONLY` projection), collections on the table and on an index, batches, an unscoped scan of a sparse
 * index, and the raw client with `toItem()` / `fromItem()` in the table's own key names.
 */
import { pathToFileURL } from "node:url";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { connectLocalDynamo, startLocalDynamo } from "../../scripts/local-dynamodb.js";

export const AppTable = defineTable({
  name: "app_reads",
  pk: "PK",
  sk: "SK",
  indexes: {
    byAuthor: { pk: "AUTHOR_PK", sk: "AUTHOR_SK" },
    byTenant: { pk: "TENANT_PK", sk: "TENANT_SK", projection: "KEYS_ONLY" },
  },
});

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
export const Doc = defineEntity({
  name: "Doc",
  table: AppTable,
  schema: z.object({ ...ids, docId: z.string(), author: z.string(), at: z.string(), body: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
  sk: "DOC",
  indexes: {
    byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR#${author}", sk: "${at}" },
    byTenant: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document of every capsule" },
    },
  },
});
export const Comment = defineEntity({
  name: "Comment",
  table: AppTable,
  schema: z.object({ ...ids, docId: z.string(), commentId: z.string(), author: z.string(), at: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
  sk: "COMMENT#${commentId}",
  indexes: { byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR#${author}", sk: "${at}" } },
});
export const Org = defineEntity({
  name: "Org",
  table: AppTable,
  schema: z.object({ tenantId: tenantId(), name: z.string() }),
  pk: "TENANT#${tenantId}#ORG",
  sk: "ORG",
  isolation: { level: "tenant", reason: "one organization per tenant, above its capsules" },
});
export const Plan = defineEntity({
  name: "Plan",
  table: AppTable,
  schema: z.object({ planId: z.string(), price: z.number() }),
  pk: "PLAN",
  sk: "PLAN#${planId}",
  isolation: { level: "global", reason: "one product catalogue for every tenant" },
});

/** What the run showed, for the test that runs it. */
export interface ReadsResult {
  readonly plans: readonly string[];
  readonly org: string | undefined;
  readonly everyCapsule: readonly string[];
  readonly hydrated: readonly string[];
  readonly thread: readonly string[];
  readonly feed: readonly string[];
  readonly batch: readonly (string | undefined)[];
  readonly scanned: number;
  readonly rawStoredKeys: readonly string[];
  readonly rawRead: string;
}

/** Runs the example on DynamoDB Local: the one at `endpoint`, or one started (and stopped) here. */
export async function run(log: (line: string) => void = console.log, endpoint?: string): Promise<ReadsResult> {
  const local = endpoint === undefined ? await startLocalDynamo("dynamodb-local") : connectLocalDynamo(endpoint);
  try {
    await local.createTable(AppTable);
    const db = connect(local.documents); // no table option: each entity names its own
    const acme = tenantId().parse("acme");
    const [c1, c2] = [capsuleId().parse("c1"), capsuleId().parse("c2")];

    // Scopes at every level: a global catalogue, a tenant-level organization.
    const plans = db.entity(Plan).scope({});
    await plans.put({ planId: "basic", price: 10 });
    await plans.put({ planId: "pro", price: 30 });
    const planIds: string[] = [];
    for await (const plan of plans.query({})) planIds.push(plan.planId);
    await db.entity(Org).scope({ tenantId: acme }).put({ tenantId: acme, name: "Acme" });
    const org = await db.entity(Org).scope({ tenantId: acme }).get({});
    log(`plans: ${planIds.join(", ")}; organization: ${org?.name}`);

    // Documents and comments in two capsules.
    for (const capsule of [c1, c2]) {
      const scope = { tenantId: acme, capsuleId: capsule };
      const docs = db.entity(Doc).scope(scope);
      await docs.batchPut([
        { ...scope, docId: "d1", author: "ann", at: "2026-01", body: `d1 of ${capsule}` },
        { ...scope, docId: "d2", author: "bob", at: "2026-02", body: `d2 of ${capsule}` },
      ]);
      await db
        .entity(Comment)
        .scope(scope)
        .put({ ...scope, docId: "d1", commentId: "k1", author: "ann", at: "2026-03" });
    }

    // The tenant scope of a capsule entity: every capsule's documents through the tenant-level index, partial
    // entries of its KEYS_ONLY projection, or whole documents with hydrate, each verified as the tenant's.
    const everyDoc = db.entity(Doc).scope({ tenantId: acme });
    const entries: string[] = [];
    for await (const entry of everyDoc.query({ index: "byTenant" })) entries.push(`${entry.capsuleId}/${entry.docId}`);
    const bodies: string[] = [];
    for await (const doc of everyDoc.query({ index: "byTenant", hydrate: true })) bodies.push(doc.body);
    log(`every capsule's documents: ${entries.join(", ")}; hydrated: ${bodies.join(", ")}`);

    // Collections: a document and its comments in one query of its partition; an author's documents and comments
    // in one query of the byAuthor index.
    const c1Ids = { tenantId: acme, capsuleId: c1 };
    const thread: string[] = [];
    for await (const item of db
      .collection([Doc, Comment])
      .scope(c1Ids)
      .query({ partition: { docId: "d1" } }))
      thread.push(item.entityType === "Comment" ? `Comment ${item.commentId}` : `Doc ${item.docId}`);
    const feed: string[] = [];
    const byAnn = db
      .collection([Doc, Comment])
      .scope(c1Ids)
      .query({ index: "byAuthor", partition: { author: "ann" } });
    for await (const item of byAnn) feed.push(`${item.entityType} ${item.at}`);
    log(`thread: ${thread.join(", ")}; ann's feed: ${feed.join(", ")}`);

    // Batches: in the order of the keys, undefined for an absent one.
    const batch = await db
      .entity(Doc)
      .scope(c1Ids)
      .batchGet([{ docId: "d2" }, { docId: "none" }, { docId: "d1" }]);

    // One read across scopes, with its reason: every document with an author, through the byAuthor index.
    const authors = new Set<string>();
    let scanned = 0;
    for await (const doc of db.entity(Doc).unscopedScan({ reason: "authors report", index: "byAuthor" })) {
      authors.add(doc.author);
      scanned += 1;
    }
    log(`scanned ${scanned} documents by ${[...authors].sort().join(", ")}`);

    // The raw client: toItem() gives the item in the table's key names, fromItem() reads one back, verified.
    const attributes = { ...c1Ids, docId: "d3", author: "cy", at: "2026-04", body: "written raw" };
    const stored = Doc.toItem(attributes);
    await local.documents.send(new PutCommand({ TableName: AppTable.name, Item: stored }));
    const { Item } = await local.documents.send(
      new GetCommand({ TableName: AppTable.name, Key: { PK: stored.PK, SK: stored.SK } }),
    );
    const rawRead = Doc.fromItem(Item);
    const scoped = await db.entity(Doc).scope(c1Ids).get({ docId: "d3" });
    log(`raw put read back by the scope: ${scoped?.body}`);
    return {
      plans: planIds,
      org: org?.name,
      everyCapsule: entries,
      hydrated: bodies,
      thread,
      feed,
      batch: batch.map((doc) => doc?.docId),
      scanned,
      rawStoredKeys: Object.keys(stored).filter((key) => key.toUpperCase() === key),
      rawRead: `${rawRead.pk} ${rawRead.body}`,
    };
  } finally {
    await local.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
