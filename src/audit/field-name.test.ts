import { describe, expect, it } from "vitest";
import { fieldIdOf, leafOf, normalizeFieldName } from "./field-name.js";

describe("normalizeFieldName", () => {
  it("compares case- and separator-insensitively", () => {
    const spellings = ["capsule_id", "capsuleId", "CapsuleID", "capsule-id", "CAPSULE ID", "capsule.id"];
    expect(new Set(spellings.map(normalizeFieldName))).toEqual(new Set(["capsuleid"]));
  });

  it("keeps letters and digits of any script, so keys cannot forge path syntax", () => {
    expect(normalizeFieldName("gsi1_pk")).toBe("gsi1pk");
    expect(normalizeFieldName("Größe")).toBe("größe");
    expect(normalizeFieldName("a.b[]")).toBe("ab");
    expect(normalizeFieldName("__proto__")).toBe("proto");
    expect(normalizeFieldName("___")).toBe("_");
  });
});

describe("fieldIdOf", () => {
  it("knows a field at top level or one level down by its name alone", () => {
    expect(fieldIdOf("capsuleid")).toBe("capsuleid");
    expect(fieldIdOf("context.capsuleid")).toBe("capsuleid");
  });

  it("keeps deeper and array paths whole", () => {
    expect(fieldIdOf("a.b.capsuleid")).toBe("a.b.capsuleid");
    expect(fieldIdOf("items.[]")).toBe("items.[]");
  });
});

describe("leafOf", () => {
  it("takes the last segment as written", () => {
    expect(leafOf("context.capsuleId")).toBe("capsuleId");
    expect(leafOf("tenant_id")).toBe("tenant_id");
  });
});
