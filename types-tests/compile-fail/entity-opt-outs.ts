// Isolation opt-outs and the entity name. The line after each `expect-error` comment is where the
// compiler must complain, with the same text the runtime twin throws.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

const reason: string = "computed at runtime";
const name: string = "Computed";

export const tenantLevelEmptyReason = () =>
  defineEntity({
    name: "BillingSettings",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#SETTINGS#${id}",
    // expect-error: isolation.missingReason
    isolation: { level: "tenant", reason: "" },
  });

export const globalLevelWidenedReason = () =>
  defineEntity({
    name: "Country",
    schema: z.object({ code: z.string() }),
    pk: "COUNTRY#${code}",
    // expect-error: isolation.missingReason type-only (a runtime twin checks the reason is a non-empty string)
    isolation: { level: "global", reason },
  });

export const tenantLevelPkWithoutTenant = () =>
  defineEntity({
    name: "BillingSettings",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    // expect-error: isolation.keyPrefix
    pk: "SETTINGS#${id}",
    isolation: { level: "tenant", reason: "tenant-wide billing settings" },
  });

export const tenantLevelMissingTenantId = () =>
  defineEntity({
    name: "BillingSettings",
    // expect-error: isolation.missingField
    schema: z.object({ id: z.string() }),
    pk: "SETTINGS#${id}",
    isolation: { level: "tenant", reason: "tenant-wide billing settings" },
  });

export const nameNotLiteral = () =>
  defineEntity({
    // expect-error: entity.nameNotLiteral type-only (the runtime twin checks name is a non-empty string)
    name,
    schema: z.object({ code: z.string() }),
    pk: "COUNTRY#${code}",
    isolation: { level: "global", reason: "reference data" },
  });

export const tenantLevelPkInCapsulePartition = () =>
  defineEntity({
    name: "BillingSettings",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    // expect-error: isolation.capsulePartition
    pk: "TENANT#${tenantId}#CAPSULE#${id}",
    isolation: { level: "tenant", reason: "tenant-wide billing settings" },
  });

export const tenantLevelPlaceholderLabel = () =>
  defineEntity({
    name: "BillingSettings",
    schema: z.object({ tenantId: tenantId(), kind: z.string(), id: z.string() }),
    pk: "TENANT#${tenantId}#BILLING",
    // expect-error: isolation.capsulePartition
    indexes: { byKind: { pk: "TENANT#${tenantId}#${kind}#${id}" } },
    isolation: { level: "tenant", reason: "tenant-wide billing settings" },
  });

export const globalLevelPkInCapsulePartition = () =>
  defineEntity({
    name: "Country",
    schema: z.object({ org: z.string(), code: z.string() }),
    // expect-error: isolation.capsulePartition
    pk: "TENANT#${org}#CAPSULE#${code}",
    isolation: { level: "global", reason: "reference data" },
  });

// An opt-out to the entity's own level, the default, and to a level that does not exist: one message, on level.
export const capsuleLevelOptOut = () =>
  defineEntity({
    name: "Note",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${id}",
    // expect-error: isolation.ownLevel
    isolation: { level: "capsule", reason: "every note stays in its capsule" },
  });

export const unknownLevelOptOut = () =>
  defineEntity({
    name: "Note",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${id}",
    // expect-error: isolation.unknownLevel
    isolation: { level: "team", reason: "notes are shared by a team" },
  });
