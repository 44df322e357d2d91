/**
 * Reads and profiles named inputs (files, stdin, any byte stream) into one profile.
 */
import { createReadStream } from "node:fs";
import {
  defaultProfilerOptions,
  type Profile,
  Profiler,
  type ProfilerOptions,
  type ProfileSettings,
  profileLimits,
} from "./profile.js";
import { fingerprinted, type InputFingerprint } from "./input-fingerprint.js";
import { isSystemError, readFailure } from "./input-error.js";
import { defaultMaxLineLength, readRecords } from "./reader.js";

/** A named input: a file, stdin, or anything that yields bytes. */
export interface AuditInput {
  readonly name: string;
  readonly chunks: AsyncIterable<Uint8Array>;
  /**
   * The file the chunks are read from, if the input is one: `--workers` then cuts a plain NDJSON file into byte
   * ranges that each worker reads itself, instead of streaming it through the calling thread.
   */
  readonly path?: string;
}

/**
 * The input of a file, opened only when it is read (so a file that workers read by ranges is never streamed).
 * @example const profile = await profileInputsInParallel([fileInput("events.ndjson")], { ...defaultProfileInputsOptions, workers: 2 });
 */
export function fileInput(path: string, name: string = path): AuditInput {
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => createReadStream(path, { highWaterMark: 1 << 20 })[Symbol.asyncIterator](),
  };
  return { name, path, chunks };
}

/** Settings for reading and profiling inputs. */
export interface ProfileInputsOptions extends ProfilerOptions {
  readonly maxLineLength: number;
  /** Called with the input name and the bytes (as stored, before gunzip) read from it so far. */
  readonly onProgress?: (name: string, bytes: number) => void;
}

/** Default reading and profiling settings. */
export const defaultProfileInputsOptions: ProfileInputsOptions = {
  ...defaultProfilerOptions,
  maxLineLength: defaultMaxLineLength,
};

/**
 * The settings a profile made with `options` records (see `ProfileSettings`).
 * @example profileSettings(defaultProfileInputsOptions).maxDepth //=> 4
 */
export function profileSettings(options: ProfileInputsOptions): ProfileSettings {
  return { maxDepth: options.maxDepth, maxLineLength: options.maxLineLength, limits: profileLimits };
}

/** The profile of a run over `inputs`: the merged profile of its pieces, with what it was made with and of. */
export function runProfile(
  pieces: Profile,
  options: ProfileInputsOptions,
  inputs: readonly InputFingerprint[],
): Profile {
  return { ...pieces, settings: profileSettings(options), inputs: [...inputs] };
}

/**
 * Reads and profiles the inputs one after another, streaming, into one profile.
 * @example const profile = await profileInputs([{ name: "events.ndjson", chunks: createReadStream("events.ndjson") }]);
 */
export async function profileInputs(
  inputs: readonly AuditInput[],
  options: ProfileInputsOptions = defaultProfileInputsOptions,
): Promise<Profile> {
  const profiler = new Profiler(options);
  const fingerprints: InputFingerprint[] = [];
  for (const input of inputs) {
    const onProgress = options.onProgress;
    const read = fingerprinted(input.name, input.chunks);
    const chunks =
      onProgress === undefined ? read.chunks : counted(read.chunks, (bytes) => onProgress(input.name, bytes));
    // A file that passed stat but cannot be read (EACCES, EIO) is an input error naming it, not a crash.
    await readRecords(chunks, profiler.sinkFor(input.name), { maxLineLength: options.maxLineLength }).catch(
      (error: unknown) => {
        throw isSystemError(error) ? readFailure(input.name, error) : error;
      },
    );
    fingerprints.push(read.fingerprint());
  }
  return runProfile(profiler.toProfile(), options, fingerprints);
}

/** Passes the chunks through, reporting the bytes read so far after each. */
export async function* counted(
  chunks: AsyncIterable<Uint8Array>,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    onBytes(bytes);
    yield chunk;
  }
}
