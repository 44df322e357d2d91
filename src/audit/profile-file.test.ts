import { describe, expect, it } from "vitest";
import { AuditInputError } from "./input-error.js";
import { emptyProfile } from "./merge.js";
import { Profiler, profileVersion } from "./profile.js";
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
      /p\.json is not a capsule-entity-audit-profile v3 document/,
    );
    const bad = { ...emptyProfile(), events: -1 };
    expect(() => parseProfile(JSON.stringify(bad), "p.json")).toThrow(/✖ .*\n\s+→ at events/);
  });

  it("reads the versions before its own, refuses a newer one as written by a newer capsule-entity", () => {
    const profile = { ...emptyProfile(), events: 2, unwrapped: { sqs: 2 } };
    // Version 2 is today's layout with fewer names: read as today's, so it merges with today's profiles.
    const older = parseProfile(JSON.stringify({ ...profile, version: 2 }), "v2.json");
    expect(older).toEqual({ ...profile, version: profileVersion });
    // A name version 2 did not have cannot be in a version-2 file.
    expect(() =>
      parseProfile(JSON.stringify({ ...profile, version: 2, unwrapped: { firehose: 1 } }), "v2.json"),
    ).toThrow(/v2\.json is not a capsule-entity-audit-profile v2 document/);
    expect(parseProfile(JSON.stringify({ ...profile, unwrapped: { firehose: 1 } }), "v3.json").unwrapped).toEqual({
      firehose: 1,
    });
    // A newer file is named as such, whatever it holds that this reader does not know.
    const newer = { ...profile, version: profileVersion + 1, unwrapped: { "event-hub": 3 } };
    expect(() => parseProfile(JSON.stringify(newer), "next.json")).toThrow(
      new AuditInputError(
        `next.json was written by a newer capsule-entity (profile version ${profileVersion + 1}; this one reads versions 2 to ${profileVersion}): upgrade capsule-entity to read it`,
      ),
    );
    expect(() => parseProfile(JSON.stringify({ ...profile, version: 1 }), "old.json")).toThrow(
      /old\.json is a profile of version 1, older than this capsule-entity reads \(versions 2 to 3\): profile its corpus again/,
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
