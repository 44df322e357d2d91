/**
 * Failures while reading, on every path (`audit` events, `audit-table` export files and live Scan, with and without
 * `--entities`) and on one thread or several (issue 16): files that cannot be read, definitions modules that throw
 * (everywhere, or only on a worker thread), a worker thread that exits, a table that cannot be reached. Each is one
 * line on stderr (`✖ …`), exit 2, never a stack trace, the same whatever the thread that met it. Bad and truncated
 * gzip are no failure: their lines are skipped and said so, the same on one thread as on several.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { defineTable } from "capsule-entity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Note, PlatformTable } from "../../examples/audit-table/entities.js";
import { runInProcess } from "../../scripts/cli-in-process.js";
import { type LocalDynamo, localCredentials, localDynamo, uniqueTableName } from "../../scripts/test-dynamodb.js";
import { defaultWorkers } from "../audit/workers.js";
import { cappedWorkers, runAudit } from "./audit-command.js";
import { runAuditTable } from "./audit-table-command.js";

const entities = resolve("examples/audit-table/entities.ts");
const Scanned = defineTable({
  name: uniqueTableName("audit_failures"),
  pk: PlatformTable.attributes.pk,
  sk: PlatformTable.attributes.sk,
  indexes: { gsi1: { pk: PlatformTable.attributes.gsi1pk, sk: PlatformTable.attributes.gsi1sk } },
});
/** A file that passes `stat` as a regular file and fails when read (EIO), on any thread: Linux's own memory file. */
const unreadable = "/proc/self/mem";

let local: LocalDynamo;
let directory: string;
/** Paths of the generated inputs and modules. */
const made: Record<string, string> = {};

localCredentials();
beforeAll(async () => {
  local = await localDynamo("dynamodb-local");
  await local.createTable(Scanned);
  directory = await mkdtemp(join(tmpdir(), "audit-failures-"));
  const items = Array.from({ length: 12 }, (_, index) => {
    const item = Note.toItem({
      tenantId: `t${index % 3}`,
      capsuleId: "c1",
      noteId: `n${index}`,
      title: "T",
      status: "draft",
    } as never);
    return Object.fromEntries(
      Object.entries(item).map(([name, value]) => [PlatformTable.attributes[name as "pk"] ?? name, value]),
    );
  });
  for (const item of items) await local.documents.send(new PutCommand({ TableName: Scanned.name, Item: item }));
  const exportLines = items.map((item) => JSON.stringify({ Item: marshalled(item) })).join("\n") + "\n";
  const events = items.map((item, index) => JSON.stringify({ type: `Note${index % 4}`, ...item })).join("\n") + "\n";
  const gzip = gzipSync(exportLines);
  const eventsGzip = gzipSync(events);
  const files: Record<string, string | Buffer> = {
    "export.json.gz": gzip,
    "export-2.json.gz": gzip,
    "export-truncated.json.gz": gzip.subarray(0, gzip.length >> 1),
    "export-bad.json.gz": Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("not gzip after the magic")]),
    "events.ndjson": events,
    "events-truncated.ndjson.gz": eventsGzip.subarray(0, eventsGzip.length >> 1),
    "events-bad.ndjson.gz": Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("not gzip after the magic")]),
    // Definitions modules that fail: on every thread, only on a worker thread, or by ending the worker.
    "throws.mts": `throw new Error("the module failed");\n`,
    "throws-in-worker.mts": `import { isMainThread } from "node:worker_threads";\nif (!isMainThread) throw new Error("failed on a worker");\nexport * from ${JSON.stringify(pathToFileURL(entities).href)};\n`,
    "exits-in-worker.mts": `import { isMainThread } from "node:worker_threads";\nif (!isMainThread) process.exit(3);\nexport * from ${JSON.stringify(pathToFileURL(entities).href)};\n`,
  };
  for (const [name, content] of Object.entries(files)) {
    made[name] = join(directory, name);
    await writeFile(made[name], content);
  }
});

afterAll(async () => {
  await local.stop();
  await rm(directory, { recursive: true, force: true });
});

/** An item in DynamoDB JSON, as an export writes it. */
function marshalled(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(item).map(([name, value]) => [
      name,
      typeof value === "number" ? { N: String(value) } : { S: String(value) },
    ]),
  );
}

const scan = (): string[] => [
  "--table",
  Scanned.name,
  "--endpoint",
  local.endpoint,
  "--region",
  "local",
  "--segments",
  "3",
];

/** A failing run: the command, its arguments (given the generated paths), and the one line it must print. */
interface Failure {
  readonly name: string;
  readonly command: "audit" | "audit-table";
  readonly argv: () => string[];
  readonly message: () => string;
  /** The thread counts it fails on (a module that fails only on workers loads on one thread). */
  readonly workers: readonly number[];
  /** It reads `unreadable`, a file of Linux's. */
  readonly linux?: true;
}

const failures: readonly Failure[] = [
  {
    name: "events: a file that cannot be read",
    command: "audit",
    argv: () => [made["events.ndjson"]!, unreadable],
    message: () => `cannot read ${unreadable}: EIO`,
    workers: [1, 3],
    linux: true,
  },
  {
    name: "export files: a file that cannot be read",
    command: "audit-table",
    argv: () => [made["export.json.gz"]!, unreadable],
    message: () => `cannot read ${unreadable}: EIO`,
    workers: [1, 3],
    linux: true,
  },
  {
    name: "export files, --entities: a file that cannot be read",
    command: "audit-table",
    argv: () => [made["export.json.gz"]!, unreadable, "--entities", entities],
    message: () => `cannot read ${unreadable}: EIO`,
    workers: [1, 3],
    linux: true,
  },
  ...(["export", "scan"] as const).flatMap((path): Failure[] => {
    const inputs = (): string[] => (path === "export" ? [made["export.json.gz"]!, made["export-2.json.gz"]!] : scan());
    return [
      {
        name: `${path}, --entities: a module that throws`,
        command: "audit-table",
        argv: () => [...inputs(), "--entities", made["throws.mts"]!],
        message: () => `cannot load --entities ${made["throws.mts"]}: the module failed`,
        workers: [1, 3],
      },
      {
        name: `${path}, --entities: a module that throws on a worker thread`,
        command: "audit-table",
        argv: () => [...inputs(), "--entities", made["throws-in-worker.mts"]!],
        message: () => `cannot load --entities ${made["throws-in-worker.mts"]}: failed on a worker`,
        workers: [3],
      },
      {
        name: `${path}, --entities: a module that ends its worker thread`,
        command: "audit-table",
        argv: () => [...inputs(), "--entities", made["exits-in-worker.mts"]!],
        message: () => "an audit worker thread exited with code 3 before finishing its work",
        workers: [3],
      },
    ];
  }),
  ...[[], ["--entities", entities]].map((definitions): Failure => ({
    name: `scan${definitions.length > 0 ? ", --entities" : ""}: a server that refuses connections`,
    command: "audit-table",
    argv: () => ["--table", Scanned.name, "--endpoint", "http://127.0.0.1:9", "--region", "local", ...definitions],
    message: () => `cannot scan ${Scanned.name}: ECONNREFUSED`,
    workers: [1, 3],
  })),
];

const commands = { audit: runAudit, "audit-table": runAuditTable } as const;

describe("a failure while reading", () => {
  for (const failure of failures)
    it.runIf(failure.linux === undefined || process.platform === "linux")(
      `is one line and exit 2: ${failure.name}`,
      { timeout: 60_000 },
      async () => {
        for (const workers of failure.workers) {
          const run = await runInProcess(commands[failure.command], [...failure.argv(), "--workers", String(workers)]);
          expect({ workers, code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({
            workers,
            code: 2,
            stderr: `✖ ${failure.message()}\n`,
            stdout: "",
          });
        }
      },
    );

  it("a module that fails only on worker threads loads on one thread: the run is the one of the plain module", async () => {
    for (const inputs of [[made["export.json.gz"]!, made["export-2.json.gz"]!], scan()]) {
      const plain = await runInProcess(runAuditTable, [...inputs, "--entities", entities, "--workers", "1"]);
      const once = await runInProcess(runAuditTable, [
        ...inputs,
        "--entities",
        made["throws-in-worker.mts"]!,
        "--workers",
        "1",
      ]);
      expect(plain.stdout.length).toBeGreaterThan(0);
      expect(once).toEqual(plain);
    }
  });
});

describe("bad and truncated gzip", () => {
  it("are skipped lines, said so, the same on one thread and on three", { timeout: 60_000 }, async () => {
    for (const broken of ["export-truncated.json.gz", "export-bad.json.gz"]) {
      for (const definitions of [[], ["--entities", entities]]) {
        const argv = [made["export.json.gz"]!, made[broken]!, ...definitions, "--fail-on", "none"];
        const one = await runInProcess(runAuditTable, [...argv, "--workers", "1"]);
        const three = await runInProcess(runAuditTable, [...argv, "--workers", "3"]);
        expect(one.code).toBe(0);
        // The note of `--entities`, or the skipped lines of the inference's report, at the file: in words either way.
        expect(one.stderr + one.stdout).toMatch(/\(input ends early \(cut or corrupt gzip|✖ input ends early/);
        expect(one.stderr + one.stdout).toContain(`${made[broken]}:`);
        expect(three).toEqual(one);
      }
    }
    for (const broken of ["events-truncated.ndjson.gz", "events-bad.ndjson.gz"]) {
      const argv = [made["events.ndjson"]!, made[broken]!, "--format", "json", "--fail-on", "none"];
      const one = await runInProcess(runAudit, [...argv, "--workers", "1"]);
      const three = await runInProcess(runAudit, [...argv, "--workers", "3"]);
      // On fewer than three cores the run says it profiled on as many threads as cores (and otherwise nothing more).
      const capped = cappedWorkers(3, defaultWorkers()).note ?? "";
      expect(one.code).toBe(0);
      expect(
        (JSON.parse(one.stdout) as { summary: { skipped: { byReason: object } } }).summary.skipped.byReason,
      ).toEqual({
        "truncated-input": 1,
      });
      expect(three).toEqual({ ...one, stderr: one.stderr + capped });
    }
  });
});
