import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusLines } from "../../examples/events/corpus-generator.js";
import { SAMPLE_SPEC } from "../../examples/events/sample-spec.js";
import { AuditInputError } from "../audit/input-error.js";
import { createShardHandler, directoryStorage } from "../audit/shard-handler.js";
import { defaultWorkers } from "../audit/workers.js";
import { cappedWorkers, runAudit } from "./audit-command.js";
import { runInProcess } from "../../scripts/cli-in-process.js";

const run = (argv: readonly string[]) => runInProcess(runAudit, argv);

let directory: string;
const lines = [...corpusLines({ ...SAMPLE_SPEC, seed: 11, events: 24_000, crlfEvery: 1000 })];
const shardNames = Array.from({ length: 8 }, (_, index) => `part-${index}.ndjson${index % 2 === 0 ? ".gz" : ""}`);

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "audit-scale-"));
  // The whole corpus as one file (over one 4 MiB batch, so --workers splits it), and eight ways, half of it gzip.
  await writeFile(join(directory, "corpus.ndjson"), `${lines.join("\n")}\n`);
  await mkdir(join(directory, "events"));
  const size = Math.ceil(lines.length / 8);
  for (const [index, name] of shardNames.entries()) {
    const text = `${lines.slice(index * size, (index + 1) * size).join("\n")}\n`;
    await writeFile(join(directory, "events", name), name.endsWith(".gz") ? gzipSync(text) : text);
  }
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("audit --workers", () => {
  it("reports exactly what one worker reports", async () => {
    const corpus = join(directory, "corpus.ndjson");
    const one = await run([corpus, "--workers", "1", "--format", "json", "--fail-on", "none"]);
    const two = await run([corpus, "--workers", "2", "--format", "json", "--fail-on", "none"]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).findings.length).toBeGreaterThan(0);
    expect(two.stdout).toBe(one.stdout);
    const text = await run([corpus, "--workers", "3"]);
    expect(text.stdout).toBe((await run([corpus, "--workers", "1"])).stdout);
  });

  it("profiles on at most the cores, and says so", async () => {
    expect(cappedWorkers(2, 2)).toEqual({ threads: 2, note: undefined });
    expect(cappedWorkers(1, 4)).toEqual({ threads: 1, note: undefined });
    expect(cappedWorkers(8, 2)).toEqual({
      threads: 2,
      note: "note: --workers 8 is more than the 2 cores this process may use: profiled on 2 threads (a thread more than the cores only adds its start-up)\n",
    });
    expect(cappedWorkers(3, 1).note).toContain("more than the 1 core this process may use: profiled on 1 thread (");
    const corpus = join(directory, "corpus.ndjson");
    const cores = defaultWorkers();
    const capped = await run([corpus, "--workers", String(cores + 1), "--format", "json", "--fail-on", "none"]);
    const atCores = await run([corpus, "--workers", String(cores), "--format", "json", "--fail-on", "none"]);
    expect(capped).toEqual({ ...atCores, stderr: cappedWorkers(cores + 1, cores).note });
    expect(atCores.stderr).toBe("");
  });

  it("refuses a worker count that is not a whole number ≥ 1", async () => {
    const result = await run(["--workers", "0", join(directory, "corpus.ndjson")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workers expects a whole number ≥ 1, received "0"');
  });
});

describe("shards: the handler per object, then audit merge", () => {
  it("gives the byte-identical report of one run over the eight objects", async () => {
    const handler = createShardHandler({
      storage: directoryStorage(directory),
      output: { prefix: "profiles/" },
      // The profile names each input by its path, as the one run below does.
      name: ({ bucket, key }) => join(directory, bucket, key),
    });
    // In any order, as a Distributed Map runs them.
    const results = await Promise.all([...shardNames].reverse().map((key) => handler({ bucket: "events", key })));
    expect(results.reduce((sum, result) => sum + result.events + result.skipped, 0)).toBe(lines.length);
    expect(results[0]?.profile).toEqual({ bucket: "events", key: `profiles/${shardNames[7]}.profile.json` });

    const inputs = shardNames.map((name) => join(directory, "events", name));
    const profiles = join(directory, "events", "profiles");
    for (const format of ["text", "json", "sarif"]) {
      const one = await run([...inputs, "--format", format, "--fail-on", "none"]);
      const merged = await run(["merge", profiles, "--format", format, "--fail-on", "none"]);
      expect(one.stdout.length).toBeGreaterThan(100);
      expect(merged.stdout).toBe(one.stdout);
    }
    // Exit codes follow --fail-on as for one run.
    expect((await run(["merge", profiles])).code).toBe((await run(inputs)).code);
    // A profile named again (as a file, and in its directory) is merged once, as an input named twice is read once.
    // So is a copy of one (a shard profiled again under another prefix).
    const first = join(profiles, `${shardNames[0]}.profile.json`);
    const copy = join(directory, "rerun", `${shardNames[0]}.profile.json`);
    await mkdir(dirname(copy), { recursive: true });
    await copyFile(first, copy);
    const twice = await run([
      "merge",
      first,
      profiles,
      copy,
      "--profile",
      first,
      "--format",
      "json",
      "--fail-on",
      "none",
    ]);
    expect(twice.stdout).toBe((await run(["merge", profiles, "--format", "json", "--fail-on", "none"])).stdout);
    expect(twice.stderr.match(/is the same input as .*: read once/g)).toHaveLength(3);
    expect(twice.stderr).toContain(`note: ${copy} is the same input as ${first}: read once`);
  });

  it("refuses an event that names no object, and a key that leaves its bucket", async () => {
    const handler = createShardHandler({ storage: directoryStorage(directory), output: { prefix: "profiles/" } });
    await expect(handler({ Key: "part-0.ndjson" })).rejects.toThrow(AuditInputError);
    await expect(handler({ bucket: "events", key: "../corpus.ndjson" })).rejects.toThrow(
      'the object "events/../corpus.ndjson" is outside the storage root',
    );
  });

  it("audit merge says what is missing", async () => {
    expect((await run(["merge"])).stderr).toContain("✖ audit merge expects profile files or directories");
    await mkdir(join(directory, "empty"));
    expect((await run(["merge", join(directory, "empty")])).stderr).toContain(
      `✖ no *.profile.json file in ${join(directory, "empty")}`,
    );
    const notProfile = join(directory, "events", "part-1.ndjson");
    expect((await run(["merge", notProfile])).stderr).toContain(`${notProfile} is not a profile`);
  });
});

describe("the shipped state machine (docs/aws/audit-shards.asl.json)", () => {
  const validate = createRequire(import.meta.url)("asl-validator") as (definition: unknown) => {
    isValid: boolean;
    errorsText(separator: string): string;
  };

  it("is valid Amazon States Language, and hands the handler the { bucket, key } it reads", async () => {
    const definition = JSON.parse(await readFile("docs/aws/audit-shards.asl.json", "utf8"));
    const result = validate(definition);
    expect(result.errorsText("\n")).toBe("");
    expect(result.isValid).toBe(true);
    const map = definition.States.ProfileShards;
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe("DISTRIBUTED");
    expect(map.ItemSelector).toEqual({ "bucket.$": "$.bucket", "key.$": "$$.Map.Item.Value.Key" });
  });

  it("the validator refuses a broken definition (the check can fail)", async () => {
    const definition = JSON.parse(await readFile("docs/aws/audit-shards.asl.json", "utf8"));
    delete definition.States.ProfileShards.ItemProcessor.StartAt;
    expect(validate(definition).isValid).toBe(false);
  });
});
