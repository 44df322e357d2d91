import { describe, expect, it } from "vitest";
import { describeValue } from "./describe.js";

describe("describeValue: how a message quotes a bad value", () => {
  const cycle: Record<string, unknown> = { a: 1 };
  cycle.self = cycle;
  it.each([
    ["a string, JSON-quoted", "a#b", '"a#b"'],
    ["a number", 5, "5"],
    ["a bigint, with n", 5n, "5n"],
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["a plain object, as JSON", { principalTag: "tenantId" }, '{"principalTag":"tenantId"}'],
    ["an object without a prototype, as JSON", Object.assign(Object.create(null) as object, { a: 1 }), '{"a":1}'],
    ["an array, as JSON", ["t1", 2], '["t1",2]'],
    ["a cycle, as String", cycle, "[object Object]"],
    ["a function, not its source", () => "secret", "a function"],
    ["a Date, as String", new Date(0), String(new Date(0))],
    ["a Map, as String", new Map([["a", 1]]), "[object Map]"],
  ] as const)("%s", (_, value, says) => {
    expect(describeValue(value)).toBe(says.length > 60 ? `${says.slice(0, 57)}...` : says);
  });
  it("cuts at 60 characters", () => {
    expect(describeValue({ text: "x".repeat(100) })).toBe(`{"text":"${"x".repeat(48)}...`);
    expect(describeValue({ text: "x".repeat(100) })).toHaveLength(60);
  });
});
