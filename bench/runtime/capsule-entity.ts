/**
 * capsule-entity's side of the runtime benches: the benched entity declared with `defineEntity`.
 * Loaded by ./subjects.ts only when src/index.ts exists (see tsconfig.json's exclude until then).
 */
import { capsuleId, defineEntity, tenantId } from "capsule-entity";
import { z } from "zod";
import { entityType, sampleAt, samples, type CapsuleSubjects } from "./subjects.js";

const Bench = defineEntity({
  name: entityType,
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), status: z.string(), updatedAt: z.number() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BENCH#${id}",
  sk: "METADATA",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BENCH_BY_STATUS#${status}", sk: "${updatedAt}" } },
});

const attributes = samples.map((sample) => Bench.schema.parse(sample));
const items = attributes.map((sample) => Bench.toItem(sample));

export const capsuleSubjects: CapsuleSubjects = {
  keys: (index) => Bench.keys(sampleAt(attributes, index)),
  toItem: (index) => Bench.toItem(sampleAt(attributes, index)),
  fromItem: (index) => Bench.fromItem(sampleAt(items, index)),
};
