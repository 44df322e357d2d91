/**
 * How a profile names each input it counted, so that an input is never counted twice (a file given with a profile
 * made from it) while two inputs of the same content (two shards of empty batches) both count: its name, its size
 * and a hash of its first and last bytes. Hashing only the edges keeps it off the hot path: a file's edges are read
 * apart (two reads of 64 KiB), a stream's are copied as it passes.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

/** An input as a profile records it. */
export interface InputFingerprint {
  /** The input's name, as the profile's locations give it. */
  readonly name: string;
  /** Its size as stored (a gzip file's compressed bytes). */
  readonly bytes: number;
  /** SHA-256 (hex) of its first `edgeBytes` bytes and its last `edgeBytes` after them (the whole of a small input). */
  readonly edges: string;
}

/** Bytes hashed at each end of an input. */
const edgeBytes = 64 << 10;

/** Whether two fingerprints are the same input: the same name, size and edges. */
export function sameInput(left: InputFingerprint, right: InputFingerprint): boolean {
  return left.name === right.name && left.bytes === right.bytes && left.edges === right.edges;
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
    const head = await readAt(file, Math.min(size, edgeBytes), 0);
    const tailLength = Math.min(size - head.length, edgeBytes);
    const tail = await readAt(file, tailLength, size - tailLength);
    return { name, bytes: size, edges: edgesHash(head, tail) };
  } finally {
    await file.close();
  }
}

/**
 * The edges of a stream, as it passes. The bytes are copied (at most `edgeBytes` a chunk): a chunk's buffer may be
 * handed to a worker thread (transferred) once it has passed.
 */
class StreamEdges {
  bytes = 0;
  private readonly head = new Uint8Array(edgeBytes);
  private headLength = 0;
  private tail = new Uint8Array(0);

  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    const toHead = Math.min(edgeBytes - this.headLength, chunk.length);
    this.head.set(chunk.subarray(0, toHead), this.headLength);
    this.headLength += toHead;
    const rest = chunk.subarray(toHead);
    if (rest.length === 0) return;
    // The last `edgeBytes` of what came after the head: what is kept of the tail, then the rest.
    const kept = Math.min(this.tail.length, edgeBytes - Math.min(rest.length, edgeBytes));
    const tail = new Uint8Array(kept + Math.min(rest.length, edgeBytes));
    tail.set(this.tail.subarray(this.tail.length - kept), 0);
    tail.set(rest.subarray(rest.length - (tail.length - kept)), kept);
    this.tail = tail;
  }

  hash(): string {
    return edgesHash(this.head.subarray(0, this.headLength), this.tail);
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
  async function* passing(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      edges.add(chunk);
      yield chunk;
    }
  }
  return {
    chunks: { [Symbol.asyncIterator]: passing },
    fingerprint: () => ({ name, bytes: edges.bytes, edges: edges.hash() }),
  };
}
