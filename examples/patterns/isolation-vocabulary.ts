// Your own isolation vocabulary: one kit, built once from the levels your identity provider and your keys
// already use (here orgId/ORG and workspaceId/WS), exported and imported everywhere instead of the top-level
// defineEntity. Every rule, scope, event check and policy of the kit speaks these words.
import { z } from "zod";
import { defineIsolation } from "capsule-entity";

export const { defineEntity, defineEvent, ids, leadingKeysPolicy } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});

/** Workspace level, the innermost: the default. Every key starts with ORG#${orgId}#WS#${workspaceId}. */
export const Document = defineEntity({
  name: "Document",
  table: "app_data",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
  sk: "META",
});

/** Org level: an opt-out to an outer level, with its reason. */
export const OrgBilling = defineEntity({
  name: "OrgBilling",
  table: "app_data",
  schema: z.object({ orgId: ids.orgId(), plan: z.enum(["free", "team"]) }),
  pk: "ORG#${orgId}#BILLING",
  isolation: { level: "org", reason: "one billing record per org, above its workspaces" },
});

/** Events carry the kit's level fields: derived from an entity, or declared with the kit's defineEvent. */
export const DocumentCreated = Document.event("Created", { source: "docs" });
export const WorkspaceArchived = defineEvent({
  type: "WorkspaceArchived",
  source: "workspaces",
  detail: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), archivedBy: z.string() }),
});

/** Request code scopes by the caller's org and workspace; the policy confines its credentials the same way. */
export const documentsOf = (caller: { orgId: string; workspaceId: string }) =>
  Document.scope({ orgId: ids.orgId().parse(caller.orgId), workspaceId: ids.workspaceId().parse(caller.workspaceId) });
export const workspacePolicy = leadingKeysPolicy({
  table: "app_data",
  region: "eu-west-1",
  accountId: "123456789012",
  orgId: { principalTag: "orgId" },
  workspaceId: { principalTag: "workspaceId" },
});
