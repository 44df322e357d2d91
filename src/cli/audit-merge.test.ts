/**
 * Saved profiles merged by the CLI (`audit merge`, `--profile`): every input counts once, and profiles made with
 * different settings are refused by name, never mixed.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusLines } from "../../examples/events/corpus-generator.js";
import { SAMPLE_SPEC } from "../../examples/events/sample-spec.js";
import { createShardHandler, directoryStorage } from "../audit/shard-handler.js";
import { runInProcess } from "../../scripts/cli-in-process.js";
import { type CliIo, runAudit } from "./audit-command.js";

const run = (argv: readonly string[]) => runInProcess(runAudit, argv);
const quiet = ["--format", "json", "--fail-on", "none"];

let directory: string;
const path = (name: string): string => join(directory, name);
const lines = [...corpusLines({ ...SAMPLE_SPEC, seed: 5, events: 2_000 })];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "audit-merge-"));
  await writeFile(path("a.ndjson"), `${lines.slice(0, 1_000).join("\n")}\n`);
  await writeFile(path("b.ndjson"), `${lines.slice(1_000).join("\n")}\n`);
  // Two shards holding only empty Lambda batches: the same bytes, two inputs.
  await writeFile(path("empty-1.ndjson"), '{"Records":[]}\n{"Records":[]}\n');
  await writeFile(path("empty-2.ndjson"), '{"Records":[]}\n{"Records":[]}\n');
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Saves the profile of `inputs` (with `options`) to `name`, in the temporary directory; `stderr`: what the run says. */
async function save(
  name: string,
  inputs: readonly string[],
  options: readonly string[] = [],
  stderr = "",
): Promise<string> {
  const saved = path(name);
  const result = await run([...inputs.map(path), ...options, "--save-profile", saved, "--fail-on", "none"]);
  expect(result.stderr).toBe(stderr);
  return saved;
}

describe("profiles made with different settings", () => {
  it("are refused, naming both files, the setting and the fix", async () => {
    const deep = await save("a-depth-2.profile.json", ["a.ndjson"], ["--max-depth", "2"]);
    const usual = await save("b.profile.json", ["b.ndjson"]);
    const merged = await run(["merge", deep, usual]);
    expect(merged.code).toBe(2);
    expect(merged.stdout).toBe("");
    expect(merged.stderr).toBe(
      `✖ ${usual} was profiled with --max-depth 4 and ${deep} with --max-depth 2: profiles merge only when made with the same settings (re-profile the corpus of ${usual} with --max-depth 2, or that of ${deep} with --max-depth 4)\n`,
    );
    // The same settings merge.
    const alsoDeep = await save("b-depth-2.profile.json", ["b.ndjson"], ["--max-depth", "2"]);
    const same = await run(["merge", deep, alsoDeep, ...quiet]);
    expect(same.code).toBe(0);
    const whole = await run([path("a.ndjson"), path("b.ndjson"), "--max-depth", "2", ...quiet]);
    expect(same.stdout).toBe(whole.stdout);
  });

  it("audit merge refuses options of profiling, which would apply to nothing", async () => {
    const usual = await save("b.profile.json", ["b.ndjson"]);
    for (const option of [["--max-depth", "2"], ["--max-line-length=10"], ["--workers", "2"]]) {
      const result = await run(["merge", usual, ...option]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `✖ audit merge reads profiles: ${option[0]?.split("=")[0]} applies when events are profiled, and each profile records the settings it was made with\n  → run capsule-entity audit --help for the usage\n`,
      );
    }
  });

  it("refuses events profiled with another setting than a --profile given with them, before reading them", async () => {
    const deep = await save("a-depth-2.profile.json", ["a.ndjson"], ["--max-depth", "2"]);
    const mixed = await run([path("b.ndjson"), "--profile", deep]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toBe(
      `✖ the events given (${path("b.ndjson")}) would be profiled with --max-depth 4 and ${deep} was profiled with --max-depth 2: profiles merge only when made with the same settings (give --max-depth 2 to profile the events as the profile was)\n`,
    );
    const lines = await run([path("b.ndjson"), "--profile", deep, "--max-depth", "2", "--max-line-length", "900"]);
    expect(lines.code).toBe(2);
    expect(lines.stderr).toContain(
      `would be profiled with --max-line-length 900 and ${deep} was profiled with --max-line-length 1048576`,
    );
    const same = await run([path("b.ndjson"), "--profile", deep, "--max-depth", "2", ...quiet]);
    expect(same.stdout).toBe((await run([path("a.ndjson"), path("b.ndjson"), "--max-depth", "2", ...quiet])).stdout);
  });

  it("are refused when one comes from the shard handler, which records its settings too", async () => {
    await mkdir(path("bucket"), { recursive: true });
    await writeFile(path("bucket/a.ndjson"), await readFile(path("a.ndjson")));
    const handler = createShardHandler({
      storage: directoryStorage(directory),
      output: { prefix: "profiles/" },
      read: { maxDepth: 3, maxLineLength: 1 << 20, workers: 2 },
    });
    await handler({ bucket: "bucket", key: "a.ndjson" });
    const shard = path("bucket/profiles/a.ndjson.profile.json");
    const usual = await save("b.profile.json", ["b.ndjson"]);
    const merged = await run(["merge", shard, usual]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain(`${usual} was profiled with --max-depth 4 and ${shard} with --max-depth 3`);
  });

  it("refuses a profile written before profiles recorded their settings", async () => {
    const usual = JSON.parse(await readFile(await save("b.profile.json", ["b.ndjson"]), "utf8")) as {
      version: number;
      settings?: unknown;
      inputs?: unknown;
    };
    const { settings: _settings, inputs: _inputs, ...older } = { ...usual, version: 3 };
    await writeFile(path("older.profile.json"), JSON.stringify(older));
    const merged = await run(["merge", path("older.profile.json")]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toBe(
      `✖ ${path("older.profile.json")} was written by an older capsule-entity (profile version 3; this one reads version 4, which records the settings and inputs a profile was made with, so that profiles made differently or of the same input are never merged): re-profile its corpus\n`,
    );
  });
});

describe("every input counts once", () => {
  it("audit FILE --profile PROFILE-OF-FILE reads the file once, and says so", async () => {
    const saved = await save("a.profile.json", ["a.ndjson"]);
    const whole = await run([path("a.ndjson"), ...quiet]);
    const again = await run([path("a.ndjson"), "--profile", saved, ...quiet]);
    expect(again.stdout).toBe(whole.stdout);
    expect(again.stderr).toBe(`note: ${path("a.ndjson")} is counted in ${saved} already: read once\n`);
    // Another file with it is read.
    const both = await run([path("a.ndjson"), path("b.ndjson"), "--profile", saved, ...quiet]);
    expect(both.stdout).toBe((await run([path("a.ndjson"), path("b.ndjson"), ...quiet])).stdout);
  });

  it("a file whose content changed since it was profiled is read as another input, and said so", async () => {
    const first = `${lines.slice(0, 1_000).join("\n")}\n`;
    await writeFile(path("grown.ndjson"), first);
    const saved = await save("grown.profile.json", ["grown.ndjson"]);
    const all = `${lines.join("\n")}\n`;
    await writeFile(path("grown.ndjson"), all);
    const result = await run([path("grown.ndjson"), "--profile", saved, ...quiet]);
    expect(result.stderr).toBe(
      `note: ${path("grown.ndjson")} is not what ${saved} counted under that name (${first.length.toLocaleString("en-US")} bytes then, ${all.length.toLocaleString("en-US")} now, or other content): counted as another input\n`,
    );
    const events = async (inputs: readonly string[]): Promise<number> =>
      JSON.parse((await run([...inputs.map(path), ...quiet])).stdout).summary.events;
    expect(JSON.parse(result.stdout).summary.events).toBe(
      (await events(["a.ndjson"])) + (await events(["grown.ndjson"])),
    );
  });

  it("stdin that a profile counts already is refused: known only once read, it cannot be left out", async () => {
    const bytes = await readFile(path("a.ndjson"));
    let stderr = "";
    const io = (): CliIo => ({
      stdin: Readable.from([bytes.subarray(0, 5_000), bytes.subarray(5_000)]),
      stdinIsTTY: false,
      stdout: { write: () => true },
      stdoutIsTTY: false,
      stderr: { write: (text: string) => (stderr += text) },
      stderrIsTTY: false,
      env: {},
    });
    const saved = path("stdin.profile.json");
    expect(await runAudit(["-", "--save-profile", saved, "--fail-on", "none"], io())).toBe(0);
    stderr = "";
    expect(await runAudit(["-", "--profile", saved, "--workers", "2"], io())).toBe(2);
    expect(stderr).toBe(`✖ stdin is the input ${saved} counts already: give the events or their profile, not both\n`);
    // The same events from a file are another input (another name): counted, as two shards of the same bytes are.
    expect(await runAudit([path("a.ndjson"), "--profile", saved, "--fail-on", "none"], io())).toBe(0);
  });

  it("a profile that counts inputs counted already and others is refused: its events cannot be told apart", async () => {
    const ab = await save("ab.profile.json", ["a.ndjson", "b.ndjson"]);
    const b = await save("b.profile.json", ["b.ndjson"]);
    const result = await run(["merge", b, ab]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `✖ ${ab} counts ${path("b.ndjson")}, which ${b} counts already, and 1 other input (${path("a.ndjson")}): merge profiles of disjoint inputs (leave one of the two out, or profile ${path("a.ndjson")} apart)\n`,
    );
    // One whose inputs are all counted already adds nothing: read once.
    const covered = await run(["merge", ab, b, ...quiet]);
    expect(covered.stdout).toBe((await run([path("a.ndjson"), path("b.ndjson"), ...quiet])).stdout);
    expect(covered.stderr).toBe(`note: ${b} counts only inputs counted already (in ${ab}): read once\n`);
  });

  it("shards of identical content are two inputs: both count (two shards of empty Lambda batches)", async () => {
    const one = await save("empty-1.profile.json", ["empty-1.ndjson"], [], "✖ no events in the input\n");
    const two = await save("empty-2.profile.json", ["empty-2.ndjson"], [], "✖ no events in the input\n");
    const events = await save("a.profile.json", ["a.ndjson"]);
    const whole = await run([path("empty-1.ndjson"), path("empty-2.ndjson"), path("a.ndjson")]);
    expect(whole.stdout).toContain("Unwrapped: 4 batches");
    const merged = await run(["merge", one, two, events]);
    expect(merged.stderr).toBe("");
    expect(merged.stdout).toBe(whole.stdout);
    // The same profile named twice still counts once.
    const twice = await run(["merge", one, one, two, events]);
    expect(twice.stdout).toBe(whole.stdout);
    expect(twice.stderr).toBe(`note: ${one} is the same input as ${one}: read once\n`);
  });
});
