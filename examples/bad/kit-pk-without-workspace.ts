// Your own vocabulary (defineIsolation): an org/workspace kit's entity whose key leaves out the workspace.
import { z } from "zod";
import { defineIsolation } from "capsule-entity";

const { defineEntity, ids } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});

export const Document = defineEntity({
  name: "Document",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() }),
  // expect-error: isolation.keyPrefix
  pk: "ORG#${orgId}#DOC#${docId}",
});
