// tsd checks the *built* declarations (dist/), as a consumer's compiler sees them.
import { z } from "zod";
import { expectAssignable, expectError, expectNotAssignable, expectType } from "tsd";
import { capsuleId, defineEntity, tenantId, type CapsuleId, type InferAttributes, type TenantId } from "capsule-entity";

const Session = defineEntity({
  name: "Session",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), ttl: z.number() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#SESSION#${id}",
  sk: "TTL#${ttl}",
});

declare const t: TenantId;
declare const c: CapsuleId;

expectType<"Session">(Session.name);
expectAssignable<{ pk: `TENANT#${string}#CAPSULE#${string}#SESSION#${string}`; sk: `TTL#${number}` }>(
  Session.keys({ tenantId: t, capsuleId: c, id: "s1", ttl: 60 }),
);
expectType<{ tenantId: TenantId; capsuleId: CapsuleId; id: string; ttl: number }>(
  {} as InferAttributes<typeof Session>,
);
expectNotAssignable<TenantId>(c);
expectNotAssignable<CapsuleId>("c1");

// The isolation rules hold through the declarations, too.
expectError(
  defineEntity({
    name: "RoleAssignment",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
    pk: "TENANT#${tenantId}#ROLE#${id}",
  }),
);
expectError(
  defineEntity({
    name: "Entitlement",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#ENTITLEMENT#${id}",
  }),
);
expectError(Session.keys({ tenantId: c, capsuleId: t, id: "s1", ttl: 60 }));
