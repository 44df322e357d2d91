import { describe, expect, it } from "vitest";
import { AuditInputError } from "./input-error.js";
import { emptyProfile } from "./merge.js";
import { Profiler, type TypeProfile, profileVersion } from "./profile.js";
import { parseProfile, profileVocabulary, stringifyProfile } from "./profile-file.js";
import { skipReasons } from "./reader.js";
import { wrapperKinds } from "./event.js";

describe("profile documents", () => {
  it("round-trip through JSON, data keys such as __proto__ included", () => {
    const profiler = new Profiler();
    profiler
      .sinkFor("a.ndjson")
      .record(JSON.parse('{"type":"A","__proto__":{"x":"ORG#o1"},"pk":"ORG#o1#A#1","o":"o1"}'), 1);
    const profile = profiler.toProfile();
    const parsed = parseProfile(stringifyProfile(profile), "saved.json");
    expect(parsed).toEqual(profile);
    expect(Object.keys(parsed.types[0]?.fields ?? {})).toContain("proto.x");
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });

  it("rejects what is not a profile with the path of the problem", () => {
    expect(() => parseProfile("{", "p.json")).toThrow(AuditInputError);
    expect(() => parseProfile('{"format":"other"}', "p.json")).toThrow(
      new RegExp(`p\\.json is not a capsule-entity-audit-profile v${profileVersion} document`),
    );
    const bad = { ...emptyProfile(), events: -1 };
    expect(() => parseProfile(JSON.stringify(bad), "p.json")).toThrow(/✖ .*\n\s+→ at events/);
  });

  it("refuses an older version as written by an older capsule-entity, and a newer one as written by a newer", () => {
    const profile = { ...emptyProfile(), events: 2, unwrapped: { sqs: 2 } };
    expect(parseProfile(JSON.stringify(profile), "v4.json")).toEqual(profile);
    // Version 3 recorded neither the settings nor the inputs of a profile: it cannot be merged safely.
    const { settings: _settings, inputs: _inputs, ...version3 } = { ...profile, version: 3 };
    for (const older of [version3, { ...profile, version: 3 }, { ...version3, version: 1 }])
      expect(() => parseProfile(JSON.stringify(older), "old.json")).toThrow(
        new AuditInputError(
          `old.json was written by an older capsule-entity (profile version ${older.version}; this one reads version 4, which records the settings and inputs a profile was made with, so that profiles made differently or of the same input are never merged): re-profile its corpus`,
        ),
      );
    // A newer file is named as such, whatever it holds that this reader does not know.
    const newer = { ...profile, version: profileVersion + 1, unwrapped: { "event-hub": 3 } };
    expect(() => parseProfile(JSON.stringify(newer), "next.json")).toThrow(
      new AuditInputError(
        `next.json was written by a newer capsule-entity (profile version ${profileVersion + 1}; this one reads version ${profileVersion}): upgrade capsule-entity to read it`,
      ),
    );
  });

  it("validates the settings and inputs a profile records", () => {
    const input = { name: "a.ndjson", bytes: 12, edges: "0".repeat(64) };
    const settings = { maxDepth: 4, maxLineLength: 100, limits: { fieldsPerType: 1000 } };
    const profile = { ...emptyProfile(), settings, inputs: [input] };
    expect(parseProfile(JSON.stringify(profile), "p.json")).toEqual(profile);
    expect(() => parseProfile(JSON.stringify({ ...profile, inputs: [{ ...input, edges: "abc" }] }), "p.json")).toThrow(
      /→ at inputs\[0\]\.edges/,
    );
    expect(() =>
      parseProfile(JSON.stringify({ ...profile, settings: { ...settings, maxDepth: -1 } }), "p.json"),
    ).toThrow(/→ at settings\.maxDepth/);
  });

  it("refuses sample rows out of order or repeated: merging takes them sorted, each hash once", () => {
    const profiler = new Profiler();
    for (const [index, value] of ["a", "b", "c"].entries())
      profiler.sinkFor("a.ndjson").record({ type: "A", value }, index + 1);
    const profile = profiler.toProfile();
    const [type] = profile.types as [TypeProfile];
    expect(type.rows.length).toBe(3);
    expect(parseProfile(stringifyProfile(profile), "p.json")).toEqual(profile);
    for (const rows of [[...type.rows].reverse(), [type.rows[0], ...type.rows]])
      expect(() => parseProfile(JSON.stringify({ ...profile, types: [{ ...type, rows }] }), "p.json")).toThrow(
        /✖ rows must be sorted by hash, each hash once, as capsule-entity writes them\n\s+→ at types\[0\]\.rows/,
      );
  });

  it("keeps each released version's names: a new skip reason or wrapper kind needs a new version", () => {
    // Version 2's names as released. A reason or wrapper kind added without a new profile version (and an entry in
    // profile-file.ts's `addedIn`) would land in this list, and older readers would refuse files that name it.
    const { reasons, wrappers } = profileVocabulary(2);
    expect(reasons.join(" ")).toBe(
      "invalid-json binary line-too-long type-limit truncated-input not-an-object no-event-type invalid-detail " +
        "sqs-record sns-notification put-events-entry kinesis-record dynamodb-stream-record dynamodb-export-item " +
        "s3-notification cloudwatch-logs wrappers-too-deep",
    );
    expect(wrappers.join(" ")).toBe("sqs sns kinesis put-events lambda-batch");
    // Version 3 added Firehose records; it is today's.
    expect(profileVocabulary(3)).toEqual({
      reasons: [...reasons.slice(0, 12), "firehose-record", ...reasons.slice(12)],
      wrappers: ["sqs", "sns", "kinesis", "firehose", "put-events", "lambda-batch"],
    });
    expect(profileVocabulary(profileVersion)).toEqual({ reasons: skipReasons, wrappers: wrapperKinds });
  });
});
