import { describe, expect, it } from "vitest";
import { toAuditEvent } from "./event.js";

describe("toAuditEvent", () => {
  it("reads EventBridge envelopes: detail-type and source, payload detail, the envelope fields in place", () => {
    const value = {
      "detail-type": "RoleAssignmentCreated",
      source: "acme.auth",
      detail: { tenant_id: "t1" },
      account: "1",
    };
    const event = toAuditEvent(value);
    expect(event).toEqual({
      type: "RoleAssignmentCreated",
      source: "acme.auth",
      payload: { tenant_id: "t1" },
      envelopeKeys: [],
      envelope: value,
    });
    // The envelope fields are read from the event itself, not copied per event.
    expect((event as { envelope: unknown }).envelope).toBe(value);
    expect(toAuditEvent({ "detail-type": "A", source: "s", detail: {} })).toMatchObject({ envelope: undefined });
  });

  it("reads flat events under type, eventType or event_type, leaving the naming keys out of the payload", () => {
    for (const key of ["type", "eventType", "event_type"]) {
      const event = toAuditEvent({ [key]: "SessionStarted", source: "auth", session_id: "s1" });
      expect(event).toMatchObject({ type: "SessionStarted", source: "auth", envelopeKeys: [key, "source"] });
    }
  });

  it("finds the type and source under other spellings", () => {
    expect(toAuditEvent({ EventType: "A", Source: "s", x: 1 })).toMatchObject({
      type: "A",
      source: "s",
      envelopeKeys: ["EventType", "Source"],
    });
    expect(toAuditEvent({ "event-type": "B", x: 1 })).toMatchObject({
      type: "B",
      source: "",
      envelopeKeys: ["event-type"],
    });
    expect(toAuditEvent({ EVENT_TYPE: "C" })).toMatchObject({ type: "C" });
  });

  it("takes a flat event's detail object as its payload, and its account, region and resources as the envelope", () => {
    expect(toAuditEvent({ type: "X", detail: { a: 1 } })).toMatchObject({ type: "X", source: "", payload: { a: 1 } });
    const flat = { detailType: "X", source: "s", account: "111122223333", resources: ["arn:aws:s3:::b/t-1/d"] };
    for (const detail of [{ a: 1 }, '{"a":1}'])
      expect(toAuditEvent({ ...flat, detail })).toMatchObject({ payload: { a: 1 }, envelope: flat });
  });

  it("takes a flat event's detail given as a JSON string as its payload, and keeps any other detail as a field", () => {
    expect(toAuditEvent({ detailType: "X", source: "s", detail: ' {"tenantId":"t1"}' })).toMatchObject({
      type: "X",
      source: "s",
      payload: { tenantId: "t1" },
      envelopeKeys: [],
    });
    for (const detail of ["user clicked", "{not json", "[1]"])
      expect(toAuditEvent({ type: "X", detail })).toMatchObject({ payload: { type: "X", detail } });
  });

  it("rejects non-objects and objects without a usable type", () => {
    for (const value of [null, 1, "x", true]) expect(toAuditEvent(value)).toBe("not-an-object");
    // A JSON array (on one line, or inside an array file) is a batch, opened.
    expect(toAuditEvent([{ type: "X" }, 1])).toEqual({ wrapper: "lambda-batch", inner: [{ type: "X" }, 1] });
    for (const value of [{}, { type: "" }, { type: 3 }, { type: "x".repeat(300) }, { source: "s", detail: {} }])
      expect(toAuditEvent(value)).toBe("no-event-type");
  });

  it("parses a detail given as a JSON string, and refuses one that is not an object by name", () => {
    const envelope = { "detail-type": "A", source: "s", region: "eu-west-1", resources: ["arn:aws:x:::t/1"] };
    const value = { ...envelope, detail: '{"tenantId":"t1"}' };
    expect(toAuditEvent(value)).toEqual({
      type: "A",
      source: "s",
      payload: { tenantId: "t1" },
      envelopeKeys: [],
      envelope: value,
    });
    for (const detail of ["not json", "[1]", 3]) expect(toAuditEvent({ ...envelope, detail })).toBe("invalid-detail");
  });

  it("reads a CloudEvents event's data given as a JSON string as the object it holds, and refuses one that is not", () => {
    const cloudEvent = { specversion: "1.0", type: "com.example.Created", source: "//example/app", id: "e-1" };
    const data = { org: { id: "o-1" }, docId: "d-1" };
    // As if `data` had been sent as the object: the same fields either way.
    for (const contentType of [
      {},
      { datacontenttype: "application/json" },
      { datacontenttype: "text/json; charset=utf-8" },
    ])
      expect(toAuditEvent({ ...cloudEvent, ...contentType, data: JSON.stringify(data) })).toEqual({
        type: "com.example.Created",
        source: "//example/app",
        payload: { ...cloudEvent, ...contentType, data },
        envelopeKeys: ["type", "source"],
        envelope: undefined,
      });
    for (const text of ["not json", "[1]", '"a string"', " "])
      expect(toAuditEvent({ ...cloudEvent, data: text })).toBe("invalid-detail");
    // Data of another declared format is opaque text, a field like the others; so is a `data` string of no CloudEvent.
    const plain = { ...cloudEvent, datacontenttype: "text/plain", data: "hello" };
    expect(toAuditEvent(plain)).toMatchObject({ payload: plain });
    expect(toAuditEvent({ type: "X", data: "not json" })).toMatchObject({ payload: { type: "X", data: "not json" } });
  });

  it("reads PutEvents entries, and opens PutEvents requests, SQS, SNS and Lambda batches", () => {
    const entry = { Source: "s", DetailType: "A", Detail: '{"x":1}', EventBusName: "bus" };
    expect(toAuditEvent(entry)).toMatchObject({ type: "A", source: "s", payload: { x: 1 }, envelope: undefined });
    expect(toAuditEvent({ ...entry, Detail: "{" })).toBe("put-events-entry");
    // An entry's `Resources` are the delivered event's `resources`, as EventBridge puts them in its envelope.
    const resources = ["arn:aws:s3:::bucket/t-1/d-1"];
    expect(toAuditEvent({ ...entry, Resources: resources })).toMatchObject({ envelope: { resources } });
    expect(toAuditEvent({ Entries: [entry] })).toEqual({ wrapper: "put-events", inner: [entry] });
    const event = { "detail-type": "A", source: "s", detail: {} };
    const sqs = { messageId: "m1", receiptHandle: "r", body: JSON.stringify(event), eventSource: "aws:sqs" };
    expect(toAuditEvent(sqs)).toEqual({ wrapper: "sqs", inner: [event] });
    expect(toAuditEvent({ Records: [sqs] })).toEqual({ wrapper: "lambda-batch", inner: [sqs] });
    const sns = { Type: "Notification", MessageId: "m", TopicArn: "arn:aws:sns:::t", Message: JSON.stringify(event) };
    expect(toAuditEvent(sns)).toEqual({ wrapper: "sns", inner: [event] });
    expect(toAuditEvent({ EventSource: "aws:sns", Sns: sns })).toEqual({ wrapper: "sns", inner: [event] });
    expect(toAuditEvent({ ...sqs, body: "plain text" })).toEqual({ wrapper: "sqs", inner: ["plain text"] });
    const kinesis = {
      eventSource: "aws:kinesis",
      kinesis: { data: Buffer.from(JSON.stringify(event)).toString("base64") },
    };
    expect(toAuditEvent(kinesis)).toEqual({ wrapper: "kinesis", inner: [event] });
    expect(toAuditEvent({ kinesis: { data: Buffer.from("ü x").toString("base64") } })).toEqual({
      wrapper: "kinesis",
      inner: ["ü x"],
    });
    // A Firehose transformation's input, its records, and its output (records known by their ids and data).
    const record = {
      recordId: "r1",
      approximateArrivalTimestamp: 1,
      data: Buffer.from(JSON.stringify(event)).toString("base64"),
    };
    const input = { invocationId: "i", deliveryStreamArn: "arn:aws:firehose:::deliverystream/d", records: [record] };
    expect(toAuditEvent(input)).toEqual({ wrapper: "lambda-batch", inner: [record] });
    expect(toAuditEvent(record)).toEqual({ wrapper: "firehose", inner: [event] });
    const output = { records: [{ recordId: "r1", result: "Ok", data: record.data }] };
    expect(toAuditEvent(output)).toEqual({ wrapper: "lambda-batch", inner: output.records });
    // `records` alone is a field like another.
    expect(toAuditEvent({ records: [{ id: 1 }] })).toBe("no-event-type");
    expect(toAuditEvent({ type: "A", records: [record] })).toMatchObject({ type: "A" });
  });

  it("names what a value that is no event looks like", () => {
    expect(toAuditEvent({ receiptHandle: "r", eventSource: "aws:sqs" })).toBe("sqs-record");
    expect(toAuditEvent({ TopicArn: "arn", Subject: "x" })).toBe("sns-notification");
    // SNS's other messages have a `Type` too, and are no event of that type.
    for (const Type of ["SubscriptionConfirmation", "UnsubscribeConfirmation"])
      expect(toAuditEvent({ Type, MessageId: "m", TopicArn: "arn", Message: "confirm", Token: "t" })).toBe(
        "sns-notification",
      );
    expect(toAuditEvent({ Type: "Notification", MessageId: "m", TopicArn: "arn", Message: { a: 1 } })).toBe(
      "sns-notification",
    );
    expect(toAuditEvent({ eventName: "INSERT", dynamodb: { Keys: {} } })).toBe("dynamodb-stream-record");
    expect(toAuditEvent({ eventName: "ObjectCreated:Put", s3: { bucket: {} } })).toBe("s3-notification");
    expect(toAuditEvent({ eventSource: "aws:kinesis", kinesis: { partitionKey: "p" } })).toBe("kinesis-record");
    expect(toAuditEvent({ recordId: "r", data: null })).toBe("firehose-record");
    expect(toAuditEvent({ Item: { pk: { S: "TENANT#t1" } } })).toBe("dynamodb-export-item");
    expect(toAuditEvent({ Item: { pk: { S: "x" } }, type: "A" })).toMatchObject({ type: "A" });
    const keys = { pk: { S: "TENANT#t1" } };
    expect(toAuditEvent({ Metadata: {}, Keys: keys, NewImage: keys })).toBe("dynamodb-export-item");
    expect(toAuditEvent({ Metadata: {}, Keys: keys, OldImage: keys })).toBe("dynamodb-export-item");
    expect(toAuditEvent({ awslogs: { data: "H4sI" } })).toBe("cloudwatch-logs");
    expect(toAuditEvent({ messageType: "DATA_MESSAGE", logGroup: "g", logEvents: [] })).toBe("cloudwatch-logs");
  });
});
