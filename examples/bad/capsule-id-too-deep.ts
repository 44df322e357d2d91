// capsuleId buried two levels down, where neither keys nor scope checks can rely on it (case study, 4.2).
import { z } from "zod";
import { defineEntity, capsuleId, tenantId } from "capsule-entity";

export const ComplexEntity = defineEntity({
  name: "ComplexEntity",
  // expect-error: isolation.fieldTooDeep
  schema: z.object({
    tenantId: tenantId(),
    meta: z.object({ context: z.object({ capsuleId: capsuleId() }) }),
    id: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${meta.context.capsuleId}#COMPLEX#${id}",
});
