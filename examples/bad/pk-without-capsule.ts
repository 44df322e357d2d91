// The mistake that shipped: a partition key without the CAPSULE# segment (case study, section 3.1).
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
  // expect-error: isolation.keyPrefix
  pk: "TENANT#${tenantId}#ROLE#${role}",
});
