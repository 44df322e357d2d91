// Events whose detail lacks an isolation field do not compile: rule 1 applies to every event's detail, with
// the same catalog messages as entities. Each marked line below must fail with the code in its marker.
import { z } from "zod";
import { capsuleId, defineEntity, defineEvent, tenantId } from "capsule-entity";

const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
});

// The case study's event: a role assignment without capsule_id.
export const RoleAssignmentCreated = () => defineEvent({
  type: "RoleAssignmentCreated",
  // expect-error: [isolation.missingField]
  detail: z.object({ tenantId: tenantId(), assignmentId: z.string() }),
});

export const AccountCreated = () => defineEvent({
  type: "AccountCreated",
  // expect-error: [isolation.missingField]
  detail: z.object({ capsuleId: capsuleId(), accountId: z.string() }),
});

// Tied to a capsule-isolated entity, the event inherits capsule isolation...
export const RoleAssignmentsImported = () => defineEvent({
  type: "RoleAssignmentsImported",
  entity: RoleAssignment,
  // expect-error: [isolation.missingField]
  detail: z.object({ tenantId: tenantId(), count: z.number() }),
});

// ...and cannot opt down to tenant isolation.
export const RoleAssignmentsPurged = () => defineEvent({
  type: "RoleAssignmentsPurged",
  entity: RoleAssignment,
  // expect-error: [event.weakerIsolation]
  isolation: { level: "tenant", reason: "bulk purge" },
  detail: z.object({ tenantId: tenantId() }),
});

// Entity.event: the extra detail cannot replace the isolation fields it carries by construction.
// expect-error: [event.detailOverlap]
export const RoleAssignmentRevoked = () => RoleAssignment.event("Revoked", { detail: z.object({ capsuleId: z.string().optional() }) });

// Two overlapping fields at once are summarized ("more than one field"), on the same property.
// expect-error: [event.detailOverlap]
export const RoleAssignmentMoved = () => RoleAssignment.event("Moved", { detail: z.object({ id: z.number(), tenantId: z.string() }) });

// A level written alone, without { level, reason }: the runtime's message, on isolation; the detail is checked at
// that level (no missingField for capsuleId).
export const TenantPurged = () => defineEvent({
  type: "TenantPurged",
  // expect-error: [isolation.missingReason]
  isolation: "tenant",
  detail: z.object({ tenantId: tenantId() }),
});
