/** The catalog service: items are capsule-scoped; the country list is global reference data and says why. */
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type InferAttributes } from "capsule-entity";

export const CatalogItem = defineEntity({
  name: "CatalogItem",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    sku: z.string(),
    title: z.string(),
    priceCents: z.int().nonnegative(),
    category: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ITEM#${sku}",
  sk: "METADATA",
  indexes: {
    byCategory: {
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#CATEGORY#${category}",
      sk: "PRICE#${priceCents}#${sku}",
    },
  },
});
export type CatalogItem = InferAttributes<typeof CatalogItem>;

export const Country = defineEntity({
  name: "Country",
  table: "platform_data",
  schema: z.object({ code: z.string().length(2), name: z.string() }),
  pk: "COUNTRY#${code}",
  isolation: { level: "global", reason: "ISO 3166 reference data, identical for every tenant" },
});
