import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corpusLines } from "../../examples/events/corpus-generator.js";
import { SAMPLE_SPEC } from "../../examples/events/sample-spec.js";
import { AuditInputError } from "./input-error.js";
import { emptyProfile, mergeProfiles } from "./merge.js";
import { type Profile, Profiler } from "./profile.js";
import * as api from "./index.js";
import { type AuditInput, defaultProfileInputsOptions, profileInputs, runProfile } from "./profile-inputs.js";

const lines = [...corpusLines({ ...SAMPLE_SPEC, events: 300, minPerType: 2 })];

/** Profiles lines [from, to) of the corpus, keeping their line numbers in the whole corpus. */
function profileRange(from: number, to: number): Profile {
  const profiler = new Profiler();
  const sink = profiler.sinkFor("corpus.ndjson");
  for (let index = from; index < to; index++) {
    const line = lines[index] as string;
    try {
      sink.record(JSON.parse(line), index + 1);
    } catch {
      sink.badLine("invalid-json", index + 1);
    }
  }
  return profiler.toProfile();
}

function shards(cuts: readonly number[]): Profile[] {
  const points = [
    0,
    ...[...new Set(cuts.map((cut) => cut % lines.length))].sort((left, right) => left - right),
    lines.length,
  ];
  return points.slice(1).map((to, index) => profileRange(points[index] as number, to));
}

describe("mergeProfiles", () => {
  const whole = profileRange(0, lines.length);

  it("merging the shards of a corpus gives the profile of the whole corpus", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 6 }), (cuts) => {
        expect(shards(cuts).reduce(mergeProfiles, emptyProfile())).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it("is associative and has the empty profile as identity", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (first, second) => {
        const [left, middle, right] = shards([first, second]).concat([emptyProfile(), emptyProfile()]) as [
          Profile,
          Profile,
          Profile,
        ];
        expect(mergeProfiles(mergeProfiles(left, middle), right)).toEqual(
          mergeProfiles(left, mergeProfiles(middle, right)),
        );
        expect(mergeProfiles(emptyProfile(), left)).toEqual(left);
        expect(mergeProfiles(left, emptyProfile())).toEqual(left);
      }),
      { numRuns: 30 },
    );
  });

  it("leaves its arguments unchanged", () => {
    const [left, right] = shards([100]) as [Profile, Profile];
    const before = structuredClone([left, right]);
    mergeProfiles(left, right);
    expect([left, right]).toEqual(before);
  });

  it("refuses profiles made with different settings, and keeps every input of both", () => {
    const [left, right] = shards([100]) as [Profile, Profile];
    const first = { name: "a.ndjson", bytes: 1, edges: "0".repeat(64) };
    const second = { ...first, name: "b.ndjson" };
    const usual = runProfile(left, defaultProfileInputsOptions, [first]);
    const shallow = runProfile(right, { ...defaultProfileInputsOptions, maxDepth: 2 }, [second]);
    expect(() => mergeProfiles(usual, shallow)).toThrow(
      new AuditInputError(
        "the second profile was profiled with --max-depth 2 and the first profile with --max-depth 4: profiles merge only when made with the same settings (re-profile the corpus of the second profile with --max-depth 4, or that of the first profile with --max-depth 2)",
      ),
    );
    const otherVersion = {
      ...shallow,
      settings: { ...usual.settings!, limits: { ...usual.settings!.limits, types: 5 } },
    };
    expect(() => mergeProfiles(usual, otherVersion)).toThrow(
      "the second profile was profiled with the profile limit types 5 and the first profile with the profile limit types 10000: profiles merge only when made with the same settings (they were made by different capsule-entity versions: re-profile both corpora with one)",
    );
    const same = mergeProfiles(usual, runProfile(right, defaultProfileInputsOptions, [second]));
    expect(same.inputs).toEqual([first, second]);
    expect(same.settings).toEqual(usual.settings);
    expect(mergeProfiles(emptyProfile(), same)).toEqual(same);
  });
});

describe("mergeProfiles through capsule-entity/audit: every input counts once", () => {
  const input = (name: string, from: number, to: number): AuditInput => ({
    name,
    chunks: Readable.from([Buffer.from(`${lines.slice(from, to).join("\n")}\n`)]),
  });
  const a = (): AuditInput => input("a.ndjson", 0, 150);
  const b = (): AuditInput => input("b.ndjson", 150, 300);

  it("refuses an input on both sides, with the message of `audit merge`", async () => {
    const [ofA, ofB, ofAb] = [await profileInputs([a()]), await profileInputs([b()]), await profileInputs([a(), b()])];
    // The same profile twice: its events would count twice.
    expect(() => api.mergeProfiles(ofA, ofA)).toThrow(
      new api.AuditInputError(
        "the second profile counts a.ndjson, which the first profile counts already: merge profiles of disjoint inputs (leave one of the two out)",
      ),
    );
    // A profile counting an input counted already and another: the CLI's words (src/cli/audit-merge.test.ts).
    expect(() => api.mergeProfiles(ofB, ofAb)).toThrow(
      new api.AuditInputError(
        "the second profile counts b.ndjson, which the first profile counts already, and 1 other input (a.ndjson): merge profiles of disjoint inputs (leave one of the two out, or profile a.ndjson apart)",
      ),
    );
    expect(() => api.mergeProfiles(ofAb, ofB)).toThrow(api.AuditInputError);
    // Another name, or the same name with other content, is another input: both count.
    const renamed = await profileInputs([{ ...a(), name: "copy-of-a.ndjson" }]);
    expect(api.mergeProfiles(ofA, renamed).events).toBe(2 * ofA.events);
    const grown = await profileInputs([input("a.ndjson", 0, 151)]);
    expect(api.mergeProfiles(ofA, grown).inputs.map((each) => each.name)).toEqual(["a.ndjson", "a.ndjson"]);
    // Disjoint inputs merge into the profile of both, in any grouping.
    expect(api.mergeProfiles(ofA, ofB)).toEqual(ofAb);
  });
});
