import { normalizeFieldName } from "./field-name.js";

/** A corpus record read as an event: its type, the service that emitted it, and the payload to profile. */
export interface AuditEvent {
  readonly type: string;
  readonly source: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Top-level payload keys that name the event rather than describe it (flat events only). */
  readonly envelopeKeys: readonly string[];
}

/** Why a well-formed JSON value is not an event. */
export type EventRejection = "not-an-object" | "no-event-type";

/** The usual spellings, tried first: a key lookup is cheaper than normalizing every key. */
const FLAT_TYPE_KEYS = ["type", "eventType", "event_type", "detailType", "EventType", "Type", "DetailType"] as const;
/** Any other spelling of those names (`EventType`, `event-type`, `TYPE`), compared normalized. */
const TYPE_NAMES: ReadonlySet<string> = new Set(["type", "eventtype", "detailtype"]);
const SOURCE_KEYS = ["source", "Source", "SOURCE"] as const;
const MAX_TYPE_LENGTH = 256;
/** The envelope keys of an event whose payload is its `detail`: none, one array for all of them. */
const NO_KEYS: readonly string[] = Object.freeze([]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value.length <= MAX_TYPE_LENGTH;
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

/**
 * EventBridge envelopes (`source` + `detail-type`, payload `detail`) and flat events (`type`,
 * `eventType`, `event_type`, `detailType` or another spelling of those, payload the event itself or its
 * `detail` object). The source is `source`, `Source` or `SOURCE`.
 * @example toAuditEvent({ "detail-type": "UserCreated", source: "auth", detail: { id: "u1" } })
 * //=> { type: "UserCreated", source: "auth", payload: { id: "u1" }, envelopeKeys: [] }
 */
export function toAuditEvent(value: unknown): AuditEvent | EventRejection {
  if (!isRecord(value)) return "not-an-object";
  const sourceKey = firstNamed(value, SOURCE_KEYS);
  const source = sourceKey === undefined ? "" : (value[sourceKey] as string);
  const detail = value["detail"];
  const envelopeType = value["detail-type"];
  if (isName(envelopeType)) {
    return { type: envelopeType, source, payload: isRecord(detail) ? detail : {}, envelopeKeys: NO_KEYS };
  }
  const typeKey = firstNamed(value, FLAT_TYPE_KEYS) ?? findNamed(value, TYPE_NAMES);
  if (typeKey === undefined) return "no-event-type";
  const type = value[typeKey] as string;
  if (isRecord(detail)) return { type, source, payload: detail, envelopeKeys: NO_KEYS };
  return { type, source, payload: value, envelopeKeys: sourceKey === undefined ? [typeKey] : [typeKey, sourceKey] };
}
