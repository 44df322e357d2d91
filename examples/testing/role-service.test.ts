import { describe, expect, it } from "vitest";
import { assertValidEvents, capsuleId, EventValidationError, tenantId } from "capsule-entity";
import { validator } from "../lambda/platform-events.js";
import { assignRole, assignRoleWithoutCapsule, type AssignRoleInput, type Published } from "./role-service.js";

const input: AssignRoleInput = {
  tenantId: tenantId().parse("acme"),
  capsuleId: capsuleId().parse("c-7"),
  assignmentId: "ra-1",
  role: "admin",
  principalId: "p-1",
  actorId: "u-1",
};

describe("role service events", () => {
  it("emits valid events", () => {
    const emitted: Published[] = [];
    assignRole((event) => emitted.push(event), input);
    assignRole((event) => emitted.push(event), { ...input, assignmentId: "ra-2", role: "viewer" });
    expect(assertValidEvents(validator, emitted).byType["RoleAssignmentCreated"]?.valid).toBe(2);
  });

  it("the fixture catches an emitter that drops the capsule id, with a diff per event", () => {
    const emitted: Published[] = [];
    assignRoleWithoutCapsule((event) => emitted.push(event), input);
    expect(() => assertValidEvents(validator, emitted)).toThrow(EventValidationError);
    expect(() => assertValidEvents(validator, emitted)).toThrow(
      expect.objectContaining({
        actual: {
          "#0 RoleAssignmentCreated": {
            "detail.capsuleId": "critical event.missingField",
            "detail.pk": "medium event.missingField",
          },
        },
        expected: { "#0 RoleAssignmentCreated": {} },
      }),
    );
  });
});
