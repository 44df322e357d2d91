/**
 * A service that assigns roles and publishes what it did. Events are built from the entity's own attributes
 * and keys, so they carry the isolation fields the event type declares.
 */
import type { CapsuleId, InferEventDetail, TenantId } from "capsule-entity";
import { RoleAssignment, RoleAssignmentCreated } from "../lambda/platform-events.js";

/** What the service publishes: a flat `{ type, source, detail }`, sent to EventBridge by the caller. */
export interface Published {
  readonly type: string;
  readonly source: string;
  readonly detail: unknown;
}

export interface AssignRoleInput {
  readonly tenantId: TenantId;
  readonly capsuleId: CapsuleId;
  readonly assignmentId: string;
  readonly role: string;
  readonly principalId: string;
  readonly actorId: string;
}

export function assignRole(publish: (event: Published) => void, input: AssignRoleInput): void {
  const { actorId, ...attributes } = input;
  const item = RoleAssignment.toItem(attributes);
  const detail: InferEventDetail<typeof RoleAssignmentCreated> = {
    tenantId: item.tenantId,
    capsuleId: item.capsuleId,
    assignmentId: item.assignmentId,
    role: item.role,
    pk: item.pk,
    actorId,
  };
  publish({ type: RoleAssignmentCreated.type, source: RoleAssignmentCreated.source, detail });
}

/** The bug of the case study, kept here to show the fixture catching it: the capsule id is left out. */
export function assignRoleWithoutCapsule(publish: (event: Published) => void, input: AssignRoleInput): void {
  const { capsuleId: _dropped, ...rest } = input;
  publish({ type: RoleAssignmentCreated.type, source: RoleAssignmentCreated.source, detail: rest });
}
