// Capsule isolation is the default. An entity that is not capsule-scoped says so, and says why: the reason is
// a non-empty literal that code review (and `git blame`) can read.
import { z } from "zod";
import { defineEntity, tenantId } from "capsule-entity";

/** Tenant level: one row per tenant, shared by all of its capsules. Needs tenantId; pk starts with TENANT#. */
export const BillingAccount = defineEntity({
  name: "BillingAccount",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), plan: z.enum(["free", "team", "enterprise"]), seats: z.int().positive() }),
  pk: "TENANT#${tenantId}#BILLING",
  isolation: { level: "tenant", reason: "billing is contracted per tenant; no capsule owns it" },
});

/** Global: reference data identical for every tenant. No isolation fields, no prefix. */
export const FeatureDefinition = defineEntity({
  name: "FeatureDefinition",
  table: "platform_data",
  schema: z.object({ key: z.string(), description: z.string() }),
  pk: "FEATURE#${key}",
  isolation: { level: "global", reason: "product catalogue of feature flags, written only by deploys" },
});
