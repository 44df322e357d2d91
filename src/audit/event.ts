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

const FLAT_TYPE_KEYS = ["type", "eventType", "event_type", "detailType"] as const;
const MAX_TYPE_LENGTH = 256;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value.length <= MAX_TYPE_LENGTH;
}

/**
 * EventBridge envelopes (`source` + `detail-type`, payload `detail`) and flat events (`type`,
 * `eventType`, `event_type` or `detailType`, payload the event itself or its `detail` object).
 * @example toAuditEvent({ "detail-type": "UserCreated", source: "auth", detail: { id: "u1" } })
 * //=> { type: "UserCreated", source: "auth", payload: { id: "u1" }, envelopeKeys: [] }
 */
export function toAuditEvent(value: unknown): AuditEvent | EventRejection {
  if (!isRecord(value)) return "not-an-object";
  const source = isName(value["source"]) ? value["source"] : "";
  const detail = value["detail"];
  const envelopeType = value["detail-type"];
  if (isName(envelopeType)) {
    return { type: envelopeType, source, payload: isRecord(detail) ? detail : {}, envelopeKeys: [] };
  }
  for (const key of FLAT_TYPE_KEYS) {
    const type = value[key];
    if (!isName(type)) continue;
    if (isRecord(detail)) return { type, source, payload: detail, envelopeKeys: [] };
    return { type, source, payload: value, envelopeKeys: source === "" ? [key] : [key, "source"] };
  }
  return "no-event-type";
}
