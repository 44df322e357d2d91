// Events about an entity are declared from the entity: Entity.event(verb) builds a detail that carries every
// field the entity's key templates read (tenantId and capsuleId among them), plus the extra detail you add.
// An event that is not about one entity uses defineEvent(), whose detail must pass the same isolation rule.
import { z } from "zod";
import { capsuleId, defineEntity, defineEvent, tenantId, type InferEventDetail } from "capsule-entity";

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA",
});

/** type "RoleAssignmentCreated"; detail { tenantId, capsuleId, id } from the keys, then { role, actorId }. */
export const RoleAssignmentCreated = RoleAssignment.event("Created", {
  source: "auth",
  detail: z.object({ role: z.string(), actorId: z.string() }),
});
export type RoleAssignmentCreatedDetail = InferEventDetail<typeof RoleAssignmentCreated>;

/** Not about one entity: the detail declares the isolation fields itself, checked by the same rule. */
export const CapsuleArchived = defineEvent({
  type: "CapsuleArchived",
  source: "platform",
  detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), archivedBy: z.string() }),
});
