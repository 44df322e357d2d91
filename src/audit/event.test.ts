import { describe, expect, it } from "vitest";
import { toAuditEvent } from "./event.js";

describe("toAuditEvent", () => {
  it("reads EventBridge envelopes: detail-type and source, payload detail", () => {
    expect(
      toAuditEvent({
        "detail-type": "RoleAssignmentCreated",
        source: "acme.auth",
        detail: { tenant_id: "t1" },
        account: "1",
      }),
    ).toEqual({
      type: "RoleAssignmentCreated",
      source: "acme.auth",
      payload: { tenant_id: "t1" },
      envelopeKeys: [],
    });
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

  it("takes a flat event's detail object as its payload", () => {
    expect(toAuditEvent({ type: "X", detail: { a: 1 } })).toMatchObject({ type: "X", source: "", payload: { a: 1 } });
  });

  it("rejects non-objects and objects without a usable type", () => {
    for (const value of [null, 1, "x", [], [{ type: "X" }]]) expect(toAuditEvent(value)).toBe("not-an-object");
    for (const value of [{}, { type: "" }, { type: 3 }, { type: "x".repeat(300) }, { source: "s", detail: {} }])
      expect(toAuditEvent(value)).toBe("no-event-type");
  });
});
