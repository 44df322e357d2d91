// A custom two-level kit's events (org / workspace, ORG / WS): the kit's defineEvent checks rule 1 on the detail
// with the kit's level fields, and an event about an entity may not opt to a weaker level, in the kit's words.
// The line after each `expect-error` comment is where the compiler must complain, with the text the runtime
// twin throws.
import { z } from "zod";
import { capsuleId, defineIsolation, tenantId } from "capsule-entity";

const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const { ids } = kit;
const Doc = kit.defineEntity({
  name: "Document",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
});

export const missingWorkspaceId = () =>
  kit.defineEvent({
    type: "DocumentArchived",
    // expect-error: isolation.missingField
    detail: z.object({ orgId: ids.orgId(), docId: z.string() }),
  });

export const defaultKitIds = () =>
  kit.defineEvent({
    type: "DocumentArchived",
    // expect-error: isolation.missingField
    detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string() }),
  });

export const swappedIds = () =>
  kit.defineEvent({
    type: "DocumentArchived",
    // expect-error: isolation.wrongType
    detail: z.object({ orgId: ids.orgId(), workspaceId: ids.orgId(), docId: z.string() }),
  });

export const inheritsTheEntityLevel = () =>
  kit.defineEvent({
    type: "DocumentsImported",
    entity: Doc,
    // expect-error: isolation.missingField
    detail: z.object({ orgId: ids.orgId(), count: z.number() }),
  });

export const weakerThanItsEntity = () =>
  kit.defineEvent({
    type: "DocumentsPurged",
    entity: Doc,
    // expect-error: event.weakerIsolation
    isolation: { level: "org", reason: "bulk purge" },
    detail: z.object({ orgId: ids.orgId() }),
  });

export const orgOptOutWithoutReason = () =>
  kit.defineEvent({
    type: "OrgRenamed",
    // expect-error: isolation.missingReason
    isolation: { level: "org", reason: "" },
    detail: z.object({ orgId: ids.orgId(), name: z.string() }),
  });

export const workspaceLevelEventOptOut = () =>
  kit.defineEvent({
    type: "DocumentsArchived",
    // expect-error: isolation.ownLevel
    isolation: { level: "workspace", reason: "archives stay in their workspace" },
    detail: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId() }),
  });

// A bad event type's example is in the kit's words: the entity's own for a verb, the kit's for a type.
export const emptyType = () =>
  kit.defineEvent({
    // expect-error: event.typeNotLiteral
    type: "",
    detail: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId() }),
  });

// expect-error: event.typeNotLiteral
export const emptyVerb = () => Doc.event("");
