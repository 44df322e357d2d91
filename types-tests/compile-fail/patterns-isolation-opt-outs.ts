// Anti-patterns quoted in docs/patterns/isolation-opt-outs.md.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const optOutWithoutReason = () => defineEntity({
  name: "BillingAccount",
  schema: z.object({ tenantId: tenantId(), plan: z.string() }),
  pk: "TENANT#${tenantId}#BILLING",
  // expect-error: isolation.missingReason
  isolation: { level: "tenant", reason: "" },
});

export const tenantLevelWithoutTenant = () => defineEntity({
  name: "BillingAccount",
  // expect-error: isolation.missingField
  schema: z.object({ accountNo: z.string(), plan: z.string() }),
  pk: "BILLING#${accountNo}",
  isolation: { level: "tenant", reason: "billing is contracted per tenant" },
});

export const tenantLevelKeyWithoutTenant = () => defineEntity({
  name: "BillingAccount",
  schema: z.object({ tenantId: tenantId(), plan: z.string() }),
  // expect-error: isolation.keyPrefix
  pk: "BILLING#${tenantId}",
  isolation: { level: "tenant", reason: "billing is contracted per tenant" },
});

export const optOutToTheDefault = () => defineEntity({
  name: "Invoice",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), invoiceId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#INVOICE#${invoiceId}",
  // expect-error: isolation.ownLevel
  isolation: { level: "capsule", reason: "invoices stay in their capsule" },
});
