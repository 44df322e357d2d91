import { describe, expect, it } from "vitest";
import { comparisons, displayName, entitiesSource, entityName, libraries } from "./generate.js";

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

  it("keeps the zod floor's keys() call, with branded ids", () => {
    const keys = entitiesSource("hand-written-zod", 1, "keys");
    expect(keys).toContain(
      `${entityName(1)}.keys({ tenantId: t, capsuleId: c, id: "i1", status: "open", updatedAt: 1 });`,
    );
    expect(keys).not.toContain(`${entityName(1)}.put(`);
  });
});

describe("the zod floor", () => {
  const schemaOf = (source: string): string | undefined => /z\.object\(\{.*?\}\)/.exec(source)?.[0];

  it("infers each entity's attributes from the same zod schema as capsule-entity's entity", () => {
    const floor = entitiesSource("hand-written-zod", 2);
    expect(schemaOf(floor)).toBeDefined();
    expect(schemaOf(floor)).toBe(schemaOf(entitiesSource("capsule-entity", 1)));
    for (const index of [1, 2]) {
      const name = entityName(index);
      expect(floor).toContain(`const ${name}Schema = ${schemaOf(floor)!};`);
      expect(floor).toContain(`type ${name}Attributes = z.infer<typeof ${name}Schema>;`);
    }
  });

  it("declares the hand-written baseline's functions, typed by the inferred attributes", () => {
    const plain = entitiesSource("hand-written", 1).split("\n");
    const floor = entitiesSource("hand-written-zod", 1).split("\n");
    const declaration = (lines: string[]): string[] =>
      lines.slice(lines.indexOf(`export const ${entityName(1)} = {`), lines.indexOf("};") + 1);
    const typed = declaration(plain).map((line) =>
      line
        .replace(": Attributes)", `: ${entityName(1)}Attributes)`)
        .replace(": Key)", `: Pick<${entityName(1)}Attributes, "tenantId" | "capsuleId" | "id">)`)
        .replace(": StatusKey)", `: Pick<${entityName(1)}Attributes, "tenantId" | "capsuleId" | "status">)`),
    );
    expect(declaration(floor)).toEqual(typed);
  });

  it("is named hand-written + zod in the reports", () => {
    expect(libraries.map(displayName)).toEqual([
      "hand-written",
      "hand-written + zod",
      "capsule-entity",
      "electrodb",
      "dynamodb-toolbox",
    ]);
  });
});

describe("comparisons", () => {
  it("sets capsule-entity against every other library, the others against the baseline, and ElectroDB against the zod floor", () => {
    expect(comparisons(libraries)).toEqual([
      ["capsule-entity", "hand-written"],
      ["capsule-entity", "hand-written-zod"],
      ["capsule-entity", "electrodb"],
      ["capsule-entity", "dynamodb-toolbox"],
      ["hand-written-zod", "hand-written"],
      ["electrodb", "hand-written"],
      ["dynamodb-toolbox", "hand-written"],
      ["electrodb", "hand-written-zod"],
    ]);
  });

  it("keeps the peers' ratios to the baseline while capsule-entity is missing", () => {
    expect(comparisons(["hand-written", "electrodb"])).toEqual([["electrodb", "hand-written"]]);
  });

  it("gives the editor bench's three libraries the same ratios as before the zod floor", () => {
    expect(comparisons(["hand-written", "capsule-entity", "electrodb"])).toEqual([
      ["capsule-entity", "hand-written"],
      ["capsule-entity", "electrodb"],
      ["electrodb", "hand-written"],
    ]);
  });
});
