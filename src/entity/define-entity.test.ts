import { z } from "zod";
import { describe, expect, expectTypeOf, it } from "vitest";
import { defineEntity, defineIsolation } from "../kit.js";
import { EntityDefinitionError, IsolationError, ItemValidationError, KeyValueError } from "../errors.js";
import { capsuleId, tenantId } from "../ids.js";

const t1 = tenantId().parse("t1");
const c1 = capsuleId().parse("c1");
const schema = z.object({
  tenantId: tenantId(),
  capsuleId: capsuleId(),
  id: z.string(),
  role: z.string(),
  version: z.int(),
});
const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema,
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA#v${version}",
  indexes: { byRole: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "${id}" } },
});
const attributes = { tenantId: t1, capsuleId: c1, id: "r1", role: "admin", version: 2 };

/** Defines without the compile-time check, as a plain JavaScript caller would. */
const defineUnchecked = (definition: Record<string, unknown>): unknown => defineEntity(definition as never);
const valid = { name: "E", schema, pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#E#${id}" };
const tenantLevel = {
  name: "T",
  schema: z.object({ tenantId: tenantId(), id: z.string(), role: z.string() }),
  pk: "TENANT#${tenantId}#T#${id}",
  isolation: { level: "tenant", reason: "tenant-wide" },
};
const globalLevel = {
  name: "G",
  schema: z.object({ id: z.string(), role: z.string() }),
  pk: "G#${id}",
  isolation: { level: "global", reason: "reference data" },
};

describe("defineEntity at runtime (plain JavaScript callers)", () => {
  it.each([
    [{ ...valid, name: "" }, "[entity.nameNotLiteral]"],
    [{ ...valid, name: 42 }, "[entity.nameNotLiteral]"],
    [{ ...valid, schema: { tenantId: tenantId() } }, "[entity.schemaNotObject]"],
    [{ ...valid, schema: z.string() }, "[entity.schemaNotObject]"],
    [{ ...valid, pk: 42 }, "[key.notLiteral]"],
    [{ ...valid, pk: undefined }, "[key.notLiteral]"],
    [{ ...valid, sk: ["METADATA"] }, "[key.notLiteral]"],
    [{ ...valid, indexes: { gsi: { pk: null } } }, "[key.notLiteral]"],
    [{ ...valid, indexes: { gsi: null } }, "[key.notLiteral] indexes.gsi.pk"],
    [{ ...valid, indexes: { gsi: "TENANT#${tenantId}#CAPSULE#${capsuleId}" } }, "[key.notLiteral] indexes.gsi.pk"],
    [{ ...valid, isolation: "tenant" }, "[isolation.missingReason]"],
    [{ ...valid, isolation: { level: "tenant" } }, "[isolation.missingReason]"],
    [{ ...valid, isolation: { level: "global", reason: "   " } }, "[isolation.missingReason]"],
    [{ ...valid, isolation: { level: "tenent", reason: "typo" } }, "[isolation.unknownLevel]"],
    [{ ...valid, isolation: { level: "none", reason: "x" } }, "[isolation.unknownLevel]"],
    [{ ...valid, isolation: { level: "capsule", reason: "x" } }, "[isolation.ownLevel]"],
    [
      { ...valid, indexes: { byRole: { pk: "TENANT#${tenantId}#BYROLE#${role}" } } },
      "[isolation.keyPrefix] indexes.byRole.pk",
    ],
    [
      { ...valid, schema: schema.extend({ byRolepk: z.string() }), indexes: { byRole: { pk: valid.pk } } },
      "[entity.reservedAttribute]",
    ],
    [{ ...valid, schema: schema.extend({ entityType: z.string() }) }, "[entity.reservedAttribute]"],
    [
      { ...valid, schema: schema.extend({ status: z.enum(["open", "a#CAPSULE#b"]) }), sk: "S#${status}" },
      "[key.notScalar] sk placeholder ${status}",
    ],
    [
      { ...valid, schema: schema.extend({ status: z.literal("") }), sk: "S#${status}" },
      "[key.notScalar] sk placeholder ${status}",
    ],
    [
      { ...valid, schema: schema.extend({ ref: z.templateLiteral(["ROLE#", z.string()]) }), sk: "${ref}" },
      "[key.notScalar] sk placeholder ${ref}",
    ],
    [{ ...tenantLevel, pk: "TENANT#${tenantId}#CAPSULE#${id}" }, "[isolation.capsulePartition] pk of a tenant-level"],
    [{ ...tenantLevel, pk: "TENANT#${tenantId}#${id}#${role}" }, "[isolation.capsulePartition] pk of a tenant-level"],
    [
      { ...tenantLevel, indexes: { gsi: { pk: "TENANT#${tenantId}#CAPSULE#${role}#X" } } },
      "[isolation.capsulePartition] indexes.gsi.pk",
    ],
    [{ ...globalLevel, pk: "TENANT#${id}#CAPSULE#${role}" }, "[isolation.capsulePartition] pk of a global-level"],
    [{ ...globalLevel, pk: "${id}#${role}" }, "[isolation.capsulePartition] pk of a global-level"],
  ])("rejects %o with %s", (definition, message) => {
    expect(() => defineUnchecked(definition)).toThrow(EntityDefinitionError);
    expect(() => defineUnchecked(definition)).toThrow(message);
  });

  it("error carries the catalog code", () => {
    try {
      defineUnchecked({ ...valid, pk: "ROLE#${id}" });
      expect.unreachable();
    } catch (error) {
      expect((error as EntityDefinitionError).code).toBe("isolation.keyPrefix");
      expect((error as Error).message).toBe(
        '[isolation.keyPrefix] pk must start with TENANT#${tenantId}#CAPSULE#${capsuleId} so every access path stays in its partition | put the isolation segments first | e.g. "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}"',
      );
    }
  });

  it("corrects the user's pk keeping its own segments", () => {
    expect(() => defineUnchecked({ ...valid, pk: "tenant#${tenantId}#ROLE#${id}#capsule#${capsuleId}" })).toThrow(
      'e.g. "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}"',
    );
  });
});

describe("entity members", () => {
  it("exposes name, table, isolation and templates", () => {
    expect(RoleAssignment.name).toBe("RoleAssignment");
    expect(RoleAssignment.table).toBe("platform_data");
    expect(RoleAssignment.isolation).toEqual({
      level: "capsule",
      tenant: "tenantId",
      capsule: "capsuleId",
      prefix: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
    });
    expect(Object.keys(RoleAssignment.templates)).toEqual(["pk", "sk", "byRolepk", "byRolesk"]);
    expect(Object.isFrozen(RoleAssignment)).toBe(true);
  });

  it("keys() builds every key", () => {
    expect(RoleAssignment.keys(attributes)).toEqual({
      pk: "TENANT#t1#CAPSULE#c1#ROLE#r1",
      sk: "METADATA#v2",
      byRolepk: "TENANT#t1#CAPSULE#c1#BYROLE#admin",
      byRolesk: "r1",
    });
  });

  it("keys() refuses unsafe values and never lower-cases", () => {
    expect(() => RoleAssignment.keys({ ...attributes, id: "a#CAPSULE#b" })).toThrow(KeyValueError);
    expect(() => RoleAssignment.keys({ ...attributes, role: "" })).toThrow(KeyValueError);
    expect(RoleAssignment.keys({ ...attributes, id: "MiXeD" }).pk).toBe("TENANT#t1#CAPSULE#c1#ROLE#MiXeD");
  });

  it("parseKey() maps keys back to values, per attribute", () => {
    expect(RoleAssignment.parseKey("TENANT#t1#CAPSULE#c1#ROLE#r1")).toEqual({
      tenantId: "t1",
      capsuleId: "c1",
      id: "r1",
    });
    expect(RoleAssignment.parseKey("METADATA#v2", "sk")).toEqual({ version: 2 });
    expect(() => RoleAssignment.parseKey("TENANT#t1#ROLE#r1")).toThrow(KeyValueError);
    expect(() => RoleAssignment.parseKey("x", "nope" as "pk")).toThrow("[key.unknownAttribute]");
    expect(() => RoleAssignment.parseKey("x", "__proto__" as "pk")).toThrow("[key.unknownAttribute]");
  });

  it("toItem() validates and adds keys and entityType; fromItem() round-trips", () => {
    const item = RoleAssignment.toItem(attributes);
    expect(item).toEqual({ ...attributes, ...RoleAssignment.keys(attributes), entityType: "RoleAssignment" });
    expect(RoleAssignment.fromItem(item)).toEqual(item);
    expect(() => RoleAssignment.toItem({ ...attributes, version: 1.5 })).toThrow(ItemValidationError);
  });

  it("fromItem() refuses items whose keys disagree with their own attributes", () => {
    const item = RoleAssignment.toItem(attributes);
    for (const tampered of [
      { ...item, pk: "TENANT#t1#CAPSULE#c10#ROLE#r1" },
      { ...item, capsuleId: "c10" },
      { ...item, byRolepk: "TENANT#t2#CAPSULE#c1#BYROLE#admin" },
      { ...item, sk: "METADATA#v3" },
    ]) {
      expect(() => RoleAssignment.fromItem(tampered)).toThrow(IsolationError);
      expect(() => RoleAssignment.fromItem(tampered)).toThrow("[isolation.keyMismatch]");
    }
  });

  it("fromItem() refuses another entity type, missing keys, and non-objects", () => {
    const item = RoleAssignment.toItem(attributes);
    expect(() => RoleAssignment.fromItem({ ...item, entityType: "Session" })).toThrow("[isolation.entityType]");
    expect(() => RoleAssignment.fromItem({ ...item, entityType: undefined })).toThrow(IsolationError);
    for (const raw of [null, undefined, "item", 42, []])
      expect(() => RoleAssignment.fromItem(raw)).toThrow(IsolationError);
    const { sk: _dropped, ...withoutSk } = item;
    expect(() => RoleAssignment.fromItem(withoutSk)).toThrow("[isolation.keyMismatch] stored sk undefined");
    expect(() => RoleAssignment.fromItem({ ...item, tenantId: "" })).toThrow(ItemValidationError);
  });

  it("fromItem() reads strict schemas through the item schema, so key attributes are not unknown keys", () => {
    const Strict = defineEntity({
      name: "Strict",
      schema: schema.strict(),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#E#${id}",
    });
    const item = Strict.toItem(attributes);
    expect(Strict.fromItem(item)).toEqual(item);
    expect(() => Strict.fromItem({ ...item, extra: 1 })).toThrow(ItemValidationError);
  });

  it("fromItem() ignores prototype-polluting keys instead of trusting them", () => {
    const item = JSON.parse(
      JSON.stringify(RoleAssignment.toItem(attributes)).replace("{", '{"__proto__":{"entityType":"RoleAssignment"},'),
    ) as unknown;
    expect(RoleAssignment.fromItem(item)).not.toHaveProperty("__proto__.entityType");
    expect(({} as Record<string, unknown>)["entityType"]).toBeUndefined();
  });
});

describe("an index opted out to an outer level (indexes.<name>.isolation)", () => {
  const Document = defineEntity({
    name: "Document",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}",
    indexes: {
      byTenant: {
        pk: "TENANT#${tenantId}#DOCS",
        sk: "${capsuleId}#${id}",
        isolation: { level: "tenant", reason: "tenant admins list every document" },
      },
    },
  });

  it("compiles, and builds the index keys at the tenant level (the positive twin of index-opt-outs.ts)", () => {
    const keys = Document.keys(attributes);
    expectTypeOf(keys.byTenantpk).toEqualTypeOf<`TENANT#${string}#DOCS`>();
    expect(keys).toEqual({
      pk: "TENANT#t1#CAPSULE#c1#DOC#r1",
      byTenantpk: "TENANT#t1#DOCS",
      byTenantsk: "c1#r1",
    });
    expect(Document.fromItem(Document.toItem(attributes))).toMatchObject({ byTenantpk: "TENANT#t1#DOCS" });
  });

  it("refuses the opt-out with the catalog's messages when defined from plain JavaScript", () => {
    const index =
      (isolation: unknown, pk = "TENANT#${tenantId}#DOCS") =>
      () =>
        defineUnchecked({ ...valid, indexes: { byTenant: { pk, isolation } } });
    expect(index("tenant")).toThrow('[index.unknownLevel] indexes.byTenant.isolation.level "undefined"');
    expect(index({ level: "global", reason: "r" })).toThrow(
      '[index.unknownLevel] indexes.byTenant.isolation.level "global"',
    );
    expect(index({ level: "tenant" })).toThrow("[index.missingReason] indexes.byTenant.isolation");
    expect(index({ level: "tenant", reason: 3 })).toThrow("[index.missingReason] indexes.byTenant.isolation");
    expect(index({ level: "tenant", reason: "r" }, "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS")).toThrow(
      "[isolation.capsulePartition] indexes.byTenant.pk",
    );
    expect(() =>
      defineUnchecked({
        ...globalLevel,
        indexes: { byTenant: { pk: "ALL", isolation: { level: "tenant", reason: "r" } } },
      }),
    ).toThrow('[index.unknownLevel] indexes.byTenant.isolation.level "tenant"');
    expect(() => defineUnchecked({ ...valid, indexes: { byTenant: { pk: "TENANT#${tenantId}#DOCS" } } })).toThrow(
      "[isolation.keyPrefix] indexes.byTenant.pk must start with TENANT#${tenantId}#CAPSULE#${capsuleId}",
    );
  });
});

describe("an index opted out to an outer level of a custom kit", () => {
  const kit = defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      { name: "workspace", field: "workspaceId", label: "WS" },
    ],
  });
  const Page = kit.defineEntity({
    name: "Page",
    schema: z.object({ orgId: kit.ids.orgId(), workspaceId: kit.ids.workspaceId(), id: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#PAGE#${id}",
    indexes: {
      byOrg: {
        pk: "ORG#${orgId}#PAGES",
        sk: "PAGE#${id}",
        isolation: { level: "org", reason: "org admins" },
      },
    },
  });

  it("compiles, and builds the index keys at the org level (positive twin of index-opt-outs.ts's kit cases)", () => {
    const ids = { orgId: kit.ids.orgId().parse("o1"), workspaceId: kit.ids.workspaceId().parse("w1") };
    expect(Page.keys({ ...ids, id: "p1" })).toEqual({
      pk: "ORG#o1#WS#w1#PAGE#p1",
      byOrgpk: "ORG#o1#PAGES",
      byOrgsk: "PAGE#p1",
    });
  });
});
