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
import { readRecords } from "./reader.js";
// The table modules are loaded by the tasks that use them (`import()`): a worker of `capsule-entity audit` profiles
// lines and loads only the reader and the profiler.
import type { NotItems } from "./table-profile.js";
import type { SegmentScan } from "./table-source.js";
import { emptyProfile } from "./merge.js";
import type { TableCheckState } from "./table-check.js";
import type { CheckTask } from "./table-check-task.js";

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
 * The byte ranges of a plain (not gzip) NDJSON file, cut on line ends, that the threads of a run share out: each
 * thread takes the next range not yet taken (a shared counter) and reads it `claimBytes` at a time; a thread with no
 * range left to take steals the second half, cut at a line start, of the largest part that another thread has not
 * read yet (see `RangeBoard`), so a thread that starts late (a worker's cold start) or runs slower reads less and no
 * thread waits for it at the end. Each piece (a range, or the part of one a thread took over) is profiled on its own
 * with its lines numbered from 1: a thread cannot know how many lines come before, so the caller shifts each piece's
 * profile (`shiftLines`) as it merges them in file order.
 */
export interface RangesTask extends TaskSettings {
  readonly kind: "ranges";
  readonly path: string;
  readonly ranges: readonly (readonly [number, number])[];
  /** The threads' shared `RangeBoard` (made by `RangeBoard.create`). */
  readonly board: SharedArrayBuffer;
  /** Bytes a thread reads of a piece at a time; a piece is split only when it has two of these left to read. */
  readonly claimBytes: number;
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

/** The profile of one piece of a `RangesTask`, by the byte offset it starts at. */
export interface RangeResult extends TaskResult {
  readonly start: number;
}

/** What a thread made of a `RangesTask`: the pieces it read, each profiled on its own. */
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
  for (let index = bytes.indexOf(newline, 0); index !== -1; index = bytes.indexOf(newline, index + 1)) lines += 1;
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
    const [{ ItemProfiler }, { readExportItems }] = await Promise.all([
      import("./table-profile.js"),
      import("./table-source.js"),
    ]);
    const items = new ItemProfiler(task.source, ceilings);
    await readExportItems([fileInput(task.path, task.file)], items, task.maxLineLength);
    const profile = items.profile();
    ceilings?.learn(profile.types);
    return { profile, lines: 0, notItems: items.notItems() };
  }
  if (task.kind === "scan") return profileSegment(task, ceilings);
  if (task.kind === "check")
    return { profile: emptyProfile(), lines: 0, check: await (await import("./table-check-task.js")).checkTask(task) };
  // A batch's line count is known to the caller.
  return { profile: await profileLines(task, once(task.bytes), task.firstLine - 1, ceilings), lines: 0 };
}

/**
 * Takes ranges of the task's file, one after another, until every range is taken (by this thread or another), then
 * takes over the unread halves of other threads' pieces until none is worth splitting, and profiles each piece on its
 * own. `onRead` is told the bytes this thread has read so far.
 * @example const { ranges } = await takeRanges({ kind: "ranges", id: 1, file: "a.ndjson", path: "a.ndjson", ranges: [[0, 4096]], board: RangeBoard.create([[0, 4096]]), claimBytes: 1 << 20, maxDepth: 4, maxLineLength: 1 << 20 });
 */
export async function takeRanges(
  task: RangesTask,
  onRead?: (bytes: number) => void,
  ceilings?: SampleCeilings,
): Promise<RangesResult> {
  const board = new RangeBoard(task.board);
  const ranges: RangeResult[] = [];
  let read = 0;
  const handle = await open(task.path, "r");
  try {
    for (let piece = board.take() ?? (await steal(board, handle, task.claimBytes)); piece !== undefined;) {
      // A piece's line count is counted as it is read.
      let lines = 0;
      const chunks = pieceChunks(handle, board, piece, task.claimBytes, (chunk) => {
        lines += countLines(chunk);
        read += chunk.length;
        onRead?.(read);
      });
      ranges.push({ start: board.start(piece), profile: await profileLines(task, chunks, 0, ceilings), lines });
      piece = board.take() ?? (await steal(board, handle, task.claimBytes));
    }
  } finally {
    await handle.close();
  }
  return { ranges };
}

/**
 * Splits the piece with the most bytes left to read (at least two claims' worth) at the first line start in the
 * second half of what is left, and returns the new piece (the part after the cut), or undefined when no piece is
 * worth splitting. The cut is found by reading the file, outside the board's lock: if the piece's owner has read
 * past it meanwhile, the next largest is tried.
 */
async function steal(board: RangeBoard, handle: FileHandle, claimBytes: number): Promise<number | undefined> {
  for (let victim = board.largest(2 * claimBytes); victim !== undefined; victim = board.largest(2 * claimBytes)) {
    const { claimed, end } = board.left(victim);
    const cut = await lineStartFrom(handle, claimed + Math.floor((end - claimed) / 2) - 1, end);
    // No line starts in the second half: one line covers it, and the piece stays whole (so does every other piece
    // this thread would try next, which are smaller or being read).
    if (cut >= end) return undefined;
    const piece = board.split(victim, cut);
    if (piece !== undefined) return piece;
  }
  return undefined;
}

/**
 * The unread part of each piece of a file's ranges, in memory that the threads of a run share: a piece's start, the
 * end of what its owner has claimed (read or about to be), and its end. A piece's owner claims its next bytes and a
 * thread with nothing left splits another's piece under one lock (a few operations, never held across a read), so a
 * split never cuts what the owner has claimed: the owner stops at the new end, and the thread that split it reads on
 * from there. Ranges are the first pieces, taken in turn with a shared counter.
 * @example const board = new RangeBoard(RangeBoard.create([[0, 100]])); board.take(); board.claim(0, 40); board.split(0, 70) //=> 1 (the piece [70, 100))
 */
export class RangeBoard {
  /** `[lock, ranges taken, pieces, ranges]`. */
  private readonly counters: Int32Array;
  /** Per piece: start, claimed, end (byte offsets: files pass 2 GiB). */
  private readonly offsets: Float64Array;

  /**
   * A board for the ranges, with room for `splits` more pieces.
   * @example const board = RangeBoard.create([[0, 4096], [4096, 9000]]);
   */
  static create(ranges: readonly (readonly [number, number])[], splits = 1024): SharedArrayBuffer {
    const pieces = ranges.length + splits;
    const shared = new SharedArrayBuffer(
      4 * Int32Array.BYTES_PER_ELEMENT + 3 * pieces * Float64Array.BYTES_PER_ELEMENT,
    );
    const board = new RangeBoard(shared);
    board.counters[2] = ranges.length;
    board.counters[3] = ranges.length;
    for (const [index, [start, end]] of ranges.entries()) board.offsets.set([start, start, end], 3 * index);
    return shared;
  }

  constructor(shared: SharedArrayBuffer) {
    this.counters = new Int32Array(shared, 0, 4);
    this.offsets = new Float64Array(shared, 4 * Int32Array.BYTES_PER_ELEMENT);
  }

  /** The next range no thread has taken, or undefined. */
  take(): number | undefined {
    const index = Atomics.add(this.counters, 1, 1);
    return index < Atomics.load(this.counters, 3) ? index : undefined;
  }

  /** Where the piece starts in the file. */
  start(piece: number): number {
    return this.locked(() => this.offsets[3 * piece] as number);
  }

  /** Claims the piece's next `bytes` (fewer at its end) for its owner: `[from, to)`, or undefined once all are. */
  claim(piece: number, bytes: number): readonly [number, number] | undefined {
    return this.locked(() => {
      const from = this.offsets[3 * piece + 1] as number;
      const to = Math.min(from + bytes, this.offsets[3 * piece + 2] as number);
      if (from >= to) return undefined;
      this.offsets[3 * piece + 1] = to;
      return [from, to] as const;
    });
  }

  /** What is left of the piece: its claimed end and its end. */
  left(piece: number): { readonly claimed: number; readonly end: number } {
    return this.locked(() => ({
      claimed: this.offsets[3 * piece + 1] as number,
      end: this.offsets[3 * piece + 2] as number,
    }));
  }

  /** The taken piece with the most bytes not yet claimed, if at least `least`. */
  largest(least: number): number | undefined {
    return this.locked(() => {
      // Ranges not yet taken are read by whoever takes them; pieces split off are taken by the splitter.
      const taken = Math.min(this.counters[1] as number, this.counters[3] as number);
      let best: number | undefined;
      let most = least - 1;
      for (let piece = 0; piece < (this.counters[2] as number); piece++) {
        if (piece >= taken && piece < (this.counters[3] as number)) continue;
        const left = (this.offsets[3 * piece + 2] as number) - (this.offsets[3 * piece + 1] as number);
        if (left > most) [best, most] = [piece, left];
      }
      return best;
    });
  }

  /**
   * Ends the piece at `cut` and returns a new piece from `cut` to its old end, for the caller to read; undefined
   * when its owner has claimed past `cut` meanwhile, or the board is full.
   */
  split(piece: number, cut: number): number | undefined {
    return this.locked(() => {
      const pieces = this.counters[2] as number;
      const end = this.offsets[3 * piece + 2] as number;
      if (cut <= (this.offsets[3 * piece + 1] as number) || cut >= end || 3 * (pieces + 1) > this.offsets.length)
        return undefined;
      this.offsets[3 * piece + 2] = cut;
      this.offsets.set([cut, cut, end], 3 * pieces);
      this.counters[2] = pieces + 1;
      return pieces;
    });
  }

  /**
   * Runs `inside` holding the board's lock. Held for a few reads and writes of memory, so a thread that finds it
   * taken spins; Atomics' sequential consistency orders the offsets' plain reads and writes with the lock's.
   */
  private locked<TResult>(inside: () => TResult): TResult {
    while (Atomics.compareExchange(this.counters, 0, 0, 1) !== 0) Atomics.wait(this.counters, 0, 1, 1);
    try {
      return inside();
    } finally {
      Atomics.store(this.counters, 0, 0);
      Atomics.notify(this.counters, 0, 1);
    }
  }
}

/** Profiles whole lines, numbered from `offset` + 1, into a profile of their own. */
async function profileLines(
  task: BatchTask | RangesTask,
  chunks: AsyncIterable<Uint8Array>,
  offset: number,
  ceilings: SampleCeilings | undefined,
): Promise<Profile> {
  const profiler = new Profiler({ maxDepth: task.maxDepth }, ceilings);
  await readRecords(chunks, profiler.sinkFor(task.file, offset), {
    maxLineLength: task.maxLineLength,
    linesOnly: true,
  });
  const profile = profiler.toProfile();
  ceilings?.learn(profile.types);
  return profile;
}

/** Scans one segment with a client of its own into the profile of its items. */
async function profileSegment(task: ScanTask, ceilings: SampleCeilings | undefined): Promise<TaskResult> {
  const [{ ItemProfiler }, { scanSegment }] = await Promise.all([
    import("./table-profile.js"),
    import("./table-source.js"),
  ]);
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
 * The bytes of a piece of the board, claimed `claimBytes` at a time until its end (which another thread may move
 * closer meanwhile) and read into fresh buffers, each passed to `onChunk` before it is yielded.
 */
async function* pieceChunks(
  handle: FileHandle,
  board: RangeBoard,
  piece: number,
  claimBytes: number,
  onChunk: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  for (let claim = board.claim(piece, claimBytes); claim !== undefined; claim = board.claim(piece, claimBytes)) {
    for (let [position, end] = claim; position < end;) {
      const buffer = Buffer.allocUnsafe(Math.min(rangeChunkBytes, end - position));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      // The file shrank under us: what is left of the piece is gone, as a stream would end early.
      if (bytesRead === 0) return;
      position += bytesRead;
      const chunk = buffer.subarray(0, bytesRead);
      onChunk(chunk);
      yield chunk;
    }
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
    const end = buffer.subarray(0, bytesRead).indexOf(newline, 0);
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
