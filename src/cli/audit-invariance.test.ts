/**
 * One corpus of every event shape (drawn with a fixed seed, mixed with values that are no event, bad lines and CRLF
 * line ends), over 8 MiB so that `--workers` cuts it: the report is the same whatever reads it: 1, 2 or 4 workers,
 * plain, gzip or stdin, and the corpus cut eight ways, profiled shard by shard and `audit merge`d. The planted gaps
 * are HIGH in every one.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saasCorpus } from "../audit/fixtures/corpora.js";
import { type CliIo, runAudit } from "./audit-command.js";
import { runInProcess } from "../../scripts/cli-in-process.js";

const run = (argv: readonly string[]) => runInProcess(runAudit, argv);

/** Runs the audit reading `bytes` from stdin. */
async function runOnStdin(bytes: Buffer, argv: readonly string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const io: CliIo = {
    // Cut into odd-sized chunks, as a pipe delivers them.
    stdin: Readable.from(
      Array.from({ length: Math.ceil(bytes.length / 65_521) }, (_, i) => bytes.subarray(i * 65_521, (i + 1) * 65_521)),
    ),
    stdinIsTTY: false,
    stdout: { write: (text: string) => (stdout += text) },
    stdoutIsTTY: false,
    stderr: { write: () => true },
    stderrIsTTY: false,
    env: {},
  };
  const code = await runAudit(argv, io);
  return { code, stdout };
}

const corpus = saasCorpus(31, 1400);
const topicArn = "arn:aws:sns:eu-west-1:111122223333:events";
type Envelope = { source: string; "detail-type": string; detail: unknown };
const wraps: readonly ((event: Envelope, index: number) => unknown)[] = [
  (event) => event,
  (event) => ({ ...event, detail: JSON.stringify(event.detail) }),
  (event) => [event],
  (event) => ({ detailType: event["detail-type"], source: event.source, detail: JSON.stringify(event.detail) }),
  (event) => ({
    Entries: [{ Source: event.source, DetailType: event["detail-type"], Detail: JSON.stringify(event.detail) }],
  }),
  (event, index) => ({ Records: [{ messageId: `m${index}`, receiptHandle: "r", body: JSON.stringify(event) }] }),
  (event, index) => ({
    Type: "Notification",
    MessageId: `n${index}`,
    TopicArn: topicArn,
    Message: JSON.stringify(event),
  }),
  (event, index) => ({
    Records: [
      {
        eventSource: "aws:kinesis",
        kinesis: { partitionKey: `p${index}`, data: Buffer.from(JSON.stringify(event)).toString("base64") },
      },
    ],
  }),
];
const planted = [
  '{"Type":"SubscriptionConfirmation","MessageId":"c","TopicArn":"arn","Message":"confirm","Token":"t"}',
  '{"Records":[{"eventName":"INSERT","eventSource":"aws:dynamodb","dynamodb":{"Keys":{}}}]}',
  '{"detail-type":"X","source":"s","detail":',
  "42",
  "\u0000\u0001binary",
];
// Shapes and plants drawn once, from a fixed seed: the run is reproducible, the draw is not hand-picked.
const [shapeOf, plantOf] = fc.sample(
  fc.tuple(
    fc.array(fc.nat(wraps.length - 1), { minLength: 97, maxLength: 97 }),
    fc.array(fc.nat(40), { minLength: 89, maxLength: 89 }),
  ),
  { seed: 16, numRuns: 1 },
)[0]!;
const lines: string[] = [];
corpus.events.forEach((event, index) => {
  lines.push(JSON.stringify(wraps[shapeOf[index % shapeOf.length]!]!(event as Envelope, index)));
  const plant = plantOf[index % plantOf.length]!;
  if (plant < planted.length) lines.push(planted[plant]!);
});
const shardSize = Math.ceil(lines.length / 8);
const text = lines.map((line, index) => (index % 1000 === 999 ? `${line}\r` : line)).join("\n") + "\n";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "audit-invariance-"));
  await writeFile(join(directory, "corpus.ndjson"), text);
  await writeFile(join(directory, "corpus.ndjson.gz"), gzipSync(text));
  await mkdir(join(directory, "shards"));
  await mkdir(join(directory, "profiles"));
  for (let shard = 0; shard < 8; shard++) {
    const part = `${lines.slice(shard * shardSize, (shard + 1) * shardSize).join("\n")}\n`;
    const name = `part-${shard}.ndjson${shard % 3 === 0 ? ".gz" : ""}`;
    await writeFile(join(directory, "shards", name), shard % 3 === 0 ? gzipSync(part) : part);
  }
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The JSON report's findings and summary, without the input's name (the locations name the file read). */
function gist(stdout: string): unknown {
  const report = JSON.parse(stdout) as {
    summary: { skipped: { samples: { file?: string }[] } };
    findings: { location?: unknown }[];
  };
  const samples = report.summary.skipped.samples.map(({ file: _file, ...sample }) => sample);
  return {
    summary: { ...report.summary, skipped: { ...report.summary.skipped, samples } },
    findings: report.findings.map(({ location: _location, ...finding }) => finding),
  };
}

describe("the report does not depend on what reads the corpus", () => {
  it("is identical for 1, 2 and 4 workers, plain, gzip and stdin", { timeout: 120_000 }, async () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(8 << 20);
    const plain = join(directory, "corpus.ndjson");
    const json = ["--format", "json", "--fail-on", "none"];
    const one = await run([plain, "--workers", "1", ...json]);
    expect(one.code).toBe(0);
    const report = JSON.parse(one.stdout) as {
      summary: { events: number };
      findings: { risk: string; eventType: string }[];
    };
    expect(report.summary.events).toBe(corpus.events.length);
    const high = [...new Set(report.findings.filter((f) => f.risk === "high").map((f) => f.eventType))].sort();
    expect(high).toEqual([...corpus.gaps].sort());
    for (const workers of ["2", "4"])
      expect((await run([plain, "--workers", workers, ...json])).stdout).toBe(one.stdout);
    const gzip = join(directory, "corpus.ndjson.gz");
    for (const workers of ["1", "2"])
      expect(gist((await run([gzip, "--workers", workers, ...json])).stdout)).toEqual(gist(one.stdout));
    const piped = await runOnStdin(Buffer.from(text), ["-", "--workers", "2", ...json]);
    expect(gist(piped.stdout)).toEqual(gist(one.stdout));
  });

  it("is identical cut eight ways, profiled shard by shard and merged", { timeout: 120_000 }, async () => {
    const names = Array.from({ length: 8 }, (_, shard) =>
      join(directory, "shards", `part-${shard}.ndjson${shard % 3 === 0 ? ".gz" : ""}`),
    );
    // Profiled in reverse order, as shards finish in any order.
    for (const [shard, name] of [...names.entries()].reverse()) {
      const saved = await run([
        name,
        "--save-profile",
        join(directory, "profiles", `p${shard}.profile.json`),
        "--fail-on",
        "none",
      ]);
      expect(saved.code).toBe(0);
    }
    for (const format of ["text", "json", "sarif"]) {
      const once = await run([...names, "--format", format, "--fail-on", "none"]);
      const merged = await run(["merge", join(directory, "profiles"), "--format", format, "--fail-on", "none"]);
      expect(merged.stdout).toBe(once.stdout);
    }
    const whole = await run([
      join(directory, "corpus.ndjson"),
      "--workers",
      "1",
      "--format",
      "json",
      "--fail-on",
      "none",
    ]);
    const merged = await run(["merge", join(directory, "profiles"), "--format", "json", "--fail-on", "none"]);
    // A shard whose first line is a one-line array is a JSON array file: that array is the file, not a batch, so the
    // batches counted differ by the shards starting so (their events are read all the same).
    // (The first shard's first line is the whole file's first line too.)
    const startsWithArray = names.slice(1).filter((_, shard) => lines[(shard + 1) * shardSize]?.startsWith("[")).length;
    const batches = (stdout: string): number =>
      (JSON.parse(stdout) as { summary: { unwrapped: Record<string, number> } }).summary.unwrapped["lambda-batch"] ?? 0;
    expect(batches(whole.stdout) - batches(merged.stdout)).toBe(startsWithArray);
    const withoutBatches = (stdout: string): unknown => {
      const report = JSON.parse(stdout) as { summary: { unwrapped: Record<string, number> } };
      delete report.summary.unwrapped["lambda-batch"];
      return gist(JSON.stringify(report));
    };
    expect(withoutBatches(merged.stdout)).toEqual(withoutBatches(whole.stdout));
  });
});
