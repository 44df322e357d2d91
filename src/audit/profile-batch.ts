/**
 * One batch of whole NDJSON lines, profiled with its lines numbered as in the input: the unit of work of
 * `--workers` (workers.ts), run on a worker thread (profile-worker.ts) or, for a small input, in place.
 */
import { type Profile, Profiler } from "./profile.js";
import { type RecordSink, readRecords } from "./reader.js";

/** One batch of whole lines of one input. */
export interface BatchTask {
  readonly id: number;
  readonly file: string;
  /** The 1-based line number of the batch's first line in the input. */
  readonly firstLine: number;
  readonly bytes: Uint8Array;
  readonly maxDepth: number;
  readonly maxLineLength: number;
}

/** The profile of a batch, or why it failed. */
export type BatchReply =
  { readonly id: number; readonly profile: Profile } | { readonly id: number; readonly error: string };

/**
 * Profiles one batch, as `profileInputs` profiles those lines in place (a batch is always read as lines).
 * @example const profile = await profileBatch({ id: 1, file: "a.ndjson", firstLine: 1, bytes, maxDepth: 4, maxLineLength: 1 << 20 });
 */
export async function profileBatch(task: BatchTask): Promise<Profile> {
  const profiler = new Profiler({ maxDepth: task.maxDepth });
  const sink = profiler.sinkFor(task.file);
  const offset = task.firstLine - 1;
  const shifted: RecordSink =
    offset === 0
      ? sink
      : {
          record: (value, line) => sink.record(value, line + offset),
          badLine: (reason, line) => sink.badLine(reason, line + offset),
        };
  await readRecords(once(task.bytes), shifted, { maxLineLength: task.maxLineLength, linesOnly: true });
  return profiler.toProfile();
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
