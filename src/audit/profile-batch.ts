/**
 * The units of work of `--workers` (workers.ts), run on a worker thread (profile-worker.ts) or in place: a batch of
 * whole NDJSON lines cut from a stream (gzip, stdin), the byte ranges of whole lines of a file, which the threads take
 * in turn and read themselves so that no byte of them passes through the calling thread, a DynamoDB export file or a
 * live table's Scan segment (`audit-table`), profiled or, with definitions, checked (table-check-task.ts).
 */
import { type FileHandle, open } from "node:fs/promises";
import {
  type CorpusLocation,
  type KeyProfile,
  type LinkProfile,
  type Profile,
  Profiler,
  dataRecord,
} from "./profile.js";
import { readFailure, scanFailure } from "./input-error.js";
import { fileInput } from "./profile-inputs.js";
import type { SampleCeilings } from "./bottom-k.js";
import { type RecordSink, readRecords } from "./reader.js";
import { ItemProfiler, type NotItems } from "./table-profile.js";
import { type SegmentScan, readExportItems, scanSegment } from "./table-source.js";
import { emptyProfile } from "./merge.js";
import type { TableCheckState } from "./table-check.js";
import { type CheckTask, checkTask } from "./table-check-task.js";

/** The profiling settings every task carries. */
interface TaskSettings {
  readonly id: number;
  /** The input's name, as locations in the profile give it. */
  readonly file: string;
  readonly maxDepth: number;
  readonly maxLineLength: number;
}

/** One batch of whole lines of one input. */
export interface BatchTask extends TaskSettings {
  readonly kind: "batch";
  /** The 1-based line number of the batch's first line in the input. */
  readonly firstLine: number;
  readonly bytes: Uint8Array;
}

/**
 * The byte ranges of a plain (not gzip) NDJSON file, cut on line ends, that the threads of a run take in turn: each
 * thread takes the next range not yet taken (a shared counter) until none is left, so a thread that starts late or
 * runs slower takes fewer. Each range is profiled on its own with its lines numbered from 1: a thread cannot know how
 * many lines come before, so the caller shifts each range's profile (`shiftLines`) as it merges them in file order.
 */
export interface RangesTask extends TaskSettings {
  readonly kind: "ranges";
  readonly path: string;
  readonly ranges: readonly (readonly [number, number])[];
  /** One Int32 shared by the threads of the run: the index of the next range to take (`Atomics.add`). */
  readonly next: SharedArrayBuffer;
}

/** A DynamoDB export file, profiled as items of their entity type (`audit-table` without definitions). */
export interface ExportTask extends TaskSettings {
  readonly kind: "export";
  readonly path: string;
  /** The source the items' events are given (`export`). */
  readonly source: string;
}

/** A Scan segment of a live table, profiled as items of their entity type (`audit-table --table` without definitions). */
export interface ScanTask extends TaskSettings, SegmentScan {
  readonly kind: "scan";
}

/** Work for a worker thread. */
export type WorkerTask = BatchTask | RangesTask | ExportTask | ScanTask | CheckTask;

/**
 * A task's profile, with the count of line ends it read (what the next range's line numbers start after) and, for
 * an export file, its lines that were not items. A check task (`audit-table --entities`) profiles nothing: its
 * result is the checker's `check` state, with the empty profile.
 */
export interface TaskResult {
  readonly profile: Profile;
  readonly lines: number;
  readonly notItems?: NotItems;
  readonly check?: TableCheckState;
}

/** The profile of one range of a `RangesTask`, by the range's index. */
export interface RangeResult extends TaskResult {
  readonly index: number;
}

/** What a thread made of a `RangesTask`: the ranges it took, each profiled on its own. */
export interface RangesResult {
  readonly ranges: readonly RangeResult[];
}

/**
 * What a worker posts: the result of a task, why it failed, or how many bytes of a file it has read so far (of all the
 * ranges it took).
 */
export type WorkerReply =
  | ({ readonly id: number } & (TaskResult | RangesResult))
  | { readonly id: number; readonly error: string }
  | { readonly id: number; readonly read: number };

/**
 * A task's failure as the one line the calling thread reports (a worker's stack means nothing to the user): an input
 * error as it is, a Scan segment's as `cannot scan TABLE: …`, a file's as `cannot read FILE: …`, as on the calling
 * thread.
 * @example taskFailure(task, error) //=> "cannot read data/a.json.gz: EIO"
 */
export function taskFailure(task: WorkerTask, error: unknown): string {
  const source = task.kind === "check" ? task.source : task;
  return (source.kind === "scan" ? scanFailure(source.table, error) : readFailure(source.file, error)).message;
}

const newline = 0x0a;
/** Bytes read from a range at a time. */
const rangeChunkBytes = 4 << 20;

/** The number of line ends in `bytes`. */
export function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let index = bytes.indexOf(newline); index !== -1; index = bytes.indexOf(newline, index + 1)) lines += 1;
  return lines;
}

/**
 * Profiles one task, as `profileInputs` profiles those lines in place (a batch is always read as lines). With the
 * `ceilings` of the run, the profile leaves out the rows that earlier profiles of the run make useless.
 * @example const { profile } = await profileTask({ kind: "batch", id: 1, file: "a.ndjson", firstLine: 1, bytes, maxDepth: 4, maxLineLength: 1 << 20 });
 */
export async function profileTask(
  task: BatchTask | ExportTask | ScanTask | CheckTask,
  ceilings?: SampleCeilings,
): Promise<TaskResult> {
  if (task.kind === "export") {
    const items = new ItemProfiler(task.source, ceilings);
    await readExportItems([fileInput(task.path, task.file)], items, task.maxLineLength);
    const profile = items.profile();
    ceilings?.learn(profile.types);
    return { profile, lines: 0, notItems: items.notItems() };
  }
  if (task.kind === "scan") return profileSegment(task, ceilings);
  if (task.kind === "check") return { profile: emptyProfile(), lines: 0, check: await checkTask(task) };
  // A batch's line count is known to the caller.
  return { profile: await profileLines(task, once(task.bytes), task.firstLine - 1, ceilings), lines: 0 };
}

/**
 * Takes ranges of the task's file, one after another, until every range is taken (by this thread or another), and
 * profiles each on its own. `onRead` is told the bytes this thread has read so far.
 * @example const { ranges } = await takeRanges({ kind: "ranges", id: 1, file: "a.ndjson", path: "a.ndjson", ranges: [[0, 4096]], next: new SharedArrayBuffer(4), maxDepth: 4, maxLineLength: 1 << 20 });
 */
export async function takeRanges(
  task: RangesTask,
  onRead?: (bytes: number) => void,
  ceilings?: SampleCeilings,
): Promise<RangesResult> {
  const next = new Int32Array(task.next);
  const ranges: RangeResult[] = [];
  let read = 0;
  const handle = await open(task.path, "r");
  try {
    for (let index = Atomics.add(next, 0, 1); index < task.ranges.length; index = Atomics.add(next, 0, 1)) {
      const [start, end] = task.ranges[index] as readonly [number, number];
      // A range's line count is counted as it is read.
      let lines = 0;
      const chunks = rangeChunks(handle, start, end, (chunk) => {
        lines += countLines(chunk);
        read += chunk.length;
        onRead?.(read);
      });
      ranges.push({ index, profile: await profileLines(task, chunks, 0, ceilings), lines });
    }
  } finally {
    await handle.close();
  }
  return { ranges };
}

/** Profiles whole lines, numbered from `offset` + 1, into a profile of their own. */
async function profileLines(
  task: BatchTask | RangesTask,
  chunks: AsyncIterable<Uint8Array>,
  offset: number,
  ceilings: SampleCeilings | undefined,
): Promise<Profile> {
  const profiler = new Profiler({ maxDepth: task.maxDepth }, ceilings);
  const sink = profiler.sinkFor(task.file);
  const shifted: RecordSink =
    offset === 0
      ? sink
      : {
          record: (value, line) => sink.record(value, line + offset),
          badLine: (reason, line) => sink.badLine(reason, line + offset),
        };
  await readRecords(chunks, shifted, { maxLineLength: task.maxLineLength, linesOnly: true });
  const profile = profiler.toProfile();
  ceilings?.learn(profile.types);
  return profile;
}

/** Scans one segment with a client of its own into the profile of its items. */
async function profileSegment(task: ScanTask, ceilings: SampleCeilings | undefined): Promise<TaskResult> {
  const items = new ItemProfiler(task.table, ceilings);
  await scanSegment(task, items);
  const profile = items.profile();
  ceilings?.learn(profile.types);
  return { profile, lines: 0, notItems: items.notItems() };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * The bytes `[start, end)` of an open file, read chunk by chunk into fresh buffers, each passed to `onChunk` before it
 * is yielded.
 */
async function* rangeChunks(
  handle: FileHandle,
  start: number,
  end: number,
  onChunk: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  for (let position = start; position < end;) {
    const buffer = Buffer.allocUnsafe(Math.min(rangeChunkBytes, end - position));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    // The file shrank under us: what is left of the range is gone, as a stream would end early.
    if (bytesRead === 0) return;
    position += bytesRead;
    const chunk = buffer.subarray(0, bytesRead);
    onChunk(chunk);
    yield chunk;
  }
}

/**
 * Cuts the file `[0, size)` into at most `count` ranges of about equal size, each starting at a line start: a
 * line belongs to the range its first byte falls in, so a line straddling a cut is read once, by the range
 * before it. Empty ranges (one line longer than several ranges) are left out.
 * @example await lineRanges(handle, 1000, 2) //=> [[0, 504], [504, 1000]] when byte 503 is the line end nearest 500
 */
export async function lineRanges(
  handle: {
    read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  },
  size: number,
  count: number,
): Promise<(readonly [number, number])[]> {
  const starts = [0];
  for (let index = 1; index < count; index++) {
    const previous = starts[starts.length - 1] as number;
    const nominal = Math.floor((size * index) / count);
    // A line starts at `nominal` when the byte before it ends a line; otherwise at the byte after the next line end.
    const start = nominal <= previous ? previous : await lineStartFrom(handle, nominal - 1, size);
    if (start > previous && start < size) starts.push(start);
  }
  return starts.map((start, index) => [start, starts[index + 1] ?? size] as const);
}

/** The position just past the first line end at or after `from`, or `size` when there is none. */
async function lineStartFrom(
  handle: {
    read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  },
  from: number,
  size: number,
): Promise<number> {
  const buffer = Buffer.allocUnsafe(64 << 10);
  for (let position = from; position < size;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position);
    if (bytesRead === 0) break;
    const end = buffer.subarray(0, bytesRead).indexOf(newline);
    if (end !== -1) return position + end + 1;
    position += bytesRead;
  }
  return size;
}

/**
 * The profile with every line number moved by `lines`: a range's profile, numbered from its own first line,
 * placed after the lines of the ranges before it.
 * @example shiftLines(profile, 1200).types[0]?.first //=> { file: "a.ndjson", line: 1201 } for a type first seen on line 1
 */
export function shiftLines(profile: Profile, lines: number): Profile {
  if (lines === 0) return profile;
  const move = <TLocation extends CorpusLocation>(location: TLocation): TLocation => ({
    ...location,
    line: location.line + lines,
  });
  return {
    ...profile,
    skipped: { ...profile.skipped, samples: profile.skipped.samples.map(move) },
    types: profile.types.map((type) => {
      const keys = dataRecord<KeyProfile>();
      for (const [path, key] of Object.entries(type.keys)) {
        const links = dataRecord<Record<string, LinkProfile>>();
        for (const [label, byField] of Object.entries(key.links)) {
          const moved = dataRecord<LinkProfile>();
          for (const [field, link] of Object.entries(byField))
            moved[field] = { ...link, samples: link.samples.map(move) };
          links[label] = moved;
        }
        keys[path] = { ...key, links };
      }
      return { ...type, first: move(type.first), keys };
    }),
  };
}
