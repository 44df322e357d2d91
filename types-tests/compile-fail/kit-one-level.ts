// A one-level kit (account / ACCOUNT): every entity is account-isolated unless it is global.
import { z } from "zod";
import { defineIsolation, tenantId } from "capsule-entity";

const kit = defineIsolation({ levels: [{ name: "account", field: "accountId", label: "ACCOUNT" }] });
const { ids } = kit;

export const missingAccountId = () =>
  kit.defineEntity({
    name: "Invoice",
    // expect-error: isolation.missingField
    schema: z.object({ invoiceId: z.string() }),
    pk: "INVOICE#${invoiceId}",
  });

export const defaultKitTenantId = () =>
  kit.defineEntity({
    name: "Invoice",
    // expect-error: isolation.wrongType
    schema: z.object({ accountId: tenantId(), invoiceId: z.string() }),
    pk: "ACCOUNT#${accountId}#INVOICE#${invoiceId}",
  });

export const pkWithoutAccount = () =>
  kit.defineEntity({
    name: "Invoice",
    schema: z.object({ accountId: ids.accountId(), invoiceId: z.string() }),
    // expect-error: isolation.keyPrefix
    pk: "INVOICE#${invoiceId}#ACCOUNT#${accountId}",
  });

export const globalPkInAccountPartition = () =>
  kit.defineEntity({
    name: "Plan",
    schema: z.object({ planId: z.string(), tier: z.string() }),
    // expect-error: isolation.capsulePartition
    pk: "ACCOUNT#${planId}#TIER#${tier}",
    isolation: { level: "global", reason: "the plan catalogue is shared" },
  });

export const globalEmptyReason = () =>
  kit.defineEntity({
    name: "Plan",
    schema: z.object({ planId: z.string() }),
    pk: "PLAN#${planId}",
    // expect-error: isolation.missingReason
    isolation: { level: "global", reason: "" },
  });

// A scope's ids parsed by the kit's own schemas: the example spells them `ids.accountId()`, as the kit does.
const Invoice = kit.defineEntity({
  name: "Invoice",
  table: "app_data",
  schema: z.object({ accountId: ids.accountId(), invoiceId: z.string() }),
  pk: "ACCOUNT#${accountId}#INVOICE#${invoiceId}",
});
export const scopePlainAccountId = () =>
  // expect-error: scope.plainId type-only
  Invoice.scope({ accountId: "a1" }, { table: "app_data" });

export const scopeDefaultKitTenantId = () =>
  // expect-error: scope.wrongId type-only
  Invoice.scope({ accountId: tenantId().parse("a1") }, { table: "app_data" });

// An index opted out in a one-level kit: no level is outside the entity's, so the example leaves isolation out.
export const indexOptOutWithoutOuterLevel = () =>
  kit.defineEntity({
    name: "Invoice",
    schema: z.object({ accountId: ids.accountId(), invoiceId: z.string(), status: z.string() }),
    pk: "ACCOUNT#${accountId}#INVOICE#${invoiceId}",
    indexes: {
      byStatus: {
        pk: "ACCOUNT#${accountId}#STATUS#${status}",
        // expect-error: index.unknownLevel
        isolation: { level: "account", reason: "not an outer level" },
      },
    },
  });

// An opt-out to the kit's one level, the default, and to a level the kit does not have: one message, on level.
export const accountLevelOptOut = () =>
  kit.defineEntity({
    name: "Invoice",
    schema: z.object({ accountId: ids.accountId(), invoiceId: z.string() }),
    pk: "ACCOUNT#${accountId}#INVOICE#${invoiceId}",
    // expect-error: isolation.ownLevel
    isolation: { level: "account", reason: "invoices stay in their account" },
  });

export const unknownLevelOptOut = () =>
  kit.defineEntity({
    name: "Invoice",
    schema: z.object({ accountId: ids.accountId(), invoiceId: z.string() }),
    pk: "ACCOUNT#${accountId}#INVOICE#${invoiceId}",
    // expect-error: isolation.unknownLevel
    isolation: { level: "team", reason: "invoices are shared by a team" },
  });
