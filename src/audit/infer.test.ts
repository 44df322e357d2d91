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

/** Whole numbers below `below`, drawn from a seeded linear congruential generator. */
function draws(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return Math.floor((state / 2 ** 32) * below);
  };
}

/** The learned boundaries: field, evidence, the fields it partitions, the boundary it lies inside. */
const boundariesOf = (profile: Profile) =>
  [...infer(profile, defaultInferenceOptions).boundaries.values()].map((boundary) => [
    boundary.field,
    boundary.evidence,
    [...boundary.partitions].sort(),
    boundary.within,
  ]);

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
      const next = draws(7);
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
    expect(boundariesOf(profileWith((value) => ({ score: value })))).toEqual([
      ["realm", "partition", ["doc", "user"], undefined],
    ]);
    expect(boundariesOf(profileWith((value) => ({ actor: value, actorName: `name-${value}` })))).toEqual([]);
  });

  it("learns an inner boundary inside an outer one, where only the outer's own ids cross it", () => {
    // Five realms of three spaces each; every space has its own documents, every realm its users, who act in all of
    // its spaces. Without keys the realm partitions users, spaces and documents. The space partitions documents, and
    // the users crossing it are the realm's own: within its realm, no evidence against it (before, they counted
    // against it, and only the realm was learned). When the users cross realms too (the realm then learned from its
    // key segments), they are evidence against the space, as a repository's contributors are against a repository.
    const types: [string, string][] = ["A", "B", "C", "D"].map((type) => ["svc", type]);
    const profileWith = (userOf: (realm: number, draw: number) => string, keyed: boolean): Profile => {
      const next = draws(11);
      return profileOf(types, 60, () => {
        const realm = next(5);
        const space = `s-${realm}-${next(3)}`;
        const doc = `d-${space}-${next(8)}`;
        const user = userOf(realm, next(40));
        return {
          realm: `r${realm}`,
          space,
          // A name beside each user: the user names someone (see `namesSomething`), whose crossing is evidence.
          user,
          userName: `name-${user}`,
          doc,
          ...(keyed ? { pk: `REALM#r${realm}#DOC#${doc}` } : {}),
        };
      });
    };
    const owned = boundariesOf(profileWith((realm, draw) => `u-${realm}-${draw % 6}`, false));
    expect(owned).toEqual([
      ["realm", "partition", ["doc", "space", "user", "username"], undefined],
      ["space", "partition", ["doc"], "realm"],
    ]);
    const crossing = boundariesOf(profileWith((_realm, draw) => `u-${draw}`, true));
    expect(crossing).toEqual([["realm", "key", [], undefined]]);
  });
});
