// Anti-patterns quoted in docs/patterns/key-template-grammar.md.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const twoPlaceholdersOneSegment = () => defineEntity({
  name: "Invoice",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), year: z.int(), invoiceNo: z.int() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#INVOICES",
  // expect-error: key.sharedSegment
  sk: "INVOICE#${year}-${invoiceNo}",
});

export const placeholderTypo = () => defineEntity({
  name: "Invoice",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), invoiceNo: z.int() }),
  // expect-error: key.unknownField
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#INVOICE#${invoiceNumber}",
});

export const optionalFieldInKey = () => defineEntity({
  name: "Invoice",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), invoiceNo: z.int(), dueDate: z.iso.date().optional() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#INVOICE#${invoiceNo}",
  // expect-error: key.notScalar
  sk: "DUE#${dueDate}",
});

export const unclosedPlaceholder = () => defineEntity({
  name: "Invoice",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), invoiceNo: z.int() }),
  // expect-error: key.unclosedPlaceholder
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#INVOICE#${invoiceNo",
});
