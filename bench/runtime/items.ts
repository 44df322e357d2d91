/**
 * Item conversion: capsule-entity's `toItem` / `fromItem` against a bare zod parse of the same shape
 * (the baseline), the same parse plus the key work done by hand (the floor: building the keys, or comparing
 * the stored ones with them), and ElectroDB's nearest operations: `put().params()` / `parse({ Item })`.
 */
import type { CapsuleSubjects } from "./subjects.js";
import {
  attributesSchema,
  electroEntity,
  handWrittenItem,
  handWrittenReadBack,
  sampleAt,
  samples,
  storedItems,
  storedItemSchema,
} from "./subjects.js";
import { throughputTable, type Contender } from "./throughput.js";

export function toItemContenders(capsule: CapsuleSubjects | undefined): Contender[] {
  return [
    {
      name: "bare zod parse of the attributes (baseline)",
      role: "baseline",
      run: (index) => attributesSchema.parse(sampleAt(samples, index)),
    },
    {
      name: "hand-written: bare parse + keys (floor)",
      role: "floor",
      run: (index) => handWrittenItem(sampleAt(samples, index)),
    },
    ...(capsule === undefined
      ? []
      : [{ name: "capsule-entity `toItem()`", role: "capsule-entity", run: capsule.toItem } as const]),
    {
      name: "ElectroDB `put().params()`",
      role: "peer",
      run: (index) => electroEntity.put(sampleAt(samples, index)).params(),
    },
  ];
}

export function fromItemContenders(capsule: CapsuleSubjects | undefined): Contender[] {
  return [
    {
      name: "bare zod parse of the stored item (baseline)",
      role: "baseline",
      run: (index) => storedItemSchema.parse(sampleAt(storedItems, index)),
    },
    {
      name: "hand-written: bare parse + key comparison (floor)",
      role: "floor",
      run: (index) => handWrittenReadBack(sampleAt(storedItems, index)),
    },
    ...(capsule === undefined
      ? []
      : [{ name: "capsule-entity `fromItem()`", role: "capsule-entity", run: capsule.fromItem } as const]),
    {
      name: "ElectroDB `parse({ Item })`",
      role: "peer",
      run: (index) => electroEntity.parse({ Item: sampleAt(storedItems, index) }),
    },
  ];
}

export const itemsSection = (capsule: CapsuleSubjects | undefined): string =>
  [
    "### toItem",
    "",
    throughputTable(toItemContenders(capsule)),
    "",
    "### fromItem",
    "",
    throughputTable(fromItemContenders(capsule)),
  ].join("\n");
