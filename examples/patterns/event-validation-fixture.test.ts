// Event validation as a test fixture: the test collects what the code under test publishes and hands it to
// assertValidEvents(), which checks every event against the declared types and, on failure, throws
// EventValidationError with each violation and a per-event diff (vitest and jest print actual vs expected).
import { describe, expect, it } from "vitest";
import { assertValidEvents, capsuleId, createEventValidator, tenantId, type InferEventDetail } from "capsule-entity";
import { CapsuleArchived, RoleAssignment, RoleAssignmentCreated } from "./events-from-entities.js";

export const validator = createEventValidator({ events: [RoleAssignmentCreated, CapsuleArchived] });

export interface Published {
  readonly type: string;
  readonly source: string;
  readonly detail: unknown;
}

/** The code under test: it publishes through a callback, so a test can collect the events. */
export function assignRole(
  publish: (event: Published) => void,
  input: InferEventDetail<typeof RoleAssignmentCreated>,
): void {
  const { actorId, ...attributes } = input;
  const item = RoleAssignment.toItem(attributes);
  const detail: InferEventDetail<typeof RoleAssignmentCreated> = {
    tenantId: item.tenantId,
    capsuleId: item.capsuleId,
    id: item.id,
    role: item.role,
    actorId,
  };
  publish({ type: RoleAssignmentCreated.type, source: RoleAssignmentCreated.source, detail });
}

describe("assignRole", () => {
  it("publishes valid events", () => {
    const emitted: Published[] = [];
    const ids = { tenantId: tenantId().parse("acme"), capsuleId: capsuleId().parse("c-7") };
    assignRole((event) => emitted.push(event), { ...ids, id: "ra-1", role: "admin", actorId: "u-1" });
    expect(assertValidEvents(validator, emitted).byType["RoleAssignmentCreated"]?.valid).toBe(1);
  });
});
