/** The case study's nested-context entity (section 4.2): the isolation fields sit one level down. */
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type InferAttributes } from "capsule-entity";

export const ComplexEntity = defineEntity({
  name: "ComplexEntity",
  table: "platform_data",
  schema: z.object({
    context: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), region: z.string() }),
    id: z.string(),
    payload: z.string(),
  }),
  pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#COMPLEX#${id}",
  sk: "METADATA",
});
export type ComplexEntity = InferAttributes<typeof ComplexEntity>;
