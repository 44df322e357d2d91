/**
 * Profiling a line from its bytes (`Profiler.addBytes`, byte-tape.ts) against the reference, `JSON.parse`'s value
 * walked (`new Profiler(options, undefined, false)`): the serialised profiles must be identical, byte for byte, on
 * the fixture corpora, the sample corpus, lines chosen to be odd (duplicate keys, `__proto__`, numbers in every JSON
 * form, keys that are array indices, escapes, unicode, cut depths, invalid JSON, wrappers) and generated lines, read
 * in chunks of every size (a line cut across chunks, a character cut across chunks).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corpusLines } from "../../examples/events/corpus-generator.js";
import { SAMPLE_SPEC } from "../../examples/events/sample-spec.js";
import { awsServiceCorpus, githubLikeCorpus, multiSourceCorpus, saasCorpus } from "./fixtures/corpora.js";
import { ByteTape, objectEnd } from "./byte-tape.js";
import { Profiler } from "./profile.js";
import { type RecordSink, readRecords } from "./reader.js";

/** The profile of `input` read in chunks of `chunkSize` bytes, and how many lines were profiled from their bytes. */
async function profileOf(
  input: Buffer,
  fromBytes: boolean,
  maxDepth: number,
  chunkSize: number,
  maxLineLength = 4096,
): Promise<{ profile: string; fromBytes: number }> {
  const profiler = new Profiler({ maxDepth }, undefined, fromBytes);
  const inner = profiler.sinkFor("corpus.ndjson");
  let taken = 0;
  const sink: RecordSink = {
    record: (value, line) => inner.record(value, line),
    badLine: (reason, line) => inner.badLine(reason, line),
    recordBytes: (bytes, start, end, line) => {
      const took = inner.recordBytes?.(bytes, start, end, line) === true;
      if (took) taken += 1;
      return took;
    },
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let start = 0; start < input.length; start += chunkSize) yield input.subarray(start, start + chunkSize);
  }
  await readRecords(chunks(), sink, { maxLineLength, linesOnly: false });
  return { profile: JSON.stringify(profiler.toProfile()), fromBytes: taken };
}

/**
 * Profiles `lines` (joined by `newline`) both ways, read in chunks of `chunkSize`, and expects the profile of the
 * object path read in one chunk; the number of lines profiled from their bytes.
 */
async function expectSameProfile(
  lines: readonly string[],
  maxDepth: number,
  chunkSize: number,
  { maxLineLength = 4096, newline = "\n" }: { maxLineLength?: number; newline?: string } = {},
): Promise<number> {
  return expectSameProfileOf(Buffer.from(`${lines.join(newline)}${newline}`), maxDepth, chunkSize, maxLineLength);
}

/** `expectSameProfile` of the input's bytes (any bytes: invalid UTF-8, no final line break). */
async function expectSameProfileOf(
  input: Buffer,
  maxDepth: number,
  chunkSize: number,
  maxLineLength: number,
): Promise<number> {
  const reference = await profileOf(input, false, maxDepth, input.length, maxLineLength);
  const chunked = await profileOf(input, false, maxDepth, chunkSize, maxLineLength);
  const bytes = await profileOf(input, true, maxDepth, chunkSize, maxLineLength);
  expect(reference.fromBytes).toBe(0);
  expect(chunked.profile).toBe(reference.profile);
  expect(bytes.profile).toBe(reference.profile);
  return bytes.fromBytes;
}

const oddLines: readonly string[] = [
  '{"detail-type":"A","source":"s","detail":{"a":1,"b":2,"a":3}}',
  '{"detail-type":"A","source":"s","detail":{"__proto__":{"x":1},"constructor":"c","toString":2}}',
  '{"detail-type":"A","source":"s","detail":{"n":1e3,"m":-0,"o":1.0,"p":12345678901234567890,"q":-12,"r":0.5}}',
  '{"detail-type":"A","source":"s","detail":{"s":9007199254740993,"t":1E-2,"u":-1.5e+3,"v":123456789012345}}',
  '{"detail-type":"A","source":"s","detail":{"b":1,"2":2,"1":3}}',
  '{"detail-type":"A","source":"s","detail":{"e":{},"f":[],"g":[[]],"h":[{}],"i":null,"j":true,"k":false}}',
  '{"detail-type":"A","source":"s","detail":{"a":{"b":{"c":{"d":{"e":{"f":1,"g":2,"f":3}}}}}}}',
  '{"detail-type":"A","source":"s","detail":{"a":{"b":{"c":{"d":{"z":1,"y":{"x":2}}}}}}}',
  '{"detail-type":"A","source":"s","detail":{"a":{"b":{"c":{"d":[1,2,{"x":1}]}}}}}',
  '{"detail-type":"A","source":"s","detail":{"pk":"TENANT#t1#CAPSULE#c1","tenantId":"t1","capsuleId":"c1"}}',
  '{"detail-type":"A","source":"s","detail":{"pk":"TENANT#t1#CAPSULE#c1","tenantId":"t2","n":7}}',
  '{"type":"B","source":"s","tenantId":"t1","type2":"x"}',
  '{"type":"B","source":"","tenantId":"t1","Source":"S2"}',
  '{"type":"Notification","TopicArn":"x","Message":"{}"}',
  '{"Type":"B","tenantId":"t1"}',
  '{"eventType":"C","type":"","x":1,"type":7}',
  '{"eventType":"C","type":3,"x":1}',
  '{"detail-type":"A","detail-type":"B","source":"s","detail":{}}',
  '{"detail-type":"A","source":"s","source":"t","detail":{"a":1}}',
  '{"detail-type":"","source":"s","detail":{"a":1}}',
  '{"detail-type":"A","source":"s"}',
  '{"detail-type":"A","source":"s","detail":null}',
  '{"detail-type":"A","source":"s","account":"1","region":"r","resources":["arn:aws:x","y","/p",""],"detail":{"a":"/x","b":["arn:a:b","/c","d"]}}',
  '{"detail-type":"A","source":"s","account":{"id":1},"detail":{"a":"x"}}',
  '  { "detail-type" : "A" , "source":"s", "detail" : { "a" : "x" , "b" : [ 1 , 2 ] } }  ',
  '{"detail-type":"A","source":"s","detail":{"a":"x"}}\r',
  '{"detail-type":"A","source":"s","detail":{"a":"x"}}{"detail-type":"A","source":"s","detail":{"a":"y"}}',
  '{"detail-type":"A","source":"s","detail":{"a":"x\\"y","b\\u0041":1}}',
  '{"detail-type":"A","source":"s","detail":{"a":"café","é":"x","pk":"TENANT#ü#X#1"}}',
  '{"detail-type":"A","source":"s","detail":{"a":"\t"}}',
  '{"detail-type":"A","source":"s","detail":{"a":01}}',
  '{"detail-type":"A","source":"s","detail":{"a":1.}}',
  '{"detail-type":"A","source":"s","detail":{"a":tru}}',
  '{"detail-type":"A","source":"s","detail":{"a":-}}',
  '{"detail-type":"A","source":"s","detail":{"a":1}',
  '{"detail-type":"A","source":"s","detail":{"a":1}}}',
  '{"detail-type":"A","source":"s","detail":"{\\"a\\":1}"}',
  '{"DetailType":"P","Source":"s","Detail":"{\\"a\\":1}"}',
  '{"Records":[{"messageId":"m","receiptHandle":"r","body":"{\\"detail-type\\":\\"A\\",\\"source\\":\\"s\\",\\"detail\\":{}}"}]}',
  '[{"detail-type":"A","source":"s","detail":{"a":1}}]',
  "42",
  '"text"',
  "",
  "   ",
  "\u0000\u0001",
  '{"detail-type":"A","source":"s","detail":{"a":"x","b":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34]}}',
  '{"detail-type":"A","source":"s","detail":{"":1,"a b":2,"A_B":3,"-1":4,"+1":5,"aB":6}}',
  `{"detail-type":"A","source":"s","detail":{"long":"${"x".repeat(200)}","key":"TENANT#${"t".repeat(130)}"}}`,
  `{"detail-type":"A","source":"s","detail":{"big":"${"y".repeat(5000)}"}}`,
];

const toLine = (event: unknown): string => JSON.stringify(event);

describe("profiling from the bytes", () => {
  it("gives the object path's profile on the fixture corpora and the sample corpus, at every depth", async () => {
    const corpora = [saasCorpus(), githubLikeCorpus(), awsServiceCorpus(), multiSourceCorpus()].map((corpus) =>
      corpus.events.map(toLine),
    );
    const sample = [...corpusLines({ ...SAMPLE_SPEC, seed: 7, events: 3000, crlfEvery: 500 })];
    for (const lines of [...corpora, sample]) {
      for (const maxDepth of [1, 2, 4, 5]) {
        const taken = await expectSameProfile(lines, maxDepth, 1 << 16);
        // Most lines are read from their bytes: the comparison is not between two runs of the object path.
        expect(taken).toBeGreaterThan(lines.length / 2);
      }
    }
  });

  it("gives the object path's profile on odd lines, read in chunks of any size", async () => {
    const lines = [...oddLines, ...oddLines, ...oddLines];
    for (const chunkSize of [1, 3, 64, 1 << 16])
      for (const maxDepth of [1, 3, 4]) await expectSameProfile(lines, maxDepth, chunkSize);
    expect(await expectSameProfile(lines, 4, 1 << 16)).toBeGreaterThan(0);
  });

  it("backs off after many lines in a row that it leaves to JSON.parse, and comes back at the first it takes", async () => {
    const event = (detail: Record<string, unknown>): string =>
      JSON.stringify({ "detail-type": "Scored", source: "s", detail: { tenantId: "t1", ...detail } });
    const known = event({ score: 1 });
    // Each of these brings a key never seen: the tape leaves it to the object path.
    const fresh = Array.from({ length: 99 }, (_, index) => event({ [`user${index}`]: index }));
    const taken = await expectSameProfile([known, ...fresh, ...Array.from({ length: 50 }, () => known)], 4, 1 << 16);
    // 100 refusals in a row: one line in 16 is tried, so the 12 known lines up to the 112th refusal are left to
    // `JSON.parse`, the next is tried and taken, and so is every one after it.
    expect(taken).toBe(50 - 12);
  });

  it("gives the object path's profile on generated lines", async () => {
    // Mostly keys the bytes are read with; some they leave to `JSON.parse` (escapes, indices, unicode, a deciding key).
    const key = fc.oneof(
      {
        arbitrary: fc.constantFrom("a", "b", "id", "tenantId", "tenant_id", "TenantID", "pk", "sk", "__proto__", "c"),
        weight: 40,
      },
      {
        arbitrary: fc.constantFrom("0", "01", "-1", "+1", "", "a b", "é", 'x\\"y', "detail", "type", "source"),
        weight: 1,
      },
      { arbitrary: fc.string({ maxLength: 4 }).map((text) => JSON.stringify(text).slice(1, -1)), weight: 1 },
    );
    // Members of an object: mostly with distinct keys, some with a key given twice.
    const pairsOf = (item: fc.Arbitrary<string>, maxLength: number) =>
      fc.oneof(
        { arbitrary: fc.uniqueArray(fc.tuple(key, item), { selector: ([name]) => name, maxLength }), weight: 4 },
        { arbitrary: fc.array(fc.tuple(key, item), { maxLength }), weight: 1 },
      );
    const scalar = fc.oneof(
      {
        arbitrary: fc.constantFrom('"t1"', '"t2"', '"TENANT#t1#CAPSULE#c1"', '"TENANT#t2"', '"METADATA"', '"/t/t1"'),
        weight: 12,
      },
      { arbitrary: fc.constantFrom('"arn:aws:s3:::b/t1"', '""', "true", "false", "null", '"arn"', '"/"'), weight: 6 },
      { arbitrary: fc.constantFrom("0", "-0", "1.0", "1e3", "-1.5E-2", "12345678901234567890", "0.1"), weight: 6 },
      { arbitrary: fc.integer().map(String), weight: 6 },
      { arbitrary: fc.constantFrom('"é"', '"a\\nb"'), weight: 1 },
      { arbitrary: fc.string({ maxLength: 6 }).map((text) => JSON.stringify(text)), weight: 1 },
    );
    const value = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: "xsmall", withCrossShrink: true },
        scalar,
        fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
        pairsOf(tie("value"), 5).map((pairs) => `{${pairs.map(([name, item]) => `"${name}":${item}`).join(",")}}`),
      ),
    })).value;
    const members = pairsOf(value, 6);
    const object = (pairs: readonly (readonly [string, string])[]): string =>
      pairs.map(([name, item]) => `"${name}":${item}`).join(",");
    const type = fc.oneof({ arbitrary: fc.constantFrom('"A"', '"B"', '"C"'), weight: 6 }, fc.constantFrom('""', "1"));
    const envelope = fc
      .tuple(type, fc.constantFrom('"s1"', '"s2"', '""'), members, members)
      .map(
        ([name, source, top, detail]) =>
          `{"detail-type":${name},"source":${source},${object(top)}${top.length > 0 ? "," : ""}"detail":{${object(detail)}}}`,
      );
    const flat = fc
      .tuple(fc.constantFrom("type", "eventType", "event_type", "Type", "detailType"), type, members)
      .map(([typeKey, name, rest]) => `{"${typeKey}":${name}${rest.length > 0 ? "," : ""}${object(rest)}}`);
    // Mostly events; some JSON values that are none, some text that is no JSON.
    const line = fc.oneof(
      { arbitrary: envelope, weight: 4 },
      { arbitrary: flat, weight: 4 },
      { arbitrary: value, weight: 1 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    );
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        // Small chunks cut lines (read as text where cut); whole chunks read them from their bytes.
        fc.constantFrom(1, 7, 100, 1 << 16, 1 << 16, 1 << 16),
        async (lines, maxDepth, chunkSize) => {
          // Each line a second time, so that its keys have nodes and its bytes are read the second time.
          taken += await expectSameProfile([...lines, ...lines], maxDepth, chunkSize);
        },
      ),
      { numRuns: 200 },
    );
    // Enough of the generated events are read from their bytes for the comparison to say something (≈ 250 of ≈ 3,000
    // lines in 200 runs: the others have what the bytes leave to `JSON.parse`, are no events, or are cut by a chunk).
    expect(taken).toBeGreaterThan(100);
  });

  it("gives the same profile for a CRLF or BOM line of exactly --max-line-length characters, cut across chunks", async () => {
    // Defect (s12-break): a line cut across chunks is measured while pending, before its LF arrives, with its CR (and a
    // BOM before it): it was skipped as line-too-long when cut, profiled when whole.
    const line = `{"type":"A","source":"s","tenantId":"t1","pk":"TENANT#t1"}`;
    for (const maxLineLength of [line.length, line.length + 1, line.length - 1])
      for (const chunkSize of [1, 2, 7, 64])
        for (const newline of ["\r\n", "\n"])
          await expectSameProfile([line, `\ufeff${line}`, line], 4, chunkSize, { maxLineLength, newline });
  });

  it("measures the input's first line from its first character, whatever the chunks, after leading whitespace", async () => {
    // Defect (s13, found by the generated-bytes property): whitespace before the input's first line counted toward
    // --max-line-length when it came in the line's chunk (read from the bytes) and not when an earlier chunk held it
    // (skipped while the reader decided lines or array): `  {…}` of 101 characters was line-too-long in one chunk and
    // an event (or `binary`, with a NUL) in chunks of one byte.
    const line = `{"type":"A","source":"s","tenantId":"t1","pk":"TENANT#t1"}`;
    for (const prefix of ["  ", "\t \r\n  ", "\n\n ", " \n"])
      for (const maxLineLength of [line.length, line.length + 1, line.length + 2])
        for (const chunkSize of [1, 2, 3, 64, 1 << 16])
          for (const first of [line, `\u0000${line}`])
            await expectSameProfileOf(Buffer.from(`${prefix}${first}\n${line}\n`), 4, chunkSize, maxLineLength);
  });

  it("leaves to JSON.parse a line whose containers' end tokens would pass the tape's end", async () => {
    // Defect (s12-break): a value was let in at the tape's last free token and the ends of the containers open around
    // it were written past the tape, unchecked: the byte path counted 31 objects per event that the line has not.
    const tape = new ByteTape();
    const lines: string[] = [];
    for (const nesting of [3, 60])
      for (let pad = 32_640; pad <= 32_760; pad += nesting === 3 ? 1 : 5) {
        const line = `{"detail-type":"A","source":"s","detail":{"pad":[${"1,".repeat(pad)}1],"a":${"[".repeat(nesting)}1${"]".repeat(nesting)}}}`;
        const bytes = Buffer.from(line);
        // A tape read is whole: the top-level object's end token is on it.
        if (tape.read(bytes, 0, bytes.length)) expect(tape.kinds[tape.ends[0] as number]).toBe(objectEnd);
        lines.push(line);
      }
    // In one chunk: a line cut across chunks is read as text.
    const taken = await expectSameProfile(lines, 4, 1 << 24, { maxLineLength: 1 << 17 });
    // The lines up to the limit (≈ 45) are read from their bytes (the first of each nesting makes the nodes).
    expect(taken).toBeGreaterThan(30);
  });

  it("ends a string at its quote and refuses an escape, a control or non-ASCII byte at any place in a four-byte word", () => {
    // The tape finds a string's end four bytes at a time (byte-tape.ts, `byteStringEnd`): every place of the stopping
    // byte in the word, in strings of 0 to 13 characters, at every offset of the line in its buffer.
    const tape = new ByteTape();
    const stops = [0x00, 0x09, 0x1f, 0x22, 0x5c, 0x80, 0xc3, 0xff];
    for (let length = 0; length <= 13; length++)
      for (let offset = 0; offset < 4; offset++) {
        const text = "abcdefghijklm".slice(0, length);
        const plain = Buffer.from(`${" ".repeat(offset)}{"k":"${text}","n":1}`);
        expect(tape.read(plain, offset, plain.length)).toBe(true);
        // Tokens: the object, its key, the string, the second key, the number, the end.
        expect([tape.starts[2], tape.ends[2], tape.ends[0]]).toEqual([offset + 6, offset + 6 + length, 5]);
        for (let place = 0; place < length; place++)
          for (const stop of stops) {
            const line = Buffer.from(plain);
            line[offset + 6 + place] = stop;
            // A quote inside ends the string early and leaves the rest unreadable; the others are left to JSON.parse.
            expect(tape.read(line, offset, line.length)).toBe(false);
          }
      }
  });

  it("gives the object path's profile on objects cut at --max-depth, small and large, with a key given twice", async () => {
    // Defect (s12-break): the keys of a cut object were compared pairwise, a string made per pair: a cut object of
    // 16,000 keys took 10 s a line (the object path: 7 ms). Past 16 keys they are now counted in a set.
    const lines: string[] = [];
    for (const count of [1, 15, 16, 17, 18, 40, 3000]) {
      const names = Array.from({ length: count }, (_, index) => `k${index}`);
      // No key twice, then a key twice at the start, across the switch to the set, and at the end.
      for (const twice of [-1, 0, 15, 16, count - 1]) {
        if (twice >= count) continue;
        const keys = twice === -1 ? names : [...names, `k${twice}`];
        const cut = `{${keys.map((name, index) => `"${name}":${index}`).join(",")}}`;
        lines.push(`{"type":"Cut${count}","tenantId":"t1","a":{"b":{"c":{"d":${cut}}}}}`);
      }
    }
    const taken = await expectSameProfile([...lines, ...lines], 4, 1 << 24, { maxLineLength: 1 << 17 });
    // The second of each line without a key twice is read from its bytes; a line with one is left to `JSON.parse`.
    expect(taken).toBe(7);
  });

  it("gives the object path's profile on generated bytes: whitespace, escapes, numbers, literals, invalid UTF-8", async () => {
    // Mostly what the bytes are read with (no whitespace, spaces); some whitespace only `JSON.parse` reads.
    const whitespace = fc.oneof(
      { arbitrary: fc.constantFrom("", "", "", " ", "  "), weight: 40 },
      { arbitrary: fc.constantFrom("\t", "\r", " \t\r "), weight: 1 },
    );
    // A string in JSON: as `JSON.stringify` writes it, every character escaped, its first escaped, or `\/` for `/`.
    const quoted = (text: string, form: number): string => {
      const escaped = (unit: string): string => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`;
      if (form === 1) return `"${[...text].map((character) => [...character].map(escaped).join("")).join("")}"`;
      if (form === 2 && text.length > 0) return `"${escaped(text)}${JSON.stringify(text.slice(1)).slice(1)}`;
      return JSON.stringify(text).replaceAll("/", form === 3 ? "\\/" : "/");
    };
    const form = fc.oneof(
      { arbitrary: fc.constant(0), weight: 30 },
      { arbitrary: fc.constantFrom(1, 2, 3), weight: 1 },
    );
    const key = fc
      .tuple(
        fc.oneof(
          {
            arbitrary: fc.constantFrom("a", "b", "id", "tenantId", "pk", "sk", "__proto__", "constructor", "", "x y"),
            weight: 40,
          },
          { arbitrary: fc.constantFrom("0", "1", "é", "日本", "😀", "type", "source", "detail", "account"), weight: 2 },
          { arbitrary: fc.string({ maxLength: 3, unit: "binary" }), weight: 1 },
        ),
        form,
      )
      .map(([name, how]) => quoted(name, how));
    const scalar = fc.oneof(
      {
        arbitrary: fc.constantFrom('"t1"', '"TENANT#t1#CAPSULE#c1"', '"/t/t1"', "1", "-0", "true", "null"),
        weight: 60,
      },
      {
        arbitrary: fc.constantFrom(
          ...["1E400", "1e-400", "0.1e1", "12345678901234567890", "123456789012345", "1234567890123456"],
          ...["-9007199254740991", "9007199254740993", "1.0", "-1.5E+2", "01", "+1", "1.", ".5", "-", "1e", "00"],
        ),
        weight: 1,
      },
      { arbitrary: fc.constantFrom("false", "nul", "tru", "True"), weight: 1 },
      {
        arbitrary: fc
          .tuple(fc.constantFrom("t1", "TENANT#é#X", 'a"b', "a\\b", "a/b", "\u0000", "😀", ""), form)
          .map(([text, how]) => quoted(text, how)),
        weight: 2,
      },
      { arbitrary: fc.constantFrom('"\\ud800"', '"\\udc00x"', '"\\ud83d\\ude00"', '"\\u0074enantId"'), weight: 1 },
    );
    const member = (item: fc.Arbitrary<string>) =>
      fc
        .tuple(whitespace, key, whitespace, whitespace, item, whitespace)
        .map(([a, name, b, c, value, d]) => `${a}${name}${b}:${c}${value}${d}`);
    const { value, object } = fc.letrec<{ value: string; object: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: "xsmall", withCrossShrink: true },
        scalar,
        fc
          .tuple(fc.array(fc.tuple(whitespace, tie("value"), whitespace), { maxLength: 4 }), whitespace)
          .map(([items, space]) => `[${space}${items.map((item) => item.join("")).join(",")}]`),
        tie("object"),
      ),
      object: fc
        .tuple(fc.array(member(tie("value")), { maxLength: 4 }), whitespace)
        .map(([members, space]) => `{${space}${members.join(",")}}`),
    }));
    const members = fc.array(member(value), { maxLength: 4 });
    const name = fc.oneof(
      { arbitrary: fc.constantFrom('"A"', '"B"'), weight: 8 },
      { arbitrary: fc.constantFrom('""', "1", '"\\u0041"', '"é"'), weight: 1 },
    );
    const envelope = fc
      .tuple(
        name,
        fc.constantFrom('"s1"', '"s2"', '"\\u0073"', null),
        fc.oneof({ arbitrary: object, weight: 8 }, value),
        members,
      )
      .map(([type, source, detail, top]) => [
        `"detail-type":${type}`,
        ...(source === null ? [] : [`"source":${source}`]),
        ...top,
        `"detail":${detail}`,
      ]);
    const flat = fc
      .tuple(fc.constantFrom('"type"', '"type"', '"eventType"', '"Type"', '"TYPE"', '"t\\u0079pe"'), name, members)
      .map(([typeKey, type, rest]) => [`${typeKey}:${type}`, ...rest]);
    const event = fc
      .tuple(fc.oneof(envelope, flat), whitespace, whitespace)
      .map(([pairs, before, after]) => `${before}{${pairs.join(",")}}${after}`);
    const line = fc.oneof(
      { arbitrary: event, weight: 8 },
      { arbitrary: value, weight: 1 },
      {
        arbitrary: fc.constantFrom("", " ", "\t", "{}", "[]", "{} x", "{}{}", "\ufeff{}", '{"type":"A"} {}'),
        weight: 1,
      },
    );
    // A line's bytes, some with a byte dropped, added or replaced (a cut character, invalid UTF-8, NUL, a quote).
    const lineBytes = fc
      .tuple(line, fc.nat({ max: 11 }), fc.nat(), fc.constantFrom(0x00, 0x0d, 0x22, 0x5c, 0x7d, 0x80, 0xc3, 0xe2, 0xff))
      .map(([text, edit, at, byte]) => {
        const bytes = Buffer.from(text);
        if (edit > 2 || bytes.length === 0) return bytes;
        const index = at % bytes.length;
        const tail = bytes.subarray(edit === 0 ? index + 1 : edit === 1 ? index : index + 1);
        return Buffer.concat([bytes.subarray(0, index), Buffer.from(edit === 0 ? [] : [byte]), tail]);
      });
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineBytes, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        // Small chunks cut lines (read as text where cut); whole chunks read them from their bytes.
        fc.constantFrom(1, 2, 3, 7, 64, 1 << 16, 1 << 16, 1 << 16, 1 << 16, 1 << 16),
        fc.constantFrom(100, 4096, 4096),
        async (lines, maxDepth, newline, lastBreak, chunkSize, maxLineLength) => {
          // Each line a second time, so that its keys have nodes and its bytes are read the second time.
          const parts = [...lines, ...lines].flatMap((bytes) => [bytes, Buffer.from(newline)]);
          const input = Buffer.concat(lastBreak ? parts : parts.slice(0, -1));
          taken += await expectSameProfileOf(input, maxDepth, chunkSize, maxLineLength);
        },
      ),
      { numRuns: 300 },
    );
    // Enough lines are read from their bytes for the comparison to say something (≈ 120 of ≈ 4,000 lines in 300 runs:
    // the others have what the bytes leave to `JSON.parse`, are no events, are cut by a chunk or are seen first).
    expect(taken).toBeGreaterThan(60);
  });
});
