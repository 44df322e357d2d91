// The tenant scope of a capsule entity on the adapter (capsule-entity/dynamodb): an index opted out to the tenant
// level is reached only by the entity's tenant scope (`scope({ tenantId })`), which reaches nothing else; the same
// for a kit's levels (org / workspace), which the entity's type records. The line after each `expect-error` comment
// is where the compiler must complain; `page()` rejects with the same text before any request.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineIsolation, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
const Document = defineEntity({
  name: "Document",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  table: "documents",
  indexes: {
    byTenant: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document of every capsule" },
    },
  },
});
const documents = connect({} as DynamoDBDocumentClient).entity(Document);
const t1 = tenantId().parse("t1");

export const capsuleScopeQueriesTenantIndex = () =>
  // expect-error: scope.indexLevel async
  documents.scope({ tenantId: t1, capsuleId: capsuleId().parse("c1") }).page({ index: "byTenant" });

export const tenantScopeQueriesTheTable = () =>
  // expect-error: scope.outerLevel async
  documents.scope({ tenantId: t1 }).page({});

export const tenantScopeQueriesTheTableBySortKey = () =>
  // expect-error: scope.outerLevel async
  documents.scope({ tenantId: t1 }).page({ sortKey: { docId: "d1" } });

export const tenantScopeMisspeltOption = () =>
  // expect-error: query.invalidOption async
  documents.scope({ tenantId: t1 }).page({ index: "byTenant", limitt: 5 });

// The same beside a `filter` callback (inferred too late for `this`: the catch-all overloads infer `index`, `partition`
// and `sortKey` one by one).
const c1 = capsuleId().parse("c1");

export const capsuleScopeFilterTenantIndex = () =>
  // expect-error: scope.indexLevel async
  documents.scope({ tenantId: t1, capsuleId: c1 }).page({ index: "byTenant", filter: (f) => f.eq("title", "a") });

export const capsuleScopeFilterUnknownIndex = () =>
  // expect-error: query.unknownIndex async
  documents.scope({ tenantId: t1, capsuleId: c1 }).page({ index: "byTenat", filter: (f) => f.eq("title", "a") });

export const tenantScopeFilterTheTable = () =>
  // expect-error: scope.outerLevel async
  documents.scope({ tenantId: t1 }).page({ sortKey: { docId: "d1" }, filter: (f) => f.eq("title", "a") });

export const tenantScopeFilterUnknownIndex = () =>
  // expect-error: query.unknownIndex async
  documents.scope({ tenantId: t1 }).page({ index: "byTenat", filter: (f) => f.eq("title", "a") });

export const tenantScopeFilterPartitionStrayField = () =>
  // expect-error: query.partition async
  documents.scope({ tenantId: t1 }).page({ index: "byTenant", partition: { docId: "d1" }, filter: (f) => f.eq("title", "a") });

export const tenantScopeFilterMisspeltOption = () =>
  // expect-error: query.invalidOption async
  collect(documents.scope({ tenantId: t1 }).pages({ index: "byTenant", limitt: 5, filter: (f) => f.eq("title", "a") }));

// A two-level kit: its workspace scope and its org scope, in the kit's words.
const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const Page = kit.defineEntity({
  name: "Page",
  schema: z.object({ orgId: kit.ids.orgId(), workspaceId: kit.ids.workspaceId(), pageId: z.string(), status: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#PAGES",
  sk: "PAGE#${pageId}",
  table: "pages",
  indexes: {
    byStatus: { pk: "ORG#${orgId}#WS#${workspaceId}#STATUS#${status}", sk: "${pageId}" },
    byOrg: {
      pk: "ORG#${orgId}#PAGES",
      sk: "${workspaceId}#${pageId}",
      isolation: { level: "org", reason: "org admins list every workspace's pages" },
    },
  },
});
const pages = connect({} as DynamoDBDocumentClient).entity(Page);
const o1 = kit.ids.orgId().parse("o1");

export const kitWorkspaceScopeQueriesOrgIndex = () =>
  // expect-error: scope.indexLevel async
  pages.scope({ orgId: o1, workspaceId: kit.ids.workspaceId().parse("w1") }).page({ index: "byOrg" });

export const kitOrgScopeQueriesTheTable = () =>
  // expect-error: scope.outerLevel async
  pages.scope({ orgId: o1 }).page({});

export const kitOrgScopeQueriesTheTableBySortKey = () =>
  // expect-error: scope.outerLevel async
  pages.scope({ orgId: o1 }).page({ sortKey: { pageId: "p1" } });

export const kitOrgScopeQueriesAnotherIndex = () =>
  // expect-error: scope.outerLevel async
  pages.scope({ orgId: o1 }).page({ index: "byStatus", partition: { status: "draft" } });

// A query whose only key is a misspelt option (no index, partition or sortKey beside it) is inferred as written too.
export const capsuleScopeMisspeltOptionAlone = () =>
  // expect-error: query.invalidOption async
  documents.scope({ tenantId: t1, capsuleId: capsuleId().parse("c1") }).page({ limitt: 5 });

export const kitOrgScopeFilterTheTable = () =>
  // expect-error: scope.outerLevel async
  collect(pages.scope({ orgId: o1 }).query({ sortKey: { pageId: "p1" }, filter: (f) => f.eq("status", "draft") }));

// The same scopes on the command builders (`Document.scope({ tenantId })`): the indexes opted out to the outer level
// only, no single-item command; an entity without such an index has no outer scope. Each thunk throws the same text.
export const builderTenantScopeQueriesTheTable = () =>
  // expect-error: scope.outerLevel
  Document.scope({ tenantId: t1 }).query({ sortKey: { docId: "d1" } });

export const builderTenantScopeGets = () =>
  // expect-error: scope.outerLevel
  Document.scope({ tenantId: t1 }).get({ docId: "d1" });

export const builderTenantScopePuts = () =>
  // expect-error: scope.outerLevel
  Document.scope({ tenantId: t1 }).put({ tenantId: t1, capsuleId: capsuleId().parse("c1"), docId: "d1" });

export const builderTenantScopeSortKeyGap = () =>
  // expect-error: query.sortKey
  Document.scope({ tenantId: t1 }).query({ index: "byTenant", sortKey: { docId: "d1" } });

export const builderTenantScopeMisspeltOption = () =>
  // expect-error: query.invalidOption
  Document.scope({ tenantId: t1 }).query({ index: "byTenant", limitt: 5 });

export const builderTenantScopeAdapterOption = () =>
  // expect-error: query.invalidOption
  Document.scope({ tenantId: t1 }).query({ index: "byTenant", pageSize: 5 });

// A capsule id as the tenant scope's id: the brands differ at compile time only (the runtime opens the scope of "c1").
export const builderTenantScopeGivenACapsuleId = () =>
  // expect-error: scope.wrongId type-only
  Document.scope({ tenantId: capsuleId().parse("c1") });

export const builderOrgScopeQueriesAnotherIndex = () =>
  // expect-error: scope.outerLevel
  Page.scope({ orgId: o1 }).query({ index: "byStatus", partition: { status: "draft" } });

export const builderOrgScopeDeletes = () =>
  // expect-error: scope.outerLevel
  Page.scope({ orgId: o1 }).delete({ pageId: "p1" });

/** No index opted out: no tenant scope. */
const Note = defineEntity({ name: "Note", schema: Document.schema, pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES" });

export const builderNoTenantLevelIndex = () =>
  // expect-error: scope.missingId
  Note.scope({ tenantId: t1 }, { table: "notes" });

// The adapter's tenant scope pins the tenant only: a sort key naming the document without the capsule before it.
export const tenantScopeSortKeyGap = () =>
  // expect-error: query.sortKey async
  documents.scope({ tenantId: t1 }).page({ index: "byTenant", sortKey: { docId: "d1" } });

// Beside a `filter` callback, the builder's tenant scope and the adapter's name the same mistakes.
export const builderTenantScopeFilterTheTable = () =>
  // expect-error: scope.outerLevel
  Document.scope({ tenantId: t1 }).query({ sortKey: { docId: "d1" }, filter: (f) => f.eq("title", "a") });

export const builderTenantScopeFilterSortKeyGap = () =>
  // expect-error: query.sortKey
  Document.scope({ tenantId: t1 }).query({ index: "byTenant", sortKey: { docId: "d1" }, filter: (f) => f.eq("title", "a") });

export const builderTenantScopeFilterMisspeltOption = () =>
  // expect-error: query.invalidOption
  Document.scope({ tenantId: t1 }).query({ index: "byTenant", limitt: 5, filter: (f) => f.eq("title", "a") });

export const tenantScopeFilterSortKeyGap = () =>
  // expect-error: query.sortKey async
  documents.scope({ tenantId: t1 }).page({ index: "byTenant", sortKey: { docId: "d1" }, filter: (f) => f.eq("title", "a") });

// The command builder's capsule scope (a kit's workspace scope) refuses an index opted out to an outer level, in the
// adapter's words (`EntityScope.query`'s exact signature leaves such an index out, for the catch-all to name it).
export const builderCapsuleScopeQueriesTenantIndex = () =>
  // expect-error: scope.indexLevel
  Document.scope({ tenantId: t1, capsuleId: capsuleId().parse("c1") }).query({ index: "byTenant" });

export const builderCapsuleScopeFilterTenantIndex = () =>
  // expect-error: scope.indexLevel
  Document.scope({ tenantId: t1, capsuleId: capsuleId().parse("c1") }).query({ index: "byTenant", filter: (f) => f.eq("title", "a") });

export const builderWorkspaceScopeQueriesOrgIndex = () =>
  // expect-error: scope.indexLevel
  Page.scope({ orgId: o1, workspaceId: kit.ids.workspaceId().parse("w1") }).query({ index: "byOrg" });

// The tenant scope's own id repeated in `partition` (byTenant's pk has no other field): the scope gives it.
export const tenantScopePartitionWithScopeId = () =>
  // expect-error: query.partition async
  documents.scope({ tenantId: t1 }).page({ index: "byTenant", partition: { tenantId: t1 } });

export const builderTenantScopePartitionWithScopeId = () =>
  // expect-error: query.partition
  Document.scope({ tenantId: t1 }).query({ index: "byTenant", partition: { tenantId: t1 } });

// The adapter's `scope` of an entity with an index opted out to an outer level (OptedOutEntityClient: the entity's
// own ids, an outer level's, and the catch-all) refuses wrong ids in the catalog's words, as EntityClient's does.
const w1 = kit.ids.workspaceId().parse("w1");

export const adapterScopeCapsuleIdAsTenantId = () =>
  // expect-error: scope.wrongId type-only (a parsed id is a string at runtime: the scope of tenant "c1" opens)
  documents.scope({ tenantId: c1 });

export const adapterScopePlainTenantId = () =>
  // expect-error: scope.plainId type-only (every id is a string at runtime)
  documents.scope({ tenantId: "t1", capsuleId: c1 });

export const adapterScopeMissingTenantId = () =>
  // expect-error: scope.missingId
  documents.scope({ capsuleId: c1 });

export const adapterScopeNoIds = () =>
  // expect-error: scope.missingId
  documents.scope({});

export const adapterTenantScopeUnknownIndex = () =>
  // expect-error: query.unknownIndex async
  documents.scope({ tenantId: t1 }).page({ index: "byTenat" });

export const kitAdapterScopeWorkspaceIdAsOrgId = () =>
  // expect-error: scope.wrongId type-only (a parsed id is a string at runtime: the scope of org "w1" opens)
  pages.scope({ orgId: w1 });

export const kitAdapterScopeMissingOrgId = () =>
  // expect-error: scope.missingId
  pages.scope({ workspaceId: w1 });

export const kitAdapterOrgScopeUnknownIndex = () =>
  // expect-error: query.unknownIndex async
  pages.scope({ orgId: o1 }).page({ index: "byOrgg" });
