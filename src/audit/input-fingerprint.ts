/**
 * How a profile names each input it counted, so that an input is never counted twice (a file given with a profile
 * made from it) while two inputs of the same content (two shards of empty batches) both count: its name, its size
 * and a hash of its first and last bytes. Hashing only the edges keeps it off the hot path: a file's edges are read
 * apart (two small reads), a stream's are copied as it passes (the tail's few KiB of each chunk).
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { count, listed } from "./words.js";

/** An input as a profile records it. */
export interface InputFingerprint {
  /** The input's name, as the profile's locations give it. */
  readonly name: string;
  /** Its size as stored (a gzip file's compressed bytes). */
  readonly bytes: number;
  /** SHA-256 (hex) of its first 64 KiB and its last 4 KiB after them (the whole of a small input). */
  readonly edges: string;
}

/** Bytes hashed at the start of an input: copied once from a stream. */
const headBytes = 64 << 10;
/**
 * Bytes hashed at its end. Small, since a stream's last bytes are copied from every chunk (docs/benchmarks-audit.md,
 * input fingerprints).
 */
const tailBytes = 4 << 10;

/** Whether two fingerprints are the same input: the same name, size and edges. */
export function sameInput(left: InputFingerprint, right: InputFingerprint): boolean {
  return left.name === right.name && left.bytes === right.bytes && left.edges === right.edges;
}

/**
 * Why the profile `profile` cannot be merged where `counting` counts its input `shared` already, and how to fix it;
 * `fresh`: the names of the inputs it counts that are not counted yet. Its events cannot be told apart by input, so
 * neither merging it (`shared` would count twice) nor leaving it out (`fresh` would not count) is right.
 * @example overlappingInputs("ab.profile.json", "b.ndjson", "b.profile.json", ["a.ndjson"])
 * //=> "ab.profile.json counts b.ndjson, which b.profile.json counts already, and 1 other input (a.ndjson): merge …"
 */
export function overlappingInputs(profile: string, shared: string, counting: string, fresh: readonly string[]): string {
  const others = listed(fresh);
  return fresh.length === 0
    ? `${profile} counts ${shared}, which ${counting} counts already: merge profiles of disjoint inputs (leave one of the two out)`
    : `${profile} counts ${shared}, which ${counting} counts already, and ${count(fresh.length, "other input")} (${others}): merge profiles of disjoint inputs (leave one of the two out, or profile ${others} apart)`;
}

function edgesHash(head: Uint8Array, tail: Uint8Array): string {
  return createHash("sha256").update(head).update(tail).digest("hex");
}

/** Reads `length` bytes at `position` (a read may return fewer than asked). */
async function readAt(file: Awaited<ReturnType<typeof open>>, length: number, position: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  for (let done = 0; done < length;) {
    const { bytesRead } = await file.read(bytes, done, length - done, position + done);
    if (bytesRead === 0) return bytes.subarray(0, done);
    done += bytesRead;
  }
  return bytes;
}

/**
 * The fingerprint of a file, named `name`, from its size and two reads at its ends.
 * @example await fingerprintFile("events.ndjson") //=> { name: "events.ndjson", bytes: 5123456, edges: "9f2c…" }
 */
export async function fingerprintFile(path: string, name: string = path): Promise<InputFingerprint> {
  const file = await open(path);
  try {
    const { size } = await file.stat();
    const head = await readAt(file, Math.min(size, headBytes), 0);
    const tailLength = Math.min(size - head.length, tailBytes);
    const tail = await readAt(file, tailLength, size - tailLength);
    return { name, bytes: size, edges: edgesHash(head, tail) };
  } finally {
    await file.close();
  }
}

/**
 * The edges of a stream, as it passes. The bytes are copied (the tail's at most `tailBytes` of each chunk, into a
 * buffer of its own): a chunk's buffer may be handed to a worker thread (transferred) once it has passed.
 */
class StreamEdges {
  bytes = 0;
  private readonly head = new Uint8Array(headBytes);
  private headLength = 0;
  private readonly tail = new Uint8Array(tailBytes);
  private tailLength = 0;

  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    const toHead = Math.min(headBytes - this.headLength, chunk.length);
    this.head.set(chunk.subarray(0, toHead), this.headLength);
    this.headLength += toHead;
    const rest = chunk.subarray(Math.max(toHead, chunk.length - tailBytes));
    if (rest.length === 0) return;
    // The last `tailBytes` of what came after the head: what is kept of the tail, moved to the front, then the rest.
    const kept = Math.min(this.tailLength, tailBytes - rest.length);
    this.tail.copyWithin(0, this.tailLength - kept, this.tailLength);
    this.tail.set(rest, kept);
    this.tailLength = kept + rest.length;
  }

  hash(): string {
    return edgesHash(this.head.subarray(0, this.headLength), this.tail.subarray(0, this.tailLength));
  }
}

/**
 * Passes `chunks` through, fingerprinting them as `fingerprintFile` does a file of the same bytes; `fingerprint()`
 * is complete once they are read.
 * @example const watched = fingerprinted("stdin", process.stdin); await profile(watched.chunks); watched.fingerprint()
 */
export function fingerprinted(
  name: string,
  chunks: AsyncIterable<Uint8Array>,
): { readonly chunks: AsyncIterable<Uint8Array>; fingerprint(): InputFingerprint } {
  const edges = new StreamEdges();
  const note = (result: IteratorResult<Uint8Array>): IteratorResult<Uint8Array> => {
    if (result.done !== true) edges.add(result.value);
    return result;
  };
  // An iterator that notes each chunk as its promise settles: an async generator around the chunks cost 3× as much.
  const passing = (): AsyncIterator<Uint8Array> => {
    const inner = chunks[Symbol.asyncIterator]();
    return {
      next: () => inner.next().then(note),
      return: async (value?: unknown) => (await inner.return?.(value)) ?? { done: true, value: undefined },
    };
  };
  return {
    chunks: { [Symbol.asyncIterator]: passing },
    fingerprint: () => ({ name, bytes: edges.bytes, edges: edges.hash() }),
  };
}
