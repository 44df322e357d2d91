// The tenant scope of a capsule entity on the command builders (`Document.scope({ tenantId })`): it queries the
// indexes opted out to the tenant level only, and builds no single-item command; an entity without such an index
// has no tenant scope. The same for a kit's levels (org / workspace). The line after each `expect-error` comment is
// where the compiler must complain; each thunk throws the same text.
import { z } from "zod";
import { capsuleId, defineEntity, defineIsolation, tenantId } from "capsule-entity";
const Document = defineEntity({
  name: "Document",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string(), status: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  table: "documents",
  indexes: {
    byTenant: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document of every capsule" },
    },
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${docId}" },
  },
});
/** No index opted out: no tenant scope. */
const Note = defineEntity({
  name: "Note",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  table: "notes",
});
const t1 = tenantId().parse("t1");

export const tenantScopeQueriesTheTable = () =>
  // expect-error: scope.outerLevel
  Document.scope({ tenantId: t1 }).query({ sortKey: { docId: "d1" } });

export const tenantScopeQueriesACapsuleIndex = () =>
  // expect-error: scope.outerLevel
  Document.scope({ tenantId: t1 }).query({ index: "byStatus", partition: { status: "draft" } });

export const tenantScopeGets = () =>
  // expect-error: scope.outerLevel
  Document.scope({ tenantId: t1 }).get({ docId: "d1" });

export const tenantScopePuts = () =>
  // expect-error: scope.outerLevel
  Document.scope({ tenantId: t1 }).put({ tenantId: t1, capsuleId: capsuleId().parse("c1"), docId: "d1", status: "draft" });

export const tenantScopeSortKeyGap = () =>
  // expect-error: query.sortKey
  Document.scope({ tenantId: t1 }).query({ index: "byTenant", sortKey: { docId: "d1" } });

export const tenantScopeMisspeltOption = () =>
  // expect-error: query.invalidOption
  Document.scope({ tenantId: t1 }).query({ index: "byTenant", limitt: 5 });

export const noTenantLevelIndex = () =>
  // expect-error: scope.missingId
  Note.scope({ tenantId: t1 });

// A capsule id as the tenant scope's id: the brands differ at compile time only (the runtime opens t1's scope as "c1").
export const tenantScopeGivenACapsuleId = () =>
  // expect-error: scope.wrongId type-only
  Document.scope({ tenantId: capsuleId().parse("c1") });

// A two-level kit: its org scope, in the kit's words.
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
  table: "pages",
  indexes: {
    byOrg: {
      pk: "ORG#${orgId}#PAGES",
      sk: "${workspaceId}#${pageId}",
      isolation: { level: "org", reason: "org admins list every workspace's pages" },
    },
  },
});
const Draft = kit.defineEntity({
  name: "Draft",
  schema: z.object({ orgId: kit.ids.orgId(), workspaceId: kit.ids.workspaceId(), draftId: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DRAFTS",
  sk: "DRAFT#${draftId}",
  table: "pages",
});
const o1 = kit.ids.orgId().parse("o1");

export const kitOrgScopeQueriesTheTable = () =>
  // expect-error: scope.outerLevel
  Page.scope({ orgId: o1 }).query({});

export const kitOrgScopeDeletes = () =>
  // expect-error: scope.outerLevel
  Page.scope({ orgId: o1 }).delete({ pageId: "p1" });

export const kitNoOrgLevelIndex = () =>
  // expect-error: scope.missingId
  Draft.scope({ orgId: o1 });
