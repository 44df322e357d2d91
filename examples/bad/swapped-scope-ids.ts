// Ids passed the wrong way round, or unparsed: the brands make each a type error on the id that is wrong.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type CapsuleId, type TenantId } from "capsule-entity";

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
});

export function swapped(tenant: TenantId, capsule: CapsuleId) {
  return RoleAssignment.scope({
    // expect-error: TS2322
    tenantId: capsule,
    // expect-error: TS2322
    capsuleId: tenant,
  });
}

export function unparsed(capsule: CapsuleId, claims: { readonly tenant: string }) {
  return RoleAssignment.scope({
    // expect-error: TS2322
    tenantId: claims.tenant,
    capsuleId: capsule,
  });
}
