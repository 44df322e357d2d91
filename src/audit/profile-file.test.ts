import { describe, expect, it } from "vitest";
import { AuditInputError } from "./input-error.js";
import { emptyProfile } from "./merge.js";
import { Profiler } from "./profile.js";
import { parseProfile, stringifyProfile } from "./profile-file.js";

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
      /p\.json is not a capsule-entity-audit-profile v2 document/,
    );
    const bad = { ...emptyProfile(), events: -1 };
    expect(() => parseProfile(JSON.stringify(bad), "p.json")).toThrow(/✖ .*\n\s+→ at events/);
  });
});
