import { z } from "zod";
import { describe, expect, it } from "vitest";
import { capsuleId, isIsolationSchema, tenantId } from "./ids.js";

describe("tenantId() / capsuleId()", () => {
  it("accept non-empty strings without #", () => {
    expect(tenantId().parse("acme")).toBe("acme");
    expect(capsuleId().parse("c-1 ü")).toBe("c-1 ü");
  });

  it.each([
    ["", "tenantId must not be empty"],
    ["a#b", 'tenantId must not contain "#"'],
    ["TENANT#x", 'tenantId must not contain "#"'],
  ])("tenantId() rejects %j", (value, message) => {
    expect(tenantId().safeParse(value).error?.issues[0]?.message).toBe(message);
  });

  it("rejects non-strings", () => {
    for (const value of [1, null, undefined, {}, ["a"]]) expect(capsuleId().safeParse(value).success).toBe(false);
  });

  it("narrows with an inner schema and keeps the key-safety check", () => {
    const schema = capsuleId(z.uuid());
    expect(schema.safeParse("not-a-uuid").success).toBe(false);
    expect(schema.parse("0b8e8a50-1c1b-4b55-8f0e-3d8a6f4a1e22")).toBe("0b8e8a50-1c1b-4b55-8f0e-3d8a6f4a1e22");
    expect(tenantId(z.string().regex(/^[a-z#]+$/)).safeParse("a#b").success).toBe(false);
  });

  it("is recognised as its own field's schema, through describe/meta/extra checks, not wrappers", () => {
    expect(isIsolationSchema(tenantId(), "tenantId")).toBe(true);
    expect(isIsolationSchema(tenantId(), "capsuleId")).toBe(false);
    expect(isIsolationSchema(capsuleId().describe("the capsule"), "capsuleId")).toBe(true);
    expect(isIsolationSchema(capsuleId().meta({ title: "c" }), "capsuleId")).toBe(true);
    expect(isIsolationSchema(z.string(), "tenantId")).toBe(false);
    expect(isIsolationSchema(z.string().brand<"TenantId">(), "tenantId")).toBe(false);
    expect(isIsolationSchema(tenantId().optional(), "tenantId")).toBe(false);
  });
});
