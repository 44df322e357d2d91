import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { corpusLines } from "../../examples/events/corpus-generator.js";
import { SAMPLE_SPEC } from "../../examples/events/sample-spec.js";
import type { Profile } from "./profile.js";
import { defaultProfileInputsOptions, profileInputs } from "./profile-inputs.js";
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
