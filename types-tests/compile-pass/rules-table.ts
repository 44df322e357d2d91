// The safe neighbours of types-tests/compile-fail/rules-table.ts: forms the rule table accepts at both levels
// (the runtime refused the first four before it).
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

enum Priority {
  Low,
  High,
}

export const requiredSchema = () =>
  defineEntity({
    name: "Required",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }).required(),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#N#${id}",
  });

export const requiredContext = () =>
  defineEntity({
    name: "RequiredContext",
    schema: z.object({
      context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }).required(),
      id: z.string(),
    }),
    pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#N#${id}",
  });

export const numericEnumKey = () =>
  defineEntity({
    name: "Prioritized",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), priority: z.enum(Priority) }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
    sk: "P#${priority}",
  });

export const dollarInFieldName = () =>
  defineEntity({
    name: "Dollar",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), a$b: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
    sk: "A#${a$b}",
  });

export const refinedKeyFieldsAndIds = () =>
  defineEntity({
    name: "Refined",
    schema: z.object({
      tenantId: tenantId(z.string().regex(/^[a-z0-9-]+$/)),
      capsuleId: capsuleId(z.uuid()).nonoptional(),
      code: z.string().refine((s) => s.length < 10),
      kind: z.enum(["a", "b"]).readonly(),
    }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
    sk: "K#${kind}#C#${code}",
  });

export const dottedIndexNameAndPaddedReason = () =>
  defineEntity({
    name: "Settings",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#SETTINGS#${id}",
    indexes: { "by-id.v1_x": { pk: "TENANT#${tenantId}#BY#${id}" } },
    isolation: { level: "tenant", reason: " tenant-wide settings " },
  });
