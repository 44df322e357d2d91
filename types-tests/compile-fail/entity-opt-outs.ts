// Isolation opt-outs and the entity name. The line after each `expect-error` comment is where the
// compiler must complain, with the same text the runtime twin throws.
import { z } from "zod";
import { defineEntity, tenantId } from "capsule-entity";

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
