/**
 * The corpus reader: NDJSON or JSON arrays, optionally gzip, split into records in bounded memory.
 */
import { Readable, pipeline } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { concatenatedObjects } from "./concatenated-json.js";

/** The skip reasons that name a valid JSON value which is no event, by what it looks like. */
const notEventReasonList = [
  "not-an-object",
  "no-event-type",
  "invalid-detail",
  "sqs-record",
  "sns-notification",
  "put-events-entry",
  "kinesis-record",
  "firehose-record",
  "dynamodb-stream-record",
  "dynamodb-export-item",
  "s3-notification",
  "cloudwatch-logs",
  "wrappers-too-deep",
] as const;

/** The reasons the reader itself skips a line for (the profiler adds the not-an-event ones and the type limit). */
const readerReasonList = ["invalid-json", "binary", "line-too-long", "type-limit", "truncated-input"] as const;

/** Why a line (or array element) of the input was skipped: by the reader, or by the profiler after it. */
export type SkipReason = (typeof readerReasonList)[number] | (typeof notEventReasonList)[number];

/** Every `SkipReason`. */
export const skipReasons: readonly SkipReason[] = [...readerReasonList, ...notEventReasonList];

/** The reasons that name a valid JSON value which is not an event (as opposed to a line that could not be read). */
export const notEventReasons: ReadonlySet<SkipReason> = new Set<SkipReason>(notEventReasonList);

/** Where the reader hands what it read: one call per record, one per skipped line. */
export interface RecordSink {
  record(value: unknown, line: number): void;
  badLine(reason: SkipReason, line: number): void;
  /**
   * Takes a line from its bytes (`bytes[start, end)`, its line break and a CR before it left out) in place of `record`
   * with its `JSON.parse` value: true when it did, false to have the line decoded and read as ever.
   */
  recordBytes?(bytes: Uint8Array, start: number, end: number, line: number): boolean;
}

/** Reader settings. */
export interface ReaderOptions {
  /** Lines (or array elements) longer than this many characters are skipped without being buffered. */
  readonly maxLineLength: number;
  /**
   * The input is plain lines cut from the middle of an NDJSON input (a batch, a range of a file): it is read as lines
   * even when it starts with `[`, and never as gzip.
   */
  readonly linesOnly?: boolean;
}

/** The default line limit: 1 MiB of text. */
export const defaultMaxLineLength: number = 1 << 20;

const gzipMagic = [0x1f, 0x8b] as const;
const replacementCharacter = "\uFFFD";
const byteOrderMark = 0xfeff;

/** True when the bytes start with the gzip magic number. */
export function startsWithGzipMagic(bytes: Uint8Array): boolean {
  return bytes[0] === gzipMagic[0] && bytes[1] === gzipMagic[1];
}

/**
 * Yields the input bytes, gunzipped when they start with the gzip magic number (detected, never
 * guessed from a file name, so stdin works too).
 */
export async function* decompressed(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  // The magic number is two bytes; a stream may deliver them one at a time.
  let head: Uint8Array = Buffer.alloc(0);
  while (head.length < gzipMagic.length) {
    const next = await iterator.next();
    if (next.done === true) break;
    head = Buffer.concat([head, next.value]);
  }
  if (head.length === 0) return;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  if (!startsWithGzipMagic(head)) {
    yield head;
    yield* rest;
    return;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield head;
    yield* rest;
  }
  const gunzip = createGunzip();
  // pipeline (not pipe) so that a failing source also fails the iteration below instead of hanging it.
  pipeline(Readable.from(all()), gunzip, () => undefined);
  yield* drained(gunzip);
}

/**
 * The stream's chunks, then its error: a stream's own async iterator drops what is still buffered once the
 * stream fails, so what a cut gzip input yields would depend on how fast the reader consumes it.
 */
async function* drained(stream: Readable): AsyncGenerator<Uint8Array> {
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => wake?.();
  stream.on("readable", notify);
  stream.on("end", () => {
    ended = true;
    notify();
  });
  stream.on("error", (error) => {
    failure = error;
    notify();
  });
  for (;;) {
    const chunk = stream.read() as Uint8Array | null;
    if (chunk !== null) yield chunk;
    else if (failure !== undefined) throw failure;
    else if (ended) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

/** True for errors that mean "the compressed input ends early or is corrupt", not "cannot read". */
export function isTruncation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("Z_");
}

/**
 * Reads NDJSON, a JSON array (pretty-printed or not), or an array followed by NDJSON, from the input
 * chunks; gzip is detected. Memory stays bounded by the chunk size plus `maxLineLength` whatever the
 * input size. Bad lines go to `sink.skip` with their 1-based line number and never stop the reading.
 */
export async function readRecords(
  chunks: AsyncIterable<Uint8Array>,
  sink: RecordSink,
  options: ReaderOptions,
): Promise<void> {
  const splitter = new RecordSplitter(sink, options.maxLineLength, options.linesOnly === true ? "lines" : "start");
  const decoder = new StringDecoder("utf8");
  try {
    for await (const chunk of options.linesOnly === true ? chunks : decompressed(chunks))
      splitter.feedBytes(chunk, decoder);
  } catch (error) {
    if (!isTruncation(error)) throw error;
    splitter.feed(decoder.end());
    splitter.truncate();
    return;
  }
  splitter.feed(decoder.end());
  splitter.end();
}

type Mode = "start" | "lines" | "array";

/**
 * The line `text[start, end)` without a trailing CR or a leading byte order mark, in one slice and with no branch to
 * take: a branch first met after the reading loop was optimised (the corpus's first CRLF line) deoptimised the loop
 * with all it had inlined, the profiler included.
 */
function lineText(text: string, start: number, end: number): string {
  const from = start + (text.charCodeAt(start) === byteOrderMark ? 1 : 0);
  return text.slice(from, end - (text.charCodeAt(end - 1) === 0x0d ? 1 : 0));
}

/** Splits decoded text into records: lines, or the elements of a top-level JSON array. */
class RecordSplitter {
  /** The current line number (1-based) at the start of the text not yet consumed. */
  private line = 1;
  private pending = "";
  private pendingLine = 1;
  private discarding = false;
  /** Whether the text path may hold the start of the next line (pending text, or bytes of a character in the decoder). */
  private carried = false;
  private readonly array: ArrayScanner;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxLineLength: number,
    private mode: Mode,
  ) {
    this.array = new ArrayScanner(maxLineLength);
  }

  /**
   * Reads a chunk: in line mode, with a sink that takes lines from their bytes, each whole line of the chunk is offered
   * to it first and decoded only if it refuses it (see `bytesLines`); anything else is decoded and read as text.
   */
  feedBytes(input: Uint8Array, decoder: StringDecoder): void {
    let chunk = input;
    // Lines start at the first character that is not whitespace unless it opens an array (see `detect`), or a BOM.
    if (this.mode === "start" && this.sink.recordBytes !== undefined) {
      const first = chunk.findIndex((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a);
      if (first !== -1 && chunk[first] !== 0x5b && (chunk[first] as number) < 0x80) {
        // The whitespace before it goes to `detect`, which counts its lines and skips it, as it does when that
        // whitespace came in earlier chunks: the first line is measured from its first character either way.
        this.feed(decoder.write(chunk.subarray(0, first)));
        chunk = chunk.subarray(first);
        this.mode = "lines";
      }
    }
    if (this.mode !== "lines" || this.sink.recordBytes === undefined) {
      this.feed(decoder.write(chunk));
      this.carried = true;
      return;
    }
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    if (this.carried) {
      // The line begun in an earlier chunk ends as text: its start is pending there. Every `indexOf` of the audit's
      // bytes names its offset: Buffer's `indexOf`, one function for the whole thread, optimised for a number, was
      // deoptimised by an absent one ("not a Smi").
      const newline = bytes.indexOf(0x0a, 0);
      if (newline === -1) {
        this.feed(decoder.write(bytes));
        return;
      }
      this.feed(decoder.write(bytes.subarray(0, newline + 1)));
      start = newline + 1;
    }
    // `feedBytes` comes here only for a sink with `recordBytes`.
    start = this.bytesLines(bytes, start, this.sink as Required<RecordSink>);
    this.carried = start < bytes.length;
    if (this.carried) this.feed(decoder.write(bytes.subarray(start)));
  }

  /**
   * The whole lines of `bytes` from `from`, each offered to `sink` from its bytes; the index after the last. Called once
   * per chunk and optimised within the first: what runs before the loop needs no feedback (a parameter, not a load of
   * `this.sink`; one `indexOf` site, in the loop), which the loop's first run, before V8 gave the function its
   * feedback, could not record, and the second chunk deoptimised the optimised code there.
   */
  private bytesLines(bytes: Buffer, from: number, sink: Required<RecordSink>): number {
    let start = from;
    let newline: number;
    while ((newline = bytes.indexOf(0x0a, start)) !== -1) {
      // The subtraction runs for every line, so it has its feedback when the first CRLF line comes (a `newline - 1` of
      // its own ran first there and deoptimised the optimised loop).
      const end = newline - (newline > start && bytes[newline - 1] === 0x0d ? 1 : 0);
      // A line longer than the limit is refused by `handleLine`; an empty one is skipped by it.
      if (end - start > this.maxLineLength || (end > start && !sink.recordBytes(bytes, start, end, this.line))) {
        const text = bytes.toString("utf8", start, newline);
        this.handleLine(lineText(text, 0, text.length), this.line, text.includes(replacementCharacter));
      }
      this.line += 1;
      start = newline + 1;
    }
    return start;
  }

  feed(text: string): void {
    let from = 0;
    while (from < text.length) {
      if (this.mode === "start") from = this.detect(text, from);
      else if (this.mode === "array") from = this.feedArray(text, from);
      else from = this.feedLines(text, from);
    }
  }

  /** Array mode when the first significant character is `[`, line mode otherwise. */
  private detect(text: string, from: number): number {
    let index = from;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === byteOrderMark || code === 0x20 || code === 0x09 || code === 0x0d) index += 1;
      else if (code === 0x0a) {
        this.line += 1;
        index += 1;
      } else {
        this.mode = code === 0x5b ? "array" : "lines";
        return index;
      }
    }
    return index;
  }

  private feedLines(text: string, from: number): number {
    const hasReplacement = text.includes(replacementCharacter, from);
    let start = from;
    let newline = text.indexOf("\n", start);
    while (newline !== -1) {
      if (this.discarding) {
        this.discarding = false;
      } else if (this.pending === "") {
        this.handleLine(lineText(text, start, newline), this.line, hasReplacement);
      } else {
        const line = this.pending + text.slice(start, newline);
        this.pending = "";
        this.handleLine(
          lineText(line, 0, line.length),
          this.pendingLine,
          hasReplacement || line.includes(replacementCharacter),
        );
      }
      this.line += 1;
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    if (start < text.length && !this.discarding) {
      if (this.pending === "") this.pendingLine = this.line;
      this.pending += text.slice(start);
      // A leading byte order mark and a trailing CR (the line break's, before its LF arrives) do not count (see
      // `lineText`): `handleLine` checks the line's own length once it is whole.
      if (this.pending.length > this.maxLineLength + 2) {
        this.sink.badLine("line-too-long", this.pendingLine);
        this.pending = "";
        this.discarding = true;
      }
    }
    return text.length;
  }

  /** A line's text, as `lineText` gives it. */
  private handleLine(text: string, line: number, mayBeBinary: boolean): void {
    if (text.length === 0) return;
    if (text.length > this.maxLineLength) {
      this.sink.badLine("line-too-long", line);
      return;
    }
    this.parse(text, line, mayBeBinary);
  }

  private parse(text: string, line: number, mayBeBinary: boolean): void {
    if (text.charCodeAt(0) <= 0x20 && text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const binary = text.includes("\u0000") || (mayBeBinary && text.includes(replacementCharacter));
      // Objects back to back (`{…}{…}`, Firehose's records in S3) are read, each with this line's number.
      const values = !binary && text.charCodeAt(0) === 0x7b ? concatenatedObjects(text) : undefined;
      if (values !== undefined) for (const each of values) this.sink.record(each, line);
      else this.sink.badLine(binary ? "binary" : "invalid-json", line);
      return;
    }
    if (mayBeBinary && text.includes(replacementCharacter)) this.sink.badLine("binary", line);
    else this.sink.record(value, line);
  }

  private feedArray(text: string, from: number): number {
    const step = this.array.scan(text, from, this.line);
    for (const element of step.elements) {
      if (element.text === undefined) this.sink.badLine("line-too-long", element.line);
      else this.parse(element.text, element.line, element.text.includes(replacementCharacter));
    }
    this.line = step.line;
    if (step.end === -1) return text.length;
    this.mode = "lines";
    return step.end;
  }

  end(): void {
    if (this.mode === "array") {
      // The array never closed: whatever element was open is lost, and the input is cut either way.
      this.sink.badLine("truncated-input", this.array.unfinishedLine() ?? this.line);
      return;
    }
    if (this.pending !== "" && !this.discarding)
      this.handleLine(
        lineText(this.pending, 0, this.pending.length),
        this.pendingLine,
        this.pending.includes(replacementCharacter),
      );
    this.pending = "";
  }

  /** The input ended early (a corrupt or cut gzip stream): what was read counts, the rest is reported. */
  truncate(): void {
    const line =
      this.mode === "array"
        ? (this.array.unfinishedLine() ?? this.line)
        : this.pending === ""
          ? this.line
          : this.pendingLine;
    this.pending = "";
    this.sink.badLine("truncated-input", line);
  }
}

interface ScannedElement {
  /** Undefined when the element is longer than the limit (it was not kept). */
  readonly text: string | undefined;
  readonly line: number;
}

interface ScanStep {
  readonly elements: readonly ScannedElement[];
  /** The line number reached. */
  readonly line: number;
  /** Index just past the closing `]` of the top-level array, or -1 when the array continues. */
  readonly end: number;
}

/** `text` without the JSON whitespace (space, tab, CR, LF) it ends with. */
function withoutTrailingWhitespace(text: string): string {
  let end = text.length;
  for (let code = text.charCodeAt(end - 1); code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;) {
    end -= 1;
    code = text.charCodeAt(end - 1);
  }
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Finds the element boundaries of a top-level JSON array without parsing it, tracking strings and
 * nesting, so each element can be parsed (and fail) on its own and memory holds one element at most. An element's
 * length is that of its text from its first token to its last: the whitespace before its `,` or `]` (a pretty-printed
 * array's line end and indent) is not counted against the limit, as an NDJSON line's end is not.
 */
class ArrayScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = "";
  /** Line of the current element's first character, 0 when no element has started. */
  private elementLine = 0;
  private overflow = false;
  /**
   * Whether the element reached the limit with whitespace after its last token: it is complete, that whitespace is
   * dropped (so memory stays bounded), and any further token makes it too long.
   */
  private complete = false;

  constructor(private readonly maxLength: number) {}

  scan(text: string, from: number, startLine: number): ScanStep {
    const elements: ScannedElement[] = [];
    let line = startLine;
    let segmentStart = from;
    const flush = (at: number): void => {
      if (this.elementLine !== 0) {
        const kept = this.overflow ? undefined : withoutTrailingWhitespace(this.element + text.slice(segmentStart, at));
        elements.push({
          text: kept !== undefined && kept.length <= this.maxLength ? kept : undefined,
          line: this.elementLine,
        });
      }
      this.element = "";
      this.elementLine = 0;
      this.overflow = false;
      this.complete = false;
    };
    for (let index = from; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 0x0a) line += 1;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === 0x5c) this.escaped = true;
        else if (code === 0x22) this.inString = false;
        continue;
      }
      if (this.depth === 1 && code === 0x2c) {
        flush(index);
        segmentStart = index + 1;
        continue;
      }
      if (code === 0x5b || code === 0x7b) {
        this.depth += 1;
        if (this.depth === 1) {
          segmentStart = index + 1;
          continue;
        }
      } else if (code === 0x5d || code === 0x7d) {
        this.depth -= 1;
        if (this.depth === 0) {
          flush(index);
          return { elements, line, end: index + 1 };
        }
      } else if (code === 0x22) {
        this.inString = true;
      } else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === byteOrderMark) {
        continue;
      }
      if (this.elementLine === 0) {
        this.elementLine = line;
        segmentStart = index;
      } else if (this.complete) this.tooLong();
    }
    if (this.elementLine !== 0 && !this.overflow && !this.complete) {
      this.element += text.slice(segmentStart);
      if (this.element.length > this.maxLength) this.reachedLimit();
    }
    return { elements, line, end: -1 };
  }

  /** The element kept so far passed the limit: too long, unless only whitespace after its last token passed it. */
  private reachedLimit(): void {
    const significant = this.inString ? this.element : withoutTrailingWhitespace(this.element);
    if (significant.length > this.maxLength) this.tooLong();
    else {
      this.element = significant;
      this.complete = true;
    }
  }

  private tooLong(): void {
    this.overflow = true;
    this.complete = false;
    this.element = "";
  }

  unfinishedLine(): number | undefined {
    return this.elementLine === 0 ? undefined : this.elementLine;
  }
}
