/**
 * Reading one JSON value as an event: its type, source and payload, from EventBridge envelopes (with `detail` as
 * an object or as a JSON string), PutEvents entries and flat events; the wrappers events travel in (SQS records
 * and messages, SNS notifications, Kinesis records, Firehose transformation records, Lambda batches and JSON arrays,
 * PutEvents requests) are opened, and a value that is no event is named by what it looks like.
 */
import { normalizeFieldName } from "./field-name.js";
import { type ByteTape, keyToken, objectStart, stringToken } from "./byte-tape.js";

/** A corpus record read as an event: its type, the service that emitted it, and the payload to profile. */
export interface AuditEvent {
  readonly type: string;
  readonly source: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Top-level payload keys that name the event rather than describe it (flat events only). */
  readonly envelopeKeys: readonly string[];
  /**
   * The record whose `envelopeFields` (`account`, `region`, `resources`) are profiled beside the payload, as top-level
   * fields: the EventBridge event itself, read in place.
   */
  readonly envelope: Readonly<Record<string, unknown>> | undefined;
}

/** The wrappers an event can travel in, opened by the reader. */
export const wrapperKinds = ["sqs", "sns", "kinesis", "firehose", "put-events", "lambda-batch"] as const;

/** One of `wrapperKinds`. */
export type WrapperKind = (typeof wrapperKinds)[number];

/** A wrapper, opened: what it is and the values it carries, each to be read as an event in turn. */
export interface Wrapped {
  readonly wrapper: WrapperKind;
  readonly inner: readonly unknown[];
}

/**
 * Why a well-formed JSON value is not an event. The last ones name what the value looks like: a wrapper whose
 * content is not an event, or a record of another AWS service.
 */
export type EventRejection =
  | "not-an-object"
  | "no-event-type"
  | "invalid-detail"
  | "sqs-record"
  | "sns-notification"
  | "put-events-entry"
  | "kinesis-record"
  | "firehose-record"
  | "dynamodb-stream-record"
  | "dynamodb-export-item"
  | "s3-notification"
  | "cloudwatch-logs";

/** The usual spellings, tried first: a key lookup is cheaper than normalizing every key. */
const flatTypeKeys = ["type", "eventType", "event_type", "detailType", "EventType", "Type", "DetailType"] as const;
/** Any other spelling of those names (`EventType`, `event-type`, `TYPE`), compared normalized. */
const typeNames: ReadonlySet<string> = new Set(["type", "eventtype", "detailtype"]);
const sourceKeys = ["source", "Source", "SOURCE"] as const;
const maxTypeLength = 256;
/** The key of an EventBridge envelope's type. */
const envelopeTypeKey = "detail-type";
/** The envelope keys of an event whose payload is its `detail`: none, one array for all of them. */
const noKeys: readonly string[] = Object.freeze([]);
/** The EventBridge envelope fields read as the event's own: the account and region, the resources' ARNs. */
export const envelopeFields = ["account", "region", "resources"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value.length <= maxTypeLength;
}

/** The first key spelled as one of `names` once normalized, whose value is a name: the slow path. */
function findNamed(value: Record<string, unknown>, names: ReadonlySet<string>): string | undefined {
  for (const key in value) if (key.length <= 16 && names.has(normalizeFieldName(key)) && isName(value[key])) return key;
  return undefined;
}

function firstNamed(value: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) if (isName(value[key])) return key;
  return undefined;
}

/** A JSON text parsed, or undefined when it is not JSON (a wrapper's body may be any text). */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The event, when it has envelope fields, or undefined: they are read in place, with no copy per event. */
function envelopeOf(value: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const key of envelopeFields) if (value[key] !== undefined) return value;
  return undefined;
}

/**
 * A PutEvents entry's envelope: its `Resources`, which EventBridge delivers as the event's `resources` (an entry has no
 * account or region of its own), or undefined.
 */
function entryEnvelope(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const resources = value["Resources"];
  return resources === undefined ? undefined : { resources };
}

/** A payload given as an object or as a JSON string of one; `invalid-detail` otherwise. */
function payloadOf(detail: unknown): Record<string, unknown> | "invalid-detail" {
  if (detail === undefined || detail === null) return {};
  if (isRecord(detail)) return detail;
  const value = typeof detail === "string" ? parsed(detail) : undefined;
  return isRecord(value) ? value : "invalid-detail";
}

/**
 * A flat event's `detail` when it is its payload: an object, or a JSON string of one (`{ detailType, detail: "{…}" }`,
 * as a bus's target or a logger writes it). Any other `detail`, prose included, is a field like the others.
 */
function detailObject(detail: unknown): Record<string, unknown> | undefined {
  if (isRecord(detail)) return detail;
  if (typeof detail !== "string" || !detail.trimStart().startsWith("{")) return undefined;
  const value = parsed(detail);
  return isRecord(value) ? value : undefined;
}

/** A `datacontenttype` that names JSON (`application/json`, `application/cloudevents+json; charset=utf-8`). */
const jsonContentType = /[/+]json\s*(;|$)/i;

/**
 * A CloudEvents event's `data` given as a JSON string (a producer that serialised it twice, an SDK that leaves it to
 * the sender), read as a `detail` string is: a JSON object, else `invalid-detail`. Undefined when the event is no
 * CloudEvent (no `specversion`), its `data` no string, or its `datacontenttype` names another format (`text/plain`,
 * `application/xml`: the data is opaque text, a field like the others).
 */
function cloudEventData(value: Record<string, unknown>): Record<string, unknown> | "invalid-detail" | undefined {
  const data = value["data"];
  if (typeof data !== "string" || value["specversion"] === undefined) return undefined;
  const contentType = value["datacontenttype"];
  // No `datacontenttype` is JSON: the CloudEvents JSON format reads it as `application/json`.
  if (typeof contentType === "string" && !jsonContentType.test(contentType)) return undefined;
  return payloadOf(data);
}

/** A Firehose record: its `recordId`, and its `data` in base64. */
function isFirehoseRecord(value: Record<string, unknown>): value is { recordId: string; data: string } {
  return typeof value["recordId"] === "string" && typeof value["data"] === "string";
}

/** A base64 text decoded and parsed, or the decoded text when it is not JSON (to be refused by the wrapper's name). */
function decoded(data: string): unknown {
  const text = Buffer.from(data, "base64").toString("utf8");
  return parsed(text) ?? text;
}

/**
 * The wrapper `value` is, opened, or undefined. Lambda batches (`Records`), PutEvents requests (`Entries`), SQS
 * records and messages (`body`, `Body`), SNS notifications (`Message` with a `TopicArn`, or a Lambda record's
 * `Sns`), Kinesis records (`kinesis.data`, base64), a Firehose transformation's input or output (`records`, each a
 * batch's record with a `recordId` and its `data` in base64). A body that is not JSON is handed on as the string,
 * which is then refused by the wrapper's name.
 */
function unwrap(value: Record<string, unknown>): Wrapped | undefined {
  const records = value["Records"];
  if (Array.isArray(records)) return { wrapper: "lambda-batch", inner: records };
  const firehose = value["records"];
  // A transformation's input names its invocation; its output is known by its records.
  if (
    Array.isArray(firehose) &&
    (value["invocationId"] !== undefined || (isRecord(firehose[0]) && isFirehoseRecord(firehose[0])))
  )
    return { wrapper: "lambda-batch", inner: firehose };
  if (isFirehoseRecord(value)) return { wrapper: "firehose", inner: [decoded(value.data)] };
  const entries = value["Entries"];
  if (Array.isArray(entries)) return { wrapper: "put-events", inner: entries };
  const messages = value["Messages"];
  if (Array.isArray(messages)) return { wrapper: "lambda-batch", inner: messages };
  const sns = value["Sns"];
  if (isRecord(sns)) return unwrap(sns);
  const kinesis = value["kinesis"];
  if (isRecord(kinesis) && typeof kinesis["data"] === "string")
    return { wrapper: "kinesis", inner: [decoded(kinesis["data"])] };
  const body = value["body"] ?? value["Body"];
  if (typeof body === "string" && (value["messageId"] ?? value["MessageId"] ?? value["receiptHandle"]) !== undefined)
    return { wrapper: "sqs", inner: [parsed(body) ?? body] };
  const message = value["Message"];
  if (typeof message === "string" && (value["TopicArn"] ?? value["MessageId"]) !== undefined)
    return { wrapper: "sns", inner: [parsed(message) ?? message] };
  return undefined;
}

/** What a value that is no event looks like, when it is a known record of another kind. */
function lookOf(value: Record<string, unknown>): EventRejection {
  if ("receiptHandle" in value || value["eventSource"] === "aws:sqs") return "sqs-record";
  if ("TopicArn" in value || value["EventSource"] === "aws:sns") return "sns-notification";
  if ("DetailType" in value || "Detail" in value) return "put-events-entry";
  if (isRecord(value["kinesis"]) || value["eventSource"] === "aws:kinesis") return "kinesis-record";
  if (typeof value["recordId"] === "string" && "data" in value) return "firehose-record";
  if (isRecord(value["dynamodb"]) && "eventName" in value) return "dynamodb-stream-record";
  if (isRecord(value["Item"]) && Object.keys(value).length === 1) return "dynamodb-export-item";
  // An incremental export's line: the item's keys and its images after and before the write.
  if (isRecord(value["Keys"]) && (isRecord(value["NewImage"]) || isRecord(value["OldImage"])))
    return "dynamodb-export-item";
  if (isRecord(value["s3"]) && "eventName" in value) return "s3-notification";
  if (isRecord(value["awslogs"]) || (Array.isArray(value["logEvents"]) && "logGroup" in value))
    return "cloudwatch-logs";
  return "no-event-type";
}

/**
 * EventBridge envelopes (`source` + `detail-type`, payload `detail`, an object or a JSON string; `account`,
 * `region` and `resources` read as fields), PutEvents entries (`Source`, `DetailType`, `Detail` as a JSON string,
 * `Resources` read as the `resources` EventBridge delivers them as)
 * and flat events (`type`, `eventType`, `event_type`, `detailType` or another spelling of those, payload the event
 * itself or its `detail`; a CloudEvents event's `data` given as a JSON string is read as the object it holds). A
 * wrapper is returned opened, for its contents to be read in turn.
 * @example toAuditEvent({ "detail-type": "UserCreated", source: "auth", detail: { id: "u1" } })
 * //=> { type: "UserCreated", source: "auth", payload: { id: "u1" }, envelopeKeys: [], envelope: undefined }
 */
export function toAuditEvent(input: unknown): AuditEvent | Wrapped | EventRejection {
  // Asked of every value, not only of those that are no object: a test first met in a corpus's first array or scalar
  // line, after this function was optimised, had no type feedback and deoptimised it.
  const array = Array.isArray(input);
  if (array || typeof input !== "object" || input === null)
    // A JSON array on one line is a batch (what an EventBridge Pipes target receives, a logger's flush).
    return array ? { wrapper: "lambda-batch", inner: input } : "not-an-object";
  const value = input as Record<string, unknown>;
  const sourceKey = firstNamed(value, sourceKeys);
  const source = sourceKey === undefined ? "" : (value[sourceKey] as string);
  const envelopeType = value[envelopeTypeKey];
  if (isName(envelopeType)) {
    const payload = payloadOf(value["detail"]);
    if (payload === "invalid-detail") return payload;
    return { type: envelopeType, source, payload, envelopeKeys: noKeys, envelope: envelopeOf(value) };
  }
  const entryType = value["DetailType"];
  if (isName(entryType) && "Detail" in value) {
    const payload = payloadOf(value["Detail"]);
    if (payload === "invalid-detail") return "put-events-entry";
    return { type: entryType, source, payload, envelopeKeys: noKeys, envelope: entryEnvelope(value) };
  }
  const typeKey = firstNamed(value, flatTypeKeys) ?? findNamed(value, typeNames);
  // An SNS notification has a `Type` too (`Notification`): a wrapper is looked for before a flat event is taken.
  if (typeKey === undefined || value[typeKey] === "Notification") {
    const wrapped = unwrap(value);
    if (wrapped !== undefined) return wrapped;
    if (typeKey === undefined) return lookOf(value);
  }
  // An SNS message of another `Type` (`SubscriptionConfirmation`, `UnsubscribeConfirmation`) carries no event.
  if (typeKey === "Type" && "TopicArn" in value) return "sns-notification";
  const type = value[typeKey] as string;
  const detail = detailObject(value["detail"]);
  if (detail !== undefined) return { type, source, payload: detail, envelopeKeys: noKeys, envelope: envelopeOf(value) };
  const data = cloudEventData(value);
  if (data === "invalid-detail") return data;
  return {
    type,
    source,
    // Profiled as if `data` had been sent as the object: the same fields (`data.org.id`) either way.
    payload: data === undefined ? value : { ...value, data },
    envelopeKeys: sourceKey === undefined ? [typeKey] : [typeKey, sourceKey],
    envelope: undefined,
  };
}

/** What a wrapper's content that is no event is refused as: the wrapper's own name. */
export const wrapperRejection: Readonly<Record<WrapperKind, EventRejection>> = {
  sqs: "sqs-record",
  sns: "sns-notification",
  kinesis: "kinesis-record",
  firehose: "firehose-record",
  "put-events": "put-events-entry",
  "lambda-batch": "no-event-type",
};

/**
 * The top-level keys that decide how a tape is read as an event (see `TapeEvent`): the envelope's type and payload,
 * a PutEvents entry's, the sources, the envelope fields and the flat events' type keys.
 */
const tapeEventKeys: readonly string[] = [
  envelopeTypeKey,
  "detail",
  "DetailType",
  "Detail",
  // A CloudEvent's: its `data` given as a string is left to `toAuditEvent`.
  "data",
  "specversion",
  ...sourceKeys,
  ...envelopeFields,
  // `Type` is left out (an SNS notification has one), and `DetailType` has its slot above: both come last.
  ...flatTypeKeys.filter((key) => key !== "Type" && key !== "DetailType"),
];
/**
 * The slot of each of `tapeEventKeys` plus one (0 for none) by 7 bits of its `keyCode` hashed, with the first
 * multiplier under which all differ: a top-level key is compared with one of them at most.
 */
const { slotByKeyCode, keyCodeSeed } = ((): { slotByKeyCode: Int8Array; keyCodeSeed: number } => {
  for (let seed = 0x9e3779b1; ; seed += 2) {
    const table = new Int8Array(128);
    const free = tapeEventKeys.every((key, slot) => {
      const bucket = Math.imul(keyCode(key.length, key.charCodeAt(0), key.charCodeAt(key.length - 1)), seed) >>> 25;
      if (table[bucket] !== 0) return false;
      table[bucket] = slot + 1;
      return true;
    });
    if (free) return { slotByKeyCode: table, keyCodeSeed: seed };
  }
})();
/** `tapeEventKeys` as bytes, one after the other: slot `s`'s from `tapeEventKeyStarts[s]` to `tapeEventKeyStarts[s + 1]`. */
const tapeEventKeyBytes = new TextEncoder().encode(tapeEventKeys.join(""));
const tapeEventKeyStarts = Int32Array.from({ length: tapeEventKeys.length + 1 }, (_, slot) =>
  tapeEventKeys.slice(0, slot).reduce((length, key) => length + key.length, 0),
);
const detailTypeSlot = 0;
const detailSlot = 1;
const entryTypeSlot = 2;
const entryDetailSlot = 3;
const dataSlot = 4;
const specVersionSlot = 5;
const sourceSlot = 6;
const envelopeSlot = sourceSlot + sourceKeys.length;
const flatTypeSlot = envelopeSlot + envelopeFields.length;

/**
 * A JSON line's tape read as an event, as `toAuditEvent` reads `JSON.parse`'s value, for the two common shapes only:
 * an EventBridge envelope whose `detail` is an object, and a flat event with a usual type key (`flatTypeKeys`, `Type`
 * aside) and no `detail`. Anything else (wrappers, `detail` or a CloudEvent's `data` as a string, PutEvents entries,
 * other spellings, a
 * deciding key given twice, whose last value `JSON.parse` keeps) is left to `toAuditEvent`. Tokens, not values;
 * reused from line to line.
 */
export class TapeEvent {
  type = "";
  source = "";
  /** The payload object's start token. */
  payload = 0;
  /** The key tokens of the payload that name the event (a flat event's type and source keys), or -1. */
  omittedType = -1;
  omittedSource = -1;
  /** The value tokens of `envelopeFields`, -1 where absent. */
  readonly envelope: Int32Array = new Int32Array(envelopeFields.length);
  /** The value token of each of `tapeEventKeys`, -1 where absent. */
  private readonly slots = new Int32Array(tapeEventKeys.length).fill(-1);
  /** The slots the last line set, set back to -1 by the next (a few, where `fill` is a call for all of them). */
  private readonly setSlots = new Int32Array(tapeEventKeys.length);
  private setCount = 0;

  /** Reads the tape's top-level object; false when `toAuditEvent` must read the line (see the class). */
  read(tape: ByteTape): boolean {
    const slots = this.slots;
    const setSlots = this.setSlots;
    for (let index = 0; index < this.setCount; index++) slots[setSlots[index] as number] = -1;
    let setCount = 0;
    this.setCount = 0;
    const kinds = tape.kinds;
    if (kinds[0] !== objectStart) return false;
    for (let key = 1; kinds[key] === keyToken; key = tape.after(key + 1)) {
      const start = tape.starts[key] as number;
      const end = tape.ends[key] as number;
      const code = keyCode(end - start, tape.codeAt(start), tape.codeAt(end - 1));
      const slot = (slotByKeyCode[Math.imul(code, keyCodeSeed) >>> 25] as number) - 1;
      // Compared with the key's bytes: a byte array read in a loop costs less than a string's characters.
      if (
        slot === -1 ||
        !tape.isBytes(
          key,
          tapeEventKeyBytes,
          tapeEventKeyStarts[slot] as number,
          tapeEventKeyStarts[slot + 1] as number,
        )
      )
        continue;
      if (slots[slot] !== -1) return false;
      slots[slot] = key + 1;
      setSlots[setCount++] = slot;
      this.setCount = setCount;
    }
    const source = this.firstName(tape, sourceSlot, sourceKeys.length);
    this.source = source === -1 ? "" : sameOr(tape, source, this.source);
    const envelopeType = slots[detailTypeSlot] as number;
    if (envelopeType !== -1) {
      const detail = slots[detailSlot] as number;
      if (!isTapeName(tape, envelopeType) || detail === -1 || kinds[detail] !== objectStart) return false;
      this.type = sameOr(tape, envelopeType, this.type);
      this.payload = detail;
      this.omittedType = -1;
      this.omittedSource = -1;
      for (let index = 0; index < envelopeFields.length; index++)
        this.envelope[index] = slots[envelopeSlot + index] as number;
      return true;
    }
    if (slots[entryTypeSlot] !== -1 || slots[entryDetailSlot] !== -1 || slots[detailSlot] !== -1) return false;
    const data = slots[dataSlot] as number;
    if (data !== -1 && slots[specVersionSlot] !== -1 && kinds[data] === stringToken) return false;
    const type = this.firstName(tape, flatTypeSlot, tapeEventKeys.length - flatTypeSlot);
    if (type === -1 || tape.is(type, "Notification")) return false;
    this.type = sameOr(tape, type, this.type);
    this.payload = 0;
    this.omittedType = type - 1;
    this.omittedSource = source === -1 ? -1 : source - 1;
    this.envelope.fill(-1);
    return true;
  }

  /** The value token of the first of `count` slots from `from` whose value is a name (see `isName`), or -1. */
  private firstName(tape: ByteTape, from: number, count: number): number {
    for (let slot = from; slot < from + count; slot++) {
      const value = this.slots[slot] as number;
      if (value !== -1 && isTapeName(tape, value)) return value;
    }
    return -1;
  }
}

/**
 * The string at the tape's `token`: `last` or a cached string when it is the same text, so that the events of a type
 * look it up with one string (whose hash is kept), not a new one per line.
 */
function sameOr(tape: ByteTape, token: number, last: string): string {
  if (tape.is(token, last)) return last;
  // By a hash of all its characters: `rangeMix`, three of them and the length, is the same for `ContactCreated`,
  // `AccountUpdated` and `ActivityLogged` (with it, type names missed the cache on 28,248 of the bench corpus's first
  // 90,231 events). Two names per slot, the last one found first: a corpus's few dozen names share some of the 128.
  const slot = (tape.hash(token) >>> 25) << 1;
  const cached = nameCache[slot] as string;
  if (tape.is(token, cached)) return cached;
  const other = nameCache[slot + 1] as string;
  const name = tape.is(token, other) ? other : tape.stringAt(token);
  nameCache[slot + 1] = cached;
  nameCache[slot] = name;
  return name;
}

/** A key's length, first and last characters, in one number (an empty key's characters are the quotes around it). */
function keyCode(length: number, first: number, last: number): number {
  return (length << 20) ^ (first << 10) ^ last;
}

/** Type and source names by a hash of their `rangeMix` (see `sameOr`). */
const nameCache: string[] = new Array<string>(256).fill("");

/** `isName` of a tape's token. */
function isTapeName(tape: ByteTape, token: number): boolean {
  const length = (tape.ends[token] as number) - (tape.starts[token] as number);
  return tape.kinds[token] === stringToken && length > 0 && length <= maxTypeLength;
}
