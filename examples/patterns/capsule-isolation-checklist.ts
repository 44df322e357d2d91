// Every user-scoped entity, checked against the list: (1) tenantId() and capsuleId() in the schema, required;
// (2) pk written inline as a literal; (3) pk starts with TENANT#${tenantId}#CAPSULE#${capsuleId}; (4) every
// placeholder names a required string or number field; (5) every index pk starts the same way.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type InferAttributes } from "capsule-entity";

export const SecurityGroup = defineEntity({
  name: "SecurityGroup",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(), // (1)
    capsuleId: capsuleId(), // (1)
    id: z.string(),
    name: z.string(),
    memberIds: z.array(z.string()),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}", // (2) (3) (4)
  sk: "METADATA",
  indexes: { byName: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUPNAME#${name}", sk: "${id}" } }, // (5)
});
export type SecurityGroup = InferAttributes<typeof SecurityGroup>;
