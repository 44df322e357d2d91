// Anti-patterns quoted in docs/patterns/events-from-entities.md.
import { z } from "zod";
import { capsuleId, defineEntity, defineEvent, tenantId } from "capsule-entity";

const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
});

export const handWrittenDetail = () => defineEvent({
  type: "RoleAssignmentCreated",
  // expect-error: isolation.missingField
  detail: z.object({ tenantId: tenantId(), id: z.string(), role: z.string() }),
});

export const redeclaredIsolationField = () =>
  // expect-error: event.detailOverlap
  RoleAssignment.event("Created", { detail: z.object({ capsuleId: z.string().optional(), actorId: z.string() }) });

export const weakerThanTheEntity = () => defineEvent({
  type: "RoleAssignmentsPurged",
  entity: RoleAssignment,
  // expect-error: event.weakerIsolation
  isolation: { level: "tenant", reason: "bulk purge" },
  detail: z.object({ tenantId: tenantId() }),
});
