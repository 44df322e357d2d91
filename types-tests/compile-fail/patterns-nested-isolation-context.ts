// Anti-patterns quoted in docs/patterns/nested-isolation-context.md.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const twoLevelsDown = () => defineEntity({
  name: "ComplexEntity",
  // expect-error: isolation.fieldTooDeep
  schema: z.object({ tenantId: tenantId(), meta: z.object({ context: z.object({ capsuleId: capsuleId() }) }), id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${meta.context.capsuleId}#COMPLEX#${id}",
});

export const optionalContext = () => defineEntity({
  name: "ComplexEntity",
  // expect-error: isolation.optionalField
  schema: z.object({ context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }).optional(), id: z.string() }),
  pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#COMPLEX#${id}",
});

export const capsuleInTwoPlaces = () => defineEntity({
  name: "ComplexEntity",
  // expect-error: isolation.ambiguousField
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), context: z.object({ capsuleId: capsuleId() }), id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#COMPLEX#${id}",
});
