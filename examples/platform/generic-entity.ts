/**
 * The canonical capsule-isolated entity of the case study (section 4.3): isolation fields, identification,
 * event-sourcing metadata with the version in the sort key, audit fields, and entity-specific data.
 */
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type InferAttributes } from "capsule-entity";

export const GenericEntity = defineEntity({
  name: "GenericEntity",
  table: "platform_data",
  schema: z.object({
    // Required isolation fields (enforced by defineEntity)
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    // Entity identification
    id: z.string(),
    entityKind: z.string(),
    // Event sourcing metadata
    version: z.int().nonnegative(),
    lastEventId: z.string().optional(),
    // Audit fields
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
    // Entity-specific data
    data: z.record(z.string(), z.unknown()),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITY#${entityKind}#${id}",
  sk: "METADATA#v${version}",
});
export type GenericEntity = InferAttributes<typeof GenericEntity>;
