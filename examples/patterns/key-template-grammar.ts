// A key template is `#`-separated segments. A segment is literal text, or one placeholder `${field}` /
// `${parent.field}` with optional literal text around it (`v${version}`). Placeholders name required string,
// enum or number fields; a number field makes a `${number}` part of the key's type.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type InferKeys } from "capsule-entity";

export const Invoice = defineEntity({
  name: "Invoice",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    customer: z.object({ id: z.string(), region: z.enum(["eu", "us"]) }),
    invoiceNo: z.int().nonnegative(),
    status: z.enum(["draft", "sent", "paid"]),
    version: z.int().nonnegative(),
  }),
  //   literal  placeholder                     literal   nested placeholder
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER#${customer.id}",
  //   literal  number     text around a placeholder
  sk: "INVOICE#${invoiceNo}#v${version}",
  indexes: {
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${customer.region}#${invoiceNo}" },
  },
});

export type InvoiceKeys = InferKeys<typeof Invoice>;
// pk:        `TENANT#${string}#CAPSULE#${string}#CUSTOMER#${string}`
// sk:        `INVOICE#${number}#v${number}`
// byStatuspk `TENANT#${string}#CAPSULE#${string}#STATUS#${string}`
// byStatussk `${string}#${number}`
