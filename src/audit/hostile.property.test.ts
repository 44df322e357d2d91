/**
 * Generated hostile corpora (issue 16, the breaker's review): lines of every shape the reader meets (plain events,
 * `detail` as a string, as a string that is no object or no JSON, PutEvents requests with a bad entry, SQS records
 * with a body that is no JSON, SNS notifications, a PutEvents request in SQS in SNS in SQS, one-line arrays,
 * CloudEvents, values that are no event, blank lines, a BOM, CRLF) carrying payloads of hostile names (`__proto__`,
 * `constructor`, the empty name, `a.b`, `x[]`, `+1` and `-1`), key-shaped, ARN and path values, long strings and
 * nesting past `--max-depth`. Whatever the draw, the audit does not throw, and its report is the same read on one
 * thread, read through a saved profile (`stringifyProfile` → `parseProfile`), and cut into shards profiled apart and
 * merged.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditProfile,
  defaultProfileInputsOptions,
  emptyProfile,
  fileInput,
  mergeProfiles,
  parseProfile,
  profileInputs,
  renderJson,
  renderText,
  stringifyProfile,
} from "./index.js";

const names = fc.constantFrom("__proto__", "constructor", "toString", "", "a.b", "x[]", "#", "+1", "-1", "tenantId");
const leaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    "TENANT#t1#CAPSULE#c1",
    "TENANT#t2#DOC#d",
    "arn:aws:s3:::b/t-1/x",
    "/tenants/t-2/d/1",
    "x".repeat(200),
  ),
);
const payload: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(names, tie("value"), { maxKeys: 4 }),
  ),
})).value;
const envelope = fc.record({
  "detail-type": fc.constantFrom("A", "B", "__proto__", "constructor", "", "x".repeat(300)),
  source: fc.constantFrom("s1", "s2", "__proto__"),
  detail: payload,
  account: fc.oneof(fc.constant("111122223333"), fc.integer(), fc.constant(null)),
});
type Envelope = typeof envelope extends fc.Arbitrary<infer Value> ? Value : never;
const sqs = (body: string) => ({ messageId: "m", receiptHandle: "r", body });
const sns = (message: string) => ({ Type: "Notification", MessageId: "n", TopicArn: "arn:t", Message: message });
const putEvents = (event: Envelope) => ({
  Entries: [
    { Source: event.source, DetailType: event["detail-type"], Detail: JSON.stringify(event.detail) },
    { Source: 1, DetailType: null, Detail: 3 },
  ],
});
const shapes: readonly ((event: Envelope) => unknown)[] = [
  (event) => event,
  (event) => ({ ...event, detail: JSON.stringify(event.detail) }),
  (event) => ({ ...event, detail: "{not json" }),
  putEvents,
  (event) => ({ Records: [sqs(JSON.stringify(event)), sqs("not json")] }),
  (event) => sns(JSON.stringify(event)),
  (event) => ({
    Records: [sqs(JSON.stringify(sns(JSON.stringify({ Records: [sqs(JSON.stringify(putEvents(event)))] }))))],
  }),
  (event) => [event, event],
  (event) => ({ specversion: "1.0", type: event["detail-type"], source: event.source, id: "1", data: event.detail }),
];
const line = fc.oneof(
  fc.tuple(envelope, fc.nat(shapes.length - 1)).map(([event, shape]) => JSON.stringify(shapes[shape]!(event))),
  payload.map((value) => JSON.stringify(value) ?? "null"),
  fc.constantFrom(
    "",
    "  ",
    '\uFEFF{"detail-type":"A","source":"s1"}',
    "{bad",
    "[]",
    "[[1]]",
    "42",
    '{"detail-type":"A","source":"s1","detail":{}}\r',
  ),
);

const read = { ...defaultProfileInputsOptions, maxDepth: 3, maxLineLength: 4000 };
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "audit-hostile-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The report without what names the file and line read (the shards are other files). */
function gist(report: string): unknown {
  const parsed = JSON.parse(report) as {
    summary: { skipped: { samples?: unknown }; unwrapped: Record<string, number> };
    findings: { location?: unknown }[];
  };
  delete parsed.summary.skipped.samples;
  return { ...parsed, findings: parsed.findings.map(({ location: _location, ...finding }) => finding) };
}

describe("hostile corpora", () => {
  it("are audited the same on one read, through a saved profile and cut into merged shards", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 2, max: 4 }),
        async (lines, shards) => {
          run += 1;
          const whole = join(directory, `corpus-${run}.ndjson`);
          await writeFile(whole, `${lines.join("\n")}\n`);
          const profile = await profileInputs([fileInput(whole)], read);
          const report = renderJson(auditProfile(profile));
          expect(renderText(auditProfile(profile), { color: false })).toContain("capsule-entity audit:");
          expect(renderJson(auditProfile(parseProfile(stringifyProfile(profile), whole)))).toBe(report);
          const size = Math.ceil(lines.length / shards);
          let merged = emptyProfile();
          for (let shard = 0; shard * size < lines.length; shard++) {
            const path = join(directory, `corpus-${run}-${shard}.ndjson`);
            await writeFile(path, `${lines.slice(shard * size, (shard + 1) * size).join("\n")}\n`);
            const saved = stringifyProfile(await profileInputs([fileInput(path)], read));
            merged = mergeProfiles(merged, parseProfile(saved, path));
          }
          // A shard whose first line (past blank ones) is a one-line array or starts with a BOM reads it as a file's
          // first (an array file, a BOM): only the counts of batches and bad lines may differ then (as in
          // audit-invariance.test.ts).
          const cutAtFileStart = Array.from({ length: shards }, (_, shard) =>
            lines.slice(shard * size, (shard + 1) * size).find((text) => text.trim() !== ""),
          ).some((first, shard) => shard > 0 && first !== undefined && /^(\uFEFF|\s*\[)/.test(first));
          fc.pre(!cutAtFileStart);
          expect(gist(renderJson(auditProfile(merged)))).toEqual(gist(report));
        },
      ),
      { numRuns: 40, seed: 1611 },
    );
  });
});
