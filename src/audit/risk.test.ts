import { describe, expect, it } from "vitest";
import { type Risk, isFailOn, reaches, riskRank } from "./risk.js";

describe("risks", () => {
  it("order critical above high above medium above low", () => {
    const shuffled: Risk[] = ["low", "critical", "medium", "high"];
    expect(shuffled.sort((left, right) => riskRank(left) - riskRank(right))).toEqual([
      "critical",
      "high",
      "medium",
      "low",
    ]);
  });

  it("reach a --fail-on level at or below them, and never `none`", () => {
    expect(reaches("high", "high")).toBe(true);
    expect(reaches("critical", "high")).toBe(true);
    expect(reaches("medium", "high")).toBe(false);
    expect(reaches("critical", "none")).toBe(false);
    expect(["critical", "high", "medium", "low", "none"].every(isFailOn)).toBe(true);
    expect(isFailOn("severe")).toBe(false);
  });
});
