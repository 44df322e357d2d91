// Anti-patterns quoted in docs/patterns/isolation-on-every-index.md.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const indexByAccountOnly = () => defineEntity({
  name: "Session",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), accountId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#SESSION#${id}",
  indexes: {
    // expect-error: isolation.keyPrefix
    byAccount: { pk: "ACCOUNT#${accountId}", sk: "${id}" },
  },
});

export const indexByTenantOnly = () => defineEntity({
  name: "Session",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), device: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#SESSION#${id}",
  indexes: {
    // expect-error: isolation.keyPrefix
    byDevice: { pk: "TENANT#${tenantId}#DEVICE#${device}" },
  },
});
