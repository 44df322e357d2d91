/**
 * Generated shardings of one corpus (issue 16, "many machines"): 2 to 8 objects cut at drawn lines (empty objects, one
 * event an object, gzip and JSON-array objects among them, keys of mixed case and length), each profiled by the shard
 * handler, in any order, then `audit merge`d: the report is byte-identical to one `audit` run over the objects in the
 * order `audit merge` reads their profiles (their keys' code-unit order, S3's listing order).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saasCorpus } from "../audit/fixtures/corpora.js";
import { createShardHandler, directoryStorage } from "../audit/shard-handler.js";
import { runInProcess } from "../../scripts/cli-in-process.js";
import { runAudit } from "./audit-command.js";

const run = (argv: readonly string[]) => runInProcess(runAudit, argv);
const events = saasCorpus(43, 8).events;
// A few bad lines among the events: where each shard's skipped lines are counted and located matters too.
const lines = events.map((event, index) => (index % 37 === 36 ? '{"detail-type":' : JSON.stringify(event)));

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "audit-shards-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** How one object is written: plain NDJSON, gzip, or a JSON array of its events (bad lines left out). */
const form = fc.constantFrom("ndjson", "gzip", "array");
const keyName = fc.constantFrom("part", "Part", "p", "part-0", "PART_x");

describe("a corpus cut into objects, profiled by the shard handler and merged", () => {
  it("gives the byte-identical report of one run over the objects", { timeout: 120_000 }, async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }).chain((count) =>
          fc.record({
            cuts: fc.array(fc.nat(lines.length), { minLength: count - 1, maxLength: count - 1 }),
            forms: fc.array(form, { minLength: count, maxLength: count }),
            keys: fc.array(keyName, { minLength: count, maxLength: count }),
          }),
        ),
        async ({ cuts, forms, keys }) => {
          const root = join(directory, `round-${round++}`);
          await mkdir(join(root, "events"), { recursive: true });
          const points = [0, ...[...cuts].sort((left, right) => left - right), lines.length];
          const names = keys.map((key, shard) => `${key}-${shard}.${forms[shard] === "gzip" ? "ndjson.gz" : "json"}`);
          for (const [shard, name] of names.entries()) {
            const part = lines.slice(points[shard], points[shard + 1]);
            const text =
              forms[shard] === "array"
                ? `${JSON.stringify(part.filter((line) => line.endsWith("}")).map((line) => JSON.parse(line) as unknown))}\n`
                : part.map((line) => `${line}\n`).join("");
            await writeFile(join(root, "events", name), forms[shard] === "gzip" ? gzipSync(text) : text);
          }
          const handler = createShardHandler({
            storage: directoryStorage(root),
            output: { prefix: "profiles/" },
            name: ({ bucket, key }) => join(root, bucket, key),
          });
          await Promise.all([...names].reverse().map((key) => handler({ bucket: "events", key })));
          // `audit merge` reads a directory's profiles in code-unit order of their paths; one run reads them so too.
          const inputs = names.map((name) => join(root, "events", name)).sort((left, right) => (left < right ? -1 : 1));
          for (const format of ["json", "sarif"]) {
            const one = await run([...inputs, "--format", format, "--fail-on", "none", "--workers", "1"]);
            const merged = await run([
              "merge",
              join(root, "events", "profiles"),
              "--format",
              format,
              "--fail-on",
              "none",
            ]);
            expect(merged.stderr).toBe(one.stderr);
            expect(merged.stdout).toBe(one.stdout);
          }
        },
      ),
      { numRuns: 10, seed: 1620 },
    );
  });
});
