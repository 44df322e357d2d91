/**
 * Key building: capsule-entity's `keys()` against a hand-written template literal doing the same checks
 * (non-empty, no `#`) and ElectroDB's `get().params()`. ElectroDB builds the primary key only, inside a
 * whole command input; `keys()` and the baseline build all four key attributes.
 */
import type { CapsuleSubjects } from "./subjects.js";
import { electroEntity, handWrittenKeys, sampleAt, samples } from "./subjects.js";
import { throughputTable, type Contender } from "./throughput.js";

const keyOf = (attributes: { tenantId: string; capsuleId: string; id: string }) => ({
  tenantId: attributes.tenantId,
  capsuleId: attributes.capsuleId,
  id: attributes.id,
});

/** Every contender must build the same primary key, or the comparison means nothing. */
function checkSamePrimaryKey(capsule: CapsuleSubjects | undefined): void {
  const expected = handWrittenKeys(sampleAt(samples, 0)).pk;
  const built = {
    "capsule-entity": capsule?.keys(0).pk ?? expected,
    electrodb: electroEntity.get(keyOf(sampleAt(samples, 0))).params().Key["pk"],
  };
  for (const [library, pk] of Object.entries(built)) {
    if (pk !== expected) throw new Error(`${library} builds pk ${String(pk)}, the baseline ${expected}`);
  }
}

export function keyContenders(capsule: CapsuleSubjects | undefined): Contender[] {
  checkSamePrimaryKey(capsule);
  return [
    {
      name: "hand-written template literal (baseline)",
      role: "baseline",
      run: (index) => handWrittenKeys(sampleAt(samples, index)),
    },
    ...(capsule === undefined
      ? []
      : [{ name: "capsule-entity `keys()`", role: "capsule-entity", run: capsule.keys } as const]),
    {
      name: "ElectroDB `get().params()`",
      role: "peer",
      run: (index) => electroEntity.get(keyOf(sampleAt(samples, index))).params(),
    },
  ];
}

export const keysSection = (capsule: CapsuleSubjects | undefined): string =>
  ["### Key building", "", throughputTable(keyContenders(capsule))].join("\n");
