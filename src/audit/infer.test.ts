import { describe, expect, it } from "vitest";
import { corpusScope, defaultInferenceOptions, infer } from "./infer.js";
import { type Profile, Profiler } from "./profile.js";

/** Profiles `count` events of each type from `detail(type, index)`. */
function profileOf(
  types: readonly [source: string, type: string][],
  count: number,
  detail: (type: string, index: number) => Record<string, unknown>,
): Profile {
  const profiler = new Profiler();
  const sink = profiler.sinkFor("corpus.ndjson");
  let line = 0;
  for (const [source, type] of types)
    for (let index = 0; index < count; index++)
      sink.record({ "detail-type": type, source, detail: detail(type, index) }, ++line);
  return profiler.toProfile();
}

describe("infer", () => {
  it("finds invariants per source when the corpus as a whole does not have them", () => {
    const types: [string, string][] = [
      ["crm", "A"],
      ["crm", "B"],
      ["crm", "C"],
      ["crm", "D"],
      ["ops", "E"],
      ["ops", "F"],
      ["ops", "G"],
      ["ops", "H"],
      ["ops", "I"],
    ];
    const profile = profileOf(types, 4, (type) =>
      ["A", "B", "C", "D"].includes(type) ? { owner: "u1", seq: 1 } : { seq: 1 },
    );
    const { invariants } = infer(profile, defaultInferenceOptions);
    expect(
      invariants.map((invariant) => [invariant.scope, invariant.field, invariant.carriers, invariant.types]),
    ).toEqual([
      [corpusScope, "seq", 9, 9],
      ["crm", "owner", 4, 4],
    ]);
  });

  it("needs enough types, a large enough share and a typical presence of one event in two", () => {
    const types: [string, string][] = ["A", "B", "C", "D", "E"].map((type) => ["svc", type]);
    const profile = profileOf(types, 10, (type, index) => ({
      ...(["A", "B"].includes(type) ? { two: 1 } : {}),
      ...(index < 4 ? { rare: 1 } : {}),
      all: 1,
    }));
    expect(infer(profile, defaultInferenceOptions).invariants.map((invariant) => invariant.field)).toEqual(["all"]);
    expect(
      infer(profile, { ...defaultInferenceOptions, minSupport: 2, minShare: 0.4 }).invariants.map(
        (invariant) => invariant.field,
      ),
    ).toEqual(["two", "all"]);
  });

  it("learns boundaries and majority labels only from segments that enclose the rest of the key", () => {
    const types: [string, string][] = ["A", "B", "C", "D"].map((type) => ["svc", type]);
    const profile = profileOf(types, 5, (type, index) => ({
      realm: `r${index % 2}`,
      own: `${type}${index}`,
      pk: `REALM#r${index % 2}#${type}#${type}${index}`,
    }));
    const inference = infer(profile, defaultInferenceOptions);
    expect([...inference.boundaries.values()]).toMatchObject([
      { field: "realm", evidence: "key", label: "REALM", types: 4, rate: 1, partitions: [] },
    ]);
    expect(inference.labels.map((label) => [label.key, label.label, label.carriers, label.boundary?.field])).toEqual([
      ["pk", "REALM", 4, "realm"],
    ]);
  });

  it("takes a field that crosses a partition for evidence against it only when the field names something", () => {
    // Five realms, each with its own users and documents; beside them a field of 30 values drawn at random, so each
    // of its values goes with several realms. As a measure (`score`) it determines nothing and the realm is learned;
    // as an actor with a name (`actor`, `actorName`: each determines the other) it shows realms are no partition.
    const types: [string, string][] = ["A", "B", "C", "D"].map((type) => ["svc", type]);
    const profileWith = (crossing: (value: number) => Record<string, unknown>): Profile => {
      let state = 7;
      const next = (below: number): number => {
        state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
        return Math.floor((state / 2 ** 32) * below);
      };
      return profileOf(types, 60, () => {
        const realm = next(5);
        return {
          realm: `r${realm}`,
          user: `u-${realm}-${next(6)}`,
          doc: `d-${realm}-${next(8)}`,
          ...crossing(next(30)),
        };
      });
    };
    const boundariesOf = (profile: Profile) =>
      [...infer(profile, defaultInferenceOptions).boundaries.values()].map((boundary) => [
        boundary.field,
        boundary.evidence,
        [...boundary.partitions].sort(),
      ]);
    expect(boundariesOf(profileWith((value) => ({ score: value })))).toEqual([["realm", "partition", ["doc", "user"]]]);
    expect(boundariesOf(profileWith((value) => ({ actor: value, actorName: `name-${value}` })))).toEqual([]);
  });
});
