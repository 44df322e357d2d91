import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalDynamo,
  localCredentials,
  localDynamo,
  scanAll,
  uniqueTableName,
} from "../../scripts/test-dynamodb.js";
import { defineTable } from "capsule-entity";
import { Member, Note, PlatformTable } from "../../examples/audit-table/entities.js";
import { ReadRateLimiter, type ScanResponse, scanTable } from "../audit/table-source.js";
import type { TableReport } from "../audit/table-check.js";
import { runAuditTable } from "./audit-table-command.js";
import { runInProcess } from "../../scripts/cli-in-process.js";

const run = (argv: readonly string[]) => runInProcess(runAuditTable, argv);

/** An entity's item under the table's physical key names. */
function stored(item: Record<string, unknown>): Record<string, unknown> {
  const physical: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) physical[PlatformTable.attributes[name as "pk"] ?? name] = value;
  return physical;
}

const entities = "examples/audit-table/entities.ts";
// The entities module's table, under a name of this file's own on the run's shared DynamoDB Local.
const AuditedTable = defineTable({
  name: uniqueTableName("audit_table"),
  pk: PlatformTable.attributes.pk,
  sk: PlatformTable.attributes.sk,
  indexes: { gsi1: { pk: PlatformTable.attributes.gsi1pk, sk: PlatformTable.attributes.gsi1sk } },
});
let local: LocalDynamo;
let directory: string;
let exportDirectory: string;
let itemCount = 0;

const note = (tenant: string, capsule: string, id: string, extra: Record<string, unknown> = {}) =>
  stored({
    ...Note.toItem({
      tenantId: tenant,
      capsuleId: capsule,
      noteId: id,
      title: `Title ${id}`,
      status: "draft",
    } as never),
    ...extra,
  });

localCredentials();
beforeAll(async () => {
  local = await localDynamo("dynamodb-local");
  await local.createTable(AuditedTable);
  directory = await mkdtemp(join(tmpdir(), "audit-table-"));
  const items: Record<string, unknown>[] = [];
  for (const tenant of ["t1", "t2", "t3"]) {
    for (const capsule of ["c1", "c2"])
      for (let index = 0; index < 6; index++) items.push(note(tenant, capsule, `n${index}`));
    items.push(stored(Member.toItem({ tenantId: tenant, memberId: "m1", email: `m1@${tenant}.example` } as never)));
  }
  // The planted items, one of each problem.
  items.push({ PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "GHOST#g1", entityType: "Ghost" });
  items.push({ ...note("t1", "c1", "cut"), PK: "TENANT#t1#CAPSULE#c1" });
  items.push({ ...note("t1", "c2", "moved"), capsuleId: "c1" });
  items.push({ ...note("t2", "c1", "leak"), GSI1PK: "TENANT#t3#CAPSULE#c1#STATUS#draft" });
  items.push(note("t3", "c2", "shared", { sharedWith: "t1" }));
  // A tenant with one item, named in partitions of the others: most of its mentions are in other scan segments (and
  // export files) than its own partition, some read before it.
  items.push(stored(Member.toItem({ tenantId: "t4", memberId: "m1", email: "m1@t4.example" } as never)));
  for (const [tenant, capsule] of [
    ["t1", "c1"],
    ["t2", "c2"],
    ["t3", "c1"],
  ] as const)
    items.push(note(tenant, capsule, `to-t4`, { sharedWith: "t4" }));
  items.push({ ...note("t2", "c2", "moved"), capsuleId: "c1" });
  for (const item of items) await local.documents.send(new PutCommand({ TableName: AuditedTable.name, Item: item }));
  itemCount = items.length;

  // An export generated from the table, laid out as DynamoDB's export to S3 lays it out: gzip DynamoDB JSON lines.
  const scanned = await scanAll(local, AuditedTable.name);
  exportDirectory = join(directory, "AWSDynamoDB", "01733450000000-abcdef12", "data");
  await mkdir(exportDirectory, { recursive: true });
  await writeFile(join(exportDirectory, "..", "manifest-summary.json"), '{"version":"2020-06-30","itemCount":0}\n');
  await writeFile(join(exportDirectory, "..", "manifest-files.json"), '{"itemCount":1,"dataFileS3Key":"x"}\n');
  const half = Math.ceil(scanned.length / 2);
  for (const [name, part] of [
    ["a1b2c3.json.gz", scanned.slice(0, half)],
    ["d4e5f6.json.gz", scanned.slice(half)],
  ] as const) {
    await writeFile(
      join(exportDirectory, name),
      gzipSync(part.map((item) => JSON.stringify({ Item: item })).join("\n") + "\n"),
    );
  }
});

afterAll(async () => {
  await local.stop();
  await rm(directory, { recursive: true, force: true });
});

const planted = [
  { kind: "index-key-other-partition", risk: "critical", entityType: "Note", attribute: "GSI1PK", count: 1 },
  { kind: "id-disagrees-with-key", risk: "high", entityType: "Note", attribute: "capsuleId", count: 2 },
  { kind: "key-does-not-round-trip", risk: "high", entityType: "Note", attribute: "PK", count: 1 },
  { kind: "names-another-tenant", risk: "high", entityType: "Note", attribute: "sharedWith", count: 4 },
  { kind: "unknown-entity-type", risk: "medium", entityType: "Ghost", attribute: "entityType", count: 1 },
];

/** The options that scan the local server's table. */
const liveTable = (): string[] => ["--table", AuditedTable.name, "--endpoint", local.endpoint, "--region", "local"];

const summary = (report: TableReport) =>
  report.findings.map(({ kind, risk, entityType, attribute, count }) => ({ kind, risk, entityType, attribute, count }));

describe("audit-table --entities", () => {
  it("finds each planted item in a live table scanned in parallel segments, and nothing else", async () => {
    const result = await run([
      ...liveTable(),
      "--entities",
      entities,
      "--segments",
      "3",
      "--page-size",
      "5",
      "--format",
      "json",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as TableReport;
    expect(report.items).toBe(itemCount);
    expect(summary(report)).toEqual(planted);
    const disagreement = report.findings.find((finding) => finding.kind === "id-disagrees-with-key");
    expect(disagreement?.samples[0]?.message).toBe('capsuleId is "c1", but PK "TENANT#t1#CAPSULE#c2#NOTES" says "c2"');
    expect(disagreement?.samples[0]?.file).toMatch(new RegExp(`^${AuditedTable.name} segment [123]/3$`));
  });

  it("finds the same in an export of that table, located by file and line", async () => {
    const result = await run([join(directory, "AWSDynamoDB"), "--entities", entities, "--format", "json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as TableReport;
    expect(report.items).toBe(itemCount);
    expect(report.notItems.count).toBe(0); // the manifests beside data/ are not read
    expect(summary(report)).toEqual(planted);
    expect(report.findings[0]?.samples[0]?.file).toMatch(/data\/(a1b2c3|d4e5f6)\.json\.gz$/);
    const text = await run([join(directory, "AWSDynamoDB"), "--entities", entities]);
    expect(text.stdout).toContain("✖ CRITICAL index-key-other-partition: Note GSI1PK (1 items)");
    expect(text.stdout).toMatch(/→ at .*\.json\.gz:\d+\n/);
  });

  it("reports the same on 1, 2 and 4 threads, byte for byte, and the same findings as the export", async () => {
    const reports: string[] = [];
    for (const format of ["json", "text"]) {
      const scan = [...liveTable(), "--entities", entities, "--segments", "4", "--page-size", "3", "--format", format];
      const outputs = [];
      for (const workers of ["1", "2", "4"])
        outputs.push(await run([...scan, "--workers", workers, "--max-rcu", "500"]));
      for (const output of outputs) expect(output).toEqual(outputs[0]);
      reports.push(outputs[0]?.stdout ?? "");
    }
    const live = JSON.parse(reports[0] as string) as TableReport;
    expect(summary(live)).toEqual(planted);
    const segments = new Set(live.findings.flatMap((finding) => finding.samples.map((sample) => sample.file)));
    expect(segments.size).toBeGreaterThan(1);
    for (const segment of segments) expect(segment).toMatch(/ segment [1-4]\/4$/);
    // The export's two data files and a third with a line that is no item: the same report on 1, 2 and 3 threads.
    const strays = join(directory, "strays.json");
    await writeFile(strays, '{"type":"NoteCreated"}\n');
    const exported = [];
    for (const workers of ["1", "2", "3"])
      exported.push(
        await run([exportDirectory, strays, "--entities", entities, "--workers", workers, "--format", "json"]),
      );
    for (const output of exported) expect(output).toEqual(exported[0]);
    const fromExport = JSON.parse(exported[0]?.stdout ?? "") as TableReport;
    expect(fromExport.notItems).toEqual({
      count: 1,
      samples: [{ file: strays, line: 1, message: 'not an export line: expected {"Item": {…}}' }],
    });
    expect(summary(fromExport)).toEqual(summary(live));
    expect({ ...fromExport, findings: [], notItems: 0 }).toEqual({ ...live, findings: [], notItems: 0 });
    // Where every item is a sample, the samples say the same (located by file and line instead of segment).
    const messages = (report: TableReport) =>
      report.findings.map((finding) =>
        finding.count <= 3 ? finding.samples.map((sample) => sample.message).sort() : finding.samples.length,
      );
    expect(messages(fromExport)).toEqual(messages(live));
  });

  it("says what is wrong with its input", async () => {
    expect((await run([])).stderr).toContain("✖ give export files or directories, or --table NAME");
    expect((await run(["x.json", "--table", "t"])).stderr).toContain("give export files or --table NAME, not both");
    expect((await run(["x.json", "--segments", "0"])).stderr).toContain(
      '--segments expects a whole number ≥ 1, received "0"',
    );
    expect((await run(["--bogus"])).code).toBe(2);
    const notExport = join(directory, "events.ndjson");
    await writeFile(notExport, '{"type":"NoteCreated","tenantId":"t1"}\n');
    const refused = await run([notExport, "--entities", entities]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `✖ no DynamoDB items in the input (the first line that is not one, at ${notExport}:1: not an export line: expected {"Item": {…}})`,
    );
    // Lines that are no JSON at all are named the same, in words, with definitions or without.
    const broken = join(directory, "broken.json");
    await writeFile(broken, '{"Item": {"PK": \n\u0000binary\n');
    for (const definitions of [["--entities", entities], []]) {
      const result = await run([broken, ...definitions]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `✖ no DynamoDB items in the input (the first line that is not one, at ${broken}:1: invalid JSON)\n`,
      );
    }
    expect((await run([notExport, "--entities", "no/such/module.ts"])).stderr).toContain(
      "✖ cannot load --entities no/such/module.ts",
    );
    // Every segment fails, on the calling thread and on the workers: one error, exit 2.
    const missing = ["--table", "no_such_table", "--endpoint", local.endpoint, "--region", "local"];
    const failed = await run([...missing, "--entities", entities, "--workers", "2", "--segments", "4"]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^✖ cannot scan no_such_table: ResourceNotFoundException: /);
  });
});

describe("audit-table without definitions", () => {
  it("runs the event inference over the items, typed by entityType, from an export or the live table", async () => {
    const fromExport = await run([exportDirectory, "--format", "json", "--fail-on", "none"]);
    expect(fromExport.code).toBe(0);
    const report = JSON.parse(fromExport.stdout) as { summary: { events: number; eventTypes: number } };
    expect(report.summary.events).toBe(itemCount);
    expect(report.summary.eventTypes).toBe(3); // Note, Member, Ghost
    const live = await run([...liveTable(), "--segments", "2", "--format", "json", "--fail-on", "none"]);
    expect((JSON.parse(live.stdout) as typeof report).summary).toEqual(report.summary);
  });

  it("scans a live table's segments on worker threads into the report of one thread, under one read rate", async () => {
    for (const format of ["json", "text"]) {
      const scan = [...liveTable(), "--segments", "3", "--page-size", "4", "--format", format, "--fail-on", "none"];
      const one = await run([...scan, "--workers", "1"]);
      const three = await run([...scan, "--workers", "3", "--max-rcu", "1000"]);
      expect(one.stdout.length).toBeGreaterThan(100);
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr).toBe(one.stderr);
    }
    const missing = await run(["--table", "no_such_table", "--endpoint", local.endpoint, "--region", "local"]);
    expect(missing.stderr).toContain("✖ cannot scan no_such_table: ResourceNotFoundException");
  });

  it("profiles export files on worker threads, one file each, into the report of one thread", async () => {
    const notItem = join(exportDirectory, "..", "not-items.json");
    await writeFile(notItem, '{"type":"NoteCreated"}\n{ not json\n');
    for (const format of ["json", "text"]) {
      const inputs = [exportDirectory, notItem, "--format", format, "--fail-on", "none"];
      const one = await run([...inputs, "--workers", "1"]);
      const three = await run([...inputs, "--workers", "3"]);
      expect(one.stdout.length).toBeGreaterThan(100);
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr).toBe(one.stderr);
      expect(one.stderr).toContain("note: 1 line was not a DynamoDB item, the first at");
    }
    expect((await run([exportDirectory, "--workers", "0"])).stderr).toContain(
      '--workers expects a whole number ≥ 1, received "0"',
    );
  });
});

/** A clock that advances only when waited on, recording each wait. */
function fakeClock(): { now(): number; sleep(milliseconds: number): Promise<void>; readonly waits: number[] } {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
      now += milliseconds;
    },
  };
}

describe("the scan's rate limit", () => {
  it("waits while the read units spent exceed the rate, across segments", async () => {
    const clock = fakeClock();
    let items = 0;
    let spent = 0;
    await scanTable(
      async (request) => {
        const page = (await local.client.send(new ScanCommand(request as never))) as unknown as ScanResponse;
        spent += page.ConsumedCapacity?.CapacityUnits ?? (page.ScannedCount ?? 0) * 0.5;
        return page;
      },
      { table: AuditedTable.name, segments: 2, pageSize: 4, readUnitsPerSecond: 1, clock },
      () => ({ item: () => void (items += 1), notAnItem: () => undefined }),
    );
    expect(items).toBe(itemCount);
    // At 1 unit a second with one in hand, the scan took at least (spent - 1 - the last page) seconds of waiting.
    const waited = clock.waits.reduce((sum, wait) => sum + wait, 0) / 1000;
    expect(spent).toBeGreaterThan(5);
    expect(waited).toBeGreaterThanOrEqual(spent - 1 - 4);
  });

  it("limiters of several threads over one shared bucket draw on one rate", async () => {
    const clock = fakeClock();
    const bucket = ReadRateLimiter.share(10, clock);
    const [first, second] = [new ReadRateLimiter(10, clock, bucket), new ReadRateLimiter(10, clock, bucket)];
    first.spend(30);
    await second.ready();
    expect(clock.waits).toEqual([2000]);
  });

  it("the bucket lends one second's worth, then makes requests wait for what they spent", async () => {
    const clock = fakeClock();
    const limiter = new ReadRateLimiter(10, clock);
    await limiter.ready();
    limiter.spend(40);
    await limiter.ready();
    expect(clock.waits).toEqual([3000]);
    limiter.spend(5);
    await limiter.ready();
    expect(clock.waits).toEqual([3000, 500]);
  });
});
