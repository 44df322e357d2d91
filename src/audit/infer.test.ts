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
});
