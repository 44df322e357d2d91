// Anti-patterns quoted in docs/patterns/canonical-entity.md.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const versionOptional = () => defineEntity({
  name: "GenericEntity",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), version: z.int().optional() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITY#${id}",
  // expect-error: key.notScalar
  sk: "METADATA#v${version}",
});

export const entityTypeAsAttribute = () => defineEntity({
  name: "GenericEntity",
  // expect-error: entity.reservedAttribute
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), entityType: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITY#${entityType}#${id}",
});
