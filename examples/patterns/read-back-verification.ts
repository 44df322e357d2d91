// Items come back from DynamoDB as untyped records. Read them through fromItem(): it validates the attributes,
// checks entityType, and rebuilds every key from the item's own attributes; a key that disagrees (an item
// written outside this entity, or moved to another capsule's partition) throws IsolationError.
// A scope's assertOwns() then checks the item belongs to the caller's tenant and capsule.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type CapsuleId, type InferItem, type TenantId } from "capsule-entity";

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA",
});
export type RoleAssignmentItem = InferItem<typeof RoleAssignment>;

/** `raw` is what GetCommand / QueryCommand returned: `Item` or one of `Items`. */
export function readRoleAssignment(
  raw: Record<string, unknown>,
  caller: { readonly tenantId: TenantId; readonly capsuleId: CapsuleId },
): RoleAssignmentItem {
  return RoleAssignment.scope(caller).assertOwns(RoleAssignment.fromItem(raw));
}
