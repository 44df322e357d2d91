import { describe, expect, it } from "vitest";
import { enclosingLabelsOfShape, isLabel, labelsOfShape, parseKeyShape } from "./key-shape.js";

describe("parseKeyShape", () => {
  it("turns LABEL#value pairs into a shape and segments", () => {
    expect(parseKeyShape("TENANT#t1#CAPSULE#c1#ROLE#r1")).toEqual({
      shape: "TENANT#{}#CAPSULE#{}#ROLE#{}",
      segments: [
        { label: "TENANT", value: "t1" },
        { label: "CAPSULE", value: "c1" },
        { label: "ROLE", value: "r1" },
      ],
    });
  });

  it("always reads the part after a label as its value, even when it looks like a label", () => {
    expect(parseKeyShape("ORG#ACME#WORKSPACE#W1")?.segments).toEqual([
      { label: "ORG", value: "ACME" },
      { label: "WORKSPACE", value: "W1" },
    ]);
  });

  it("keeps extra unlabelled values and a trailing label in the shape", () => {
    expect(parseKeyShape("ENTITY#Account#a1")?.shape).toBe("ENTITY#{}#{}");
    expect(parseKeyShape("TENANT#t1#METADATA")?.shape).toBe("TENANT#{}#METADATA");
  });

  it("rejects what is not key-shaped", () => {
    for (const value of [
      "METADATA",
      "Issue #42",
      "https://x.test/#top",
      "tenant#t1",
      "TENANT##CAPSULE#c",
      "TENANT#",
      "#TENANT#t",
      `A#${"x".repeat(2000)}`,
    ]) {
      expect(parseKeyShape(value), value).toBeUndefined();
    }
  });
});

describe("isLabel", () => {
  it("accepts upper-case words with digits and underscores only", () => {
    expect(["TENANT", "GSI1", "FED_COMP"].every(isLabel)).toBe(true);
    expect(["", "Tenant", "1ABC", "A-B", "X".repeat(33)].some(isLabel)).toBe(false);
  });
});

describe("labelsOfShape", () => {
  it("lists labels in order", () => {
    expect(labelsOfShape("TENANT#{}#CAPSULE#{}#{}#METADATA")).toEqual(["TENANT", "CAPSULE", "METADATA"]);
  });
});

describe("enclosingLabelsOfShape", () => {
  it("lists the labels whose segment the key goes on past, not the item's own id at the end", () => {
    expect(enclosingLabelsOfShape("TENANT#{}#CAPSULE#{}#ROLE#{}")).toEqual(["TENANT", "CAPSULE"]);
    expect(enclosingLabelsOfShape("TENANT#{}#ENTITY#{}#{}")).toEqual(["TENANT", "ENTITY"]);
    expect(enclosingLabelsOfShape("TENANT#{}#METADATA")).toEqual(["TENANT"]);
    expect(enclosingLabelsOfShape("ROLE#{}")).toEqual([]);
  });
});
