// Anti-patterns quoted in docs/patterns/branded-ids.md.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const plainStringIds = () => defineEntity({
  name: "Document",
  // expect-error: isolation.wrongType
  schema: z.object({ tenantId: z.string(), capsuleId: capsuleId(), id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}",
});

export const idsOfTheWrongKind = () => defineEntity({
  name: "Document",
  // expect-error: isolation.wrongType
  schema: z.object({ tenantId: tenantId(), capsuleId: tenantId(), id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}",
});
