// Isolation fields in an event's detail that are present but unusable: optional, not branded, too deep, in
// two places; and an opt-out without a reason. Each marked line below must fail with the code in its marker.
import { z } from "zod";
import { capsuleId, defineEvent, tenantId, type CapsuleId } from "capsule-entity";

export const Optional = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.optionalField]
  detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId().optional(), documentId: z.string() }),
});

// A field typed as a union (a schema chosen at runtime) passes only when every member would.
const strictIds = Number("0") === 1;
export const OptionalInOneMember = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.optionalField]
  detail: z.object({ tenantId: tenantId(), capsuleId: strictIds ? capsuleId() : capsuleId().optional(), documentId: z.string() }),
});

export const Unbranded = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.wrongType]
  detail: z.object({ tenantId: tenantId(), capsuleId: z.string(), documentId: z.string() }),
});

export const TooDeep = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.fieldTooDeep]
  detail: z.object({ tenantId: tenantId(), meta: z.object({ scope: z.object({ capsuleId: capsuleId() }) }) }),
});

export const Ambiguous = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.ambiguousField]
  detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), context: z.object({ tenantId: tenantId() }) }),
});

export const NoReason = () => defineEvent({
  type: "SessionStarted",
  // expect-error: [isolation.missingReason]
  isolation: { level: "tenant", reason: "" },
  detail: z.object({ tenantId: tenantId() }),
});

export const Caught = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.optionalField]
  detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId().catch(capsuleId().parse("c0")), documentId: z.string() }),
});

// z.custom: its output is the id's, its check whatever its function says (see entity-schema.ts).
export const Custom = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.wrongType]
  detail: z.object({ tenantId: tenantId(), capsuleId: z.custom<CapsuleId>(), documentId: z.string() }),
});

export const CustomWithACheck = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.wrongType]
  detail: z.object({ tenantId: tenantId(), capsuleId: z.custom<CapsuleId>((id) => typeof id === "string"), documentId: z.string() }),
});

export const OrUndefined = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.wrongType]
  detail: z.object({ tenantId: tenantId(), capsuleId: z.union([capsuleId(), z.undefined()]), documentId: z.string() }),
});

export const CustomOrId = () => defineEvent({
  type: "DocumentShared",
  // expect-error: [isolation.wrongType]
  detail: z.object({ tenantId: tenantId(), capsuleId: z.union([z.custom<CapsuleId>(), capsuleId()]), documentId: z.string() }),
});
