/**
 * `capsule-entity audit-table`: audits the items of a DynamoDB table, from export files or a live table's parallel
 * Scan. With `--entities MODULE` it checks items against the declared entities (table-check.ts); without, it runs
 * the event inference over the items (each item an event of its entity type). Guide: docs/audit.md.
 */
import { readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Entity } from "../entity/define-entity.js";
import type { Table } from "../access/table.js";
import { AuditInputError } from "../audit/input-error.js";
import type { Profile } from "../audit/profile.js";
import { type AuditInput, fileInput } from "../audit/profile-inputs.js";
import { renderHtml } from "../audit/report-html.js";
import { renderJson } from "../audit/report-json.js";
import { renderSarif } from "../audit/report-sarif.js";
import { renderText } from "../audit/report-text.js";
import { auditProfile } from "../audit/result.js";
import { defaultInferenceOptions } from "../audit/infer.js";
import { type FailOn, isFailOn, reaches } from "../audit/risk.js";
import { TableChecker, isEntity, isTable, renderTableText } from "../audit/table-check.js";
import { ItemProfiler, type NotItems, mergeNotItems, noNotItems } from "../audit/table-profile.js";
import { defaultWorkers, profileExportsInParallel, profileScanInParallel } from "../audit/workers.js";
import { loadEntitiesModule } from "./entities-module.js";
import { type ItemLocation, type ItemSink, readExportItems, scanTable, sdkScan } from "../audit/table-source.js";
import { mergeProfiles, emptyProfile } from "../audit/merge.js";
import { type CliIo, exitCodes } from "./audit-command.js";

const USAGE = `Usage: capsule-entity audit-table [EXPORT_FILES|DIRECTORIES...] [options]
       capsule-entity audit-table --table NAME [--endpoint URL] [options]

Audits the items of a DynamoDB table: the data files of an export to S3 (DynamoDB JSON lines, gzip or not; a
directory is read as every *.json and *.json.gz file below it but the export's manifest-*.json, in path order), or a live table through parallel
Scan segments. With --entities, each item is checked against the declared entities; without, the audit's
inference runs over the items as events of their entity type (the entityType, __edb_e__, _et, __typename or
type attribute, else the shape of the sort key).

Options:
  --entities MODULE        a module exporting the entities (defineEntity) and, if the table renames its keys,
                           the table (defineTable)
  --table NAME             scan this live table (credentials and region from the AWS environment)
  --endpoint URL           DynamoDB endpoint (DynamoDB Local: http://127.0.0.1:8000)
  --region REGION          the table's region (default: the AWS environment's)
  --segments N             parallel Scan segments (default 4)
  --page-size N            items per Scan page (default 1000)
  --max-rcu N              read capacity units per second the scan may consume, all segments together
  --workers N              threads that profile export files (one file each) or Scan segments, without --entities
                           (default: the cores, here ${defaultWorkers()})
  --format FORMAT          text (default) or json; without --entities also sarif and html
  --out FILE               write the report to FILE instead of stdout
  --fail-on LEVEL          exit 1 when a finding is at or above LEVEL (default high); none never fails
  -h, --help               show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error.
`;

/** A wrong command line: exit code 2 with the usage hint. */
class TableUsageError extends Error {
  override readonly name = "TableUsageError";
}

interface TableArguments {
  readonly exports: readonly string[];
  readonly table: string | undefined;
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
  readonly segments: number;
  readonly pageSize: number;
  readonly maxRcu: number | undefined;
  readonly entities: string | undefined;
  readonly format: string;
  readonly out: string | undefined;
  readonly failOn: FailOn;
  readonly workers: number;
}

function count(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isInteger(value) || value < 1)
    throw new TableUsageError(`--${name} expects a whole number ≥ 1, received "${text}"`);
  return value;
}

function parseTableArguments(argv: readonly string[]): TableArguments | "help" {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new TableUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return "help";
  if (values.table === undefined && positionals.length === 0)
    throw new TableUsageError("give export files or directories, or --table NAME");
  if (values.table !== undefined && positionals.length > 0)
    throw new TableUsageError("give export files or --table NAME, not both");
  const format = values.format ?? "text";
  const formats = values.entities === undefined ? ["text", "json", "sarif", "html"] : ["text", "json"];
  if (!formats.includes(format))
    throw new TableUsageError(`--format expects one of ${formats.join(", ")}, received "${format}"`);
  const failOn = values["fail-on"] ?? "high";
  if (!isFailOn(failOn))
    throw new TableUsageError(`--fail-on expects critical, high, medium, low or none, received "${failOn}"`);
  return {
    exports: positionals,
    table: values.table,
    endpoint: values.endpoint,
    region: values.region,
    segments: count("segments", values.segments, 4),
    pageSize: count("page-size", values["page-size"], 1000),
    maxRcu: values["max-rcu"] === undefined ? undefined : count("max-rcu", values["max-rcu"], 1),
    entities: values.entities,
    format,
    out: values.out,
    failOn,
    workers: count("workers", values.workers, defaultWorkers()),
  };
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      entities: { type: "string" },
      table: { type: "string" },
      endpoint: { type: "string" },
      region: { type: "string" },
      segments: { type: "string" },
      "page-size": { type: "string" },
      "max-rcu": { type: "string" },
      workers: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      "fail-on": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** The entities and table a definitions module exports. */
async function loadDefinitions(path: string): Promise<{ entities: Entity[]; tables: Table[] }> {
  const module = await loadEntitiesModule(path);
  const entities = Object.values(module).filter(isEntity);
  const tables = Object.values(module).filter(isTable);
  if (entities.length === 0) throw new AuditInputError(`--entities ${path} exports no entity (defineEntity)`);
  return { entities, tables };
}

function chooseTable(tables: readonly Table[], name: string | undefined): Table | undefined {
  if (tables.length <= 1) return tables[0];
  const named = tables.find((table) => table.name === name);
  if (named === undefined)
    throw new AuditInputError(
      `the --entities module exports ${tables.length} tables (${tables.map((table) => table.name).join(", ")}): scan one of them with --table`,
    );
  return named;
}

/** Export inputs: files as given, directories as their *.json and *.json.gz files in path order. */
async function exportInputs(names: readonly string[]): Promise<AuditInput[]> {
  const paths: string[] = [];
  for (const name of names) {
    const stats = await stat(name).catch((error: NodeJS.ErrnoException) => {
      throw new AuditInputError(`cannot read ${name}: ${error.code ?? error.message}`);
    });
    if (!stats.isDirectory()) {
      paths.push(name);
      continue;
    }
    const files = (await readdir(name, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && /\.json(\.gz)?$/.test(entry.name) && !entry.name.startsWith("manifest-"))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
    if (files.length === 0) throw new AuditInputError(`no *.json or *.json.gz file in ${name}`);
    paths.push(...files);
  }
  return paths.map((path) => fileInput(path));
}

/** Reads every item, from the exports or the live table, into the sink of each source (one per scan segment). */
async function readItems(args: TableArguments, sinkFor: (segment: number) => ItemSink): Promise<void> {
  if (args.table === undefined) {
    await readExportItems(await exportInputs(args.exports), sinkFor(0));
    return;
  }
  const { scan, close } = await sdkScan(args);
  try {
    await scanTable(
      scan,
      {
        table: args.table,
        segments: args.segments,
        pageSize: args.pageSize,
        ...(args.maxRcu === undefined ? {} : { readUnitsPerSecond: args.maxRcu }),
      },
      sinkFor,
    );
  } catch (error) {
    throw scanError(args.table, error);
  } finally {
    close();
  }
}

/** A failed scan as the input error the CLI prints. */
function scanError(table: string, error: unknown): AuditInputError {
  if (error instanceof AuditInputError) return error;
  return new AuditInputError(`cannot scan ${table}: ${(error as Error).name}: ${(error as Error).message}`);
}

/** With definitions: the table checks. Returns the report text and whether a finding reaches --fail-on. */
async function checkItems(args: TableArguments, entitiesPath: string): Promise<{ text: string; failed: boolean }> {
  const { entities, tables } = await loadDefinitions(entitiesPath);
  const checker = new TableChecker(entities, chooseTable(tables, args.table));
  await readItems(args, () => checker);
  const report = checker.report();
  if (report.items === 0) throw noItems(report.notItems.samples[0]);
  const text = args.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderTableText(report);
  return { text, failed: report.findings.some((finding) => reaches(finding.risk, args.failOn)) };
}

function noItems(first: (ItemLocation & { readonly message: string }) | undefined): AuditInputError {
  return new AuditInputError(
    `no DynamoDB items in the input${first === undefined ? "" : ` (the first line that is not one, at ${first.file}:${first.line}: ${first.message})`}`,
  );
}

/**
 * Without definitions: the event inference over the items, one profiler per scan segment merged in order, or per
 * export file on `--workers` threads.
 */
async function inferItems(args: TableArguments, io: CliIo): Promise<{ text: string; failed: boolean }> {
  const source = args.table ?? "export";
  let profile: Profile;
  let notItems: NotItems;
  if (args.table === undefined) {
    ({ profile, notItems } = await profileExportsInParallel(await exportInputs(args.exports), source, {
      workers: args.workers,
    }));
  } else if (args.workers > 1) {
    const { table, endpoint, region, segments, pageSize, maxRcu } = args;
    const scan = { table, endpoint, region, segments, pageSize, readUnitsPerSecond: maxRcu };
    ({ profile, notItems } = await profileScanInParallel(scan, { workers: args.workers }).catch((error: unknown) => {
      throw scanError(table, error);
    }));
  } else {
    const profilers: ItemProfiler[] = [];
    await readItems(args, (segment) => (profilers[segment] = new ItemProfiler(source)));
    profile = profilers.reduce((merged, profiler) => mergeProfiles(merged, profiler.profile()), emptyProfile());
    notItems = profilers.reduce((merged, profiler) => mergeNotItems(merged, profiler.notItems()), noNotItems);
  }
  if (notItems.count > 0)
    io.stderr.write(
      `note: ${notItems.count} lines were not DynamoDB items, the first at ${notItems.first?.file}:${notItems.first?.line} (${notItems.first?.message})\n`,
    );
  if (profile.events === 0) throw noItems(notItems.first);
  const result = auditProfile(profile, { inference: defaultInferenceOptions, baseline: new Set() });
  const text =
    args.format === "json"
      ? renderJson(result)
      : args.format === "sarif"
        ? renderSarif(result)
        : args.format === "html"
          ? renderHtml(result)
          : renderText(result, { color: false });
  return { text, failed: result.findings.some((finding) => reaches(finding.risk, args.failOn)) };
}

/**
 * `capsule-entity audit-table`: returns the exit code; usage and input errors are printed as `✖ message` on
 * stderr (exit 2), never thrown.
 */
export async function runAuditTable(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseTableArguments(argv);
    if (args === "help") {
      io.stdout.write(USAGE);
      return exitCodes.clean;
    }
    const { text, failed } =
      args.entities === undefined ? await inferItems(args, io) : await checkItems(args, args.entities);
    if (args.out === undefined) io.stdout.write(text);
    else
      await writeFile(args.out, text).catch((error: NodeJS.ErrnoException) => {
        throw new AuditInputError(`cannot write the report to ${args.out}: ${error.code ?? error.message}`);
      });
    return failed ? exitCodes.findings : exitCodes.clean;
  } catch (error) {
    if (error instanceof TableUsageError) {
      io.stderr.write(`✖ ${error.message}\n  → run capsule-entity audit-table --help for the usage\n`);
      return exitCodes.error;
    }
    if (error instanceof AuditInputError) {
      io.stderr.write(`✖ ${error.message}\n`);
      return exitCodes.error;
    }
    throw error;
  }
}
