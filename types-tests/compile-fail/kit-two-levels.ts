// A custom two-level kit (org / workspace, ORG / WS): rules 1–4 and the capsule-partition rule in the kit's
// words. The line after each `expect-error` comment is where the compiler must complain, with the same text
// the runtime twin throws.
import { z } from "zod";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { capsuleId, defineIsolation, defineTable } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";

const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const { ids } = kit;
const pk: string = "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}";

export const missingWorkspaceId = () =>
  kit.defineEntity({
    name: "Document",
    // expect-error: isolation.missingField
    schema: z.object({ orgId: ids.orgId(), docId: z.string() }),
    pk: "ORG#${orgId}#DOC#${docId}",
  });

export const defaultKitIdInKit = () =>
  kit.defineEntity({
    name: "Document",
    // expect-error: isolation.wrongType
    schema: z.object({ orgId: ids.orgId(), workspaceId: capsuleId(), docId: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
  });

export const swappedLevelIds = () =>
  kit.defineEntity({
    name: "Document",
    // expect-error: isolation.wrongType
    schema: z.object({ orgId: ids.workspaceId(), workspaceId: ids.workspaceId(), docId: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
  });

export const optionalWorkspaceId = () =>
  kit.defineEntity({
    name: "Document",
    // expect-error: isolation.optionalField
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId().optional(), docId: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
  });

export const workspaceTooDeep = () =>
  kit.defineEntity({
    name: "Document",
    // expect-error: isolation.fieldTooDeep
    schema: z.object({ orgId: ids.orgId(), meta: z.object({ ctx: z.object({ workspaceId: ids.workspaceId() }) }) }),
    pk: "ORG#${orgId}#WS#${meta.ctx.workspaceId}",
  });

export const pkWithoutWorkspace = () =>
  kit.defineEntity({
    name: "Document",
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
    // expect-error: isolation.keyPrefix
    pk: "ORG#${orgId}#DOC#${docId}",
  });

export const indexWithoutPrefix = () =>
  kit.defineEntity({
    name: "Document",
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string(), owner: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
    // expect-error: isolation.keyPrefix
    indexes: { byOwner: { pk: "OWNER#${owner}", sk: "${docId}" } },
  });

export const pkNotLiteral = () =>
  kit.defineEntity({
    name: "Document",
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
    // expect-error: key.notLiteral type-only (a widened string passes at runtime when its value is well-formed)
    pk,
  });

export const orgLevelEmptyReason = () =>
  kit.defineEntity({
    name: "OrgBilling",
    schema: z.object({ orgId: ids.orgId(), id: z.string() }),
    pk: "ORG#${orgId}#BILLING#${id}",
    // expect-error: isolation.missingReason
    isolation: { level: "org", reason: "" },
  });

export const orgLevelPkInWorkspacePartition = () =>
  kit.defineEntity({
    name: "OrgBilling",
    schema: z.object({ orgId: ids.orgId(), id: z.string() }),
    // expect-error: isolation.capsulePartition
    pk: "ORG#${orgId}#WS#${id}",
    isolation: { level: "org", reason: "org-wide billing settings" },
  });

export const orgLevelWithoutOrg = () =>
  kit.defineEntity({
    name: "OrgBilling",
    schema: z.object({ orgId: ids.orgId(), id: z.string() }),
    // expect-error: isolation.keyPrefix
    pk: "BILLING#${id}",
    isolation: { level: "org", reason: "org-wide billing settings" },
  });

export const globalPkInOrgPartition = () =>
  kit.defineEntity({
    name: "Country",
    schema: z.object({ code: z.string(), region: z.string() }),
    // expect-error: isolation.capsulePartition
    pk: "ORG#${code}#${region}",
    isolation: { level: "global", reason: "reference data" },
  });

// A kit's entity without a table: the example's table is not the default kit's case study's.
const Doc = kit.defineEntity({
  name: "Doc",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
});
export const scopeWithoutTable = () =>
  // expect-error: scope.noTable
  Doc.scope({ orgId: ids.orgId().parse("o1"), workspaceId: ids.workspaceId().parse("w1") });

// Queries of a kit's entity whose ids sit one level down beside another field of theirs (`ctx.board`), through the
// command builder: the partition is read by paths, and a table query naming an index's field is refused.
const Task = kit.defineEntity({
  name: "Task",
  table: "platform_data",
  schema: z.object({
    ctx: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), board: z.string() }),
    taskId: z.string(),
    owner: z.string(),
  }),
  pk: "ORG#${ctx.orgId}#WS#${ctx.workspaceId}#BOARD#${ctx.board}",
  sk: "TASK#${taskId}",
  indexes: { byOwner: { pk: "ORG#${ctx.orgId}#WS#${ctx.workspaceId}#OWNER#${owner}", sk: "TASK#${taskId}" } },
});
const tasks = Task.scope({ orgId: ids.orgId().parse("o1"), workspaceId: ids.workspaceId().parse("w1") });

export const kitQueryOtherIndexField = () =>
  // expect-error: query.partition
  tasks.query({ partition: { ctx: { board: "b1" }, owner: "ann" } });

export const kitQueryNestedStrayField = () =>
  // expect-error: query.partition
  tasks.query({ partition: { ctx: { board: "b1", lane: "l1" } } });

export const kitQueryNestedId = () =>
  // expect-error: query.partition
  tasks.query({ partition: { ctx: { board: "b1", orgId: ids.orgId().parse("o1") } } });

export const kitQueryNestedMissingField = () =>
  // expect-error: query.partition
  tasks.query({ partition: { ctx: {} } });

// The examples that need an entity name of their own say the kit's (its innermost level's role entity).
export const emptyName = () =>
  kit.defineEntity({
    // expect-error: entity.nameNotLiteral
    name: "",
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
  });

// A kit's id takes an inner schema as tenantId() does: one that may not output what it was given is refused.
export const kitIdInnerTransform = () =>
  // expect-error: isolation.idInner
  ids.workspaceId(z.string().transform((value) => value.toUpperCase()));

export const kitIdInnerAny = () =>
  // expect-error: isolation.idInner
  ids.orgId(z.any());

// A scope's ids parsed by the kit's own schemas: the example spells them `ids.workspaceId()`, as the kit does.
export const scopePlainWorkspaceId = () =>
  // expect-error: scope.plainId type-only
  Doc.scope({ orgId: ids.orgId().parse("o1"), workspaceId: "w1" }, { table: "app_data" });

export const scopeSwappedIds = () =>
  // expect-error: scope.wrongId type-only
  Doc.scope({ orgId: ids.workspaceId().parse("w1"), workspaceId: ids.orgId().parse("o1") }, { table: "app_data" });

// An index opted out to a level that is not outside the entity's: the example opts out to the kit's outer level.
export const indexOptOutToOwnLevel = () =>
  kit.defineEntity({
    name: "Doc",
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
    indexes: {
      byOrg: {
        pk: "ORG#${orgId}#DOCS",
        // expect-error: index.unknownLevel
        isolation: { level: "workspace", reason: "not an outer level" },
      },
    },
  });

// An INCLUDE index without the workspace id: the example's projection names the kit's fields.
const Note = kit.defineEntity({
  name: "Note",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), noteId: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { byTitle: { pk: "ORG#${orgId}#WS#${workspaceId}#TITLES", sk: "${title}#${noteId}" } },
});
const WithoutWorkspace = defineTable({
  name: "notes",
  indexes: { byTitle: { projection: { include: ["entityType", "orgId", "title"] } } },
});
export const kitIncludeOmitsWorkspaceId = () =>
  // expect-error: table.projection
  connect({} as DynamoDBDocumentClient, { table: WithoutWorkspace }).entity(Note);

// An opt-out to the kit's innermost level, the default, and to the default kit's level: one message, on level.
export const workspaceLevelOptOut = () =>
  kit.defineEntity({
    name: "Document",
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
    // expect-error: isolation.ownLevel
    isolation: { level: "workspace", reason: "documents stay in their workspace" },
  });

export const tenantLevelOptOut = () =>
  kit.defineEntity({
    name: "Document",
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
    // expect-error: isolation.unknownLevel
    isolation: { level: "tenant", reason: "documents belong to the tenant" },
  });
