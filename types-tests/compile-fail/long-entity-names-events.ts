// An entity name of 255 characters in the event messages: event.detailOverlap, event.weakerIsolation and the
// verb's event.typeNotLiteral quote it as the scope.* messages do (long-entity-names.ts: its first 16 characters,
// `…` and its length; in an example, where the name stands for the entity's variable, its first 16 characters), so
// that tsc prints the whole message, and the runtime throws the very same text.
import { z } from "zod";
import { capsuleId, defineEntity, defineEvent, tenantId } from "capsule-entity";

const Doc = defineEntity({
  name: "Documentabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
});

export const detailOverlap = () =>
  // expect-error: event.detailOverlap
  Doc.event("Archived", { detail: z.object({ capsuleId: z.string() }) });

export const weakerIsolation = () =>
  defineEvent({
    type: "DocumentsPurged",
    entity: Doc,
    // expect-error: event.weakerIsolation
    isolation: { level: "tenant", reason: "bulk purge" },
    detail: z.object({ tenantId: tenantId() }),
  });

export const emptyVerb = () =>
  // expect-error: event.typeNotLiteral
  Doc.event("");
