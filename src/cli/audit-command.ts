/**
 * `capsule-entity audit`: the command line over the `capsule-entity/audit` API. It imports the API's functions from
 * their own modules, and those an ordinary run does not need (reading and writing saved profiles, which load zod, the
 * SARIF and HTML writers, `audit merge`'s directory listing) only when asked for: a user's run pays for loading what
 * it uses (docs/benchmarks-audit.md, the cold start).
 */
import { open, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseBaseline } from "../audit/baseline.js";
import { type Declarations, declarationsOf, hasDefinitions, noDeclarations, withHints } from "../audit/declarations.js";
import { loadEntitiesModule } from "../audit/entities-module.js";
import { type InferenceOptions, defaultInferenceOptions, unknownFieldNames } from "../audit/infer.js";
import { AuditInputError } from "../audit/input-error.js";
import { fingerprintFile } from "../audit/input-fingerprint.js";
import {
  type SettingDifference,
  differentSettings,
  emptyProfile,
  mergeProfiles,
  settingDifference,
  settingText,
} from "../audit/merge.js";
import type { Profile } from "../audit/profile.js";
import { type AuditInput, defaultProfileInputsOptions, fileInput, profileSettings } from "../audit/profile-inputs.js";
import { renderJson } from "../audit/report-json.js";
import { count, listed } from "../audit/words.js";
import { describeSkip, renderText } from "../audit/report-text.js";
import { type AuditResult, auditProfile } from "../audit/result.js";
import { type FailOn, isFailOn, reaches } from "../audit/risk.js";
import { defaultWorkers, profileInputsInParallel } from "../audit/workers.js";
import { type CommandOptions, UsageError, isCount, numberOption, readCommandLine } from "./command-line.js";
import { CountedInputs } from "./counted-inputs.js";
import { ProgressBar } from "./progress.js";

/** What a command needs from the process, injectable so tests run the CLI in-process. */
export interface CliIo {
  readonly stdin: AsyncIterable<Buffer>;
  readonly stdinIsTTY: boolean;
  readonly stdout: { write(text: string): unknown };
  readonly stdoutIsTTY: boolean;
  readonly stderr: { write(text: string): unknown };
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage or input error. */
export const exitCodes: { readonly clean: 0; readonly findings: 1; readonly error: 2 } = {
  clean: 0,
  findings: 1,
  error: 2,
};

const reportFormats = ["text", "json", "sarif", "html"] as const;
type Format = (typeof reportFormats)[number];

/** The `capsule-entity audit --help` text. */
const auditUsage = `Usage: capsule-entity audit [files|-] [options]
       capsule-entity audit merge PROFILES|DIRECTORIES... [options]

Reads a corpus of events (NDJSON or a JSON array, optionally gzip; EventBridge envelopes or flat events),
infers the isolation pattern with no rules given, and reports the event types that deviate from it.
With no file (or "-") it reads stdin. "audit merge" reports on saved profiles instead (--save-profile, or the
shard handler's *.profile.json files, a directory's in path order): the report one run over all shards makes.

Options:
  --format text|json|sarif|html  report format (default text)
  --out FILE                     write the report to FILE instead of stdout
  --fail-on LEVEL                exit 1 when a finding is at or above LEVEL:
                                 critical, high (default), medium, low, or none (never; for demos)
  --min-support N                fewest event types that must carry a field (or key label) for it
                                 to count as an invariant (default ${defaultInferenceOptions.minSupport})
  --min-share R                  share of related event types that must carry it, 0..1 (default ${defaultInferenceOptions.minShare})
  --steady-rate R                presence rate from which a field is expected in every event (default ${defaultInferenceOptions.steadyRate})
  --max-depth N                  how deep nested objects are profiled (default ${defaultProfileInputsOptions.maxDepth})
  --max-line-length N            longer lines are skipped as bad lines (default ${defaultProfileInputsOptions.maxLineLength} characters)
  --workers N                    threads that profile NDJSON input, this one and N − 1 workers (default and
                                 at most: the cores, here ${defaultWorkers()})
  --save-profile FILE            also write the corpus profile (mergeable JSON) to FILE
  --profile FILE...              merge saved profiles into the audit (shards profiled elsewhere);
                                 takes every following argument up to the next option; each input
                                 counts once, and profiles made with other settings are refused
  --baseline FILE                an earlier --format json or sarif report: report only new findings
  --entities MODULE              a module exporting entity and event definitions: their isolation
                                 fields are boundaries, a declared field a type lacks is CRITICAL,
                                 tenant-level and global event types are not findings for what they opt out of
  --boundary FIELD[,FIELD]       treat these fields as isolation boundaries (installation.id, tenantId)
  -h, --help                     show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error.
`;

interface AuditArguments {
  readonly inputs: readonly string[];
  readonly format: Format;
  readonly out: string | undefined;
  readonly failOn: FailOn;
  readonly inference: InferenceOptions;
  readonly maxDepth: number;
  readonly maxLineLength: number;
  readonly workers: number;
  readonly saveProfile: string | undefined;
  readonly profiles: readonly string[];
  readonly baseline: string | undefined;
  readonly entities: string | undefined;
  readonly boundaries: readonly string[];
  readonly help: boolean;
}

const isShare = (value: number): boolean => value > 0 && value <= 1;

/** The options of `audit` and `audit merge`, each with the word the usage gives its value. */
const auditOptions: CommandOptions = {
  valued: new Map([
    ["--format", "text|json|sarif|html"],
    ["--out", "FILE"],
    ["--fail-on", "LEVEL"],
    ["--min-support", "N"],
    ["--min-share", "R"],
    ["--steady-rate", "R"],
    ["--max-depth", "N"],
    ["--max-line-length", "N"],
    ["--workers", "N"],
    ["--save-profile", "FILE"],
    ["--baseline", "FILE"],
    ["--entities", "MODULE"],
    ["--boundary", "FIELD[,FIELD]"],
  ]),
  lists: new Map([["--profile", "FILE"]]),
};

/** Parses `audit` arguments; `--name value` and `--name=value` both work. */
export function parseAuditArguments(argv: readonly string[]): AuditArguments {
  const { positionals: inputs, values: options, lists, help } = readCommandLine(argv, auditOptions);
  const profiles = lists.get("--profile") ?? [];
  const format = options.get("--format") ?? "text";
  if (!(reportFormats as readonly string[]).includes(format))
    throw new UsageError(`--format expects one of ${reportFormats.join(", ")}, received "${format}"`);
  const failOn = options.get("--fail-on") ?? "high";
  if (!isFailOn(failOn))
    throw new UsageError(`--fail-on expects critical, high, medium, low or none, received "${failOn}"`);
  const numeric = (name: string, fallback: number, valid: (value: number) => boolean, expected: string): number => {
    const text = options.get(name);
    return text === undefined ? fallback : numberOption(name, text, valid, expected);
  };
  return {
    inputs,
    format: format as Format,
    out: options.get("--out"),
    failOn,
    inference: {
      minSupport: numeric("--min-support", defaultInferenceOptions.minSupport, isCount, "a whole number ≥ 1"),
      minShare: numeric("--min-share", defaultInferenceOptions.minShare, isShare, "a share in (0, 1]"),
      steadyRate: numeric("--steady-rate", defaultInferenceOptions.steadyRate, isShare, "a share in (0, 1]"),
    },
    maxDepth: numeric("--max-depth", defaultProfileInputsOptions.maxDepth, isCount, "a whole number ≥ 1"),
    maxLineLength: numeric(
      "--max-line-length",
      defaultProfileInputsOptions.maxLineLength,
      isCount,
      "a whole number ≥ 1",
    ),
    workers: numeric("--workers", defaultWorkers(), isCount, "a whole number ≥ 1"),
    saveProfile: options.get("--save-profile"),
    profiles,
    baseline: options.get("--baseline"),
    entities: options.get("--entities"),
    boundaries: boundaryHints(options.get("--boundary")),
    help,
  };
}

/** The fields `--boundary` names: one or more, comma-separated. */
function boundaryHints(value: string | undefined): string[] {
  if (value === undefined) return [];
  const fields = value
    .split(",")
    .map((field) => field.trim())
    .filter((field) => field !== "");
  if (fields.length === 0)
    throw new UsageError(`--boundary expects field names (tenantId, installation.id), received "${value}"`);
  return fields;
}

async function writeText(path: string, text: string, what: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new AuditInputError(
      `cannot write ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new AuditInputError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** The input error of a file that cannot be read, for a promise's `catch`. */
const cannotRead =
  (name: string) =>
  (error: NodeJS.ErrnoException): never => {
    throw new AuditInputError(`cannot read ${name}: ${error.code ?? error.message}`);
  };

/** Opens the corpus inputs, failing early (exit 2) on a file that is missing or not a file. */
async function openInputs(
  args: AuditArguments,
  io: CliIo,
  counted: CountedInputs,
): Promise<{ inputs: AuditInput[]; totalBytes: number | undefined }> {
  const names = args.inputs.length === 0 && args.profiles.length === 0 ? ["-"] : args.inputs;
  if (names.includes("-") && io.stdinIsTTY) throw new UsageError("no input: give event files, or pipe events to stdin");
  let totalBytes: number | undefined = 0;
  const inputs: AuditInput[] = [];
  for (const name of names) {
    if (name === "-") {
      if (!counted.firstFile("stdin", "-")) continue;
      totalBytes = undefined;
      inputs.push({ name: "stdin", chunks: io.stdin });
      continue;
    }
    const stats = await stat(name).catch(cannotRead(name));
    if (!stats.isFile())
      throw new AuditInputError(
        stats.isDirectory()
          ? `cannot read ${name}: a directory (give the event files in it, e.g. ${join(name, "*.ndjson")}; audit merge reads directories of profiles)`
          : `cannot read ${name}: not a file`,
      );
    if (!counted.firstFile(`${stats.dev}:${stats.ino}`, name)) continue;
    // Only with saved profiles is a file fingerprinted here (two small reads), to be compared with their inputs.
    if (counted.hasProfiles && !counted.admitFile(await fingerprintFile(name).catch(cannotRead(name)))) continue;
    if (totalBytes !== undefined) totalBytes += stats.size;
    inputs.push(fileInput(name));
  }
  return { inputs, totalBytes };
}

/**
 * The saved profiles (`--profile`, `audit merge`) merged in order, each input counted once, refused by name when
 * made with different settings; returns the merged profile and the file whose settings it has.
 */
async function savedProfiles(
  paths: readonly string[],
  counted: CountedInputs,
): Promise<{ profile: Profile; settingsFrom: string }> {
  const { parseProfile } = await import("../audit/profile-file.js");
  let profile = emptyProfile();
  let settingsFrom = "";
  for (const path of paths) {
    const saved = parseProfile(await readText(path, "profile"), path);
    if (!counted.admitProfile(path, saved.inputs)) continue;
    const difference = settingDifference(profile.settings, saved.settings);
    if (difference !== undefined) throw new AuditInputError(differentSettings(difference, settingsFrom, path));
    if (profile.settings === null) settingsFrom = path;
    profile = mergeProfiles(profile, saved);
  }
  return { profile, settingsFrom };
}

/**
 * The threads a run of `--workers requested` profiles on: at most `cores`, with the note that says so. A thread beyond
 * the cores divides no work further and costs its cold start (its isolate, its JIT warm-up: ≈ 0.3 s of CPU each,
 * docs/benchmarks-audit.md). The API (`profileInputsInParallel`) starts what it is asked for.
 * @example cappedWorkers(8, 2) //=> { threads: 2, note: "note: --workers 8 is more than the 2 cores …\n" }
 */
export function cappedWorkers(requested: number, cores: number): { threads: number; note: string | undefined } {
  if (requested <= cores) return { threads: requested, note: undefined };
  return {
    threads: cores,
    note: `note: --workers ${requested} is more than the ${count(cores, "core")} this process may use: profiled on ${count(cores, "thread")} (a thread more than the cores only adds its start-up)\n`,
  };
}

async function buildProfile(args: AuditArguments, io: CliIo): Promise<Profile> {
  const counted = new CountedInputs(io.stderr);
  const saved = args.profiles.length === 0 ? undefined : await savedProfiles(args.profiles, counted);
  let profile = saved?.profile ?? emptyProfile();
  const { inputs, totalBytes } = await openInputs(args, io, counted);
  if (inputs.length > 0) {
    const options = { ...defaultProfileInputsOptions, maxDepth: args.maxDepth, maxLineLength: args.maxLineLength };
    // Checked before a long corpus is read, not after.
    const difference = settingDifference(profileSettings(options), profile.settings);
    if (difference !== undefined && saved !== undefined)
      throw new AuditInputError(eventsDiffer(difference, inputs, saved.settingsFrom));
    const progress = io.stderrIsTTY ? new ProgressBar(io.stderr, totalBytes) : undefined;
    const { threads, note } = cappedWorkers(args.workers, defaultWorkers());
    const read = await profileInputsInParallel(inputs, {
      ...options,
      workers: threads,
      ...(progress === undefined ? {} : { onProgress: (name: string, bytes: number) => progress.update(name, bytes) }),
    });
    progress?.done();
    // Said once the input is read: a run that fails to read it says only why.
    if (note !== undefined) io.stderr.write(note);
    counted.checkStreams(read.inputs);
    profile = mergeProfiles(profile, read);
  }
  return profile;
}

/** Why the events given cannot be profiled into the saved profile `path`, and how to fix it. */
function eventsDiffer(difference: SettingDifference, inputs: readonly AuditInput[], path: string): string {
  const given = listed(inputs.map((input) => input.name));
  const fix = difference.isOption
    ? `give ${difference.setting} ${difference.right} to profile the events as the profile was`
    : `${path} was made by another capsule-entity version: re-profile its corpus with this one`;
  return `the events given (${given}) would be profiled with ${settingText(difference, difference.left)} and ${path} was profiled with ${settingText(difference, difference.right)}: profiles merge only when made with the same settings (${fix})`;
}

async function render(result: AuditResult, args: AuditArguments, io: CliIo): Promise<string> {
  if (args.format === "json") return renderJson(result);
  if (args.format === "sarif") return (await import("../audit/report-sarif.js")).renderSarif(result);
  if (args.format === "html") return (await import("../audit/report-html.js")).renderHtml(result);
  const color = args.out === undefined && io.stdoutIsTTY && (io.env["NO_COLOR"] ?? "") === "";
  return renderText(result, { color });
}

/** The declarations of the `--entities` module; one that exports no definition is an input error, not an empty set. */
async function declaredIn(path: string): Promise<Declarations> {
  const exports = await loadEntitiesModule(path);
  if (!hasDefinitions(exports))
    throw new AuditInputError(`--entities ${path} exports no entity or event definition (defineEntity, defineEvent)`);
  return declarationsOf(exports);
}

/**
 * Says which event types the `--entities` definitions declare that no event of the corpus has (a renamed type, a
 * `type` spelled as the code spells it, not as the bus does): their declarations, opt-outs included, apply to nothing.
 */
function noteUndeclaredTypes(declarations: Declarations, profile: Profile, io: CliIo): void {
  const present = new Set(profile.types.flatMap((type) => [type.type, `${type.source} › ${type.type}`]));
  // A definition that names its source declares that source's events of its type (`app.billing › Created`).
  const absent = [...declarations.required].flatMap(([type, bySource]) =>
    [...bySource.keys()]
      .map((source) => (source === undefined ? type : `${source} › ${type}`))
      .filter((declared) => !present.has(declared)),
  );
  if (absent.length === 0) return;
  const shown = listed(absent);
  io.stderr.write(
    `note: ${count(absent.length, "event type")} declared by --entities ${absent.length === 1 ? "has" : "have"} no event in the corpus (${shown}): ${absent.length === 1 ? "its declaration applies" : "their declarations apply"} to nothing\n`,
  );
}

/**
 * How to fix an input whose lines read as binary because it is UTF-16 text (what PowerShell's `>` writes), or "" (another
 * binary input, or one that is not a file: stdin).
 */
async function utf16Hint(name: string): Promise<string> {
  const head = new Uint8Array(2);
  const read = await open(name)
    .then(async (file) => {
      try {
        return (await file.read(head, 0, 2, 0)).bytesRead;
      } finally {
        await file.close();
      }
    })
    .catch(() => 0);
  const bom = read === 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  return bom ? `; ${name} is UTF-16 text: save it as UTF-8 (iconv -f UTF-16 -t UTF-8)` : "";
}

/** Says which `--boundary` fields name no field of the corpus (a misspelt name): they bound nothing. */
function noteUnknownHints(hints: readonly string[], profile: Profile, io: CliIo): void {
  for (const hint of unknownFieldNames(profile, hints))
    io.stderr.write(`note: --boundary ${hint} names no field of the corpus: it bounds nothing (check its spelling)\n`);
}

async function audit(args: AuditArguments, io: CliIo): Promise<number> {
  // The baseline is read first, so that a wrong path fails before a long corpus is read, not after.
  const baseline =
    args.baseline === undefined
      ? new Set<string>()
      : parseBaseline(await readText(args.baseline, "baseline"), args.baseline);
  const declarations = withHints(
    args.entities === undefined ? noDeclarations : await declaredIn(args.entities),
    args.boundaries,
  );
  const profile = await buildProfile(args, io);
  if (args.saveProfile !== undefined) {
    const { stringifyProfile } = await import("../audit/profile-file.js");
    await writeText(args.saveProfile, stringifyProfile(profile), "the profile to");
  }
  if (profile.events === 0) {
    const [first] = profile.skipped.samples;
    throw new AuditInputError(
      `no events in the input${first === undefined ? "" : ` (${count(profile.skipped.count, "value")} skipped, the first at ${first.file}:${first.line}: ${describeSkip(first.reason)}${first.reason === "binary" ? await utf16Hint(first.file) : ""})`}`,
    );
  }
  noteUndeclaredTypes(declarations, profile, io);
  noteUnknownHints(args.boundaries, profile, io);
  const result = auditProfile(profile, { inference: args.inference, baseline, declarations });
  const report = await render(result, args, io);
  if (args.out === undefined) io.stdout.write(report);
  else await writeText(args.out, report, "the report to");
  return result.findings.some((finding) => reaches(finding.risk, args.failOn)) ? exitCodes.findings : exitCodes.clean;
}

/** `audit merge`: the positional arguments are profiles (files or directories of them), not corpus inputs. */
async function mergeArguments(argv: readonly string[]): Promise<AuditArguments> {
  const args = parseAuditArguments(argv);
  if (args.help) return args;
  if (args.inputs.length === 0) throw new UsageError("audit merge expects profile files or directories");
  // Options of profiling would apply to nothing: each profile records the settings it was made with.
  const options = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  const profiling = options.find((argument) => /^--(max-depth|max-line-length|workers)(=|$)/.test(argument));
  if (profiling !== undefined)
    throw new UsageError(
      `audit merge reads profiles: ${profiling.split("=")[0]} applies when events are profiled, and each profile records the settings it was made with`,
    );
  const { profilePaths } = await import("./audit-merge.js");
  return { ...args, inputs: [], profiles: [...args.profiles, ...(await profilePaths(args.inputs))] };
}

/**
 * `capsule-entity audit` (guide: docs/audit.md): returns the exit code; usage and input errors are printed as `✖ message`
 * on stderr (exit 2), never thrown.
 */
export async function runAudit(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = argv[0] === "merge" ? await mergeArguments(argv.slice(1)) : parseAuditArguments(argv);
    if (args.help) {
      io.stdout.write(auditUsage);
      return exitCodes.clean;
    }
    return await audit(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`✖ ${error.message}\n  → run capsule-entity audit --help for the usage\n`);
      return exitCodes.error;
    }
    if (error instanceof AuditInputError) {
      io.stderr.write(`✖ ${error.message}\n`);
      return exitCodes.error;
    }
    throw error;
  }
}
