/**
 * Generated corpora of every event shape the audit reads (issue 16, "Real shapes"): each event of a fixture corpus
 * goes out in a shape drawn at random (plain EventBridge, `detail` as a JSON string, a flat event with its `detail`
 * as a JSON string, a PutEvents entry or request, a JSON array on one line, an SQS record or message, an SNS
 * notification alone, in a Lambda
 * record or inside SQS, a Kinesis record, a Firehose transformation's input), mixed with valid JSON values that are no event (SNS subscription
 * confirmations, DynamoDB stream and S3 records, CloudWatch Logs data, export items, scalars). Whatever the draw,
 * every event is read, every other value is refused by name, the counts of what was opened add up, and the findings
 * are those of the plain corpus: the planted gaps HIGH, nothing HIGH on data without tenancy.
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FixtureCorpus, githubLikeCorpus, saasCorpus } from "./fixtures/corpora.js";
import { type AuditResult, auditInputs } from "./index.js";
import { seriousTypes } from "./fixtures/serious.js";
import type { WrapperKind } from "./event.js";
import type { SkipReason } from "./reader.js";

interface Envelope {
  readonly source: string;
  readonly "detail-type": string;
  readonly detail: unknown;
}

/** A shape an event travels in: the line it becomes and the wrappers the reader opens to reach it. */
interface Shape {
  readonly name: string;
  readonly opened: readonly WrapperKind[];
  readonly wrap: (event: Envelope, index: number) => unknown;
}

const topicArn = "arn:aws:sns:eu-west-1:111122223333:events";
const sqsRecord = (body: unknown, index: number) => ({
  messageId: `m-${index}`,
  receiptHandle: `r-${index}`,
  body: JSON.stringify(body),
  eventSource: "aws:sqs",
});
const snsNotification = (message: unknown, index: number) => ({
  Type: "Notification",
  MessageId: `n-${index}`,
  TopicArn: topicArn,
  Message: JSON.stringify(message),
});
const entry = (event: Envelope) => ({
  Source: event.source,
  DetailType: event["detail-type"],
  Detail: JSON.stringify(event.detail),
  EventBusName: "bus",
});

const shapes: readonly Shape[] = [
  { name: "EventBridge", opened: [], wrap: (event) => event },
  { name: "detail as a string", opened: [], wrap: (event) => ({ ...event, detail: JSON.stringify(event.detail) }) },
  {
    name: "flat, detail as a string",
    opened: [],
    wrap: (event) => ({ detailType: event["detail-type"], source: event.source, detail: JSON.stringify(event.detail) }),
  },
  { name: "PutEvents entry", opened: [], wrap: entry },
  { name: "PutEvents request", opened: ["put-events"], wrap: (event) => ({ Entries: [entry(event)] }) },
  { name: "SQS record", opened: ["sqs"], wrap: sqsRecord },
  {
    name: "SQS message (ReceiveMessage)",
    opened: ["lambda-batch", "sqs"],
    wrap: (event, index) => ({
      Messages: [{ MessageId: `m-${index}`, ReceiptHandle: "r", Body: JSON.stringify(event) }],
    }),
  },
  {
    name: "SQS batch",
    opened: ["lambda-batch", "sqs"],
    wrap: (event, index) => ({ Records: [sqsRecord(event, index)] }),
  },
  { name: "JSON array line", opened: ["lambda-batch"], wrap: (event) => [event] },
  { name: "SNS notification", opened: ["sns"], wrap: snsNotification },
  {
    name: "SNS in a Lambda record",
    opened: ["lambda-batch", "sns"],
    wrap: (event, index) => ({ Records: [{ EventSource: "aws:sns", Sns: snsNotification(event, index) }] }),
  },
  {
    name: "SNS in SQS in a batch",
    opened: ["lambda-batch", "sqs", "sns"],
    wrap: (event, index) => ({ Records: [sqsRecord(snsNotification(event, index), index)] }),
  },
  {
    name: "Kinesis record",
    opened: ["kinesis"],
    wrap: (event, index) => ({
      eventSource: "aws:kinesis",
      kinesis: { partitionKey: `p-${index}`, data: Buffer.from(JSON.stringify(event)).toString("base64") },
    }),
  },
  {
    name: "Firehose transformation input",
    opened: ["lambda-batch", "firehose"],
    wrap: (event, index) => ({
      invocationId: `i-${index}`,
      deliveryStreamArn: "arn:aws:firehose:eu-west-1:111122223333:deliverystream/events",
      region: "eu-west-1",
      records: [
        {
          recordId: `r-${index}`,
          approximateArrivalTimestamp: 1_790_000_000_000 + index,
          data: Buffer.from(`${JSON.stringify(event)}\n`).toString("base64"),
        },
      ],
    }),
  },
];

/** A valid JSON value that is no event, and the reason (by what it looks like) it must be refused with. */
interface NotEvent {
  readonly value: unknown;
  readonly reason: SkipReason;
  readonly opened: readonly WrapperKind[];
}

const notEvents: readonly NotEvent[] = [
  {
    value: {
      Type: "SubscriptionConfirmation",
      MessageId: "c-1",
      Token: "2336412f37",
      TopicArn: topicArn,
      Message: "You have chosen to subscribe to the topic. To confirm the subscription, visit the SubscribeURL.",
      SubscribeURL: "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription",
    },
    reason: "sns-notification",
    opened: [],
  },
  {
    value: { Type: "UnsubscribeConfirmation", MessageId: "c-2", Token: "2336", TopicArn: topicArn, Message: "bye" },
    reason: "sns-notification",
    opened: [],
  },
  { value: snsNotification("not json", 0), reason: "sns-notification", opened: ["sns"] },
  { value: { messageId: "m", receiptHandle: "r", body: "plain text" }, reason: "sqs-record", opened: ["sqs"] },
  {
    value: { Records: [{ eventID: "1", eventName: "INSERT", eventSource: "aws:dynamodb", dynamodb: { Keys: {} } }] },
    reason: "dynamodb-stream-record",
    opened: ["lambda-batch"],
  },
  {
    value: { Records: [{ eventName: "ObjectCreated:Put", s3: { bucket: { name: "b" } } }] },
    reason: "s3-notification",
    opened: ["lambda-batch"],
  },
  {
    value: { invocationId: "i", records: [{ recordId: "r", data: Buffer.from("plain text").toString("base64") }] },
    reason: "firehose-record",
    opened: ["lambda-batch", "firehose"],
  },
  { value: { recordId: "r", data: { not: "base64" } }, reason: "firehose-record", opened: [] },
  { value: { awslogs: { data: "H4sIAAAAAAAAA" } }, reason: "cloudwatch-logs", opened: [] },
  { value: { Item: { pk: { S: "A#1" } } }, reason: "dynamodb-export-item", opened: [] },
  { value: { Source: "s", DetailType: "t", Detail: "[1]" }, reason: "put-events-entry", opened: [] },
  { value: { "detail-type": "t", source: "s", detail: [1, 2] }, reason: "invalid-detail", opened: [] },
  { value: { name: "no type here" }, reason: "no-event-type", opened: [] },
  { value: 42, reason: "not-an-object", opened: [] },
  { value: "text", reason: "not-an-object", opened: [] },
];

const audit = (lines: readonly unknown[]): Promise<AuditResult> =>
  auditInputs(
    [
      {
        name: "corpus.ndjson",
        chunks: Readable.from([Buffer.from(lines.map((line) => JSON.stringify(line)).join("\n"))]),
      },
    ],
    { read: { maxDepth: 4, maxLineLength: 1 << 20 } },
  );

/** What a finding says, apart from where it points (line numbers change with the lines planted between). */
const gist = (result: AuditResult): string[] =>
  result.findings.map(
    (finding) => `${finding.risk} ${finding.kind} ${finding.source} › ${finding.eventType} › ${finding.field}`,
  );

function tally(into: Map<string, number>, keys: readonly string[]): void {
  for (const key of keys) into.set(key, (into.get(key) ?? 0) + 1);
}

/** The corpus drawn: each event in the shape `draws[i]` picks, a not-event planted after it when `plants[i]` says. */
function drawn(corpus: FixtureCorpus, draws: readonly number[], plants: readonly number[]) {
  const lines: unknown[] = [];
  const opened = new Map<string, number>();
  const refused = new Map<string, number>();
  corpus.events.forEach((event, index) => {
    const shape = shapes[draws[index % draws.length]! % shapes.length]!;
    lines.push(shape.wrap(event as Envelope, index));
    tally(opened, shape.opened);
    const plant = plants[index % plants.length]!;
    if (plant < notEvents.length) {
      const planted = notEvents[plant]!;
      lines.push(planted.value);
      tally(opened, planted.opened);
      tally(refused, [planted.reason]);
    }
  });
  return { lines, opened: Object.fromEntries(opened), refused: Object.fromEntries(refused) };
}

const draws = fc.array(fc.nat(shapes.length - 1), { minLength: 1, maxLength: 64 });
// Three times as many draws plant nothing as plant something.
const plants = fc.array(fc.nat(notEvents.length * 4 - 1), { minLength: 1, maxLength: 64 });

describe("every event shape, drawn at random and mixed", () => {
  it("reads every event of the tenant corpus, refuses every other value by name, and flags exactly the planted gaps", async () => {
    const corpus = saasCorpus(21, 12);
    const plain = gist(await audit(corpus.events));
    expect(seriousTypes(await audit(corpus.events))).toEqual([...corpus.gaps].sort());
    await fc.assert(
      fc.asyncProperty(draws, plants, async (drawnShapes, drawnPlants) => {
        const { lines, opened, refused } = drawn(corpus, drawnShapes, drawnPlants);
        // A first line that is an array makes the input a JSON array file: that array is the file, no batch.
        if (Array.isArray(lines[0]) && --opened["lambda-batch"]! === 0) delete opened["lambda-batch"];
        const result = await audit(lines);
        expect(result.summary.events).toBe(corpus.events.length);
        expect(result.summary.skipped.byReason).toEqual(refused);
        expect(result.summary.skippedLines).toBe(result.summary.notEvents);
        expect(result.summary.unwrapped).toEqual(opened);
        expect(gist(result)).toEqual(plain);
      }),
      { numRuns: 12 },
    );
  });

  it("reads events written back to back on one line (Firehose's records in S3) as the same events", async () => {
    const corpus = saasCorpus(23, 6);
    const plain = await audit(corpus.events);
    const objects: string[] = [];
    // Objects of up to 7 events each, some with a space between events.
    for (let index = 0; index < corpus.events.length; index += 7)
      objects.push(
        corpus.events
          .slice(index, index + 7)
          .map((event) => JSON.stringify(event))
          .join(index % 2 === 0 ? "" : " "),
      );
    const result = await auditInputs(
      [{ name: "firehose.json", chunks: Readable.from([Buffer.from(objects.join("\n"))]) }],
      { read: { maxDepth: 4, maxLineLength: 1 << 20 } },
    );
    expect(result.summary.events).toBe(corpus.events.length);
    expect(result.summary.skippedLines).toBe(0);
    expect(gist(result)).toEqual(gist(plain));
  });

  it("finds nothing HIGH on data without tenancy, in any shape", async () => {
    const corpus = githubLikeCorpus(22, 8);
    // GitHub-like events are flat: put them in an envelope first, as a bus would.
    const events = corpus.events.map((event) => ({
      source: "github.com",
      "detail-type": (event as { type?: string }).type ?? "x",
      detail: event,
    }));
    const plain = await audit(events);
    expect(seriousTypes(plain)).toEqual([]);
    await fc.assert(
      fc.asyncProperty(draws, plants, async (drawnShapes, drawnPlants) => {
        const { lines } = drawn({ events, gaps: [] }, drawnShapes, drawnPlants);
        const result = await audit(lines);
        expect(result.summary.events).toBe(events.length);
        expect(gist(result)).toEqual(gist(plain));
      }),
      { numRuns: 6 },
    );
  });
});
