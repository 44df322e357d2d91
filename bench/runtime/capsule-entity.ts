/**
 * capsule-entity's side of the runtime benches: the benched entity declared with `defineEntity`.
 * Loaded by ./subjects.ts only when src/index.ts exists (see tsconfig.json's exclude until then).
 */
import { capsuleId, defineEntity, tenantId } from "capsule-entity";
import { z } from "zod";
import { entityType, sampleAt, samples, storedItems, type CapsuleSubjects } from "./subjects.js";

const Bench = defineEntity({
  name: entityType,
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    status: z.string(),
    updatedAt: z.number(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BENCH#${id}",
  sk: "METADATA",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BENCH_BY_STATUS#${status}", sk: "${updatedAt}" } },
});

// The very inputs the baselines and ElectroDB read: the samples, and the stored items as JSON.parse gives
// them. Preparing them through `Bench.schema.parse` / `toItem` instead (as this file once did) kept 512
// long-lived objects from the sites being timed, and V8 then allocated every later result of those sites
// straight into the old generation (allocation-site pretenuring): several times slower, for capsule-entity
// alone. The cast only adds the brands (the samples' ids are valid: no "#", not empty).
const attributes = samples as readonly z.output<typeof Bench.schema>[];

export const capsuleSubjects: CapsuleSubjects = {
  keys: (index) => Bench.keys(sampleAt(attributes, index)),
  toItem: (index) => Bench.toItem(sampleAt(attributes, index)),
  fromItem: (index) => Bench.fromItem(sampleAt(storedItems, index)),
};
