import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SkipReason, readRecords } from "./reader.js";

interface Read {
  readonly records: [unknown, number][];
  readonly skipped: [SkipReason, number][];
}

async function read(chunks: readonly Buffer[], maxLineLength = 1000): Promise<Read> {
  const result: Read = { records: [], skipped: [] };
  await readRecords(
    Readable.from(chunks),
    {
      record: (value, line) => result.records.push([value, line]),
      badLine: (reason, line) => result.skipped.push([reason, line]),
    },
    { maxLineLength },
  );
  return result;
}

const text = (value: string): Buffer[] => [Buffer.from(value)];

/** Splits bytes at the given offsets, to exercise chunk boundaries (inside UTF-8 sequences too). */
function split(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((left, right) => left - right);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks.filter((chunk) => chunk.length > 0);
}

/** Reads the bytes whole, then checks that any chunking of them reads the same; returns the whole read. */
async function readHoweverChunked(bytes: Buffer): Promise<Read> {
  const whole = await read([bytes]);
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
      expect(await read(split(bytes, cuts))).toEqual(whole);
    }),
    { numRuns: 150 },
  );
  return whole;
}

describe("readRecords: NDJSON", () => {
  it("reads one record per line with 1-based line numbers, skipping blank lines", async () => {
    const result = await read(text('{"a":1}\n\n   \n{"b":2}\n{"c":3}'));
    expect(result).toEqual({
      records: [
        [{ a: 1 }, 1],
        [{ b: 2 }, 4],
        [{ c: 3 }, 5],
      ],
      skipped: [],
    });
  });

  it("strips a BOM (at the start or at a concatenation) and CRLF line ends", async () => {
    const result = await read(text('\uFEFF{"a":1}\r\n{"b":2}\r\n\uFEFF{"c":3}\r\n'));
    expect(result.records).toEqual([
      [{ a: 1 }, 1],
      [{ b: 2 }, 2],
      [{ c: 3 }, 3],
    ]);
  });

  it("cuts a line's CR and BOM however short the line and wherever a chunk ends (lines that are only a CR, a BOM or both)", async () => {
    const bytes = Buffer.from('\r\n\uFEFF\n\uFEFF\r\n{"a":1}\r\n\r\r\n{"b":"\\r"}\r\n\uFEFF{"c":3}\r');
    const result = await readHoweverChunked(bytes);
    expect(result).toEqual({
      records: [
        [{ a: 1 }, 4],
        [{ b: "\r" }, 6],
        [{ c: 3 }, 7],
      ],
      skipped: [],
    });
  });

  it("counts and locates bad lines without losing the others", async () => {
    const lines = [
      '{"a":1}',
      "{not json",
      '{"b":2}',
      "\u0000\u0001\u0002binary",
      Buffer.from([0xc3, 0x28, 0x7b, 0x7d]).toString("latin1"),
      '{"c":3}',
    ];
    const bytes = Buffer.concat([
      Buffer.from(`${lines.slice(0, 4).join("\n")}\n`),
      Buffer.from([0x22, 0xff, 0xfe, 0x22, 0x0a]),
      Buffer.from(`${lines[5]}\n`),
    ]);
    const result = await read([bytes]);
    expect(result.records).toEqual([
      [{ a: 1 }, 1],
      [{ b: 2 }, 3],
      [{ c: 3 }, 6],
    ]);
    expect(result.skipped).toEqual([
      ["invalid-json", 2],
      ["binary", 4],
      ["binary", 5],
    ]);
  });

  it("skips a line over the limit without buffering it, however it is chunked", async () => {
    const huge = `{"x":"${"y".repeat(5000)}"}`;
    const chunks = [
      Buffer.from('{"a":1}\n'),
      ...Array.from({ length: 50 }, (_, index) => Buffer.from(huge.slice(index * 101, (index + 1) * 101))),
      Buffer.from(`${huge.slice(5050)}\n{"b":2}\n`),
    ];
    const result = await read(chunks, 1000);
    expect(result.records).toEqual([
      [{ a: 1 }, 1],
      [{ b: 2 }, 3],
    ]);
    expect(result.skipped).toEqual([["line-too-long", 2]]);
  });

  it("reads a last line without a newline, and a last line over the limit once", async () => {
    expect((await read(text('{"a":1}\n{"b":2}'))).records).toEqual([
      [{ a: 1 }, 1],
      [{ b: 2 }, 2],
    ]);
    expect((await read(text(`{"a":1}\n${"z".repeat(50)}`), 10)).skipped).toEqual([["line-too-long", 2]]);
  });

  it("yields the same records however the bytes are chunked (multi-byte characters included)", async () => {
    const whole = await readHoweverChunked(
      Buffer.from('{"名前":"värde"}\r\n{"emoji":"😀"}\n\n[1]\n{"broken":\n{"z":"ž"}\n'),
    );
    expect(whole.records).toHaveLength(4);
  });
});

describe("readRecords: JSON arrays", () => {
  it("reads the elements of a pretty-printed array with the line each starts on", async () => {
    const result = await read(text('\uFEFF[\n  {"a": "x,]}[{"},\n  {\n    "b": [1, {"c": 2}]\n  },\n  7\n]\n'));
    expect(result.records).toEqual([
      [{ a: "x,]}[{" }, 2],
      [{ b: [1, { c: 2 }] }, 3],
      [7, 6],
    ]);
  });

  it("skips a bad element and goes on, and reads NDJSON after the array", async () => {
    const result = await read(text('[{"a":1}, {"b": tru}, {"c":"\\"]"}]\n{"d":4}\n'));
    expect(result.records).toEqual([
      [{ a: 1 }, 1],
      [{ c: '"]' }, 1],
      [{ d: 4 }, 2],
    ]);
    expect(result.skipped).toEqual([["invalid-json", 1]]);
  });

  it("reports an unterminated array and an oversized element", async () => {
    expect(await read(text('[{"a":1},\n{"b":'))).toEqual({
      records: [[{ a: 1 }, 1]],
      skipped: [["truncated-input", 2]],
    });
    expect(await read(text('[{"a":1},\n'))).toEqual({ records: [[{ a: 1 }, 1]], skipped: [["truncated-input", 2]] });
    const big = `[{"x":"${"y".repeat(300)}"}, {"a":1}]`;
    expect(await read(split(Buffer.from(big), [50, 120, 200]), 100)).toEqual({
      records: [[{ a: 1 }, 1]],
      skipped: [["line-too-long", 1]],
    });
  });

  it("yields the same records however the array is chunked", async () => {
    const whole = await readHoweverChunked(
      Buffer.from('[\n{"s":"a\\\\\\"b,]"},\n{"t":["x", {"u": "é"}]},\n null ,\n{"v":"😀"}]\n{"w":1}'),
    );
    expect(whole.records).toHaveLength(5);
  });
});

describe("readRecords: gzip", () => {
  it("detects gzip by its magic number, not by a file name", async () => {
    const bytes = gzipSync(Buffer.from('{"a":1}\n{"b":2}\n'));
    expect((await read(split(bytes, [1, 5, 9]))).records).toEqual([
      [{ a: 1 }, 1],
      [{ b: 2 }, 2],
    ]);
  });

  it("keeps what a cut gzip stream held and reports the rest as truncated", async () => {
    const lines = Array.from({ length: 2000 }, (_, index) =>
      JSON.stringify({ index, pad: "p".repeat(40 + (index % 7)) }),
    ).join("\n");
    const bytes = gzipSync(Buffer.from(lines));
    const result = await read([bytes.subarray(0, Math.floor(bytes.length * 0.6))]);
    expect(result.records.length).toBeGreaterThan(0);
    expect(result.records.length).toBeLessThan(2000);
    expect(result.skipped).toEqual([["truncated-input", result.records.length + 1]]);
  });
});

describe("readRecords: a JSON array's elements against --max-line-length", () => {
  /** A value whose JSON is exactly `length` characters long: `{"k":"xxx…"}`. */
  const ofLength = (length: number): { k: string } => ({ k: "x".repeat(length - 8) });
  const limit = 64;
  const values = (read: Read): unknown[] => read.records.map(([value]) => value);
  const reasons = (read: Read): SkipReason[] => read.skipped.map(([reason]) => reason);
  /** Whitespace that JSON allows between an element and its `,` or `]`: none, spaces, a line end (CRLF too). */
  const gap = fc.constantFrom("", " ", "\n", "\r\n", "\n  ", "\t \n\n    ");

  it("counts an element's own characters, not the whitespace before its `,` or `]`, as NDJSON counts a line's", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: limit - 2, max: limit + 2 }), gap, gap), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (elements, cuts) => {
          const objects = elements.map(([length]) => JSON.stringify(ofLength(length)));
          const ndjson = await read(text(objects.join("\n")), limit);
          const array = `[${elements.map(([, before, after], index) => `${before}${objects[index]}${after}`).join(",")}]\n`;
          const elementsRead = await read(split(Buffer.from(array), cuts), limit);
          expect(values(elementsRead)).toEqual(values(ndjson));
          expect(reasons(elementsRead)).toEqual(reasons(ndjson));
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });

  it("counts the whitespace inside a pretty-printed element, however the array is chunked", async () => {
    // `{ "k": "x…", "n": 1 }` indented by 0 to 4: 8 to 24 characters more than compact, the limit falling anywhere.
    const element = fc.tuple(fc.integer({ min: 40, max: 70 }), fc.integer({ min: 0, max: 4 }), gap);
    await fc.assert(
      fc.asyncProperty(
        fc.array(element, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (drawn, cuts) => {
          const objects = drawn.map(([length]) => ({ k: "x".repeat(length - 8), n: 1 }));
          const texts = drawn.map(([, indent], index) => JSON.stringify(objects[index], null, indent));
          const array = `[\n${texts.map((each, index) => `${each}${drawn[index]![2]}`).join(",")}]`;
          const elementsRead = await read(split(Buffer.from(array), cuts), limit);
          expect(values(elementsRead)).toEqual(objects.filter((_, index) => texts[index]!.length <= limit));
          expect(reasons(elementsRead)).toEqual(texts.filter((each) => each.length > limit).map(() => "line-too-long"));
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });

  it("reads the last element of a pretty-printed array of exactly the limit, as the NDJSON line of it", async () => {
    const exact = JSON.stringify(ofLength(limit));
    expect(exact).toHaveLength(limit);
    expect(values(await read(text(exact), limit))).toEqual([ofLength(limit)]);
    expect(values(await read(text(`[\n  ${exact}\n]\n`), limit))).toEqual([ofLength(limit)]);
    expect(values(await read(text(`[\n  ${exact}\n  ,\n  ${exact}\n]\n`), limit))).toEqual([
      ofLength(limit),
      ofLength(limit),
    ]);
  });
});
