/**
 * The platform's event types, declared once and shared by emitters (their tests use assertValidEvents) and by
 * the validating consumer (handler.ts). Entity events carry the isolation and key fields by construction.
 */
import { z } from "zod";
import {
  capsuleId,
  createEventValidator,
  defineEntity,
  defineEvent,
  tenantId,
  type EventValidator,
} from "capsule-entity";

export const Account = defineEntity({
  name: "Account",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    accountId: z.string(),
    plan: z.enum(["free", "pro"]),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ACCOUNT#${accountId}",
  sk: "METADATA",
});

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    assignmentId: z.string(),
    role: z.string(),
    principalId: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${assignmentId}",
  sk: "METADATA",
});

const actor = z.object({ actorId: z.string() });

export const AccountCreated = Account.event("Created", {
  source: "auth",
  detail: actor.extend({ plan: z.enum(["free", "pro"]) }),
});
export const RoleAssignmentCreated = RoleAssignment.event("Created", {
  source: "auth",
  detail: actor.extend({ role: z.string(), pk: z.string() }),
});
export const RoleAssignmentRevoked = RoleAssignment.event("Revoked", { source: "auth", detail: actor });

/** Sessions are tenant-wide on purpose: the opt-out says why, so capsuleId is not expected of them. */
export const SessionStarted = defineEvent({
  type: "SessionStarted",
  source: "auth",
  isolation: { level: "tenant", reason: "a session spans every capsule the user can open" },
  detail: z.object({ tenantId: tenantId(), sessionId: z.string(), actorId: z.string() }),
});

export const validator: EventValidator = createEventValidator({
  events: [AccountCreated, RoleAssignmentCreated, RoleAssignmentRevoked, SessionStarted],
});
