/**
 * Generated layouts and splits of one corpus (issue 16): the report must not depend on how the events are written or
 * cut. Shape: NDJSON or a JSON array (compact or pretty-printed, followed by NDJSON or not), LF or CRLF, with or
 * without a BOM, plain or gzip, each event plain or in a wrapper drawn at random (SQS, SNS, SNS in SQS, PutEvents
 * entries and requests, `detail` as a string, Lambda batches), wrapped and plain lines mixed. Split: the lines cut
 * into 2 to 8 shards at drawn points (empty shards, one event a shard, gzip or array shards among them), each
 * profiled alone and merged in any grouping, against one run over the shards and one over the whole corpus.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { saasCorpus } from "./fixtures/corpora.js";
import {
  type AuditInput,
  type AuditResult,
  type Profile,
  auditProfile,
  fileInput,
  mergeProfiles,
  profileInputsInParallel,
  profileInputs,
  renderJson,
} from "./index.js";

type Envelope = { readonly source: string; readonly "detail-type": string; readonly detail: unknown };

const corpus = saasCorpus(41, 8);
const events = corpus.events as readonly Envelope[];
const read = { maxDepth: 4, maxLineLength: 1 << 20 };

const sqs = (body: unknown, index: number) => ({
  messageId: `m-${index}`,
  receiptHandle: "r",
  body: JSON.stringify(body),
});
const sns = (message: unknown, index: number) => ({
  Type: "Notification",
  MessageId: `n-${index}`,
  TopicArn: "arn:aws:sns:eu-west-1:111122223333:events",
  Message: JSON.stringify(message),
});
const entry = (event: Envelope) => ({
  Source: event.source,
  DetailType: event["detail-type"],
  Detail: JSON.stringify(event.detail),
});
/** The wrappers an event may travel in; the first is none. */
const wrappers: readonly ((event: Envelope, index: number) => unknown)[] = [
  (event) => event,
  (event) => ({ ...event, detail: JSON.stringify(event.detail) }),
  entry,
  (event) => ({ Entries: [entry(event)] }),
  sqs,
  sns,
  (event, index) => sqs(sns(event, index), index),
  (event, index) => ({ Records: [sqs(event, index)] }),
  (event, index) => ({ Records: [{ EventSource: "aws:sns", Sns: sns(event, index) }] }),
];

/** How a file is written: its layout, line ends, BOM and compression. */
interface Layout {
  readonly kind: "ndjson" | "array" | "pretty array" | "array then ndjson";
  readonly crlf: boolean;
  readonly bom: boolean;
  readonly gzip: boolean;
}

const ndjson: Layout = { kind: "ndjson", crlf: false, bom: false, gzip: false };
const layout: fc.Arbitrary<Layout> = fc.record({
  kind: fc.constantFrom("ndjson", "array", "pretty array", "array then ndjson"),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  gzip: fc.boolean(),
});

/** The bytes of `values` written as `layout` says. */
function written(values: readonly unknown[], { kind, crlf, bom, gzip }: Layout): Buffer {
  const end = crlf ? "\r\n" : "\n";
  const lines = (items: readonly unknown[]): string => items.map((value) => JSON.stringify(value) + end).join("");
  const half = Math.ceil(values.length / 2);
  const text =
    kind === "ndjson"
      ? lines(values)
      : kind === "array"
        ? JSON.stringify(values) + end
        : kind === "pretty array"
          ? JSON.stringify(values, null, 2).replaceAll("\n", end) + end
          : JSON.stringify(values.slice(0, half)) + end + lines(values.slice(half));
  const bytes = Buffer.from((bom ? "\uFEFF" : "") + text);
  return gzip ? gzipSync(bytes) : bytes;
}

const inputOf = (name: string, bytes: Buffer): AuditInput => ({
  name,
  // Cut into chunks of 4 KiB, as a stream delivers them.
  chunks: Readable.from(
    Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, i) => bytes.subarray(i * 4096, (i + 1) * 4096)),
  ),
});

const audited = (profile: Profile): AuditResult => auditProfile(profile);

/** The report without where things are (file names and line numbers change with the layout and the cuts). */
function gist(result: AuditResult): unknown {
  const report = JSON.parse(renderJson(result)) as {
    summary: { skipped: { samples: unknown[] }; unwrapped: unknown };
    findings: { location: unknown }[];
  };
  return {
    ...report,
    summary: { ...report.summary, skipped: { ...report.summary.skipped, samples: [] } },
    findings: report.findings.map(({ location: _location, ...finding }) => finding),
  };
}

/** What a finding says, apart from where it points and the evidence that an envelope's fields change. */
const findings = (result: AuditResult): string[] =>
  result.findings.map(
    (finding) => `${finding.risk} ${finding.kind} ${finding.source} › ${finding.eventType} › ${finding.field}`,
  );

describe("the report does not depend on how the corpus is written", () => {
  it("is the same for NDJSON, arrays (compact, pretty), CRLF, a BOM and gzip", async () => {
    const plain = gist(audited(await profileInputs([inputOf("corpus.ndjson", written(events, ndjson))], read)));
    await fc.assert(
      fc.asyncProperty(layout, async (drawn) => {
        const result = audited(await profileInputs([inputOf("corpus", written(events, drawn))], read));
        expect(gist(result)).toEqual(plain);
      }),
      { numRuns: 40, seed: 16 },
    );
  });

  it("finds the same with each event plain or wrapped, in any layout", async () => {
    const plain = audited(await profileInputs([inputOf("corpus.ndjson", written(events, ndjson))], read));
    expect(findings(plain).filter((each) => each.startsWith("high"))).toHaveLength(corpus.gaps.length);
    await fc.assert(
      fc.asyncProperty(
        layout,
        fc.array(fc.nat(wrappers.length - 1), { minLength: 1, maxLength: 40 }),
        async (drawn, draws) => {
          const values = events.map((event, index) => wrappers[draws[index % draws.length]!]!(event, index));
          const result = audited(await profileInputs([inputOf("corpus", written(values, drawn))], read));
          expect(result.summary.events).toBe(events.length);
          expect(result.summary.skippedLines).toBe(0);
          expect(findings(result)).toEqual(findings(plain));
        },
      ),
      { numRuns: 40, seed: 17 },
    );
  });
});

describe("a PutEvents entry or a flat event reads as the event EventBridge delivers from it", () => {
  it("keeps its resources for the envelope's (an entry's Resources): their ARNs are the same boundary evidence", async () => {
    // Six types of documents whose ARNs hold the tenant (`bucket/tn-1/d-…`); the sixth type's detail lacks tenantId.
    const delivered = Array.from({ length: 48 }, (_, index) => {
      const [type, event] = [Math.floor(index / 8), index % 8];
      const tenantId = `tn-${event % 4}`;
      const docId = `d-${type}-${event}`;
      return {
        source: "app",
        "detail-type": `T${type}`,
        account: "111122223333",
        region: "eu-west-1",
        resources: [`arn:aws:s3:::bucket/${tenantId}/${docId}`],
        detail: type === 5 ? { docId, size: event } : { tenantId, docId, size: event },
      };
    });
    const entries = delivered.map((event) => ({
      Source: event.source,
      DetailType: event["detail-type"],
      Detail: JSON.stringify(event.detail),
      Resources: event.resources,
    }));
    // A flat event with its detail (`detailType`, as some routers write it) keeps the envelope beside it as well.
    const flat = delivered.map(({ "detail-type": detailType, ...event }) => ({ detailType, ...event }));
    for (const values of [delivered, entries, flat]) {
      const result = audited(await profileInputs([inputOf("corpus", written(values, ndjson))], read));
      expect(findings(result)).toEqual(["high missing-field app › T5 › tenantId"]);
    }
  });
});

/** A binary tree over `profiles` drawn from `shape`: any grouping of the merges. */
function mergedInGroups(profiles: readonly Profile[], shape: readonly number[]): Profile {
  if (profiles.length === 1) return profiles[0]!;
  const cut = 1 + ((shape[0] ?? 0) % (profiles.length - 1));
  return mergeProfiles(
    mergedInGroups(profiles.slice(0, cut), shape.slice(1)),
    mergedInGroups(profiles.slice(cut), shape.slice(1)),
  );
}

describe("the report does not depend on how the corpus is cut", () => {
  const lines = events.map((event, index) =>
    index % 3 === 0 ? { ...event, detail: JSON.stringify(event.detail) } : event,
  );
  /** Shards: 2 to 8, cut at drawn lines (equal cuts make empty shards), each written in a drawn layout. */
  const shards = fc.integer({ min: 2, max: 8 }).chain((count) =>
    fc.record({
      cuts: fc.array(fc.nat(lines.length), { minLength: count - 1, maxLength: count - 1 }),
      layouts: fc.array(layout, { minLength: count, maxLength: count }),
      grouping: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    }),
  );

  it("merges shards profiled apart into the report of one run over them, and of the whole corpus", async () => {
    const whole = gist(audited(await profileInputs([inputOf("corpus.ndjson", written(lines, ndjson))], read)));
    await fc.assert(
      fc.asyncProperty(shards, async ({ cuts, layouts, grouping }) => {
        const points = [0, ...[...cuts].sort((left, right) => left - right), lines.length];
        const inputs = () =>
          layouts.map((each, shard) =>
            inputOf(`part-${shard}`, written(lines.slice(points[shard], points[shard + 1]), each)),
          );
        const apart = await Promise.all(inputs().map((input) => profileInputs([input], read)));
        const oneRun = renderJson(audited(await profileInputs(inputs(), read)));
        expect(renderJson(audited(apart.reduce((left, right) => mergeProfiles(left, right))))).toBe(oneRun);
        expect(renderJson(audited(mergedInGroups(apart, grouping)))).toBe(oneRun);
        expect(gist(audited(mergedInGroups(apart, grouping)))).toEqual(whole);
        // Shards finish in any order: merged backwards, only where things are first seen may differ.
        expect(gist(audited([...apart].reverse().reduce((left, right) => mergeProfiles(left, right))))).toEqual(whole);
      }),
      { numRuns: 60, seed: 18 },
    );
  });

  it("merges one shard an event into the report of the whole corpus", async () => {
    const whole = gist(audited(await profileInputs([inputOf("corpus.ndjson", written(lines, ndjson))], read)));
    const each = await Promise.all(
      lines.map((line, index) =>
        profileInputs(
          [
            inputOf(
              `event-${index}`,
              written([line], {
                kind: index % 2 === 0 ? "ndjson" : "array",
                crlf: false,
                bom: false,
                gzip: index % 5 === 0,
              }),
            ),
          ],
          read,
        ),
      ),
    );
    expect(gist(audited(each.reduce((left, right) => mergeProfiles(left, right))))).toEqual(whole);
  });
});

describe("the report does not depend on what reads the corpus", () => {
  it("is the same on 1, 2 and 3 threads, from a file or a stream, in any layout", { timeout: 60_000 }, async () => {
    const directory = await mkdtemp(join(tmpdir(), "audit-invariance-"));
    try {
      const values = events.map((event, index) => wrappers[index % wrappers.length]!(event, index));
      await fc.assert(
        fc.asyncProperty(layout, fc.integer({ min: 1, max: 16 }), async (drawn, kib) => {
          const bytes = written(values, drawn);
          const path = join(directory, `corpus-${kib}`);
          await writeFile(path, bytes);
          const streamed = renderJson(audited(await profileInputs([inputOf(path, bytes)], read)));
          // Batches and ranges of 1 to 16 KiB: the corpus (≈ 100 KiB) is cut into many, at drawn places.
          for (const workers of [1, 2, 3]) {
            const options = { ...read, workers, batchBytes: kib << 10 };
            expect(renderJson(audited(await profileInputsInParallel([fileInput(path)], options)))).toBe(streamed);
            expect(renderJson(audited(await profileInputsInParallel([inputOf(path, bytes)], options)))).toBe(streamed);
          }
        }),
        { numRuns: 6, seed: 19 },
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
