/// <reference lib="dom" />
// playwright-core's declarations and the page callbacks below need the DOM types; only this test file asks for them
// (tsconfig.build.json leaves tests out, so the library is still checked without DOM).
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusText } from "../../examples/events/corpus-generator.js";
import { WORKSPACE_SPEC } from "../../examples/events/unseen-specs.js";
import { type AuditResult, auditInputs } from "./index.js";
import { renderHtml } from "./report-html.js";

// Debian's chromium, installed by scripts/ensure-chromium.sh (which CI runs). Off CI a machine without it skips.
const chromiumPath = "/usr/bin/chromium";
const available = existsSync(chromiumPath) || process.env["CI"] === "true";

describe.runIf(available)("the HTML report in headless Chromium", () => {
  let directory: string;
  let result: AuditResult;
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>>;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "audit-html-"));
    result = await auditInputs([
      { name: "corpus.ndjson", chunks: Readable.from([Buffer.from(corpusText(WORKSPACE_SPEC))]) },
    ]);
    await writeFile(join(directory, "report.html"), renderHtml(result));
    // A fresh profile directory per run: launchPersistentContext is how playwright takes --user-data-dir.
    context = await chromium.launchPersistentContext(join(directory, "profile"), {
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it("renders the field × event-type matrix with the gaps marked, and shows the findings", async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(join(directory, "report.html")).href);

    const matrix = page.locator("table.matrix");
    await expect.poll(() => matrix.isVisible()).toBe(true);
    expect(await matrix.locator("thead th.col").count()).toBe(result.matrix.eventTypes.length);
    expect(await matrix.locator("tbody tr").count()).toBe(result.matrix.fields.length);
    const row = matrix.locator('tbody tr[data-field="workspaceid"]');
    const column = result.matrix.eventTypes.findIndex((type) => type.type === "WebhookRegistered");
    const gap = row.locator("td.cell").nth(column);
    expect(await gap.getAttribute("class")).toContain("gap");
    expect(await gap.evaluate((cell) => getComputedStyle(cell).backgroundColor)).toBe("rgb(198, 40, 40)");
    const box = await gap.boundingBox();
    expect(box?.width).toBeGreaterThan(10);
    expect(await row.locator("td.cell.full").count()).toBeGreaterThan(10);
    const intermittent = row
      .locator("td.cell")
      .nth(result.matrix.eventTypes.findIndex((type) => type.type === "ReportGenerated"));
    expect(await intermittent.getAttribute("class")).toContain("thin");
    expect(Number(await intermittent.innerText())).toBeLessThan(90);

    const findings = page.locator("#findings tr.finding");
    expect(await findings.count()).toBe(result.findings.length);
    await expect.poll(() => findings.first().isVisible()).toBe(true);
    expect(await findings.first().innerText()).toContain("CouponRedeemed");
    expect(await page.locator('tr.finding[data-event-type="WebhookRegistered"]').first().innerText()).toMatch(
      /HIGH[\s\S]*WebhookRegistered[\s\S]*WorkspaceID/,
    );
    expect(await page.locator(".counts [data-risk=high]").innerText()).toBe("7 high");
    expect(await page.locator("#key-shapes").innerText()).toContain("ORG#{}#WORKSPACE#{}");
    expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
  });
});
