import { createReadStream, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { auditInputs } from "../../src/audit/index.js";
import { corpusText } from "./corpus-generator.js";
import { SAMPLE_PATH } from "./generate.js";
import { SAMPLE_SPEC, SAMPLE_VIOLATORS } from "./sample-spec.js";

describe("the sample corpus", () => {
  it("is the generator's output, byte for byte", () => {
    expect(readFileSync(SAMPLE_PATH, "utf8")).toBe(corpusText(SAMPLE_SPEC));
  });

  it("flags exactly the six entities that lack capsule isolation HIGH, and nothing else HIGH or worse", async () => {
    const result = await auditInputs([{ name: "sample-events.ndjson", chunks: createReadStream(SAMPLE_PATH) }]);
    expect(result.summary).toMatchObject({ events: 2847, eventTypes: 28, sources: 3, skippedLines: 4 });
    const serious = result.findings.filter((finding) => finding.risk === "high" || finding.risk === "critical");
    expect(serious.every((finding) => finding.risk === "high")).toBe(true);
    const entityOf = (eventType: string): string | undefined =>
      SAMPLE_VIOLATORS.find((entity) => eventType.startsWith(entity));
    expect(serious.filter((finding) => entityOf(finding.eventType) === undefined)).toEqual([]);
    expect(new Set(serious.map((finding) => entityOf(finding.eventType)))).toEqual(new Set(SAMPLE_VIOLATORS));
    const violatorTypes = result.matrix.eventTypes
      .filter((type) => entityOf(type.type) !== undefined)
      .map((type) => type.type);
    for (const type of violatorTypes)
      expect(
        serious.map((finding) => finding.eventType),
        type,
      ).toContain(type);
  });
});
