/** The CRM service: federal compliance data, which once shipped keyed by tenant alone. */
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type InferAttributes } from "capsule-entity";

export const FederalComplianceRecord = defineEntity({
  name: "FederalComplianceRecord",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    framework: z.enum(["FedRAMP", "CMMC", "ITAR"]),
    controlId: z.string(),
    status: z.enum(["compliant", "gap", "waived"]),
    reviewedBy: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#COMPLIANCE#${framework}",
  sk: "CONTROL#${controlId}#${id}",
});
export type FederalComplianceRecord = InferAttributes<typeof FederalComplianceRecord>;
