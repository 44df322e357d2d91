import { describe, expect, it } from "vitest";
import { sarifFingerprint, parseBaseline } from "./baseline.js";
import { AuditInputError } from "./input-error.js";

describe("parseBaseline", () => {
  it("reads the fingerprints of a JSON report and of a SARIF log", () => {
    expect(
      parseBaseline(JSON.stringify({ findings: [{ fingerprint: "a" }, { fingerprint: "b" }, { nope: 1 }] }), "r.json"),
    ).toEqual(new Set(["a", "b"]));
    const sarif = {
      runs: [
        { results: [{ partialFingerprints: { [sarifFingerprint]: "c" } }, { partialFingerprints: { other: "d" } }] },
      ],
    };
    expect(parseBaseline(JSON.stringify(sarif), "r.sarif")).toEqual(new Set(["c"]));
  });

  it("keys a finding with a risk by the risks it covers, so a finding whose risk rose is new again", () => {
    const json = { findings: [{ fingerprint: "a", risk: "medium" }] };
    const sarif = {
      runs: [{ results: [{ partialFingerprints: { [sarifFingerprint]: "a" }, properties: { risk: "medium" } }] }],
    };
    for (const report of [json, sarif])
      expect(parseBaseline(JSON.stringify(report), "r")).toEqual(new Set(["a@medium", "a@low"]));
  });

  it("rejects what is neither", () => {
    expect(() => parseBaseline("{", "r.json")).toThrow(AuditInputError);
    expect(() => parseBaseline('{"summary":{}}', "r.json")).toThrow(
      /r\.json is not a JSON or SARIF audit report: it has neither findings\[\] nor runs\[\]/,
    );
  });
});
