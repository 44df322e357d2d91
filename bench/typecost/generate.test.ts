import { describe, expect, it } from "vitest";
import { comparisons, entitiesSource, entityName, libraries } from "./generate.js";

describe("entitiesSource", () => {
  it.each(libraries)("declares each of the %s entities once, with its own name", (library) => {
    const source = entitiesSource(library, 3);
    for (const index of [1, 2, 3]) expect(source.split(`export const ${entityName(index)} =`)).toHaveLength(2);
    expect(source).not.toContain(`export const ${entityName(4)} =`);
  });
});

describe("the budget shape", () => {
  it("keeps each entity's key-building call and drops the others", () => {
    const full = entitiesSource("electrodb", 1);
    const keys = entitiesSource("electrodb", 1, "keys");
    expect(full).toContain(".put(");
    expect(keys).toContain(`${entityName(1)}.get({ tenantId: "t1", capsuleId: "c1", id: "i1" }).params();`);
    expect(keys).not.toContain(".put(");
    expect(keys).not.toContain(".query.");
  });
});

describe("comparisons", () => {
  it("sets capsule-entity against every other library, and the peers against the baseline", () => {
    expect(comparisons(libraries)).toEqual([
      ["capsule-entity", "hand-written"],
      ["capsule-entity", "electrodb"],
      ["capsule-entity", "dynamodb-toolbox"],
      ["electrodb", "hand-written"],
      ["dynamodb-toolbox", "hand-written"],
    ]);
  });

  it("keeps the peers' ratios to the baseline while capsule-entity is missing", () => {
    expect(comparisons(["hand-written", "electrodb"])).toEqual([["electrodb", "hand-written"]]);
  });
});
