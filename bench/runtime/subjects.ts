/**
 * What the runtime benches time, for each contender, on one entity shaped like the type-cost benches'
 * (five attributes, capsule-prefixed primary key, one GSI): the hand-written baselines and ElectroDB.
 * dynamodb-toolbox is left out here: its declarations do not compile under this project's tsconfig
 * (exactOptionalPropertyTypes without skipLibCheck), so it is compared on type cost only.
 * capsule-entity's side lives in ./capsule-entity.ts and is loaded only once the core exists.
 */
import { Entity as ElectroEntity } from "electrodb";
import { z } from "zod";
import { coreAvailable } from "../typecost/generate.js";

/** The attributes of the benched entity, as plain strings (capsule-entity brands its ids itself). */
export type Attributes = {
  readonly tenantId: string;
  readonly capsuleId: string;
  readonly id: string;
  readonly status: string;
  readonly updatedAt: number;
};

/** The stored item: the attributes plus the key attributes and the entity type (type aliases, so ElectroDB's `parse` accepts them). */
export type StoredItem = Attributes & {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
  readonly entityType: string;
};

// Enough distinct inputs that no contender can win by caching its last answer.
const sampleCount = 256;
export const samples: readonly Attributes[] = Array.from({ length: sampleCount }, (_, index) => ({
  tenantId: `tenant-${index % 7}`,
  capsuleId: `capsule-${index % 13}`,
  id: `item-${index}`,
  status: index % 2 === 0 ? "open" : "closed",
  updatedAt: 1_700_000_000 + index,
}));
export const sampleAt = <TSample>(list: readonly TSample[], index: number): TSample => list[index % list.length]!;

/** The hand-written baseline of key building: the same checks as `keys()` (non-empty, no `#`), then template literals. */
export function handWrittenKeys(attributes: Attributes): Omit<StoredItem, keyof Attributes | "entityType"> {
  for (const value of [attributes.tenantId, attributes.capsuleId, attributes.id, attributes.status]) {
    if (value === "" || value.includes("#")) throw new Error(`unsafe key value: ${value}`);
  }
  const prefix = `TENANT#${attributes.tenantId}#CAPSULE#${attributes.capsuleId}`;
  return {
    pk: `${prefix}#BENCH#${attributes.id}`,
    sk: "METADATA",
    gsi1pk: `${prefix}#BENCH_BY_STATUS#${attributes.status}`,
    gsi1sk: `${attributes.updatedAt}`,
  };
}

export const entityType = "Bench";
// Through JSON, as items arrive from DynamoDB: objects built key by key, not spread literals, whose
// different hidden classes made zod's parse several times slower and the baseline unrepresentative.
export const storedItems: readonly StoredItem[] = samples.map(
  (attributes) =>
    JSON.parse(JSON.stringify({ ...attributes, ...handWrittenKeys(attributes), entityType })) as StoredItem,
);

/** The bare-zod baselines: the same attributes, and the same stored item, with no isolation logic. */
export const attributesSchema = z.object({
  tenantId: z.string(),
  capsuleId: z.string(),
  id: z.string(),
  status: z.string(),
  updatedAt: z.number(),
});
export const storedItemSchema = attributesSchema.extend({
  pk: z.string(),
  sk: z.string(),
  gsi1pk: z.string(),
  gsi1sk: z.string(),
  entityType: z.literal(entityType),
});

export const electroEntity = new ElectroEntity(
  {
    model: { entity: entityType, version: "1", service: "bench" },
    attributes: {
      tenantId: { type: "string", required: true },
      capsuleId: { type: "string", required: true },
      id: { type: "string", required: true },
      status: { type: "string", required: true },
      updatedAt: { type: "number", required: true },
    },
    indexes: {
      primary: {
        pk: {
          field: "pk",
          casing: "none",
          composite: ["tenantId", "capsuleId", "id"],
          template: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BENCH#${id}",
        },
        sk: { field: "sk", casing: "none", composite: [], template: "METADATA" },
      },
      byStatus: {
        index: "gsi1",
        pk: {
          field: "gsi1pk",
          casing: "none",
          composite: ["tenantId", "capsuleId", "status"],
          template: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BENCH_BY_STATUS#${status}",
        },
        sk: { field: "gsi1sk", casing: "none", composite: ["updatedAt"], template: "${updatedAt}" },
      },
    },
  },
  { table: "platform_data" },
);

/**
 * The floor of `toItem`: the bare parse, then the hand-written keys (with their checks) and `entityType` added.
 * What no implementation with the same guarantees can go below.
 */
export function handWrittenItem(attributes: Attributes): StoredItem {
  const parsed = attributesSchema.parse(attributes);
  // Object.assign, not a spread: V8 copies zod's result through a slow path when spread into a literal.
  return Object.assign(parsed, handWrittenKeys(parsed), { entityType });
}

/**
 * The floor of `fromItem`: the bare parse of the stored item, then every stored key compared with the key
 * built by hand from its attributes (the read-back check).
 */
export function handWrittenReadBack(item: StoredItem): StoredItem {
  const parsed = storedItemSchema.parse(item);
  const keys = handWrittenKeys(parsed);
  if (
    parsed.pk !== keys.pk ||
    parsed.sk !== keys.sk ||
    parsed.gsi1pk !== keys.gsi1pk ||
    parsed.gsi1sk !== keys.gsi1sk
  ) {
    throw new Error(`stored keys do not match: ${parsed.pk}`);
  }
  return parsed;
}

/** capsule-entity's operations on the samples, each taking the sample index like a contender's `run`. */
export interface CapsuleSubjects {
  readonly keys: (index: number) => { readonly pk: string };
  readonly toItem: (index: number) => unknown;
  readonly fromItem: (index: number) => unknown;
}

/**
 * Loads ./capsule-entity.ts when src/index.ts exists. The specifier is computed so that this file
 * type-checks before the core lands; ./capsule-entity.ts checks itself against CapsuleSubjects.
 */
export async function loadCapsuleSubjects(): Promise<CapsuleSubjects | undefined> {
  if (!coreAvailable()) return undefined;
  const specifier = new URL("./capsule-entity.ts", import.meta.url).href;
  const loaded = (await import(specifier)) as { capsuleSubjects: CapsuleSubjects };
  return loaded.capsuleSubjects;
}
