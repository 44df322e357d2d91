import { describe, expect, it } from "vitest";
import {
  comparisons,
  displayName,
  entitiesSource,
  entityName,
  hasDistinctNames,
  indexNameOf,
  libraries,
} from "./generate.js";

describe("entitiesSource", () => {
  it.each(libraries)("declares each of the %s entities once, with its own name", (library) => {
    const source = entitiesSource(library, 3);
    for (const index of [1, 2, 3]) expect(source.split(`export const ${entityName(index)} =`)).toHaveLength(2);
    expect(source).not.toContain(`export const ${entityName(4)} =`);
  });
});

describe("index names", () => {
  it("shares gsi1 by default, and gives each entity its own descriptive name when distinct", () => {
    expect([1, 2, 11].map((index) => indexNameOf(index, "shared"))).toEqual(["gsi1", "gsi1", "gsi1"]);
    expect([1, 2, 11].map((index) => indexNameOf(index, "distinct"))).toEqual(["by1Status", "by2Status", "by11Status"]);
    expect(entitiesSource("capsule-entity", 2)).toBe(entitiesSource("capsule-entity", 2, "full", "shared"));
  });

  it("declares and queries capsule-entity's index by its name, in every kit", () => {
    for (const library of [
      "capsule-entity",
      "capsule-entity-kit",
      "capsule-entity-kit1",
      "capsule-entity-kit3",
    ] as const) {
      const distinct = entitiesSource(library, 2, "full", "distinct");
      for (const index of [1, 2]) {
        expect(distinct).toContain(`  indexes: { by${index}Status: { pk: "`);
        expect(distinct).toContain(`.query({ index: "by${index}Status", partition: { status: "open" } });`);
      }
      expect(distinct).not.toContain("gsi1");
      expect(entitiesSource(library, 2, "full", "shared")).toContain(`.query({ index: "gsi1", partition:`);
    }
  });

  it("names the baselines' key attributes and IndexName after the index", () => {
    for (const library of ["hand-written", "hand-written-zod"] as const) {
      const distinct = entitiesSource(library, 2, "full", "distinct");
      expect(distinct).toContain(
        `    by2Statuspk: \`TENANT#\${tenantId}#CAPSULE#\${capsuleId}#${entityName(2)}_BY_STATUS#\${status}\` as const,`,
      );
      expect(distinct).toContain(`    by2Statussk: \`\${updatedAt}\` as const,`);
      expect(distinct).toContain(`    IndexName: "by2Status",`);
      expect(distinct).toContain(`    KeyConditionExpression: "by2Statuspk = :pk",`);
      expect(distinct).not.toContain("gsi1");
    }
  });

  it("gives ElectroDB's access pattern the name, its physical index staying gsi1", () => {
    const [shared, distinct] = [entitiesSource("electrodb", 2), entitiesSource("electrodb", 2, "full", "distinct")];
    expect(shared).toContain(`      byStatus: {`);
    expect(shared).toContain(`${entityName(2)}.query.byStatus({`);
    expect(distinct).toContain(`      by2Status: {`);
    expect(distinct).toContain(`${entityName(2)}.query.by2Status({`);
    expect(distinct).not.toContain(".query.byStatus(");
    for (const source of [shared, distinct]) {
      expect(source.split(`        index: "gsi1",`)).toHaveLength(3);
      expect(source).toContain(`pk: { field: "gsi1pk", casing: "none"`);
    }
  });

  it("has no distinct-names case for dynamodb-toolbox, whose indexes are the shared table's", () => {
    expect(libraries.filter((library) => !hasDistinctNames(library))).toEqual(["dynamodb-toolbox"]);
    expect(() => entitiesSource("dynamodb-toolbox", 1, "full", "distinct")).toThrow("no distinct-names case");
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
