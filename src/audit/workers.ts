/**
 * `--workers N`: profiles inputs on N threads. A plain NDJSON file is cut into a few byte ranges per thread on line
 * ends, which the calling thread and N − 1 worker threads take in turn and read themselves (no byte of them passes
 * through the calling thread), each range into a profile of its own; gzip and stdin are read by the calling thread and
 * cut into batches of whole lines whose bytes move to the workers without a copy.
 * The profiles are merged in input order, so the profile is the one a single profiler makes (mergeProfiles is
 * associative and keeps first samples in order; a range's line numbers are shifted by the lines before it).
 */
import { open } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { AuditInputError, failureText, isSystemError, readFailure } from "./input-error.js";
import { emptyProfile, mergeProfiles } from "./merge.js";
import { SampleCeilings } from "./bottom-k.js";
import { type Profile, Profiler, defaultProfilerOptions, profileLimits } from "./profile.js";
import { type AuditInput, type ProfileInputsOptions, counted, profileInputs, runProfile } from "./profile-inputs.js";
import { type InputFingerprint, fingerprintFile, fingerprinted } from "./input-fingerprint.js";
import {
  type BatchTask,
  type ExportTask,
  type RangesResult,
  type RangesTask,
  RangeBoard,
  type ScanTask,
  type TaskResult,
  type WorkerReply,
  type WorkerTask,
  countLines,
  lineRanges,
  profileTask,
  shiftLines,
  takeRanges,
} from "./profile-batch.js";
import {
  type SkipReason,
  decompressed,
  defaultMaxLineLength,
  isTruncation,
  readRecords,
  startsWithGzipMagic,
} from "./reader.js";
// The table modules are loaded by the functions that use them (`import()`), not by `capsule-entity audit`.
import type { NotItems } from "./table-profile.js";
import type { CheckTask } from "./table-check-task.js";
import type { TableEndpoint } from "./table-source.js";

/** Settings of a parallel profiling run. */
export interface ParallelOptions extends ProfileInputsOptions {
  /**
   * Threads that profile: the calling thread and N − 1 worker threads (export files: N workers); 1 profiles on the
   * calling thread only. Default: the cores Node may use.
   */
  readonly workers?: number;
  /**
   * Bytes of whole lines per batch of a stream, and the least a file range holds (default 4 MiB): large enough that
   * handing work to a worker costs nothing. A file smaller than two of them is not split.
   */
  readonly batchBytes?: number;
}

/** The default worker count: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

const defaultBatchBytes = 4 << 20;
/**
 * Ranges a file is cut into per thread. Each range makes its profile from empty, copied to the calling thread and
 * merged: on a quiet 2-core machine (docs/benchmarks-audit.md) one range per thread was faster than three
 * (`--workers 2` 0.36 / 0.34 × N against 0.32 / 0.29 × N, alternated runs). A thread that starts late or runs slower
 * reads less all the same: the others take over the second half of what it has not read (`RangeBoard`).
 */
const rangesPerThread = 1;
/**
 * Bytes a thread claims of its range at a time (`RangesTask.claimBytes`): `batchBytes`, within these bounds. What a
 * thread may be left to read alone at the end is under two claims (≈ 20 ms warm at 1 MiB).
 */
const maxClaimBytes = 1 << 20;
const minClaimBytes = 4 << 10;
/** A UTF-8 character is at most 4 bytes: a line longer than this many bytes per allowed character is too long. */
const maxBytesPerCharacter = 4;
const newline = 0x0a;
/** How much of a file is read to tell NDJSON from gzip or a JSON array. */
const headBytes = 64 << 10;

/**
 * Profiles the inputs on `options.workers` threads into the profile `profileInputs` makes on one. Plain NDJSON
 * files (inputs with a `path`) are cut into ranges, gzip and streams into batches; an input that is a JSON array is
 * read on the calling thread.
 * @example const profile = await profileInputsInParallel([fileInput("events.ndjson")], { ...defaultProfileInputsOptions, workers: 4 });
 */
export async function profileInputsInParallel(
  inputs: readonly AuditInput[],
  options: ParallelOptions,
): Promise<Profile> {
  const workers = options.workers ?? defaultWorkers();
  if (workers <= 1) return profileInputs(inputs, options);
  // The calling thread is one of the N: it profiles too (a range of each file, batches of a stream).
  const pool = new WorkerPool(workers - 1);
  // What this thread's profiles kept of the row sample (each worker keeps its own, see profile-worker.ts).
  const ceilings = new SampleCeilings(profileLimits.rowsPerType);
  try {
    let profile = emptyProfile();
    const fingerprints: InputFingerprint[] = [];
    for (const input of inputs) {
      // A file is fingerprinted by two reads at its ends (its ranges are read by the threads), a stream as it passes.
      const watched = input.path === undefined ? fingerprinted(input.name, input.chunks) : undefined;
      const streamed = watched === undefined ? input : { ...input, chunks: watched.chunks };
      const read = async (): Promise<Profile> => {
        const ofInput =
          (input.path === undefined
            ? undefined
            : await profileRanges(input.name, input.path, options, pool, ceilings)) ??
          (await profileStream(streamed, options, pool, ceilings));
        fingerprints.push(watched?.fingerprint() ?? (await fingerprintFile(input.path as string, input.name)));
        return ofInput;
      };
      // As `profileInputs` tells it: a file that cannot be read is an input error naming it (a worker's is already).
      const ofInput = await read().catch((error: unknown) => {
        throw isSystemError(error) ? readFailure(input.name, error) : error;
      });
      profile = mergeProfiles(profile, ofInput);
    }
    return runProfile(profile, options, fingerprints);
  } finally {
    await pool.close();
  }
}

/**
 * Profiles DynamoDB export files as items of their entity type (`audit-table` without definitions), one file per
 * task on `options.workers` threads, merged in file order: the profile one `ItemProfiler` makes over all of them.
 * Inputs without a `path` are read on the calling thread.
 * @example const { profile } = await profileExportsInParallel([fileInput("data/a.json.gz"), fileInput("data/b.json.gz")], "export", { workers: 2 });
 */
export async function profileExportsInParallel(
  inputs: readonly AuditInput[],
  source: string,
  options: { readonly workers?: number; readonly maxLineLength?: number },
): Promise<{ readonly profile: Profile; readonly notItems: NotItems }> {
  const workers = Math.min(options.workers ?? defaultWorkers(), inputs.length);
  const maxLineLength = options.maxLineLength ?? defaultMaxLineLength;
  if (workers <= 1 || inputs.some((input) => input.path === undefined)) {
    const [{ ItemProfiler }, { readExportItems }] = await Promise.all([
      import("./table-profile.js"),
      import("./table-source.js"),
    ]);
    const items = new ItemProfiler(source);
    await readExportItems(inputs, items, maxLineLength);
    return { profile: items.profile(), notItems: items.notItems() };
  }
  const pool = new WorkerPool(workers);
  try {
    const runs: Promise<TaskResult>[] = [];
    for (const input of inputs) {
      await pool.room();
      const { name, path } = input as AuditInput & { readonly path: string };
      const { maxDepth } = defaultProfilerOptions;
      const run = pool.run({ kind: "export", id: 0, file: name, path, source, maxDepth, maxLineLength });
      // Failures are read by mergedItems; while this loop waits for room, a failed run is not an unhandled rejection.
      run.catch(() => undefined);
      runs.push(run);
    }
    return await mergedItems(runs);
  } finally {
    await pool.close();
  }
}

/** The item profiles of the runs merged in their order, with their lines that were not items. */
async function mergedItems(
  runs: readonly Promise<TaskResult>[],
): Promise<{ readonly profile: Profile; readonly notItems: NotItems }> {
  // Failures are read by Promise.all below; a run that fails after another is not an unhandled rejection.
  for (const run of runs) run.catch(() => undefined);
  const { mergeNotItems, noNotItems } = await import("./table-profile.js");
  let profile = emptyProfile();
  let notItems = noNotItems;
  for (const result of await Promise.all(runs)) {
    profile = mergeProfiles(profile, result.profile);
    notItems = mergeNotItems(notItems, result.notItems ?? noNotItems);
  }
  return { profile, notItems };
}

/** A live table to scan (see `ScanOptions`). */
export interface TableScan extends TableEndpoint {
  readonly table: string;
  readonly segments: number;
  readonly pageSize: number;
  readonly readUnitsPerSecond?: number | undefined;
}

/**
 * Profiles a live table's Scan segments as items of their entity type (`audit-table --table` without definitions) on
 * `options.workers` threads: segment s on thread s mod N (the calling thread one of them), each with its own client,
 * all drawing on one read-rate bucket; the segment profiles merge in segment order into the profile one thread makes.
 * @example const { profile } = await profileScanInParallel({ table: "platform_data", segments: 8, pageSize: 500 }, { workers: 4 });
 */
export async function profileScanInParallel(
  scan: TableScan,
  options: { readonly workers?: number },
): Promise<{ readonly profile: Profile; readonly notItems: NotItems }> {
  const threads = Math.min(options.workers ?? defaultWorkers(), scan.segments);
  const { maxDepth } = defaultProfilerOptions;
  const rate = scan.readUnitsPerSecond;
  const { ReadRateLimiter } = await import("./table-source.js");
  const bucket = rate === undefined ? undefined : ReadRateLimiter.share(rate);
  const taskOf = (segment: number): ScanTask => ({
    ...scan,
    kind: "scan",
    id: 0,
    file: scan.table,
    maxDepth,
    maxLineLength: defaultMaxLineLength,
    segment,
    readUnitsPerSecond: rate,
    bucket,
  });
  const pool = new WorkerPool(threads - 1);
  const ceilings = new SampleCeilings(profileLimits.rowsPerType);
  try {
    const runs = Array.from({ length: scan.segments }, (_, segment) => {
      const thread = segment % threads;
      return thread === 0 ? profileTask(taskOf(segment), ceilings) : pool.runOn(thread - 1, taskOf(segment));
    });
    return await mergedItems(runs);
  } finally {
    await pool.close();
  }
}

/**
 * Profiles a plain NDJSON file as ranges that the threads take in turn (`takeRanges`), or returns undefined when it
 * cannot be cut by bytes (gzip, a JSON array) or is too small to be worth it: it is then read as a stream.
 */
async function profileRanges(
  name: string,
  path: string,
  options: ParallelOptions,
  pool: WorkerPool,
  ceilings: SampleCeilings,
): Promise<Profile | undefined> {
  const threads = pool.size + 1;
  const handle = await open(path, "r");
  let ranges: (readonly [number, number])[];
  try {
    const size = (await handle.stat()).size;
    const count = Math.min(threads * rangesPerThread, Math.floor(size / (options.batchBytes ?? defaultBatchBytes)));
    if (count < 2) return undefined;
    const head = new Uint8Array(headBytes);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const first = firstSignificant(head.subarray(0, bytesRead));
    if (startsWithGzipMagic(head) || first === -1 || head[first] === 0x5b) return undefined;
    ranges = await lineRanges(handle, size, count);
  } finally {
    await handle.close();
  }
  const read = Array.from({ length: threads }, () => 0);
  const onProgress = options.onProgress;
  const progressOf = (thread: number): ((bytes: number) => void) | undefined =>
    onProgress === undefined
      ? undefined
      : (bytes) => {
          read[thread] = bytes;
          onProgress(
            name,
            read.reduce((sum, part) => sum + part, 0),
          );
        };
  const task: RangesTask = {
    kind: "ranges",
    id: 0,
    file: name,
    path,
    ranges,
    board: RangeBoard.create(ranges),
    claimBytes: Math.max(minClaimBytes, Math.min(maxClaimBytes, options.batchBytes ?? defaultBatchBytes)),
    maxDepth: options.maxDepth,
    maxLineLength: options.maxLineLength,
  };
  // The calling thread takes ranges while the workers start up, and each worker as soon as it is up; a thread with
  // no range left takes over half of what another has not read yet.
  const taken = await Promise.all([
    takeRanges(task, progressOf(0), ceilings),
    ...Array.from({ length: pool.size }, (_, index) => pool.takeRanges(index, task, progressOf(index + 1))),
  ]);
  const results = taken.flatMap((result) => result.ranges).sort((left, right) => left.start - right.start);
  let profile = emptyProfile();
  let lines = 0;
  for (const result of results) {
    profile = mergeProfiles(profile, shiftLines(result.profile, lines));
    lines += result.lines;
  }
  return profile;
}

/** Folds batch profiles into one, in the order the batches were cut, as each prefix completes. */
class OrderedMerger {
  private profile = emptyProfile();
  private readonly done = new Map<number, Profile>();
  private readonly pending: Promise<void>[] = [];
  private next = 0;
  private count = 0;
  private failure: unknown;

  /** Takes the next place in the order, for a profile that may still be on its way. */
  add(profile: Profile | Promise<Profile>): void {
    const place = this.count++;
    const settled = Promise.resolve(profile).then(
      (value) => {
        this.done.set(place, value);
        for (let ready = this.done.get(this.next); ready !== undefined; ready = this.done.get(this.next)) {
          this.done.delete(this.next);
          this.profile = mergeProfiles(this.profile, ready);
          this.next += 1;
        }
      },
      (error: unknown) => {
        this.failure ??= error;
      },
    );
    this.pending.push(settled);
  }

  async result(): Promise<Profile> {
    await Promise.all(this.pending);
    if (this.failure !== undefined) throw this.failure;
    return this.profile;
  }
}

/** The profile of one skipped line: what a batch boundary cannot carry (an overlong or truncated last line). */
function skippedLine(file: string, line: number, reason: SkipReason): Profile {
  const profile = emptyProfile();
  profile.skipped = { count: 1, byReason: { [reason]: 1 }, samples: [{ file, line, reason }] };
  return profile;
}

/** Index of the first byte that is not a BOM or JSON whitespace, or -1. */
function firstSignificant(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (byte === 0xef && bytes[index + 1] === 0xbb && bytes[index + 2] === 0xbf) {
      index += 2;
      continue;
    }
    return index;
  }
  return -1;
}

/** The parts joined into a buffer of its own (not a pooled one), whose bytes can move to a worker. */
function joined(parts: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** Reads one input as a stream, cuts it into batches of whole lines and hands them to the pool, in order. */
async function profileStream(
  input: AuditInput,
  options: ParallelOptions,
  pool: WorkerPool,
  ceilings: SampleCeilings,
): Promise<Profile> {
  const merger = new OrderedMerger();
  const batchBytes = options.batchBytes ?? defaultBatchBytes;
  const maxLineBytes = options.maxLineLength * maxBytesPerCharacter;
  let parts: Uint8Array[] = [];
  let size = 0;
  let line = 1;
  let detected = false;
  /** True while skipping the rest of a line already reported as too long. */
  let discarding = false;
  /**
   * Sends a batch to a worker, or profiles it here: the input's last and only one (a small input), or any batch while
   * every worker already holds all it may (this thread then works instead of waiting).
   */
  const send = async (bytes: Uint8Array, last: boolean): Promise<void> => {
    const task: BatchTask = {
      kind: "batch",
      id: 0,
      file: input.name,
      firstLine: line,
      bytes,
      maxDepth: options.maxDepth,
      maxLineLength: options.maxLineLength,
    };
    line += countLines(bytes);
    const here = (last && task.firstLine === 1) || pool.full();
    merger.add((here ? profileTask(task, ceilings) : pool.run(task)).then((result) => result.profile));
  };
  /** Sends the whole lines of `pending` (a buffer of its own) and keeps the rest, copied out before the bytes move. */
  const sendLines = async (pending: Uint8Array, end: number): Promise<void> => {
    const rest = pending.slice(end + 1);
    await send(pending.subarray(0, end + 1), false);
    parts = [rest];
    size = rest.length;
  };
  const onProgress = options.onProgress;
  const source =
    onProgress === undefined ? input.chunks : counted(input.chunks, (bytes) => onProgress(input.name, bytes));
  const chunks = decompressed(source)[Symbol.asyncIterator]();
  try {
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
      let chunk = next.value;
      if (discarding) {
        const end = chunk.indexOf(newline, 0);
        if (end === -1) continue;
        discarding = false;
        line += 1;
        chunk = chunk.subarray(end + 1);
      }
      parts.push(chunk);
      size += chunk.length;
      if (!detected) {
        const head = joined(parts, size);
        parts = [head];
        const first = firstSignificant(head);
        if (first === -1) continue;
        detected = true;
        // A JSON array is one value whose elements cannot be cut by lines: it is read here, on one thread.
        if (head[first] === 0x5b) {
          merger.add(profileHere(input.name, head, chunks, options));
          return await merger.result();
        }
      }
      if (size < batchBytes) continue;
      // Joined once per batch (not per chunk) into a buffer of its own: each byte is copied once on its way.
      const pending = joined(parts, size);
      const end = pending.lastIndexOf(newline);
      if (end !== -1) await sendLines(pending, end);
      else if (pending.length > maxLineBytes) {
        // No line end in sight and already longer than any line may be: skipped, as the reader skips it.
        merger.add(skippedLine(input.name, line, "line-too-long"));
        parts = [];
        size = 0;
        discarding = true;
      } else parts = [pending];
    }
  } catch (error) {
    if (!isTruncation(error)) throw error;
    const pending = joined(parts, size);
    const end = pending.lastIndexOf(newline);
    if (end !== -1) await sendLines(pending, end);
    merger.add(skippedLine(input.name, line, "truncated-input"));
    return await merger.result();
  }
  if (size > 0) await send(joined(parts, size), true);
  return await merger.result();
}

/** Profiles the rest of an input on this thread, starting with the bytes already read. */
async function profileHere(
  file: string,
  head: Uint8Array,
  rest: AsyncIterator<Uint8Array>,
  options: ParallelOptions,
): Promise<Profile> {
  async function* all(): AsyncGenerator<Uint8Array> {
    yield head;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
  }
  const profiler = new Profiler(options);
  await readRecords(all(), profiler.sinkFor(file), { maxLineLength: options.maxLineLength });
  return profiler.toProfile();
}

/**
 * Starts a worker on the compiled profile-worker.js beside this module or, when this module runs as TypeScript
 * source (tests), on profile-worker.ts through tsx's loader registered in the worker.
 */
function startWorker(): Worker {
  // The AWS SDK warns once per thread about old Node versions: the calling thread scans too and warns once, as one
  // thread would; the workers stay quiet.
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  // The compiled worker loads only the audit's own modules: none of the process's preloads (`--import`, `--require`:
  // a TypeScript loader, an APM agent) runs again in it. Under tsx each worker otherwise loaded tsx's loader again
  // (≈ 0.1 s of CPU and up to 0.5 s before its first claim, docs/benchmarks-audit.md). V8 flags stay process-wide.
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./profile-worker.js", import.meta.url), { env, execArgv: [] });
  const script = JSON.stringify(new URL("./profile-worker.ts", import.meta.url).href);
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${script}); });`, {
    eval: true,
    env,
  });
}

interface Waiter {
  resolve(result: TaskResult | RangesResult): void;
  reject(error: Error): void;
  onRead: ((bytes: number) => void) | undefined;
}

interface Slot {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiter>;
}

/** The most tasks one worker holds at a time: one at work, one queued, so it never waits for the reader. */
const batchesPerWorker = 2;

/**
 * N workers, each handed the next batch when it has the fewest outstanding; while every worker holds
 * `batchesPerWorker` (`full()`), the calling thread profiles the next batch itself (streams) or waits for `room()`
 * (export files), so memory holds at most 2 × N + 1 batches whatever the input size.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private freed: (() => void) | undefined;
  private failure: Error | undefined;
  private closing = false;

  constructor(readonly size: number) {}

  /** Starts the workers up to the `count`th on the first task given them: a small corpus, profiled in place, starts none. */
  private start(count = this.size): void {
    while (this.slots.length < count) {
      const worker = startWorker();
      const slot: Slot = { worker, waiting: new Map() };
      worker.on("message", (reply: WorkerReply) => this.settle(slot, reply));
      // A thread that dies (an uncaught error, a module calling process.exit) fails the run with one line.
      worker.on("error", (error) =>
        this.fail(slot, new AuditInputError(`an audit worker thread failed: ${failureText(error)}`)),
      );
      worker.on("exit", (code) => {
        if (!this.closing)
          this.fail(
            slot,
            new AuditInputError(`an audit worker thread exited with code ${code} before finishing its work`),
          );
      });
      this.slots.push(slot);
    }
  }

  /** Whether every worker holds all the tasks it may (starting the workers on the first call). */
  full(): boolean {
    this.start();
    if (this.failure !== undefined) throw this.failure;
    return this.leastBusy().waiting.size >= batchesPerWorker;
  }

  /** Resolves once some worker can take a batch. */
  async room(): Promise<void> {
    this.start();
    while (this.failure === undefined && this.leastBusy().waiting.size >= batchesPerWorker)
      await new Promise<void>((resolve) => (this.freed = resolve));
    if (this.failure !== undefined) throw this.failure;
  }

  /**
   * Hands the task to the least busy worker. A batch's bytes move to the worker: its buffer must be its own (no other
   * view of it is used again).
   */
  run(task: BatchTask | ExportTask | CheckTask): Promise<TaskResult> {
    this.start();
    return this.post(this.leastBusy(), task, undefined);
  }

  /** Hands the task to the `index`th worker, started if it is not yet. */
  runOn(index: number, task: BatchTask | ExportTask | ScanTask | CheckTask): Promise<TaskResult> {
    this.start(index + 1);
    return this.post(this.slots[index] as Slot, task, undefined);
  }

  /** Has the `index`th worker, started if it is not yet, take ranges of the task (see `takeRanges`). */
  takeRanges(index: number, task: RangesTask, onRead?: (bytes: number) => void): Promise<RangesResult> {
    this.start(index + 1);
    return this.post(this.slots[index] as Slot, task, onRead);
  }

  private post(slot: Slot, task: RangesTask, onRead: ((bytes: number) => void) | undefined): Promise<RangesResult>;
  private post(slot: Slot, task: BatchTask | ExportTask | ScanTask | CheckTask, onRead: undefined): Promise<TaskResult>;
  private post(
    slot: Slot,
    task: WorkerTask,
    onRead: ((bytes: number) => void) | undefined,
  ): Promise<TaskResult | RangesResult> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<TaskResult | RangesResult>((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject, onRead });
      if (task.kind === "batch")
        slot.worker.postMessage({ ...task, id } satisfies WorkerTask, [task.bytes.buffer as ArrayBuffer]);
      else slot.worker.postMessage({ ...task, id } satisfies WorkerTask);
    });
  }

  private leastBusy(): Slot {
    let best = this.slots[0] as Slot;
    for (const slot of this.slots) if (slot.waiting.size < best.waiting.size) best = slot;
    return best;
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const waiter = slot.waiting.get(reply.id);
    if ("read" in reply) return waiter?.onRead?.(reply.read);
    slot.waiting.delete(reply.id);
    // The worker told what failed in the words of the calling thread (see `taskFailure`).
    if ("error" in reply) waiter?.reject(new AuditInputError(reply.error));
    else waiter?.resolve(reply);
    this.wake();
  }

  private fail(slot: Slot, error: Error): void {
    this.failure ??= error;
    for (const waiter of slot.waiting.values()) waiter.reject(error);
    slot.waiting.clear();
    this.wake();
  }

  private wake(): void {
    const freed = this.freed;
    this.freed = undefined;
    freed?.();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
