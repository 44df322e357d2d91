// Event types must be literals: consumers route and validate by them. Each marked line must fail.
import { z } from "zod";
import { capsuleId, defineEntity, defineEvent, tenantId } from "capsule-entity";

const computedType: string = ["Role", "Created"].join("");

export const Widened = () => defineEvent({
  // expect-error: [event.typeNotLiteral] type-only (at runtime every string is a literal)
  type: computedType,
  detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }),
});

const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
});

// expect-error: [event.typeNotLiteral]
export const EmptyVerb = () => RoleAssignment.event("");

export const EmptyType = () => defineEvent({
  // expect-error: [event.typeNotLiteral]
  type: "",
  detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }),
});

const computedVerb: string = ["Role", "Created"].join("");
// expect-error: [event.typeNotLiteral] type-only (at runtime every string is a literal)
export const WidenedVerb = () => RoleAssignment.event(computedVerb);
