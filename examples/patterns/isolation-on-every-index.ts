// A secondary index is another way in. Each index pk starts with the same isolation prefix as the table's pk,
// so a query on any index stays inside one tenant's capsule.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const Session = defineEntity({
  name: "Session",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    accountId: z.string(),
    device: z.string(),
    startedAt: z.iso.datetime(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#SESSION#${id}",
  sk: "METADATA",
  indexes: {
    byAccount: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ACCOUNT#${accountId}", sk: "${startedAt}" },
    byDevice: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DEVICE#${device}", sk: "${startedAt}#${id}" },
  },
});
