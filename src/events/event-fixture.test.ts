import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEntity } from "../kit.js";
import { EventValidationError } from "../errors.js";
import { assertValidEvents } from "./event-fixture.js";
import { createEventValidator } from "./event-validator.js";
import { capsuleId, tenantId } from "../ids.js";
import { invalidEventsMessage, missingEventFieldMessage, unknownEventTypeMessage } from "../messages.js";

const Entitlement = defineEntity({
  name: "Entitlement",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), sku: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITLEMENT#${sku}",
});
const validator = createEventValidator({ events: [Entitlement.event("Granted"), Entitlement.event("Revoked")] });
const granted = { type: "EntitlementGranted", detail: { tenantId: "t1", capsuleId: "c1", sku: "pro" } };

describe("assertValidEvents", () => {
  it("returns the batch report when every event is valid", () => {
    expect(assertValidEvents(validator, [granted, { ...granted, type: "EntitlementRevoked" }])).toMatchObject({
      ok: true,
      total: 2,
      valid: 2,
    });
    expect(assertValidEvents(validator, []).total).toBe(0);
  });

  it("throws every violation, most severe first, as ✖ message / → at path lines", () => {
    const emitted = [
      granted,
      { type: "EntitlementGranted", detail: { tenantId: "t1", sku: "pro" } },
      { type: "EntitlementGrantd", detail: {} },
    ];
    const error = (() => {
      try {
        assertValidEvents(validator, emitted);
      } catch (thrown) {
        return thrown as EventValidationError;
      }
      throw new Error("assertValidEvents passed invalid events");
    })();
    expect(error).toBeInstanceOf(EventValidationError);
    expect(error.code).toBe("event.invalidEvents");
    expect(error.message).toBe(
      [
        invalidEventsMessage(2, 3, "EntitlementGranted detail: { tenantId, capsuleId, sku }"),
        `  #1 ✖ ${missingEventFieldMessage("EntitlementGranted", "detail.capsuleId", "isolation field", "tenantId, capsuleId, sku")}`,
        "       → at detail.capsuleId",
        `  #2 ✖ ${unknownEventTypeMessage('"EntitlementGrantd"', "type", "EntitlementGranted")}`,
        "       → at type",
      ].join("\n"),
    );
    // What test runners diff: per invalid event, path → severity and code, against no violations.
    expect(error.actual).toEqual({
      "#1 EntitlementGranted": { "detail.capsuleId": "critical event.missingField" },
      "#2 EntitlementGrantd": { type: "high event.unknownType" },
    });
    expect(error.expected).toEqual({ "#1 EntitlementGranted": {}, "#2 EntitlementGrantd": {} });
  });

  it("reports input that is not an event under (no type), at (event)", () => {
    expect(() => assertValidEvents(validator, [null])).toThrow(
      expect.objectContaining({ actual: { "#0 (no type)": { "(event)": "high event.notAnEvent" } } }),
    );
  });
});
