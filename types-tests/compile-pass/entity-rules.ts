// The positive twins of types-tests/compile-fail/: each definition here must compile under TS 5.9, 6.0 and
// 7.0, and must not throw at runtime (types-tests/compile-pass.test.ts calls every export).
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const topLevel = () =>
  defineEntity({
    name: "RoleAssignment",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    sk: "METADATA",
  });

export const prefixOnly = () =>
  defineEntity({
    name: "CapsuleSettings",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
    sk: "SETTINGS",
  });

export const nested = () =>
  defineEntity({
    name: "ComplexEntity",
    schema: z.object({
      context: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), region: z.string() }),
      id: z.string(),
    }),
    pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#DOC#${id}",
    sk: "REGION#${context.region}",
  });

export const splitNested = () =>
  defineEntity({
    name: "SplitContext",
    schema: z.object({ tenantId: tenantId(), scope: z.object({ capsuleId: capsuleId() }), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${scope.capsuleId}#DOC#${id}",
  });

export const narrowedIds = () =>
  defineEntity({
    name: "Account",
    schema: z.object({ tenantId: tenantId(z.string().min(3)), capsuleId: capsuleId(z.uuid()), id: z.uuid() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ACCOUNT#${id}",
  });

export const numberAndEnumPlaceholders = () =>
  defineEntity({
    name: "GenericEntity",
    schema: z.object({
      tenantId: tenantId(),
      capsuleId: capsuleId(),
      entityKind: z.enum(["note", "task"]),
      id: z.string(),
      version: z.int().nonnegative(),
      channel: z.literal("web"),
    }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITY#${entityKind}#${id}",
    sk: "METADATA#v${version}#${channel}",
  });

export const withIndexes = () =>
  defineEntity({
    name: "SecurityGroup",
    table: "platform_data",
    schema: z.object({
      tenantId: tenantId(),
      capsuleId: capsuleId(),
      id: z.string(),
      name: z.string(),
      ownerId: z.string(),
    }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
    sk: "METADATA",
    indexes: {
      byName: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUPNAME#${name}", sk: "${id}" },
      byOwner: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#OWNER#${ownerId}" },
    },
  });

export const tenantLevel = () =>
  defineEntity({
    name: "BillingSettings",
    schema: z.object({ tenantId: tenantId(), id: z.string(), plan: z.string() }),
    pk: "TENANT#${tenantId}#SETTINGS#${id}",
    isolation: { level: "tenant", reason: "tenant-wide billing settings, no capsule data" },
  });

export const globalLevel = () =>
  defineEntity({
    name: "Country",
    schema: z.object({ code: z.string().length(2), name: z.string() }),
    pk: "COUNTRY#${code}",
    isolation: { level: "global", reason: "ISO reference data shared by every tenant" },
  });

export const optionalNonKeyFields = () =>
  defineEntity({
    name: "Session",
    schema: z.object({
      tenantId: tenantId(),
      capsuleId: capsuleId(),
      id: z.string(),
      lastSeen: z.iso.datetime().optional(),
      tags: z.array(z.string()),
      details: z.object({ agent: z.string() }).nullable(),
    }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#SESSION#${id}",
  });

/** Opt-outs may end on a label or a lone placeholder: neither can reach `TENANT#t#CAPSULE#c`. */
export const tenantLevelOutsideCapsulePartitions = () =>
  defineEntity({
    name: "TenantCapsuleList",
    schema: z.object({ tenantId: tenantId(), kind: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE",
    sk: "${kind}",
    indexes: { byKind: { pk: "TENANT#${tenantId}#${kind}" } },
    isolation: { level: "tenant", reason: "the tenant's capsule directory" },
  });

export const globalLevelLonePlaceholder = () =>
  defineEntity({
    name: "Code",
    schema: z.object({ code: z.string() }),
    pk: "${code}",
    isolation: { level: "global", reason: "reference data" },
  });
