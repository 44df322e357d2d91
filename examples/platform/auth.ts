/**
 * The auth service's entities, as the case study's platform declares them after remediation: every one is
 * capsule-isolated, including the four (RoleAssignment, SecurityGroup, Entitlement, Session) that once
 * shipped without capsuleId.
 */
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type InferAttributes } from "capsule-entity";

export const Account = defineEntity({
  name: "Account",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    email: z.email(),
    displayName: z.string(),
    status: z.enum(["active", "suspended"]),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ACCOUNT#${id}",
  sk: "METADATA",
  indexes: { byEmail: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#EMAIL#${email}", sk: "ACCOUNT#${id}" } },
});
export type Account = InferAttributes<typeof Account>;

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    accountId: z.string(),
    role: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA",
  indexes: { byRole: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "${id}" } },
});
export type RoleAssignment = InferAttributes<typeof RoleAssignment>;

export const SecurityGroup = defineEntity({
  name: "SecurityGroup",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    name: z.string(),
    memberIds: z.array(z.string()),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  sk: "METADATA",
});
export type SecurityGroup = InferAttributes<typeof SecurityGroup>;

export const Entitlement = defineEntity({
  name: "Entitlement",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    feature: z.string(),
    grantedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITLEMENT#${id}",
  sk: "FEATURE#${feature}",
});
export type Entitlement = InferAttributes<typeof Entitlement>;

export const Session = defineEntity({
  name: "Session",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    accountId: z.string(),
    startedAt: z.iso.datetime(),
    ttl: z.int(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#SESSION#${id}",
  sk: "METADATA",
  indexes: {
    byAccount: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ACCOUNTSESSIONS#${accountId}", sk: "${startedAt}" },
  },
});
export type Session = InferAttributes<typeof Session>;
