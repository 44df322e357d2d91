// docs/guide.md, step 1: a first entity, and the one place where the caller's ids are parsed.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type InferAttributes } from "capsule-entity";

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    accountId: z.string(),
    role: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA",
  indexes: { byAccount: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ACCOUNT#${accountId}", sk: "${id}" } },
});
export type RoleAssignment = InferAttributes<typeof RoleAssignment>;

/** The caller's ids, parsed from verified token claims: the only place plain strings become ids. */
export const Caller = z.object({ tenantId: tenantId(), capsuleId: capsuleId() });
