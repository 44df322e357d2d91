/**
 * A JSON line read from its UTF-8 bytes into a tape of tokens (offsets, no objects, no decoding), for the profiler to
 * walk in place of `JSON.parse`'s value (see `Profiler.addBytes`). A sound validator of the JSON it accepts: whatever
 * it accepts, `JSON.parse` accepts and reads the same way, so a line it refuses goes to the decoder and `JSON.parse`,
 * errors and all. It refuses what it does not read as `JSON.parse` would or at all: a byte from 0x80 up (the line is
 * then not its characters), escapes, control characters, keys that start with a digit (an array index comes first in
 * `JSON.parse`'s object, whatever its place), whitespace other than spaces, deep nesting, too many tokens.
 */

/**
 * The mix of the characters `codes[start, end)` (a line's bytes, or a string's character codes) that key-shape.ts's
 * `rangeMix` gives of the same characters in a string: the tape's names and the key scratch's segments hash alike.
 * @example codesMix(Buffer.from("TENANT#t1"), 7, 9) === rangeMix("t1", 0, 2) //=> true
 */
export function codesMix(codes: Uint8Array | Uint16Array, start: number, end: number): number {
  const last = end - start - 1;
  if (last < 0) return -1;
  const before = last > 0 ? (codes[start + last - 1] as number) : 0;
  return ((codes[start + last] as number) << 16) ^ ((codes[start + (last >> 1)] as number) << 8) ^ before ^ last;
}

// The kinds of tape token.
export const objectStart = 1;
export const objectEnd = 2;
export const arrayStart = 3;
export const arrayEnd = 4;
export const keyToken = 5;
export const stringToken = 6;
export const numberToken = 7;
export const trueToken = 8;
export const falseToken = 9;
export const nullToken = 10;

/** Nesting deeper than this is left to `JSON.parse`. */
const maxNesting = 64;
/** Tokens the tape holds; a line with more is left to `JSON.parse`. */
const tapeLength = 1 << 15;

/**
 * The tokens of one line, reused from line to line. Token `t` has a kind; a key, string or number spans
 * `bytes[starts[t], ends[t])` (a string's without its quotes); an object's or array's start token has in `ends[t]` the
 * index of its end token. A number's value is in `numbers[t]` when it is a plain integer of 15 digits at most (exact as
 * a double), NaN otherwise (see `numberAt`). ASCII only, so a string's bytes are its characters.
 */
export class ByteTape {
  /** The bytes the line is in (a chunk of the input). */
  bytes: Uint8Array = new Uint8Array(0);
  /** `bytes` read four at a time (see `byteStringEnd`), made once per chunk. */
  private words: DataView = new DataView(this.bytes.buffer);
  readonly kinds: Uint8Array = new Uint8Array(tapeLength);
  readonly starts: Int32Array = new Int32Array(tapeLength);
  readonly ends: Int32Array = new Int32Array(tapeLength);
  readonly numbers: Float64Array = new Float64Array(tapeLength);
  /** The open containers' start tokens. */
  private readonly open = new Int32Array(maxNesting);

  /**
   * Reads a line of every token kind a few times, from two buffers in turn: feedback before optimisation. `read` is a
   * thread's largest hot function, and TurboFan compiled it three times in every isolate (a worker's and the calling
   * thread's): optimised during the first chunk of input, it was deoptimised by the switch to the second chunk (the
   * branch that takes a new chunk runs once per chunk, never between V8 giving `read` its feedback and optimising it),
   * then by the corpus's first `null`. V8 gives a function its feedback only after its first calls, hence several
   * reads (docs/benchmarks-audit.md, session s14).
   */
  constructor() {
    for (let round = 0; round < warmUpReads; round++) {
      const line = warmUpLines[round % warmUpLines.length] as Uint8Array;
      this.read(line, 0, line.length);
    }
  }

  /** The token after the value at `token` (past its end token for an object or array). */
  after(token: number): number {
    const kind = this.kinds[token];
    return kind === objectStart || kind === arrayStart ? (this.ends[token] as number) + 1 : token + 1;
  }

  /** The number at `token`, as `JSON.parse` reads it (`Number` reads JSON's number grammar alike). */
  numberAt(token: number): number {
    const value = this.numbers[token] as number;
    return value === value ? value : Number(this.stringAt(token));
  }

  /** Whether the key or string at `token` is `name`, compared in place. */
  is(token: number, name: string): boolean {
    const start = this.starts[token] as number;
    if ((this.ends[token] as number) - start !== name.length) return false;
    const bytes = this.bytes;
    for (let index = 0; index < name.length; index++) if (bytes[start + index] !== name.charCodeAt(index)) return false;
    return true;
  }

  /** Whether the key or string at `token` is `other[from, to)`, compared in place. */
  isBytes(token: number, other: Uint8Array, from: number, to: number): boolean {
    const start = this.starts[token] as number;
    if ((this.ends[token] as number) - start !== to - from) return false;
    const bytes = this.bytes;
    for (let index = from; index < to; index++) if (bytes[start + index - from] !== other[index]) return false;
    return true;
  }

  /** The key, string or number at `token`, as a string. */
  stringAt(token: number): string {
    return latin1Slice.call(this.bytes, this.starts[token] as number, this.ends[token] as number);
  }

  /** The `rangeMix` of the string at `token`: the same as its string's. */
  mix(token: number): number {
    return codesMix(this.bytes, this.starts[token] as number, this.ends[token] as number);
  }

  /** A 32-bit FNV-1a hash of the string at `token`'s characters. */
  hash(token: number): number {
    const bytes = this.bytes;
    const end = this.ends[token] as number;
    let hash = 0x811c9dc5;
    for (let index = this.starts[token] as number; index < end; index++)
      hash = Math.imul(hash ^ (bytes[index] as number), 0x01000193);
    return hash >>> 0;
  }

  /** The byte at `index` of the line: a character, the line being ASCII. */
  codeAt(index: number): number {
    return this.bytes[index] as number;
  }

  /** `mayBeKeyShaped` of the string at `token`. */
  mayBeKey(token: number): boolean {
    const start = this.starts[token] as number;
    const end = this.ends[token] as number;
    const bytes = this.bytes;
    const first = bytes[start] as number;
    if (start === end || first < 65 || first > 90) return false;
    for (let index = start + 1; index < end; index++) if (bytes[index] === 0x23) return true;
    return false;
  }

  /** Whether the string at `token` starts with `arn:` or `/` (see `isPathLike`). */
  pathLike(token: number): boolean {
    const start = this.starts[token] as number;
    const length = (this.ends[token] as number) - start;
    const bytes = this.bytes;
    if (length > 0 && bytes[start] === 0x2f) return true;
    return (
      length >= 4 &&
      bytes[start] === 0x61 &&
      bytes[start + 1] === 0x72 &&
      bytes[start + 2] === 0x6e &&
      bytes[start + 3] === 0x3a
    );
  }

  /** Reads the line `bytes[from, to)` into the tape: false when it is not JSON, or JSON left to `JSON.parse`. */
  read(bytes: Uint8Array, from: number, to: number): boolean {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    const words = this.words;
    const kinds = this.kinds;
    const starts = this.starts;
    const ends = this.ends;
    const open = this.open;
    let at = from;
    while (bytes[at] === 0x20) at += 1;
    let token = 0;
    let depth = 0;
    for (;;) {
      // A value starts at `at`, if the tape has room for it (two tokens: `{}`) and for the end tokens of the containers
      // still open, which the loop after a value writes unchecked.
      if (token >= tapeLength - 1 - maxNesting || at >= to) return false;
      let code = bytes[at] as number;
      if (code === 0x22) {
        const end = byteStringEnd(bytes, words, at + 1, to);
        if (end === -1) return false;
        kinds[token] = stringToken;
        starts[token] = at + 1;
        ends[token] = end;
        token += 1;
        at = end + 1;
      } else if (code === 0x7b || code === 0x5b) {
        if (depth === maxNesting) return false;
        const object = code === 0x7b;
        kinds[token] = object ? objectStart : arrayStart;
        open[depth++] = token++;
        at += 1;
        while (bytes[at] === 0x20) at += 1;
        // The line's bytes only: what follows it in the buffer is another line's.
        if (at >= to) return false;
        code = bytes[at] as number;
        if (code === (object ? 0x7d : 0x5d)) {
          kinds[token] = object ? objectEnd : arrayEnd;
          ends[open[--depth] as number] = token++;
          at += 1;
        } else if (object) {
          at = this.key(bytes, words, at, to, token++);
          if (at === -1) return false;
          continue;
        } else continue;
      } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
        at = this.number(bytes, at, token++);
        if (at === -1) return false;
      } else if (code === 0x74 && bytes[at + 1] === 0x72 && bytes[at + 2] === 0x75 && bytes[at + 3] === 0x65) {
        kinds[token++] = trueToken;
        at += 4;
      } else if (
        code === 0x66 &&
        bytes[at + 1] === 0x61 &&
        bytes[at + 2] === 0x6c &&
        bytes[at + 3] === 0x73 &&
        bytes[at + 4] === 0x65
      ) {
        kinds[token++] = falseToken;
        at += 5;
      } else if (code === 0x6e && bytes[at + 1] === 0x75 && bytes[at + 2] === 0x6c && bytes[at + 3] === 0x6c) {
        kinds[token++] = nullToken;
        at += 4;
      } else return false;
      // After a value: a comma and the next value (or key), or the ends of containers.
      for (;;) {
        while (bytes[at] === 0x20) at += 1;
        if (depth === 0) return at === to;
        if (at >= to) return false;
        code = bytes[at] as number;
        const container = open[depth - 1] as number;
        const inObject = kinds[container] === objectStart;
        if (code === 0x2c) {
          at += 1;
          while (bytes[at] === 0x20) at += 1;
          if (inObject) {
            if (token >= tapeLength - 1) return false;
            at = this.key(bytes, words, at, to, token++);
            if (at === -1) return false;
          }
          break;
        }
        if (code !== (inObject ? 0x7d : 0x5d)) return false;
        kinds[token] = inObject ? objectEnd : arrayEnd;
        ends[container] = token++;
        depth -= 1;
        at += 1;
      }
    }
  }

  /** Reads a key and its colon at `at` into token `token`; the index of its value, or -1. */
  private key(bytes: Uint8Array, words: DataView, at: number, to: number, token: number): number {
    const first = bytes[at + 1] as number;
    if (bytes[at] !== 0x22 || (first >= 0x30 && first <= 0x39)) return -1;
    const end = byteStringEnd(bytes, words, at + 1, to);
    if (end === -1) return -1;
    this.kinds[token] = keyToken;
    this.starts[token] = at + 1;
    this.ends[token] = end;
    let colon = end + 1;
    while (bytes[colon] === 0x20) colon += 1;
    if (colon >= to || bytes[colon] !== 0x3a) return -1;
    colon += 1;
    while (bytes[colon] === 0x20) colon += 1;
    return colon;
  }

  /** Reads a number (JSON's grammar) at `at` into token `token`; the index after it, or -1. */
  private number(bytes: Uint8Array, at: number, token: number): number {
    const start = at;
    let code = bytes[at] as number;
    if (code === 0x2d) code = bytes[++at] as number;
    let value = 0;
    if (code === 0x30) code = bytes[++at] as number;
    else if (code >= 0x31 && code <= 0x39) {
      do {
        value = value * 10 + (code - 0x30);
        code = bytes[++at] as number;
      } while (code >= 0x30 && code <= 0x39);
    } else return -1;
    let plain = true;
    if (code === 0x2e) {
      plain = false;
      at = byteDigits(bytes, at + 1);
      if (at === -1) return -1;
      code = bytes[at] as number;
    }
    if (code === 0x65 || code === 0x45) {
      plain = false;
      code = bytes[++at] as number;
      if (code === 0x2b || code === 0x2d) at += 1;
      at = byteDigits(bytes, at);
      if (at === -1) return -1;
    }
    this.kinds[token] = numberToken;
    this.starts[token] = start;
    this.ends[token] = at;
    const negative = bytes[start] === 0x2d;
    // 15 digits at most: the value summed digit by digit is then exact.
    this.numbers[token] = plain && at - start - (negative ? 1 : 0) <= 15 ? (negative ? -value : value) : Number.NaN;
    return at;
  }
}

/**
 * Node's Buffer method that makes a string of one-byte characters, without `toString`'s argument checks; it takes any
 * `Uint8Array` as `this`, and the tape's declarations name no `Buffer` (a consumer may have no Node types).
 */
/** See the `ByteTape` constructor: every token kind, strings shorter and longer than a word, nested containers. */
const warmUpText = '{"a": "xy", "bcdefgh": ["ijklmnopq", -1.5e3, 0, 12, true, false, null, [], {}], "r": {"s": null}}';
const warmUpLines: readonly Uint8Array[] = [Buffer.from(warmUpText, "latin1"), Buffer.from(warmUpText, "latin1")];
const warmUpReads = 16;

const latin1Slice = (
  Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, start: number, end: number): string }
).latin1Slice;

/** The bytes that end a string's plain run (see `byteStringEnd`): its quote, an escape, a control or non-ASCII byte. */
const stringStops = new Uint8Array(256).map((_, code) =>
  code === 0x22 || code === 0x5c || code < 0x20 || code >= 0x80 ? 1 : 0,
);

/**
 * The index of the quote ending the string from `at` (before `to`), or -1: none, an escape, a control or non-ASCII byte.
 * `words` is `bytes` as a DataView. Four bytes at a time while none of them stops the string, tested at once (SWAR):
 * in each byte of the word, a subtraction sets the top bit when the byte is below what is subtracted, and borrows into
 * the byte above only from such a byte, so the word's test is true exactly when a byte of it is below 0x20, is 0x22 or
 * 0x5c (xor makes that byte 0, below 1), or is from 0x80 up (its own top bit); the stopping byte is then found one at a
 * time, within the word. A string's bytes are most of a line's: the tokenizer 0.72–0.85× the byte-by-byte loop's
 * time on the bench corpus.
 */
function byteStringEnd(bytes: Uint8Array, words: DataView, at: number, to: number): number {
  for (; at + 4 <= to; at += 4) {
    const word = words.getUint32(at, true);
    const stops = (word - 0x20202020) | ((word ^ 0x22222222) - 0x01010101) | ((word ^ 0x5c5c5c5c) - 0x01010101) | word;
    if ((stops & 0x80808080) !== 0) break;
  }
  for (; at < to; at++) {
    const code = bytes[at] as number;
    if (stringStops[code] === 1) return code === 0x22 ? at : -1;
  }
  return -1;
}

/** The index after one or more digits from `at`, or -1 when there is none. */
function byteDigits(bytes: Uint8Array, at: number): number {
  let code = bytes[at] as number;
  if (!(code >= 0x30 && code <= 0x39)) return -1;
  do code = bytes[++at] as number;
  while (code >= 0x30 && code <= 0x39);
  return at;
}
