// The Builder's first attempt at EntitlementEntity (case study, section 6.1): no capsuleId at all.
import { z } from "zod";
import { defineEntity, tenantId } from "capsule-entity";

export const Entitlement = defineEntity({
  name: "Entitlement",
  // expect-error: isolation.missingField
  schema: z.object({ tenantId: tenantId(), id: z.string() }),
  pk: "TENANT#${tenantId}#ENTITLEMENT#${id}",
});
