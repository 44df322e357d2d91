import { afterEach, describe, expect, it, vi } from "vitest";
import { EventValidationError } from "capsule-entity";
import { handler } from "./handler.js";

/** An EventBridge envelope as the Lambda receives it. */
const envelope = (type: string, detail: Record<string, unknown>) => ({
  version: "0",
  id: `evt-${type}`,
  "detail-type": type,
  source: "auth",
  account: "111122223333",
  time: "2026-11-30T03:00:00Z",
  region: "eu-west-1",
  resources: [],
  detail,
});
const ids = { tenantId: "acme", capsuleId: "c-7" };

/** The JSON lines the handler wrote to the log. */
function logged(): Record<string, unknown>[] {
  return vi.mocked(console.log).mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

describe("the event-schema validation Lambda", () => {
  afterEach(() => vi.restoreAllMocks());

  it("passes a well-formed event and records it in the summary metrics", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const report = await handler(envelope("AccountCreated", { ...ids, accountId: "a-1", plan: "pro", actorId: "u-1" }));
    expect(report.ok).toBe(true);
    expect(logged()).toEqual([expect.objectContaining({ level: "info", EventsValidated: 1, EventsInvalid: 0 })]);
  });

  it("catches the case study's event: RoleAssignmentCreated without capsule id, logged as critical, invocation failed", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const leak = envelope("RoleAssignmentCreated", {
      tenantId: "acme",
      assignmentId: "ra-1",
      role: "admin",
      actorId: "u-1",
      pk: "TENANT#acme#ROLE#ra-1",
    });
    await expect(handler(leak)).rejects.toThrow(EventValidationError);
    const [violation, summary] = logged();
    expect(violation).toMatchObject({
      level: "error",
      code: "event.missingField",
      severity: "critical",
      eventType: "RoleAssignmentCreated",
      path: "detail.capsuleId",
      eventId: "evt-RoleAssignmentCreated",
    });
    expect(String(violation?.["message"])).toMatch(
      /^\[event\.missingField\] RoleAssignmentCreated has no detail\.capsuleId/,
    );
    expect(summary).toMatchObject({ EventsInvalid: 1, CriticalViolations: 1 });
  });

  it("catches a key that points into another capsule", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const crossed = envelope("RoleAssignmentCreated", {
      ...ids,
      assignmentId: "ra-2",
      role: "admin",
      actorId: "u-1",
      pk: "TENANT#acme#CAPSULE#c-8#ROLE#ra-2",
    });
    await expect(handler(crossed)).rejects.toThrow("[event.rejected]");
    expect(logged()[0]).toMatchObject({ code: "event.keyMismatch", path: "detail.pk" });
  });

  it("logs, without failing, what is below critical: a typo in the event type", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    await expect(handler(envelope("RoleAsignmentCreated", {}))).resolves.toMatchObject({ ok: false });
    expect(logged()[0]).toMatchObject({ level: "error", code: "event.unknownType", severity: "high" });
    expect(handler.totals.events).toBeGreaterThanOrEqual(4);
  });
});
