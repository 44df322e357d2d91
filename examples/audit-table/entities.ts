// A definitions module for `capsule-entity audit-table --entities examples/audit-table/entities.ts` (and the
// audit-table tests): the dynamodb example's table and Note (capsule-level, with an index), and a tenant-level entity.
import { z } from "zod";
import { defineEntity, tenantId } from "capsule-entity";

export { Note, PlatformTable } from "../dynamodb/main.js";

export const Member = defineEntity({
  name: "Member",
  isolation: { level: "tenant", reason: "a member belongs to the tenant, across its capsules" },
  schema: z.object({ tenantId: tenantId(), memberId: z.string(), email: z.string() }),
  pk: "TENANT#${tenantId}#MEMBERS",
  sk: "MEMBER#${memberId}",
});
