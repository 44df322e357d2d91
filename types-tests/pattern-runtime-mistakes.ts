/**
 * Runtime anti-patterns quoted in docs/patterns/ (scripts/patterns-doc.test.ts calls each export and compares
 * what it throws with the doc's quote): mistakes the compiler cannot see, which the library refuses when
 * the code runs.
 */
import { assertValidEvents, capsuleId, createEventValidator, tenantId } from "capsule-entity";
import { CapsuleArchived, RoleAssignmentCreated } from "../examples/patterns/events-from-entities.js";
import { parseBaseline } from "../src/audit/index.js";
import { documentKey } from "../examples/patterns/branded-ids.js";
import { RoleAssignment } from "../examples/patterns/read-back-verification.js";
import { Note } from "../examples/patterns/scoped-access.js";

const acme = { tenantId: tenantId().parse("acme"), capsuleId: capsuleId().parse("c1") };

export const idSmuggledIntoAKey = (): unknown =>
  documentKey({ tenantId: "acme", capsuleId: "0b8e6f52-3c1a-4d5e-9f60-7a8b9c0d1e2f" }, "doc-1#CAPSULE#other");

export const trustedRawItem = (): unknown => {
  const raw = { ...RoleAssignment.toItem({ ...acme, id: "r1", role: "admin" }), capsuleId: "c2" };
  return RoleAssignment.fromItem(raw);
};

export const putIntoAnotherCapsule = (): unknown => {
  const notes = Note.scope(acme);
  return notes.put({ ...acme, capsuleId: capsuleId().parse("c10"), folder: "inbox", noteId: "n1", body: "hi" });
};

export const detailBuiltByHand = (): unknown => {
  const validator = createEventValidator({ events: [RoleAssignmentCreated, CapsuleArchived] });
  const emitted = [
    {
      type: "RoleAssignmentCreated",
      source: "auth",
      detail: { tenantId: "acme", id: "ra-1", role: "admin", actorId: "u-1" },
    },
  ];
  return assertValidEvents(validator, emitted);
};

export const profileAsBaseline = (): unknown =>
  parseBaseline(JSON.stringify({ format: "capsule-entity-audit-profile", version: 1 }), "day-1.profile.json");
