/**
 * `--workers N`: profiles inputs on N worker threads. The main thread reads (and gunzips) each input and cuts it
 * into batches of whole lines; workers profile the batches; the batch profiles are merged in input order, so the
 * profile is the one a single profiler makes (mergeProfiles is associative and keeps first samples in order).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { emptyProfile, mergeProfiles } from "./merge.js";
import { type Profile, Profiler } from "./profile.js";
import { type AuditInput, type ProfileInputsOptions, counted, profileInputs } from "./profile-inputs.js";
import { type BatchReply, type BatchTask, profileBatch } from "./profile-batch.js";
import { type SkipReason, decompressed, isTruncation, readRecords } from "./reader.js";

/** Settings of a parallel profiling run. */
export interface ParallelOptions extends ProfileInputsOptions {
  /** Worker threads; 1 profiles on the calling thread. Default: the cores Node may use. */
  readonly workers?: number;
  /** Bytes of whole lines per batch (default 4 MiB): large enough that posting a batch costs nothing. */
  readonly batchBytes?: number;
}

/** The default worker count: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

const defaultBatchBytes = 4 << 20;
/** A UTF-8 character is at most 4 bytes: a line longer than this many bytes per allowed character is too long. */
const maxBytesPerCharacter = 4;
const newline = 0x0a;

/**
 * Profiles the inputs on `options.workers` threads into the profile `profileInputs` makes on one. NDJSON (plain
 * or gzip) is split across workers; an input that is a JSON array is read on the calling thread.
 * @example const profile = await profileInputsInParallel(inputs, { ...defaultProfileInputsOptions, workers: 4 });
 */
export async function profileInputsInParallel(
  inputs: readonly AuditInput[],
  options: ParallelOptions,
): Promise<Profile> {
  const workers = options.workers ?? defaultWorkers();
  if (workers <= 1) return profileInputs(inputs, options);
  const pool = new WorkerPool(workers);
  const merger = new OrderedMerger();
  try {
    for (const input of inputs) await splitInput(input, options, pool, merger);
    return await merger.result();
  } finally {
    await pool.close();
  }
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

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let index = bytes.indexOf(newline); index !== -1; index = bytes.indexOf(newline, index + 1)) lines += 1;
  return lines;
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

/** Cuts one input into batches of whole lines and hands them to the pool, in order. */
async function splitInput(
  input: AuditInput,
  options: ParallelOptions,
  pool: WorkerPool,
  merger: OrderedMerger,
): Promise<void> {
  const batchBytes = options.batchBytes ?? defaultBatchBytes;
  const maxLineBytes = options.maxLineLength * maxBytesPerCharacter;
  let pending: Uint8Array = new Uint8Array(0);
  let parts: Uint8Array[] = [];
  let size = 0;
  let line = 1;
  let detected = false;
  /** True while skipping the rest of a line already reported as too long. */
  let discarding = false;
  /** Sends a batch to the workers or, the input's last and only one (a small input), profiles it here. */
  const send = async (bytes: Uint8Array, last: boolean): Promise<void> => {
    const task = {
      id: 0,
      file: input.name,
      firstLine: line,
      bytes,
      maxDepth: options.maxDepth,
      maxLineLength: options.maxLineLength,
    };
    line += countLines(bytes);
    if (last && task.firstLine === 1) return merger.add(profileBatch(task));
    await pool.room();
    merger.add(pool.run(task));
  };
  const onProgress = options.onProgress;
  const source =
    onProgress === undefined ? input.chunks : counted(input.chunks, (bytes) => onProgress(input.name, bytes));
  const chunks = decompressed(source)[Symbol.asyncIterator]();
  try {
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
      let chunk = next.value;
      if (discarding) {
        const end = chunk.indexOf(newline);
        if (end === -1) continue;
        discarding = false;
        line += 1;
        chunk = chunk.subarray(end + 1);
      }
      parts.push(chunk);
      size += chunk.length;
      if (!detected || size >= batchBytes) {
        // Joined once per batch (not per chunk): each byte is copied once on its way to a worker.
        pending = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, size);
        parts = [pending];
      }
      if (!detected) {
        const first = firstSignificant(pending);
        if (first === -1) continue;
        detected = true;
        // A JSON array is one value whose elements cannot be cut by lines: it is read here, on one thread.
        if (pending[first] === 0x5b) {
          merger.add(profileHere(input.name, pending, chunks, options));
          return;
        }
      }
      if (size < batchBytes) continue;
      const end = pending.lastIndexOf(newline);
      if (end !== -1) {
        await send(pending.subarray(0, end + 1), false);
        pending = pending.subarray(end + 1);
        parts = [pending];
        size = pending.length;
      } else if (pending.length > maxLineBytes) {
        // No line end in sight and already longer than any line may be: skipped, as the reader skips it.
        merger.add(skippedLine(input.name, line, "line-too-long"));
        pending = new Uint8Array(0);
        parts = [];
        size = 0;
        discarding = true;
      }
    }
  } catch (error) {
    if (!isTruncation(error)) throw error;
    pending = Buffer.concat(parts, size);
    const end = pending.lastIndexOf(newline);
    if (end !== -1) await send(pending.subarray(0, end + 1), false);
    merger.add(skippedLine(input.name, line, "truncated-input"));
    return;
  }
  if (size > 0) await send(Buffer.concat(parts, size), true);
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
 * source (tests, benches), on profile-worker.ts through tsx's loader registered in the worker.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./profile-worker.js", import.meta.url));
  const script = JSON.stringify(new URL("./profile-worker.ts", import.meta.url).href);
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${script}); });`, {
    eval: true,
  });
}

interface Slot {
  readonly worker: Worker;
  readonly waiting: Map<number, { resolve(profile: Profile): void; reject(error: Error): void }>;
}

/** The most batches one worker holds at a time: one at work, one queued, so it never waits for the reader. */
const batchesPerWorker = 2;

/**
 * N workers, each handed the next batch when it has the fewest outstanding; `room()` waits while every worker
 * holds `batchesPerWorker`, so memory holds at most 2 × N batches whatever the input size.
 */
class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private freed: (() => void) | undefined;
  private failure: Error | undefined;
  private closing = false;

  constructor(private readonly size: number) {}

  /** Starts the workers on the first batch: a small corpus, profiled in place, starts none. */
  private start(): void {
    for (let index = 0; index < this.size; index++) {
      const worker = startWorker();
      const slot: Slot = { worker, waiting: new Map() };
      worker.on("message", (reply: BatchReply) => this.settle(slot, reply));
      worker.on("error", (error) => this.fail(slot, error));
      worker.on("exit", (code) => {
        if (!this.closing) this.fail(slot, new Error(`audit worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  /** Resolves once some worker can take a batch. */
  async room(): Promise<void> {
    if (this.slots.length === 0) this.start();
    while (this.failure === undefined && this.leastBusy().waiting.size >= batchesPerWorker)
      await new Promise<void>((resolve) => (this.freed = resolve));
    if (this.failure !== undefined) throw this.failure;
  }

  /** Hands the batch (a copy: its bytes move to the worker) to the least busy worker. */
  run(task: BatchTask): Promise<Profile> {
    const slot = this.leastBusy();
    const id = this.nextId++;
    const bytes = new Uint8Array(task.bytes);
    return new Promise<Profile>((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ ...task, id, bytes } satisfies BatchTask, [bytes.buffer]);
    });
  }

  private leastBusy(): Slot {
    let best = this.slots[0] as Slot;
    for (const slot of this.slots) if (slot.waiting.size < best.waiting.size) best = slot;
    return best;
  }

  private settle(slot: Slot, reply: BatchReply): void {
    const waiter = slot.waiting.get(reply.id);
    slot.waiting.delete(reply.id);
    if ("error" in reply) waiter?.reject(new Error(`audit worker failed: ${reply.error}`));
    else waiter?.resolve(reply.profile);
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
