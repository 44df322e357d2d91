// Anti-patterns quoted in docs/patterns/capsule-isolation-checklist.md (scripts/patterns-doc.test.ts checks
// the quotes against this file and its snapshot). Each export is one classic mistake.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

const pkFromConfig: string = "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITLEMENT#${id}";

export const noCapsuleAnywhere = () => defineEntity({
  name: "Entitlement",
  // expect-error: isolation.missingField
  schema: z.object({ tenantId: tenantId(), id: z.string(), feature: z.string() }),
  pk: "TENANT#${tenantId}#ENTITLEMENT#${id}",
});

export const capsuleInSchemaNotInKey = () => defineEntity({
  name: "Account",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  // expect-error: isolation.keyPrefix
  pk: "TENANT#${tenantId}#ACCOUNT#${id}",
});

export const optionalCapsule = () => defineEntity({
  name: "Session",
  // expect-error: isolation.optionalField
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId().optional(), id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#SESSION#${id}",
});

export const pkNotALiteral = () => defineEntity({
  name: "Entitlement",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  // expect-error: key.notLiteral type-only (at runtime every string is a literal)
  pk: pkFromConfig,
});
