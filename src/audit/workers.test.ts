import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusLines } from "../../examples/events/corpus-generator.js";
import { SAMPLE_SPEC } from "../../examples/events/sample-spec.js";
import { SampleCeilings } from "./bottom-k.js";
import { emptyProfile, mergeProfiles } from "./merge.js";
import { type Profile, profileLimits } from "./profile.js";
import {
  type BatchTask,
  RangeBoard,
  type RangesResult,
  type RangesTask,
  lineRanges,
  profileTask,
  shiftLines,
  takeRanges,
} from "./profile-batch.js";
import { fingerprintFile } from "./input-fingerprint.js";
import { defaultProfileInputsOptions, fileInput, profileInputs, runProfile } from "./profile-inputs.js";
import { renderJson } from "./report-json.js";
import { renderText } from "./report-text.js";
import { auditProfile } from "./result.js";
import { profileInputsInParallel } from "./workers.js";

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

// A corpus with everything a batch boundary could disturb: CRLF lines, bad lines, blank lines, a BOM, a line
// that is a JSON array, a line longer than the limit, and a last line without a newline.
const lines = [...corpusLines({ ...SAMPLE_SPEC, seed: 7, events: 4000, crlfEvery: 97 })];
lines.splice(5, 0, "");
lines.splice(100, 0, "{ not json");
lines.splice(1500, 0, `[{"type":"InArray","tenantId":"t1"}]`);
lines.splice(2500, 0, `{"type":"Long","text":"${"x".repeat(5000)}"}`);
const corpus = Buffer.from(`\uFEFF${lines.join("\n")}`);
const read = { ...defaultProfileInputsOptions, maxLineLength: 4000 };

function inputs(bytes: Buffer): { name: string; chunks: AsyncIterable<Buffer> }[] {
  return [
    { name: "a.ndjson", chunks: chunked(bytes, 1000) },
    { name: "b.ndjson", chunks: chunked(bytes.subarray(0, 20_000), 333) },
  ];
}

function reports(profile: Profile): { text: string; json: string } {
  const result = auditProfile(profile);
  return { text: renderText(result, { color: false }), json: renderJson(result) };
}

describe("profileInputsInParallel", () => {
  it("gives the profile, and so the report, of one worker, whatever the batch size", async () => {
    const one = await profileInputs(inputs(corpus), read);
    expect(one.skipped.count).toBeGreaterThan(2);
    for (const batchBytes of [4096, 50_000]) {
      const many = await profileInputsInParallel(inputs(corpus), { ...read, workers: 3, batchBytes });
      expect(many).toEqual(one);
      expect(reports(many)).toEqual(reports(one));
    }
  });

  it("reads gzip input and a line with no end longer than a batch the same way", async () => {
    const endless = Buffer.concat([corpus, Buffer.from(`\n{"type":"Endless","v":"${"y".repeat(40_000)}`)]);
    const one = await profileInputs([{ name: "z.gz", chunks: chunked(gzipSync(endless), 4096) }], read);
    const many = await profileInputsInParallel([{ name: "z.gz", chunks: chunked(gzipSync(endless), 4096) }], {
      ...read,
      workers: 2,
      batchBytes: 8192,
    });
    expect(one.skipped.byReason["line-too-long"]).toBe(2);
    expect(many).toEqual(one);
  });

  it("reports a cut gzip stream as one worker does", async () => {
    const gzip = gzipSync(corpus);
    const cut = gzip.subarray(0, Math.floor(gzip.length / 2));
    const one = await profileInputs([{ name: "cut.gz", chunks: chunked(cut, 4096) }], read);
    const many = await profileInputsInParallel([{ name: "cut.gz", chunks: chunked(cut, 4096) }], {
      ...read,
      workers: 2,
      batchBytes: 8192,
    });
    expect(one.skipped.byReason["truncated-input"]).toBe(1);
    expect(many).toEqual(one);
  });

  it("reads a JSON array input on the calling thread, as one worker does", async () => {
    const array = Buffer.from(`  [\n${lines.slice(6, 99).join(",\n")}\n]\n${lines.slice(101, 200).join("\n")}`);
    const one = await profileInputs([{ name: "array.json", chunks: chunked(array, 512) }], read);
    const many = await profileInputsInParallel([{ name: "array.json", chunks: chunked(array, 512) }], {
      ...read,
      workers: 2,
      batchBytes: 4096,
    });
    expect(one.events).toBe(192);
    expect(many).toEqual(one);
  });
});

/** A file handle over bytes in memory, for lineRanges. */
function bytesHandle(bytes: Buffer) {
  return {
    read: async (buffer: Uint8Array, offset: number, length: number, position: number) => {
      const part = bytes.subarray(position, position + length);
      buffer.set(part, offset);
      return { bytesRead: part.length };
    },
  };
}

describe("lineRanges", () => {
  it("starts each range at a line start: at the cut when a line ends just before it, else after the next line end", async () => {
    const text = Buffer.from("aaaa\nbbbb\ncccc\n"); // 15 bytes, lines start at 0, 5, 10
    expect(await lineRanges(bytesHandle(text), text.length, 3)).toEqual([
      [0, 5], // cut at 5: byte 4 ends a line, so line 2 starts the second range
      [5, 10], // cut at 10: the same
      [10, 15],
    ]);
    // Cut at 2, between \r and \n: the line is the first range's; the cut at 4 falls inside the last line.
    const crlf = Buffer.from("a\r\nb\r\n");
    expect(await lineRanges(bytesHandle(crlf), crlf.length, 3)).toEqual([
      [0, 3],
      [3, 6],
    ]);
  });

  it("leaves out ranges that one long line covers, and cuts nothing without a line end", async () => {
    // Cuts at 11, 22 and 33 all fall in the long line (bytes 2 to 42): it is the first range's, with the line before.
    const text = Buffer.from(`a\n${"x".repeat(40)}\nb\n`);
    expect(await lineRanges(bytesHandle(text), text.length, 4)).toEqual([
      [0, 43],
      [43, 45],
    ]);
    const one = Buffer.from("x".repeat(30));
    expect(await lineRanges(bytesHandle(one), one.length, 3)).toEqual([[0, 30]]);
  });
});

describe("profileInputsInParallel on files (each worker reads its own range)", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "audit-ranges-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  /** Lines of exactly `width` bytes with CRLF ends, the first of the second third not JSON. */
  function fixedLines(count: number, width: number): string {
    return Array.from({ length: count }, (_, index) => {
      const head =
        index === count / 3 ? `{ not json ${index}` : `{"type":"T${index % 3}","tenantId":"t${index % 5}","p":"`;
      const tail = index === count / 3 ? "" : `"}`;
      return `${head}${"x".repeat(width - head.length - tail.length - 2)}${tail}\r\n`;
    }).join("");
  }

  it("gives the profile of one worker at every kind of cut: after a line end, inside CRLF, inside a line, a BOM", async () => {
    // 30 lines of 64 bytes, cut in 3 (3 threads, one range each): every cut falls exactly after a line end; one byte
    // before the lines moves the cuts between \r and \n, two bytes inside a line; the line after the first cut is a
    // bad line.
    const body = fixedLines(30, 64);
    const files = { "cut-at-end": body, "cut-in-crlf": `\n${body}`, "cut-in-line": ` \n${body}`, bom: `\uFEFF${body}` };
    const inputs = await Promise.all(
      Object.entries(files).map(async ([name, text]) => {
        await writeFile(join(directory, name), text);
        return fileInput(join(directory, name), name);
      }),
    );
    inputs.push(fileInput(await written("corpus", corpus), "corpus"));
    const one = await profileInputs(inputs, read);
    // The bad line starts the fourth range of each file (after the one-line prefix, if any).
    expect(one.skipped.samples.slice(0, 4).map(({ file, line }) => `${file}:${line}`)).toEqual([
      "cut-at-end:11",
      "cut-in-crlf:12",
      "cut-in-line:12",
      "bom:11",
    ]);
    const many = await profileInputsInParallel(inputs, { ...read, workers: 3, batchBytes: 1 });
    expect(many).toEqual(one);
    expect(reports(many)).toEqual(reports(one));
  });

  it("skips a line longer than the limit once when it covers a cut", async () => {
    const text = `{"type":"A","tenantId":"t1"}\n{"type":"B","v":"${"y".repeat(5000)}"}\n{"type":"C","tenantId":"t2"}`;
    const input = fileInput(await written("long", Buffer.from(text)), "long");
    const one = await profileInputs([input], read);
    const many = await profileInputsInParallel([input], { ...read, workers: 3, batchBytes: 1 });
    expect(one.skipped.byReason["line-too-long"]).toBe(1);
    expect(one.events).toBe(2);
    expect(many).toEqual(one);
  });

  /** Runs takers of one task in this thread, interleaved at each read as threads would be, and checks their pieces. */
  async function takeTogether(
    name: string,
    count: number,
    claimBytes: number,
    takers: number,
  ): Promise<{ taken: RangesResult[]; late: RangesResult }> {
    const path = await written(name, corpus);
    const handle = await open(path, "r");
    const ranges = await lineRanges(handle, corpus.length, count).finally(() => handle.close());
    const task: RangesTask = {
      kind: "ranges",
      id: 0,
      file: name,
      path,
      ranges,
      board: RangeBoard.create(ranges),
      claimBytes,
      maxDepth: 4,
      maxLineLength: read.maxLineLength,
    };
    const bytesRead = Array.from({ length: takers }, () => 0);
    const taken = await Promise.all(
      bytesRead.map((_, taker) => takeRanges(task, (bytes) => (bytesRead[taker] = bytes))),
    );
    // Each taker tells the bytes it has read of all its pieces: together, the file, each byte once.
    expect(bytesRead.reduce((sum, bytes) => sum + bytes, 0)).toBe(corpus.length);
    const pieces = taken.flatMap((result) => result.ranges).toSorted((left, right) => left.start - right.start);
    // Every piece starts at a line start, and the ranges' starts are among them.
    for (const { start } of pieces) expect(start === 0 || corpus[start - 1] === 0x0a).toBe(true);
    expect(ranges.map(([start]) => start).filter((start) => !pieces.some((piece) => piece.start === start))).toEqual(
      [],
    );
    let profile = emptyProfile();
    let lines = 0;
    for (const piece of pieces) {
      profile = mergeProfiles(profile, shiftLines(piece.profile, lines));
      lines += piece.lines;
    }
    // The run's profile is its pieces' with the settings and the input it was made with.
    expect(runProfile(profile, read, [await fingerprintFile(path, name)])).toEqual(
      await profileInputs([fileInput(path, name)], read),
    );
    return { taken, late: await takeRanges(task) };
  }

  it("lets threads take the ranges in turn: each byte read once, a thread that comes late takes only what is left", async () => {
    // Claims larger than a range: a range is read at one go, and nothing is left to take over.
    const { taken, late } = await takeTogether("taken", 10, corpus.length, 2);
    expect(taken.map((result) => result.ranges.length)).not.toContain(0);
    expect(taken.flatMap((result) => result.ranges)).toHaveLength(10);
    expect(late.ranges).toEqual([]);
  });

  it("lets a thread with no range left take over the unread half of another's", async () => {
    // One range for two takers: whichever opens the file second takes over the half of what the other has not claimed
    // yet, from the first line start after its middle, and so on while a piece has two claims unread.
    const { taken, late } = await takeTogether("stolen", 1, 16 << 10, 2);
    expect(taken.map((result) => result.ranges.length)).not.toContain(0);
    const [, stolen] = taken.flatMap((result) => result.ranges.map((piece) => piece.start)).toSorted((x, y) => x - y);
    // A split starts past what the owner claimed (one claim at least) and leaves the new piece a claim at least (a
    // line of the corpus is under 5,000 bytes).
    expect(stolen).toBeGreaterThan(16 << 10);
    expect(stolen).toBeLessThan(corpus.length - (16 << 10) + 5000);
    expect(late.ranges).toEqual([]);
    // Three takers, three ranges, small claims: the pieces still tile the file.
    await takeTogether("stolen-3", 3, 4 << 10, 3);
  });

  it("splits a piece only past what its owner has claimed, and lets ranges not yet taken be", () => {
    const board = new RangeBoard(
      RangeBoard.create(
        [
          [0, 100],
          [100, 300],
        ],
        1,
      ),
    );
    expect(board.take()).toBe(0);
    // The second range is nobody's yet: whoever takes it reads it, so it is not split.
    expect(board.largest(1)).toBe(0);
    expect(board.claim(0, 40)).toEqual([0, 40]);
    expect(board.split(0, 40)).toBeUndefined();
    expect(board.split(0, 100)).toBeUndefined();
    expect(board.split(0, 70)).toBe(2);
    expect(board.left(0)).toEqual({ claimed: 40, end: 70 });
    expect([board.start(2), board.left(2)]).toEqual([70, { claimed: 70, end: 100 }]);
    // The owner stops at the cut; the board has room for one split only.
    expect(board.claim(0, 40)).toEqual([40, 70]);
    expect(board.claim(0, 40)).toBeUndefined();
    expect(board.split(2, 90)).toBeUndefined();
    expect(board.take()).toBe(1);
    expect(board.take()).toBeUndefined();
    expect(board.largest(1)).toBe(1);
    expect(board.largest(201)).toBeUndefined();
  });

  async function written(name: string, bytes: Buffer): Promise<string> {
    await writeFile(join(directory, name), bytes);
    return join(directory, name);
  }
});

describe("SampleCeilings (the row sample's bound across one thread's batches)", () => {
  it("leaves rows out of later batches' profiles, and the merged profile is the one of the whole corpus", async () => {
    const text = [...corpusLines({ ...SAMPLE_SPEC, seed: 11, events: 30_000 })].map((line) => `${line}\n`);
    const batches: BatchTask[] = [];
    for (let first = 0; first < text.length; first += 1000) {
      const bytes = Buffer.from(text.slice(first, first + 1000).join(""));
      batches.push({ kind: "batch", id: 0, file: "c", firstLine: first + 1, bytes, maxDepth: 4, maxLineLength: 4000 });
    }
    const rowsOf = (profile: Profile): number => profile.types.reduce((sum, type) => sum + type.rows.length, 0);
    const ceilings = new SampleCeilings(profileLimits.rowsPerType);
    let bounded = emptyProfile();
    let unbounded = emptyProfile();
    let [boundedRows, unboundedRows] = [0, 0];
    for (const task of batches) {
      const [withCeilings, without] = [await profileTask(task, ceilings), await profileTask(task)];
      boundedRows += rowsOf(withCeilings.profile);
      unboundedRows += rowsOf(without.profile);
      bounded = mergeProfiles(bounded, withCeilings.profile);
      unbounded = mergeProfiles(unbounded, without.profile);
    }
    const whole = await profileInputs([{ name: "c", chunks: chunked(Buffer.from(text.join("")), 4096) }], read);
    expect(boundedRows).toBeLessThan(unboundedRows / 2);
    expect(runProfile(unbounded, read, whole.inputs)).toEqual(whole);
    expect(runProfile(bounded, read, whole.inputs)).toEqual(whole);
  });
});
