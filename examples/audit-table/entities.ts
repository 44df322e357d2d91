// A definitions module for `capsule-entity audit-table --entities examples/audit-table/entities.ts` (and the
// audit-table tests): one table, a capsule-level entity with an index, a tenant-level one.
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";

export const AuditedTable = defineTable({
  name: "audited_data",
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
});

export const Note = defineEntity({
  name: "Note",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    noteId: z.string(),
    title: z.string(),
    status: z.enum(["draft", "published"]),
    sharedWith: z.string().optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${title}#${noteId}" } },
});

export const Member = defineEntity({
  name: "Member",
  isolation: { level: "tenant", reason: "a member belongs to the tenant, across its capsules" },
  schema: z.object({ tenantId: tenantId(), memberId: z.string(), email: z.string() }),
  pk: "TENANT#${tenantId}#MEMBERS",
  sk: "MEMBER#${memberId}",
});
