import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEvent } from "./define-event.js";
import { EventValidationError } from "../errors.js";
import { createEventValidationHandler } from "./event-handler.js";
import { createEventValidator } from "./event-validator.js";
import { capsuleId, tenantId } from "../ids.js";
import { eventsRejectedMessage, missingEventFieldMessage } from "../messages.js";

const GroupCreated = defineEvent({
  type: "GroupCreated",
  source: "auth",
  detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), groupId: z.string() }),
});
const validator = createEventValidator({ events: [GroupCreated] });
const valid = {
  id: "e-1",
  "detail-type": "GroupCreated",
  source: "auth",
  detail: { tenantId: "t1", capsuleId: "c1", groupId: "g1" },
};
const leaking = { id: "e-2", "detail-type": "GroupCreated", source: "auth", detail: { tenantId: "t1", groupId: "g2" } };

/** A handler whose log lines are collected and parsed. */
function setup(options: { failOn?: "critical" | "high" | "medium" | "low"; metricNamespace?: string | false } = {}) {
  const lines: Record<string, unknown>[] = [];
  const handler = createEventValidationHandler({
    validator,
    log: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    ...options,
  });
  return { handler, lines };
}

describe("createEventValidationHandler", () => {
  it("logs one summary line with embedded metrics for a valid event, and returns the report", async () => {
    const { handler, lines } = setup();
    const summary = await handler(valid);
    expect(summary).toMatchObject({ ok: true, total: 1, valid: 1 });
    expect(summary).not.toHaveProperty("results");
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        logger: "capsule-entity",
        message: "1 events validated, 0 invalid",
        EventsValidated: 1,
        EventsInvalid: 0,
        CriticalViolations: 0,
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: "CapsuleEntity/Events",
              Dimensions: [[]],
              Metrics: [
                "EventsValidated",
                "EventsInvalid",
                "CriticalViolations",
                "HighViolations",
                "MediumViolations",
                "LowViolations",
              ].map((Name) => ({ Name, Unit: "Count" })),
            },
          ],
        },
      }),
    ]);
  });

  it("logs each violation as structured JSON with the event's id and source, then the summary; counts across invocations", async () => {
    const { handler, lines } = setup({ metricNamespace: false });
    await handler([valid, leaking]);
    expect(lines[0]).toEqual({
      level: "error",
      logger: "capsule-entity",
      index: 1,
      code: "event.missingField",
      severity: "critical",
      eventType: "GroupCreated",
      path: "detail.capsuleId",
      message: missingEventFieldMessage(
        "GroupCreated",
        "detail.capsuleId",
        "isolation field",
        "tenantId, capsuleId, groupId",
      ),
      eventId: "e-2",
      source: "auth",
    });
    expect(lines[1]).toMatchObject({ level: "warn", EventsValidated: 2, EventsInvalid: 1, CriticalViolations: 1 });
    expect(lines[1]).not.toHaveProperty("_aws");
    await handler(null);
    expect(handler.totals).toEqual({
      events: 3,
      valid: 1,
      invalid: 2,
      bySeverity: { critical: 1, high: 1, medium: 0, low: 0 },
    });
  });

  it("with failOn, fails the invocation after logging, so EventBridge retries and dead-letters the event", async () => {
    const { handler, lines } = setup({ failOn: "critical" });
    const failure = await handler([leaking, valid]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventValidationError);
    expect((failure as EventValidationError).message).toBe(
      eventsRejectedMessage(1, 2, "critical", "GroupCreated event.missingField at detail.capsuleId"),
    );
    expect((failure as EventValidationError).violations).toHaveLength(1);
    expect(lines.map((line) => line["code"] ?? line["message"])).toEqual([
      "event.missingField",
      "2 events validated, 1 invalid",
    ]);
    await expect(handler(valid)).resolves.toMatchObject({ ok: true });
    // Below the threshold: logged, not failed.
    const lenient = setup({ failOn: "critical" });
    await expect(lenient.handler({ ...valid, source: "crm" })).resolves.toMatchObject({ ok: false });
    expect(lenient.lines[0]).toMatchObject({ level: "warn", code: "event.invalidField", severity: "medium" });
  });

  it("never throws on hostile events: they are logged like any other violation", async () => {
    const { handler, lines } = setup({ failOn: "critical" });
    const hostile = {
      "detail-type": "GroupCreated",
      get id(): never {
        throw new Error("no id");
      },
      get detail(): never {
        throw new Error("no detail");
      },
    };
    await expect(handler([hostile, "text", [1, 2]])).resolves.toMatchObject({ total: 3, invalid: 3 });
    expect(lines.slice(0, 3).map((line) => line["code"])).toEqual([
      "event.unreadable",
      "event.notAnEvent",
      "event.notAnEvent",
    ]);
  });

  it("keeps the summary line bounded when a batch holds many distinct types", async () => {
    const { handler, lines } = setup({ metricNamespace: false });
    await handler(Array.from({ length: 60 }, (_, index) => ({ type: `Unknown${index}`, detail: {} })));
    expect(lines.at(-1)).toMatchObject({ EventsInvalid: 60, byType: "60 event types (see the violation lines)" });
  });

  it("defaults to console.log", async () => {
    const logged: unknown[] = [];
    const original = console.log;
    console.log = (line: unknown) => logged.push(line);
    try {
      await createEventValidationHandler({ validator })(valid);
    } finally {
      console.log = original;
    }
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] as string)).toMatchObject({ EventsValidated: 1 });
  });
});
