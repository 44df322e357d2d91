/**
 * The entities of put's id checks, shared by their compile-fail fixture (types-tests/compile-fail/put-ids.ts) and
 * their runtime twins (types-tests/put-ids.test.ts): a two-level kit and another spelling the same fields, a kit
 * entity at the innermost level and one opted out to the outer level, a default-kit entity with its ids one level
 * down, entities with id fields that are no isolation fields (a tenant-level entity's `capsuleId`, an org-level kit
 * entity's `ref.workspaceId`), and the scopes' parsed ids.
 */
import { z } from "zod";
import { capsuleId, defineEntity, defineIsolation, tenantId } from "capsule-entity";

/** The kit of the checks: org / workspace. */
export const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
/** Another kit with the same fields and other labels: its ids' brands differ. */
export const other = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORGANIZATION" },
    { name: "workspace", field: "workspaceId", label: "SPACE" },
  ],
});
/**
 * A kit entity at the innermost level.
 *
 * @example
 * Doc.scope(ids).put({ ...ids, docId: "d1" });
 */
export const Doc = kit.defineEntity({
  name: "Doc",
  table: "app_data",
  schema: z.object({ orgId: kit.ids.orgId(), workspaceId: kit.ids.workspaceId(), docId: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
});
/**
 * A kit entity opted out to the org level.
 *
 * @example
 * OrgSettings.scope({ orgId: ids.orgId }).put({ orgId: ids.orgId, theme: "dark" });
 */
export const OrgSettings = kit.defineEntity({
  name: "OrgSettings",
  table: "app_data",
  schema: z.object({ orgId: kit.ids.orgId(), theme: z.string() }),
  pk: "ORG#${orgId}#SETTINGS",
  isolation: { level: "org", reason: "one settings item per org" },
});
/**
 * A default-kit entity with its ids one level down.
 *
 * @example
 * Note.scope(ctx).put({ ctx, noteId: "n1" });
 */
export const Note = defineEntity({
  name: "Note",
  table: "platform_data",
  schema: z.object({ ctx: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }), noteId: z.string() }),
  pk: "TENANT#${ctx.tenantId}#CAPSULE#${ctx.capsuleId}#NOTE#${noteId}",
});

/**
 * A default-kit entity opted out to the tenant level, whose `capsuleId: capsuleId()` is no isolation field: put takes
 * the parsed id there too (typed by schema).
 *
 * @example
 * Project.scope({ tenantId: ctx.tenantId }).put({ tenantId: ctx.tenantId, capsuleId: capsuleId().parse("c1"), projectId: "p1" });
 */
export const Project = defineEntity({
  name: "Project",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), projectId: z.string() }),
  pk: "TENANT#${tenantId}#PROJECT#${projectId}",
  isolation: { level: "tenant", reason: "projects span capsules" },
});
/**
 * A kit entity opted out to the org level, with a workspace's id one level down (no isolation field).
 *
 * @example
 * Folder.scope({ orgId: ids.orgId }).put({ orgId: ids.orgId, ref: { workspaceId: ids.workspaceId }, folderId: "f1" });
 */
export const Folder = kit.defineEntity({
  name: "Folder",
  table: "app_data",
  schema: z.object({
    orgId: kit.ids.orgId(),
    ref: z.object({ workspaceId: kit.ids.workspaceId() }),
    folderId: z.string(),
  }),
  pk: "ORG#${orgId}#FOLDER#${folderId}",
  isolation: { level: "org", reason: "folders span workspaces" },
});

/** A kit scope's ids (`o1`, `w1`). */
export const ids = { orgId: kit.ids.orgId().parse("o1"), workspaceId: kit.ids.workspaceId().parse("w1") };
/** A default-kit scope's ids (`t1`, `c1`). */
export const ctx = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
