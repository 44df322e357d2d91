import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { corpusText } from "../../examples/events/corpus-generator.js";
import { WORKSPACE_SPEC } from "../../examples/events/unseen-specs.js";
import { auditInputs } from "./index.js";
import { renderJson } from "./report-json.js";

describe("renderJson", () => {
  it("keeps the structured form: summary, invariants, key shapes and findings with their evidence", async () => {
    const result = await auditInputs([
      { name: "corpus.ndjson", chunks: Readable.from([Buffer.from(corpusText(WORKSPACE_SPEC))]) },
    ]);
    const report = JSON.parse(renderJson(result)) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["summary", "invariants", "keyShapes", "findings"]);
    expect(report["summary"]).toMatchObject({
      events: 1600,
      eventTypes: 18,
      sources: 3,
      skippedLines: 2,
      findings: { critical: 1, high: 7, medium: 0, low: 0 },
      baselined: 0,
    });
    expect(report["invariants"]).toContainEqual(
      expect.objectContaining({
        field: "workspaceid",
        name: "WorkspaceID",
        carriers: 15,
        types: 18,
        boundary: expect.objectContaining({ label: "WORKSPACE" }),
      }),
    );
    const findings = report["findings"] as Record<string, unknown>[];
    expect(findings).toHaveLength(8);
    for (const finding of findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining(["kind", "risk", "eventType", "source", "field", "message", "fingerprint", "location"]),
      );
    }
    expect(findings[0]).toMatchObject({
      kind: "key-mismatch",
      risk: "critical",
      eventType: "CouponRedeemed",
      source: "billing",
      field: "orgId",
    });
  });
});
