// Ids passed the wrong way round, or unparsed: the brands make each a type error, which names the id that is wrong
// (the catalog's `scope.wrongId` and `scope.plainId`, in the scope's catch-all overload: "No overload matches this
// call", then the message).
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type CapsuleId, type TenantId } from "capsule-entity";

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
});

export function swapped(tenant: TenantId, capsule: CapsuleId) {
  // expect-error: scope.wrongId
  return RoleAssignment.scope({ tenantId: capsule, capsuleId: tenant });
}

export function unparsed(capsule: CapsuleId, claims: { readonly tenant: string }) {
  // expect-error: scope.plainId
  return RoleAssignment.scope({ tenantId: claims.tenant, capsuleId: capsule });
}
