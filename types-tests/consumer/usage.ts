// Type-checked against the packed package (types-tests/package.test.ts), as a consumer sees it.
import { z } from "zod";
import { capsuleId, defineEntity, IsolationError, tenantId, type InferAttributes, type InferKeys } from "capsule-entity";

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA",
});
export type RoleAssignment = InferAttributes<typeof RoleAssignment>;

const ids = { tenantId: tenantId().parse("acme"), capsuleId: capsuleId().parse("eu-prod") };
export const pk: `TENANT#${string}#CAPSULE#${string}#ROLE#${string}` = RoleAssignment.keys({ ...ids, id: "r1" }).pk;
export const keys: InferKeys<typeof RoleAssignment> = RoleAssignment.keys({ ...ids, id: "r1" });
export const get = RoleAssignment.scope(ids).get({ id: "r1" });
export const isIsolationError = (error: unknown): boolean => error instanceof IsolationError;

export const Leaky = defineEntity({
  name: "Leaky",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  // @ts-expect-error the isolation rule holds through the published declarations: pk lacks CAPSULE#
  pk: "TENANT#${tenantId}#LEAKY#${id}",
});
