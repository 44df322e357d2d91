import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { corpusText } from "../../examples/events/corpus-generator.js";
import { WORKSPACE_SPEC } from "../../examples/events/unseen-specs.js";
import { auditInputs } from "./index.js";
import { renderSarif } from "./report-sarif.js";

/** The vendored SARIF 2.1.0 schema (see fixtures/README.md), with the three formats it uses. */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(new URL("./fixtures/sarif-2.1.0-rtm.5.json", import.meta.url), "utf8"),
  ) as Record<string, unknown>;
  // Draft-04's `id` and `$schema` are the only draft-04 spellings in this schema; ajv 8 reads the rest as is.
  delete schema["id"];
  delete schema["$schema"];
  // unicodeRegExp off: the schema's `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is not valid with the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  ajv.addFormat("uri-reference", (value: string) => URL.canParse(value, "file:///") && !/[\s\\]/.test(value));
  ajv.addFormat("date-time", (value: string) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value),
  );
  return ajv.compile(schema);
}

describe("renderSarif", () => {
  it("is valid SARIF 2.1.0 with one rule per kind, help text and stable fingerprints", async () => {
    const result = await auditInputs([
      { name: "logs/corpus 2026.ndjson", chunks: Readable.from([Buffer.from(corpusText(WORKSPACE_SPEC))]) },
    ]);
    const log = JSON.parse(renderSarif(result));
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    const rules = run.tool.driver.rules as { id: string; help: { text: string }; properties: Record<string, string> }[];
    expect(rules.map((rule) => rule.id)).toEqual([
      "capsule-entity/missing-field",
      "capsule-entity/intermittent-field",
      "capsule-entity/key-missing-label",
      "capsule-entity/key-mismatch",
      "capsule-entity/naming-drift",
    ]);
    for (const rule of rules) expect(rule.help.text.length).toBeGreaterThan(40);
    expect(run.results).toHaveLength(result.findings.length);
    const first = run.results[0];
    expect(first).toMatchObject({
      ruleId: "capsule-entity/key-mismatch",
      level: "error",
      partialFingerprints: { "capsuleEntityFinding/v1": result.findings[0]?.fingerprint },
    });
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe("logs/corpus%202026.ndjson");
    expect(rules[run.results[0].ruleIndex]?.id).toBe(first.ruleId);
  });

  it("says what the reader unwrapped (a note) and what --max-depth cut (a warning), still valid SARIF", async () => {
    const events = ["A", "B"].map((type, index) => ({
      "detail-type": type,
      source: "s",
      detail: { tenantId: `t${index}`, meta: { owner: { deep: { id: `u${index}` } } } },
    }));
    const lines = events.map((event, index) =>
      JSON.stringify(index === 0 ? { messageId: "m1", receiptHandle: "r", body: JSON.stringify(event) } : event),
    );
    const result = await auditInputs(
      [{ name: "wrapped.ndjson", chunks: Readable.from([Buffer.from(lines.join("\n"))]) }],
      {
        read: { maxDepth: 2, maxLineLength: 1 << 20 },
      },
    );
    const log = JSON.parse(renderSarif(result));
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      { descriptor: { id: "capsule-entity/unwrapped" }, level: "note", message: { text: "Unwrapped: 1 SQS message" } },
      {
        descriptor: { id: "capsule-entity/max-depth-cut" },
        level: "warning",
        message: {
          text: "--max-depth cut 2 field occurrences (e.g. meta.owner.deep): not profiled, raise --max-depth to audit them",
        },
      },
    ]);
    expect(run.properties).toMatchObject({ unwrapped: { sqs: 1 }, depthCut: 2 });
  });

  it("rejects what the schema rejects (the validator is not a rubber stamp)", () => {
    const validate = sarifValidator();
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: "2.0.0", runs: [] })).toBe(false);
  });
});
