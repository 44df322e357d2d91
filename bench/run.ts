/**
 * `npm run bench`: runs every bench that exists and writes docs/benchmarks.md. A section that fails is
 * reported in the document and in the exit code; it does not stop the others.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { editorSection } from "./editor/latency.js";
import { itemsSection } from "./runtime/items.js";
import { keysSection } from "./runtime/keys.js";
import { loadCapsuleSubjects } from "./runtime/subjects.js";
import { coreAvailable, coreMissingNote, repoRoot } from "./typecost/generate.js";
import { compilers, compilerVersion, typeCostSection } from "./typecost/measure.js";

const run = promisify(execFile);
const report = join(repoRoot, "docs", "benchmarks.md");

const packageVersion = (name: string): string => {
  const manifest = readFileSync(join(repoRoot, "node_modules", name, "package.json"), "utf8");
  return (JSON.parse(manifest) as { version: string }).version;
};

function machineSection(started: Date): string {
  const versions = [
    `Node ${process.version}`,
    ...compilers.map((compiler) => `TypeScript ${compilerVersion(compiler)}`),
    ...["electrodb", "dynamodb-toolbox", "zod"].map((name) => `${name} ${packageVersion(name)}`),
  ];
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. Timings are noisy: compare the ratios " +
      "within this run, not figures across machines. Instantiation counts are deterministic.",
    "",
    `- Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${process.platform} ${process.arch}`,
    `- Versions: ${versions.join(", ")}`,
    `- Date: ${started.toISOString()}; load average at start ${loadavg()
      .map((load) => load.toFixed(2))
      .join(" / ")} (1 / 5 / 15 min)`,
    `- ${coreAvailable() ? "capsule-entity: src/index.ts of this checkout" : `${coreMissingNote}; its rows are skipped`}`,
  ].join("\n");
}

async function runtimeSection(): Promise<string> {
  const capsule = await loadCapsuleSubjects();
  return [
    "## Runtime",
    "",
    "Median operations per second of 9 interleaved rounds of 150 ms after a 300 ms warm-up, on 256 distinct inputs, " +
      "the same for every contender. A *floor* row adds to the bare parse the key work written by hand (building the keys, " +
      "or comparing the stored ones with them): the least an implementation with the same checks must do.",
    ...(capsule === undefined ? ["", `${coreMissingNote}: skipped.`] : []),
    "",
    keysSection(capsule),
    "",
    itemsSection(capsule),
  ].join("\n");
}

/**
 * The audit and event-validation benches are scripts of their own, which write their reports to docs/: run one
 * and include what it reports, from its report when it wrote it during this run, else from its standard output.
 */
function scriptSection(
  title: string,
  script: string,
  reportName: string,
  args: readonly string[] = [],
): () => Promise<string> {
  const path = join(repoRoot, "bench", script);
  const reportPath = join(repoRoot, "docs", reportName);
  return async () => {
    if (!existsSync(path)) return `## ${title}\n\nbench/${script} not found: skipped.`;
    const started = Date.now();
    const { stdout } = await run(process.execPath, ["--import", "tsx", path, ...args], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
    const wroteReport = existsSync(reportPath) && statSync(reportPath).mtimeMs >= started;
    const body = wroteReport ? await readFile(reportPath, "utf8") : stdout;
    const source = wroteReport ? `docs/${reportName}` : `the standard output of bench/${script}`;
    // The script's own title becomes a sub-heading of this section.
    return `## ${title}\n\nFrom ${source}:\n\n${body.trim().replace(/^# .*\n+/, "")}`;
  };
}

const sections: readonly (readonly [string, () => Promise<string> | string])[] = [
  // Runtime first, while nothing else has warmed up or fragmented the heap of this process.
  ["runtime", runtimeSection],
  ["type-check cost", () => typeCostSection()],
  ["editor latency", () => editorSection()],
  ["event validation", scriptSection("Event validation", "events.ts", "benchmarks-events.md", ["--write"])],
  ["audit throughput", scriptSection("Audit throughput", "audit-throughput.ts", "benchmarks-audit.md")],
  ["dynamodb latency", scriptSection("DynamoDB adapter latency", "dynamodb.ts", "benchmarks-dynamodb.md", ["--write"])],
];

async function main(): Promise<void> {
  const started = new Date();
  const parts = [machineSection(started)];
  const durations: string[] = [];
  let failures = 0;
  for (const [name, section] of sections) {
    const sectionStarted = performance.now();
    process.stderr.write(`bench: ${name}...\n`);
    try {
      parts.push(await section());
    } catch (error) {
      failures += 1;
      parts.push(`## ${name}\n\nFailed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const seconds = ((performance.now() - sectionStarted) / 1000).toFixed(0);
    durations.push(`${name} ${seconds} s`);
    process.stderr.write(`bench: ${name} done in ${seconds} s\n`);
  }
  const totalSeconds = (Date.now() - started.getTime()) / 1000;
  parts.push(`---\n\nWhole run: ${totalSeconds.toFixed(0)} s (${durations.join(", ")}).`);
  await mkdir(join(repoRoot, "docs"), { recursive: true });
  await writeFile(report, parts.join("\n\n") + "\n");
  process.stderr.write(`bench: wrote ${report} in ${totalSeconds.toFixed(0)} s\n`);
  if (failures > 0) process.exitCode = 1;
}

await main();
