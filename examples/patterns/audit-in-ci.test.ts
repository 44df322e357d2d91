// The corpus audit in CI, run in-process through the CLI's own entry (the same arguments a CI step passes to
// `capsule-entity audit`): a baseline report accepts today's findings, SARIF goes to code scanning, and the
// build fails (exit 1) only on findings at or above --fail-on that the baseline does not hold.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { runAudit, type CliIo } from "../../src/cli/audit-command.js";

const corpus = "examples/events/sample-events.ndjson";
const dir = mkdtempSync(path.join(tmpdir(), "audit-ci-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io: CliIo = {
  stdin: (async function* () {})(),
  stdinIsTTY: false,
  stdout: { write: () => true },
  stdoutIsTTY: false,
  stderr: { write: () => true },
  stderrIsTTY: false,
  env: {},
};
const audit = (...argv: string[]): Promise<number> => runAudit(argv, io);

it("fails on HIGH findings, and only on new ones once they are baselined", async () => {
  const baseline = path.join(dir, "baseline.json");
  const sarif = path.join(dir, "audit.sarif");
  // Once, by hand, reviewed and committed: today's findings as the accepted baseline.
  expect(await audit(corpus, "--format", "json", "--fail-on", "none", "--out", baseline)).toBe(0);
  // Without the baseline, the corpus's HIGH findings fail the build.
  expect(await audit(corpus, "--format", "sarif", "--fail-on", "high", "--out", sarif)).toBe(1);
  // The CI step: SARIF for code scanning, exit 1 only on what is not in the baseline.
  expect(await audit(corpus, "--format", "sarif", "--fail-on", "high", "--baseline", baseline, "--out", sarif)).toBe(0);
  expect(JSON.parse(readFileSync(sarif, "utf8"))).toMatchObject({ version: "2.1.0" });
});
