// Your own entities deserve tests that must NOT compile: they keep the isolation rules from being loosened
// by a refactor (a widened type, a moved field) without anyone noticing. Each @ts-expect-error says which
// rule it expects; TypeScript fails the build if the line ever compiles, and the runtime twin must throw too.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { capsuleId, defineEntity, EntityDefinitionError, tenantId } from "capsule-entity";

const schema = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() });
const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema,
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
});

describe("RoleAssignment stays capsule-isolated", () => {
  it("a pk without the capsule segment does not compile, and throws", () => {
    expect(() =>
      defineEntity({
        name: "RoleAssignment",
        schema,
        // @ts-expect-error [isolation.keyPrefix]: the pk must start with TENANT#…#CAPSULE#…
        pk: "TENANT#${tenantId}#ROLE#${id}",
      }),
    ).toThrow(EntityDefinitionError);
  });

  it("a schema without capsuleId does not compile, and throws", () => {
    expect(() =>
      defineEntity({
        name: "RoleAssignment",
        // @ts-expect-error [isolation.missingField]: capsuleId is required
        schema: schema.omit({ capsuleId: true }),
        pk: "TENANT#${tenantId}#ROLE#${id}",
      }),
    ).toThrow("[isolation.missingField]");
  });

  it("swapped ids do not compile (at runtime both are plain strings: only the brands tell them apart)", () => {
    const swapped = { tenantId: capsuleId().parse("eu-prod"), capsuleId: tenantId().parse("acme"), id: "r1" };
    // @ts-expect-error a CapsuleId is not a TenantId: the brands make the swap a type error
    const keys = RoleAssignment.keys(swapped);
    expect(keys.pk).toBe("TENANT#eu-prod#CAPSULE#acme#ROLE#r1"); // the key the type error keeps you from writing
  });
});
