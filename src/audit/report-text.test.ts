import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { corpusText } from "../../examples/events/corpus-generator.js";
import { WORKSPACE_SPEC } from "../../examples/events/unseen-specs.js";
import { auditInputs, auditProfile, profileInputs } from "./index.js";
import { renderText } from "./report-text.js";

const input = () => [{ name: "corpus.ndjson", chunks: Readable.from([Buffer.from(corpusText(WORKSPACE_SPEC))]) }];

describe("renderText", () => {
  it("prints the case study's shape: what the type has, lacks, the pattern it breaks, the risk", async () => {
    const result = await auditInputs(input());
    const text = renderText(result, { color: false });
    expect(text).toMatch(
      /^capsule-entity audit: 1,600 events · 18 event types · 3 sources · 1 bad line · 1 value not an event$/m,
    );
    expect(text).toContain("Follows the pattern:");
    expect(text).toMatch(
      /✅ Has: OrgID, WorkspaceID, \w+\n✅ Pattern: ORG#\{OrgID\}#WORKSPACE#\{WorkspaceID\}#\w+#\{\w+\}/,
    );
    expect(text).toContain(
      [
        `WebhookRegistered event (messaging, ${result.sketches.find((sketch) => sketch.eventType === "WebhookRegistered")?.count} events):`,
        "❌ Has: OrgID, HookID",
        "❌ Missing: WorkspaceID",
        "❌ Pattern: ORG#{OrgID}#HOOK#{HookID}",
      ].join("\n"),
    );
    expect(text).toContain(
      "INCONSISTENCY: WebhookRegistered operations are not isolated by WorkspaceID\nRISK LEVEL: HIGH (security isolation boundary violation)",
    );
  });

  it("prints each finding as ✖ message then → at path, and the bad lines with their line numbers", async () => {
    const text = renderText(await auditInputs(input()), { color: false });
    expect(text).toMatch(
      /✖ \[CRITICAL\] CouponRedeemed pk ORG# segment disagrees with the event's own orgId in \d+ of \d+ events .*\n {2}→ at billing › CouponRedeemed › orgId \(corpus\.ndjson:\d+\)/,
    );
    expect(text).toMatch(
      /Skipped: 1 bad line, 1 valid JSON value that is not an event \(never fatal\)\n✖ invalid JSON\n {2}→ at corpus\.ndjson:\d+\n✖ a JSON object with no event type/,
    );
    expect(text).toMatch(
      /^Findings: 1 critical, 7 high, 0 medium, 0 low in 5 event types\nHIGH or worse: CouponRedeemed, (\w+, ){3}\w+\n$/m,
    );
  });

  it("colours risks only when asked, and says how many findings the baseline hid", async () => {
    const profile = await profileInputs(input());
    const all = auditProfile(profile);
    expect(renderText(all, { color: true })).toContain("\u001b[31m✖ [HIGH]\u001b[0m");
    expect(renderText(all, { color: false })).not.toContain("\u001b[");
    const known = new Set(all.findings.slice(0, 3).map((finding) => finding.fingerprint));
    const text = renderText(
      auditProfile(profile, { inference: { minSupport: 3, minShare: 0.6, steadyRate: 0.98 }, baseline: known }),
      { color: false },
    );
    expect(text).toContain("(3 known from the baseline not shown)");
  });

  it("shows control characters from the corpus as escapes: an event type cannot erase, hide or forge report lines", async () => {
    const hostile = "RefundIssued\u001b[2K\rFindings: 0 critical\u001b[8m\u202e";
    const corpus = corpusText(WORKSPACE_SPEC)
      .split("\n")
      .map((line) => line.replace('"WebhookRegistered"', JSON.stringify(hostile)))
      .join("\n");
    const result = await auditInputs([{ name: "corpus.ndjson", chunks: Readable.from([Buffer.from(corpus)]) }]);
    expect(result.findings.some((finding) => finding.eventType === hostile)).toBe(true);
    for (const color of [false, true]) {
      const text = renderText(result, { color });
      expect(text).not.toMatch(/\u001b\[(2K|8m)|\r|\u202e/);
      expect(text).toContain("RefundIssued\\u001b[2K\\u000dFindings: 0 critical\\u001b[8m\\u202e");
    }
  });
});
