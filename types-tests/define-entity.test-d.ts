import { z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import {
  capsuleId,
  defineEntity,
  tenantId,
  type CapsuleId,
  type Entity,
  type InferAttributes,
  type InferItem,
  type InferKeys,
  type ScopeIds,
  type TenantId,
} from "capsule-entity";

const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    role: z.string(),
    version: z.number(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA#v${version}",
  indexes: { byRole: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "${id}" } },
});

const Nested = defineEntity({
  name: "ComplexEntity",
  table: "platform_data",
  schema: z.object({ context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }), id: z.string() }),
  pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#DOC#${id}",
});

declare const t: TenantId;
declare const c: CapsuleId;

describe("defineEntity", () => {
  it("keeps the name and templates as literals", () => {
    expectTypeOf(RoleAssignment.name).toEqualTypeOf<"RoleAssignment">();
    expectTypeOf(RoleAssignment.templates.pk).toEqualTypeOf<"TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}">();
    expectTypeOf(RoleAssignment.templates.byRolesk).toEqualTypeOf<"${id}">();
    expectTypeOf(RoleAssignment.isolation).toEqualTypeOf<{
      readonly level: "capsule";
      readonly tenant: "tenantId";
      readonly capsule: "capsuleId";
      readonly prefix: "TENANT#${tenantId}#CAPSULE#${capsuleId}";
    }>();
  });

  it("types keys() as template literals, numbers as ${number}", () => {
    const keys = RoleAssignment.keys({ tenantId: t, capsuleId: c, id: "r1", role: "admin", version: 3 });
    expectTypeOf(keys).toEqualTypeOf<{
      readonly pk: `TENANT#${string}#CAPSULE#${string}#ROLE#${string}`;
      readonly sk: `METADATA#v${number}`;
      readonly byRolepk: `TENANT#${string}#CAPSULE#${string}#BYROLE#${string}`;
      readonly byRolesk: string;
    }>();
    expectTypeOf<InferKeys<typeof RoleAssignment>>().toEqualTypeOf(keys);
  });

  it("keys() takes exactly the referenced fields, branded", () => {
    expectTypeOf(RoleAssignment.keys).parameter(0).toEqualTypeOf<{
      readonly tenantId: TenantId;
      readonly capsuleId: CapsuleId;
      readonly id: string;
      readonly role: string;
      readonly version: number;
    }>();
    // @ts-expect-error a plain string is not a TenantId: ids come from tenantId().parse()
    RoleAssignment.keys({ tenantId: "t1", capsuleId: c, id: "r1", role: "admin", version: 3 });
    // @ts-expect-error swapped ids: a CapsuleId is not a TenantId
    RoleAssignment.keys({ tenantId: c, capsuleId: t, id: "r1", role: "admin", version: 3 });
  });

  it("nests the keys() input for nested isolation fields", () => {
    expectTypeOf(Nested.keys).parameter(0).toEqualTypeOf<{
      readonly context: { readonly tenantId: TenantId; readonly capsuleId: CapsuleId };
      readonly id: string;
    }>();
    expectTypeOf(
      Nested.keys({ context: { tenantId: t, capsuleId: c }, id: "d1" }).pk,
    ).toEqualTypeOf<`TENANT#${string}#CAPSULE#${string}#DOC#${string}`>();
  });

  it("keys() takes the fields of every index's templates, an index without sk beside one with it", () => {
    const Mixed = defineEntity({
      name: "Mixed",
      schema: z.object({
        tenantId: tenantId(),
        capsuleId: capsuleId(),
        id: z.string(),
        status: z.string(),
        updatedAt: z.string(),
      }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#MIXED#${id}",
      indexes: {
        byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${updatedAt}" },
        all: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ALL" },
      },
    });
    expectTypeOf(Mixed.keys).parameter(0).toEqualTypeOf<{
      readonly tenantId: TenantId;
      readonly capsuleId: CapsuleId;
      readonly id: string;
      readonly status: string;
      readonly updatedAt: string;
    }>();
    expectTypeOf<keyof typeof Mixed.templates>().toEqualTypeOf<"pk" | "byStatuspk" | "byStatussk" | "allpk">();
  });

  it("infers attributes and items", () => {
    expectTypeOf<InferAttributes<typeof RoleAssignment>>().toEqualTypeOf<{
      tenantId: TenantId;
      capsuleId: CapsuleId;
      id: string;
      role: string;
      version: number;
    }>();
    expectTypeOf<InferItem<typeof RoleAssignment>["entityType"]>().toEqualTypeOf<"RoleAssignment">();
    expectTypeOf<
      InferItem<typeof RoleAssignment>["pk"]
    >().toEqualTypeOf<`TENANT#${string}#CAPSULE#${string}#ROLE#${string}`>();
  });

  it("parseKey returns the fields of the template it parses", () => {
    expectTypeOf(RoleAssignment.parseKey("")).toEqualTypeOf<{
      readonly tenantId: TenantId;
      readonly capsuleId: CapsuleId;
      readonly id: string;
    }>();
    expectTypeOf(RoleAssignment.parseKey("", "sk")).toEqualTypeOf<{ readonly version: number }>();
    // @ts-expect-error no such key attribute
    RoleAssignment.parseKey("", "gsi9pk");
  });
});

describe("scope", () => {
  const scope = RoleAssignment.scope({ tenantId: t, capsuleId: c });
  it("takes the ids, branded, and leaves them out of every input", () => {
    expectTypeOf(scope.get).parameter(0).toEqualTypeOf<{ readonly id: string; readonly version: number }>();
    scope.query({ partition: { id: "r1" } });
    // @ts-expect-error the partition's own fields are required (the scope supplies only the ids)
    scope.query({});
    expectTypeOf(scope.keys)
      .parameter(0)
      .toEqualTypeOf<{ readonly id: string; readonly role: string; readonly version: number }>();
    // @ts-expect-error swapped ids are a type error
    RoleAssignment.scope({ tenantId: c, capsuleId: t });
  });
  it("nested isolation: the scope fills context", () => {
    expectTypeOf(Nested.scope({ tenantId: t, capsuleId: c }).get)
      .parameter(0)
      .toEqualTypeOf<{ readonly id: string }>();
  });
  it("returns typed command inputs", () => {
    expectTypeOf(scope.get({ id: "r1", version: 1 }).Key).toEqualTypeOf<{
      readonly pk: `TENANT#${string}#CAPSULE#${string}#ROLE#${string}`;
      readonly sk: `METADATA#v${number}`;
    }>();
  });
});

describe("an entity typed Entity<…> with five type arguments (no key input recorded)", () => {
  type Role = typeof RoleAssignment;
  type Five = Entity<Role["name"], Role["schema"], Role["templates"], Role["isolation"], Role["table"]>;
  const five: Five = RoleAssignment; // an entity still relates to it
  const ids = { tenantId: t, capsuleId: c };
  it("refuses every key input: its keys() and its scope's get, delete and update take nothing", () => {
    expectTypeOf(five.keys).parameter(0).toEqualTypeOf<never>();
    // @ts-expect-error five type arguments record no key input (the sixth, `KeyInputOf`): keys() takes nothing
    five.keys({ ...ids, id: "r1", role: "admin", version: 1 });
    // @ts-expect-error the same for the scope's get: write `typeof RoleAssignment`, which records it
    five.scope(ids).get({ id: "r1", version: 1 });
  });
  it("its scope's query is checked against its templates (the catch-all overload), as the adapter's is", () => {
    five.scope(ids).query({ index: "byRole", partition: { role: "admin" } });
    // @ts-expect-error a field the index's pk does not take (`query.partition`)
    five.scope(ids).query({ index: "byRole", partition: { rol: "admin" } });
  });
  it("the entity's own type takes them", () => {
    RoleAssignment.keys({ ...ids, id: "r1", role: "admin", version: 1 });
    RoleAssignment.scope(ids).get({ id: "r1", version: 1 });
    RoleAssignment.scope(ids).query({ index: "byRole", partition: { role: "admin" } });
  });
});

describe("opt-outs", () => {
  const Billing = defineEntity({
    name: "Billing",
    table: "platform_data",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#BILLING#${id}",
    isolation: { level: "tenant", reason: "tenant-wide" },
  });
  const Country = defineEntity({
    name: "Country",
    table: "platform_data",
    schema: z.object({ code: z.string() }),
    pk: "COUNTRY#${code}",
    isolation: { level: "global", reason: "reference data" },
  });
  it("tenant level scopes by tenant only", () => {
    // The ids `scope()` takes (its first overload's; the second is the catch-all naming wrong ids).
    expectTypeOf<ScopeIds<typeof Billing.isolation>>().toEqualTypeOf<{ readonly tenantId: TenantId }>();
    expectTypeOf(Billing.keys({ tenantId: t, id: "b" }).pk).toEqualTypeOf<`TENANT#${string}#BILLING#${string}`>();
  });
  it("global level scopes by no ids at all", () => {
    expectTypeOf<ScopeIds<typeof Country.isolation>>().toEqualTypeOf<Readonly<Record<string, never>>>();
    // @ts-expect-error a global entity's scope takes no ids
    Country.scope({ tenantId: t });
    expectTypeOf(Country.keys({ code: "DE" }).pk).toEqualTypeOf<`COUNTRY#${string}`>();
  });
});

describe("any, never, string and unions in a definition", () => {
  const schema = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() });
  it("a union of valid templates is accepted; one bad member is an error", () => {
    const both = "TENANT#${tenantId}#CAPSULE#${capsuleId}#A#${id}" as
      "TENANT#${tenantId}#CAPSULE#${capsuleId}#A#${id}" | "TENANT#${tenantId}#CAPSULE#${capsuleId}#B#${id}";
    expectTypeOf(defineEntity({ name: "U", schema, pk: both }).templates.pk).toEqualTypeOf<typeof both>();
    const mixed = both as "TENANT#${tenantId}#CAPSULE#${capsuleId}#A#${id}" | "TENANT#${tenantId}#B#${id}";
    // @ts-expect-error the member without CAPSULE# is reported
    defineEntity({ name: "U", schema, pk: mixed });
  });
  it("a widened string pk is an error, not a pass", () => {
    const widened: string = "TENANT#${tenantId}#CAPSULE#${capsuleId}#A#${id}";
    // @ts-expect-error [key.notLiteral]
    defineEntity({ name: "W", schema, pk: widened });
  });
  it("`any` opts out of the compile-time check; the runtime twin still runs (see src/entity/define-entity.test.ts)", () => {
    expectTypeOf(defineEntity({ name: "A", schema, pk: "" as any }).name).toEqualTypeOf<"A">();
  });
});
