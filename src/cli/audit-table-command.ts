/**
 * `capsule-entity audit-table`: audits the items of a DynamoDB table, from export files or a live table's parallel
 * Scan. With `--entities MODULE` it checks items against the declared entities (table-check.ts); without, it runs
 * the event inference over the items (each item an event of its entity type). Guide: docs/audit.md.
 */
import { readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AuditInputError, scanFailure } from "../audit/input-error.js";
import type { Profile } from "../audit/profile.js";
import { type AuditInput, fileInput } from "../audit/profile-inputs.js";
import { renderHtml } from "../audit/report-html.js";
import { renderJson } from "../audit/report-json.js";
import { renderSarif } from "../audit/report-sarif.js";
import { describeSkip, renderText } from "../audit/report-text.js";
import { auditProfile } from "../audit/result.js";
import { defaultInferenceOptions } from "../audit/infer.js";
import { type FailOn, isFailOn, reaches } from "../audit/risk.js";
import { count as plural } from "../audit/words.js";
import { renderTableText, tableReport } from "../audit/table-check.js";
import { checkExportsInParallel, checkScanInParallel } from "../audit/table-check-parallel.js";
import type { NotItems } from "../audit/table-profile.js";
import { type TableScan, defaultWorkers, profileExportsInParallel, profileScanInParallel } from "../audit/workers.js";
import type { ItemLocation } from "../audit/table-source.js";
import { type CliIo, exitCodes } from "./audit-command.js";
import { type CommandOptions, UsageError, isCount, numberOption, readCommandLine } from "./command-line.js";

const USAGE = `Usage: capsule-entity audit-table [EXPORT_FILES|DIRECTORIES...] [options]
       capsule-entity audit-table --table NAME [--endpoint URL] [options]

Audits the items of a DynamoDB table: the data files of an export to S3 (DynamoDB JSON lines, gzip or not; a
directory is read as every *.json and *.json.gz file below it but the export's manifest-*.json, in path order),
or a live table through parallel Scan segments. With --entities, each item is checked against the declared
entities; without, the audit's inference runs over the items as events of their entity type (the entityType,
__edb_e__, _et, __typename or type attribute, else the shape of the sort key).

Options:
  --entities MODULE        a module exporting the entities (defineEntity) and, if the table renames its keys,
                           the table (defineTable)
  --table NAME             scan this live table (credentials and region from the AWS environment)
  --endpoint URL           DynamoDB endpoint (DynamoDB Local: http://127.0.0.1:8000)
  --region REGION          the table's region (default: the AWS environment's)
  --segments N             parallel Scan segments (default 4)
  --page-size N            items per Scan page (default 1000)
  --max-rcu N              read capacity units per second the scan may consume, all segments together
  --workers N              threads that check or profile export files (one file each) or Scan segments
                           (segment s on thread s mod N); the report is the same for any N
                           (default: the cores, here ${defaultWorkers()})
  --format FORMAT          text (default) or json; without --entities also sarif and html
  --out FILE               write the report to FILE instead of stdout
  --fail-on LEVEL          exit 1 when a finding is at or above LEVEL (default high); none never fails
  -h, --help               show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error.
`;

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

/** The options of `audit-table`, each with the word the usage gives its value. */
const tableOptions: CommandOptions = {
  valued: new Map([
    ["--entities", "MODULE"],
    ["--table", "NAME"],
    ["--endpoint", "URL"],
    ["--region", "REGION"],
    ["--segments", "N"],
    ["--page-size", "N"],
    ["--max-rcu", "N"],
    ["--workers", "N"],
    ["--format", "FORMAT"],
    ["--out", "FILE"],
    ["--fail-on", "LEVEL"],
  ]),
  lists: new Map(),
};

function count(values: ReadonlyMap<string, string>, name: string, fallback: number): number {
  const text = values.get(name);
  return text === undefined ? fallback : numberOption(name, text, isCount, "a whole number ≥ 1");
}

/**
 * Parses `audit-table` arguments (`--name value` and `--name=value`), refusing a bad one in the CLI's words.
 * @example parseTableArguments(["--table", "platform_data", "--max-rcu", "200"]) //=> { table: "platform_data", maxRcu: 200, … }
 */
export function parseTableArguments(argv: readonly string[]): TableArguments | "help" {
  const { values, positionals, help } = readCommandLine(argv, tableOptions);
  if (help) return "help";
  const table = values.get("--table");
  const entities = values.get("--entities");
  if (table === undefined && positionals.length === 0)
    throw new UsageError("give export files or directories, or --table NAME");
  if (table !== undefined && positionals.length > 0)
    throw new UsageError("give export files or --table NAME, not both");
  const format = values.get("--format") ?? "text";
  const formats = entities === undefined ? ["text", "json", "sarif", "html"] : ["text", "json"];
  if (!formats.includes(format))
    throw new UsageError(`--format expects one of ${formats.join(", ")}, received "${format}"`);
  const failOn = values.get("--fail-on") ?? "high";
  if (!isFailOn(failOn))
    throw new UsageError(`--fail-on expects critical, high, medium, low or none, received "${failOn}"`);
  return {
    exports: positionals,
    table,
    endpoint: values.get("--endpoint"),
    region: values.get("--region"),
    segments: count(values, "--segments", 4),
    pageSize: count(values, "--page-size", 1000),
    maxRcu: values.has("--max-rcu") ? count(values, "--max-rcu", 1) : undefined,
    entities,
    format,
    out: values.get("--out"),
    failOn,
    workers: count(values, "--workers", defaultWorkers()),
  };
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

/**
 * With definitions: the table checks, per export file or Scan segment on `--workers` threads, merged in file or
 * segment order. Returns the report text and whether a finding reaches --fail-on.
 */
async function checkItems(args: TableArguments, definitions: string): Promise<{ text: string; failed: boolean }> {
  const options = { workers: args.workers, table: args.table };
  const state =
    args.table === undefined
      ? await checkExportsInParallel(await exportInputs(args.exports), definitions, options)
      : await checkScanInParallel(scanOf(args, args.table), definitions, options).catch((error: unknown) => {
          throw scanFailure(args.table as string, error);
        });
  const report = tableReport(state);
  if (report.items === 0) throw noItems(report.notItems.samples[0]);
  const text = args.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderTableText(report);
  return { text, failed: report.findings.some((finding) => reaches(finding.risk, args.failOn)) };
}

/** The live table the arguments name. */
function scanOf(args: TableArguments, table: string): TableScan {
  const { endpoint, region, segments, pageSize, maxRcu } = args;
  return { table, endpoint, region, segments, pageSize, readUnitsPerSecond: maxRcu };
}

function noItems(first: (ItemLocation & { readonly message: string }) | undefined): AuditInputError {
  return new AuditInputError(
    `no DynamoDB items in the input${first === undefined ? "" : ` (the first line that is not one, at ${first.file}:${first.line}: ${first.message})`}`,
  );
}

/**
 * Without definitions: the event inference over the items, one profiler per export file or Scan segment on
 * `--workers` threads, merged in file or segment order.
 */
async function inferItems(args: TableArguments, io: CliIo): Promise<{ text: string; failed: boolean }> {
  const source = args.table ?? "export";
  let profile: Profile;
  let notItems: NotItems;
  if (args.table === undefined) {
    ({ profile, notItems } = await profileExportsInParallel(await exportInputs(args.exports), source, {
      workers: args.workers,
    }));
  } else {
    const table = args.table;
    ({ profile, notItems } = await profileScanInParallel(scanOf(args, table), { workers: args.workers }).catch(
      (error: unknown) => {
        throw scanFailure(table, error);
      },
    ));
  }
  if (notItems.count > 0)
    io.stderr.write(
      `note: ${plural(notItems.count, "line")} ${notItems.count === 1 ? "was not a DynamoDB item" : "were not DynamoDB items"}, the first at ${notItems.first?.file}:${notItems.first?.line} (${notItems.first?.message})\n`,
    );
  // The first line that held no item: valid JSON that is none, else a bad line (the profile's).
  const [bad] = profile.skipped.samples;
  if (profile.events === 0)
    throw noItems(notItems.first ?? (bad === undefined ? undefined : { ...bad, message: describeSkip(bad.reason) }));
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
    if (error instanceof UsageError) {
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
