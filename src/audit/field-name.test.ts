import { describe, expect, it } from "vitest";
import { fieldIdOf, genericLeaves, leafOf, normalizeFieldName } from "./field-name.js";

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

  it("keeps a leading sign before a digit: +1 and -1 are distinct tokens", () => {
    expect(["+1", "-1", "1", "-a"].map(normalizeFieldName)).toEqual(["+1", "-1", "1", "a"]);
  });
});

describe("fieldIdOf", () => {
  it("knows a field by its leaf name at any depth, so sources nesting it differently agree", () => {
    for (const path of ["capsuleid", "context.capsuleid", "meta.owner.capsuleid"])
      expect(fieldIdOf(path, new Set(["id"]))).toBe("capsuleid");
  });

  it("qualifies a generic leaf by its parent, and keeps array paths whole", () => {
    const generic = genericLeaves([["sender.id", "repository.id", "repository.owner.id", "tenantid"]]);
    expect(generic).toEqual(new Set(["id"]));
    expect(["sender.id", "repository.id", "repository.owner.id"].map((path) => fieldIdOf(path, generic))).toEqual([
      "sender.id",
      "repository.id",
      "owner.id",
    ]);
    expect(fieldIdOf("id", generic)).toBe("id");
    expect(fieldIdOf("items.[].sku", generic)).toBe("items.[].sku");
  });
});

describe("leafOf", () => {
  it("takes the last segment as written", () => {
    expect(leafOf("context.capsuleId")).toBe("capsuleId");
    expect(leafOf("tenant_id")).toBe("tenant_id");
  });
});
