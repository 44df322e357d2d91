import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { corpusText } from "../../examples/events/corpus-generator.js";
import { WORKSPACE_SPEC } from "../../examples/events/unseen-specs.js";
import { auditInputs, auditProfile, mergeProfiles, profileInputs, renderHtml, renderSarif } from "./index.js";
import { defaultProfileInputsOptions, fileInput } from "./profile-inputs.js";
import { escapeHtml } from "./report-html.js";
import { renderText } from "./report-text.js";
import { profileInputsInParallel } from "./workers.js";

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

describe("fields past the profile's limit a type", () => {
  // T0 holds a map keyed by data (`sku…`): 40 new field names an event, past 1,000 by its 26th event. Its last event is
  // the only one to carry tenantId, which the limit drops; the other types carry it in every event.
  const lines: string[] = [];
  for (let type = 0; type < 6; type++)
    for (let event = 0; event < 30; event++) {
      const detail: Record<string, unknown> = { userId: `u-${event % 5}`, docId: `d-${type}-${event}` };
      if (type !== 0 || event === 29) detail["tenantId"] = `t-${event % 5}`;
      if (type === 0) for (let sku = 0; sku < 40; sku++) detail[`sku${event * 40 + sku}`] = sku;
      lines.push(JSON.stringify({ source: "app", "detail-type": `T${type}`, detail }));
    }
  const wide = () => [{ name: "wide.ndjson", chunks: Readable.from([Buffer.from(lines.join("\n"))]) }];

  it("are counted in the summary and named in every report, with the types they were cut from", async () => {
    const result = await auditInputs(wide());
    // 1,200 names, 1,000 kept with the first events' own fields: 203 occurrences cut (tenantId's among them).
    expect(result.summary.fieldLimitCut).toEqual({ count: 203, eventTypes: ["app › T0"] });
    const warning =
      "⚠ 203 field occurrences past 1,000 field names a type were not profiled (in app › T0): a finding of that type may call a field it carries missing (such a type holds a map keyed by data)";
    expect(renderText(result, { color: false })).toContain(`\n${warning}\n`);
    expect(renderHtml(result)).toContain(`<p class="warning field-limit-cut">${warning}</p>`);
    const [run] = (
      JSON.parse(renderSarif(result)) as {
        runs: [{ invocations: [{ toolExecutionNotifications: unknown[] }]; properties: unknown }];
      }
    ).runs;
    expect(run.invocations[0].toolExecutionNotifications).toContainEqual({
      descriptor: { id: "capsule-entity/field-limit-cut" },
      level: "warning",
      message: { text: warning.slice(2) },
    });
    expect(run.properties).toMatchObject({ fieldLimitCut: 203 });
    // None on a corpus within the limit.
    expect((await auditInputs(input())).summary.fieldLimitCut).toEqual({ count: 0, eventTypes: [] });
  });

  it("add up over shards, as one run's", async () => {
    const half = lines.length / 2;
    const shard = (from: number, to: number, name: string) =>
      profileInputs([{ name, chunks: Readable.from([Buffer.from(lines.slice(from, to).join("\n"))]) }]);
    const merged = mergeProfiles(await shard(0, half, "a"), await shard(half, lines.length, "b"));
    expect(auditProfile(merged).summary.fieldLimitCut).toEqual((await auditInputs(wide())).summary.fieldLimitCut);
  });
});

describe("merged pieces past a profile limit", () => {
  // T0 holds a map keyed by data (`sku…`, 40 new names an event) in events spread over the corpus, and its `pk` takes
  // 400 shapes (`AA#v#BA#v` … `TA#v#TB#v`): one run keeps 1,000 field names and 256 shapes; pieces of half the events each
  // stay within both, and merged hold 1,163 names and 400 shapes.
  const letters = "ABCDEFGHIJKLMNOPQRST";
  const lines = Array.from({ length: 60 }, (_, event) => {
    const detail: Record<string, unknown> = { tenantId: `t-${event % 5}`, docId: `d-${event}` };
    if (event % 2 === 0) {
      for (let sku = 0; sku < 40; sku++) detail[`sku${(event / 2) * 40 + sku}`] = sku;
      const shapes = Array.from({ length: 14 }, (_, index) => (event / 2) * 14 + index).filter((index) => index < 400);
      return shapes.map((index) => {
        const pk = `${letters[index % 20]}A#${event}#${letters[Math.floor(index / 20)]}B#x`;
        return JSON.stringify({ source: "app", "detail-type": "T0", detail: { ...detail, pk } });
      });
    }
    return [JSON.stringify({ source: "app", "detail-type": `T${1 + (event % 3)}`, detail })];
  }).flat();
  const profile = (part: readonly string[], name: string) =>
    profileInputs([{ name, chunks: Readable.from([Buffer.from(part.join("\n"))]) }]);
  const warning = (result: ReturnType<typeof auditProfile>) =>
    renderText(result, { color: false })
      .split("\n")
      .find((line) => line.startsWith("⚠ merged pieces"));

  it("warn in every report, naming the limits, where they are passed and how to get one run's report", async () => {
    const one = await profile(lines, "corpus.ndjson");
    expect(auditProfile(one).summary.pastLimits).toEqual([]);
    expect(warning(auditProfile(one))).toBeUndefined();
    const half = lines.length >> 1;
    const merged = auditProfile(
      mergeProfiles(await profile(lines.slice(0, half), "a.ndjson"), await profile(lines.slice(half), "b.ndjson")),
    );
    expect(merged.summary.pastLimits).toEqual([
      { limit: "fieldsPerType", allowed: 1000, held: 1163, where: ["app › T0"] },
      { limit: "shapesPerKey", allowed: 256, held: 400, where: ["app › T0 › pk"] },
    ]);
    const text =
      "merged pieces hold more than one run keeps: 1,163 field names in app › T0 where one run keeps 1,000 field names a type (the profile limit fieldsPerType); 400 key shapes in app › T0 › pk where one run keeps 256 key shapes a key field (the profile limit shapesPerKey). Each piece (a --workers thread's part of the input, a shard) was profiled within the limit on its own, so this report may differ from one run over the whole corpus; the limit is fixed in this version: audit the corpus with --workers 1, or as one shard, for one run's report";
    expect(warning(merged)).toBe(`⚠ ${text}`);
    expect(renderHtml(merged)).toContain(`<p class="warning past-limits">⚠ ${escapeHtml(text)}</p>`);
    const [run] = (
      JSON.parse(renderSarif(merged)) as {
        runs: [{ invocations: [{ toolExecutionNotifications: unknown[] }]; properties: { pastLimits: unknown } }];
      }
    ).runs;
    expect(run.invocations[0].toolExecutionNotifications).toContainEqual({
      descriptor: { id: "capsule-entity/merged-past-limits" },
      level: "warning",
      message: { text },
    });
    expect(run.properties.pastLimits).toEqual(merged.summary.pastLimits);
  });

  it("warn on --workers too, and not on a merge within the limits, which is one run's profile", async () => {
    const directory = await mkdtemp(join(tmpdir(), "past-limits-"));
    const file = join(directory, "corpus.ndjson");
    await writeFile(file, lines.join("\n"));
    const threads = await profileInputsInParallel([fileInput(file)], {
      ...defaultProfileInputsOptions,
      workers: 2,
      batchBytes: 4096,
    });
    expect(warning(auditProfile(threads))).toMatch(/^⚠ merged pieces hold more than one run keeps: 1,163 field names/);
    await rm(directory, { recursive: true, force: true });
    // Without T0's map and shapes, the pieces merge into the profile of one run.
    const within = lines.filter((line) => !line.includes('"T0"'));
    const split = mergeProfiles(
      await profile(within.slice(0, 10), "a.ndjson"),
      await profile(within.slice(10), "b.ndjson"),
    );
    expect(auditProfile(split).summary.pastLimits).toEqual([]);
  });
});
