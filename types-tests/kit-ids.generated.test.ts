/**
 * Issue 13, a verifier's matrix of branded ids per level and per kit: a one-, a two- and a three-level kit × the
 * shapes of an innermost entity's ids (its own; a plain string at one level; two levels' ids swapped; at one level
 * the id of another kit spelling the same fields, or the default kit's `tenantId`) × every place ids go (a builder
 * scope, an adapter scope, `keys()`, a transaction, a collection scope) and every put's attributes under the scope's
 * own ids (the builder's put, the adapter's put and batchPut, a transaction's put). Each case is one line of a probe
 * compiled by TypeScript 5.9 (no `@ts-expect-error`: the diagnostics are read): the kit's own ids compile, every other
 * shape is a type error on its line (a put's isolation fields are the scope's ids since session s17; before, they were
 * zod's input, which carries no brand). The runtime twin runs every line: brands exist in the types alone, so the
 * runtime refuses exactly what its values show (a swapped id in a put's attributes is another scope's item:
 * `isolation.foreign`) and otherwise builds the key the values spell (builder scope, builder put, `keys()`), never
 * another partition.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { catalogCode, catalogMessage, compileProbe, compileTimeout, type CompiledProbe } from "./compilers.js";

interface Level {
  readonly field: string;
  readonly label: string;
  readonly value: string;
}
interface Kit {
  readonly name: string;
  readonly levels: readonly Level[];
  /** The same fields under other labels: another kit, whose brands differ. */
  readonly otherLabels: readonly string[];
}
const kits: readonly Kit[] = [
  { name: "one", levels: [{ field: "accountId", label: "ACCOUNT", value: "a1" }], otherLabels: ["ACCT"] },
  {
    name: "two",
    levels: [
      { field: "orgId", label: "ORG", value: "o1" },
      { field: "workspaceId", label: "WS", value: "w1" },
    ],
    otherLabels: ["ORGANIZATION", "SPACE"],
  },
  {
    name: "three",
    levels: [
      { field: "orgId", label: "ORG", value: "o1" },
      { field: "projectId", label: "PRJ", value: "p1" },
      { field: "envId", label: "ENV", value: "e1" },
    ],
    otherLabels: ["ORGANIZATION", "PROJECT", "ENVIRONMENT"],
  },
];

/** One shape of ids: per level, the expression of its id and the value it carries. */
interface Shape {
  readonly name: string;
  readonly ids: readonly { readonly expression: string; readonly value: string }[];
}
function shapesOf(kit: Kit): readonly Shape[] {
  const own = (level: Level, value = level.value) => `${kit.name}.ids.${level.field}().parse("${value}")`;
  const replaced = (at: number, expression: string) =>
    kit.levels.map((level, index) => ({ expression: index === at ? expression : own(level), value: level.value }));
  const shapes: Shape[] = [
    { name: "own", ids: kit.levels.map((level) => ({ expression: own(level), value: level.value })) },
  ];
  kit.levels.forEach((level, at) => {
    shapes.push({ name: `plain string at ${level.field}`, ids: replaced(at, `"${level.value}"`) });
    shapes.push({
      name: `another kit's ${level.field}`,
      ids: replaced(at, `${kit.name}Other.ids.${level.field}().parse("${level.value}")`),
    });
    shapes.push({
      name: `the default kit's tenantId at ${level.field}`,
      ids: replaced(at, `tenantId().parse("${level.value}")`),
    });
    for (let other = at + 1; other < kit.levels.length; other++) {
      const outer = kit.levels[other]!;
      shapes.push({
        name: `${level.field} and ${outer.field} swapped`,
        ids: kit.levels.map((each, index) =>
          index === at
            ? { expression: `${kit.name}.ids.${outer.field}().parse("${outer.value}")`, value: outer.value }
            : index === other
              ? { expression: `${kit.name}.ids.${level.field}().parse("${level.value}")`, value: level.value }
              : { expression: own(each), value: each.value },
        ),
      });
    }
  });
  return shapes;
}

const places = [
  "builder scope",
  "adapter scope",
  "keys()",
  "transaction",
  "collection scope",
  "builder put",
  "adapter put",
  "batch put",
  "transaction put",
] as const;
/** The places where the shape's ids are a put's attributes, under a scope of the kit's own ids. */
const puts: ReadonlySet<(typeof places)[number]> = new Set([
  "builder put",
  "adapter put",
  "batch put",
  "transaction put",
]);

interface Case {
  readonly id: string;
  readonly line: number;
  readonly kit: string;
  readonly shape: string;
  readonly place: (typeof places)[number];
  /** The partition the values spell: what the runtime must build, whatever the brands. */
  readonly partition: string;
  /** The values differ from the kit's own ids (a swap). */
  readonly foreignValues: boolean;
}

const entity = (kit: Kit) => `${kit.name[0]!.toUpperCase()}${kit.name.slice(1)}Item`;

function header(): string {
  const kitLine = (name: string, kit: Kit, labels: readonly string[]) =>
    `const ${name} = defineIsolation({ levels: [${kit.levels
      .map((level, index) => `{ name: "l${index}", field: "${level.field}", label: "${labels[index]!}" }`)
      .join(", ")}] });`;
  const lines = [
    "// Generated by types-tests/kit-ids.generated.test.ts: one case per line.",
    'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
    'import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";',
    'import { z } from "zod";',
    'import { defineIsolation, tenantId } from "capsule-entity";',
    'import { connect } from "capsule-entity/dynamodb";',
    'const db = connect(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "local", maxAttempts: 1 })), { table: "app_data" });',
    "const first = async (items: AsyncIterable<unknown>) => { for await (const item of items) return item; return undefined; };",
  ];
  for (const kit of kits) {
    lines.push(
      kitLine(
        kit.name,
        kit,
        kit.levels.map((level) => level.label),
      ),
    );
    lines.push(kitLine(`${kit.name}Other`, kit, kit.otherLabels));
    const fields = kit.levels.map((level) => `${level.field}: ${kit.name}.ids.${level.field}()`).join(", ");
    const prefix = kit.levels.map((level) => `${level.label}#\${${level.field}}`).join("#");
    lines.push(
      `const ${entity(kit)} = ${kit.name}.defineEntity({ name: "${entity(kit)}", schema: z.object({ ${fields}, itemId: z.string() }), pk: "${prefix}#ITEMS", sk: "ITEM#\${itemId}" });`,
    );
  }
  return lines.join("\n");
}

function generate(): { readonly text: string; readonly cases: readonly Case[] } {
  const lines = header().split("\n");
  const cases: Case[] = [];
  for (const kit of kits) {
    const ownIds = `{ ${kit.levels.map((level) => `${level.field}: ${kit.name}.ids.${level.field}().parse("${level.value}")`).join(", ")} }`;
    for (const shape of shapesOf(kit)) {
      const ids = `{ ${kit.levels.map((level, index) => `${level.field}: ${shape.ids[index]!.expression}`).join(", ")} }`;
      const E = entity(kit);
      const bodies: Record<(typeof places)[number], string> = {
        "builder scope": `${E}.scope(${ids}, { table: "app_data" }).get({ itemId: "x" })`,
        "adapter scope": `db.entity(${E}).scope(${ids}).get({ itemId: "x" })`,
        "keys()": `${E}.keys({ ...${ids}, itemId: "x" })`,
        transaction: `db.transaction(${ids}).entity(${E}).put({ ...${ids}, itemId: "x" })`,
        "collection scope": `first(db.collection([${E}]).scope(${ids}).query())`,
        "builder put": `${E}.scope(${ownIds}, { table: "app_data" }).put({ ...${ids}, itemId: "x" })`,
        "adapter put": `db.entity(${E}).scope(${ownIds}).put({ ...${ids}, itemId: "x" })`,
        "batch put": `db.entity(${E}).scope(${ownIds}).batchPut([{ ...${ids}, itemId: "x" }])`,
        "transaction put": `db.transaction(${ownIds}).entity(${E}).put({ ...${ids}, itemId: "x" })`,
      };
      const partition = kit.levels.map((level, index) => `${level.label}#${shape.ids[index]!.value}`).join("#");
      const foreignValues = shape.ids.some((id, index) => id.value !== kit.levels[index]!.value);
      for (const place of places) {
        const id = `case${cases.length}`;
        lines.push(`export const ${id} = () => ${bodies[place]};`);
        cases.push({ id, line: lines.length, kit: kit.name, shape: shape.name, place, partition, foreignValues });
      }
    }
  }
  return { text: lines.join("\n") + "\n", cases };
}

/** The runtime's answer: its catalog code, or `ok` with what it returned (sent to a closed port: `ok` too). */
async function runtimeAnswer(run: () => unknown): Promise<{ readonly code: string; readonly result?: unknown }> {
  try {
    const result = await run();
    return { code: "ok", result };
  } catch (error) {
    const code = catalogCode((error as Error).message);
    return { code: code === "dynamodb.request" ? "ok" : code };
  }
}

describe("branded ids per level and per kit, generated", () => {
  const { text, cases } = generate();
  let compiled: CompiledProbe;

  beforeAll(async () => {
    compiled = await compileProbe("kit-ids", text);
  }, compileTimeout);

  it("the kit's own ids compile, every other shape is a type error on its line", () => {
    expect(compiled.outside(cases.map((c) => c.line))).toEqual([]);
    const wrong = cases
      .map((c) => ({
        case: `${c.kit}: ${c.shape} in ${c.place}`,
        typed: c.shape !== "own",
        refused: compiled.at(c.line).length > 0,
      }))
      .filter((answer) => answer.typed !== answer.refused);
    expect(wrong).toEqual([]);
  });

  it("the runtime refuses what the values show and otherwise builds the partition the values spell", async () => {
    const answers = await compiled.answers(cases, async (found, run, c) => {
      const { code, result } = await runtimeAnswer(run);
      return {
        case: `${c.kit}: ${c.shape} in ${c.place}`,
        compiled: found.map((d) => catalogCode(catalogMessage(d) ?? d.message)).join(" ") || "ok",
        runtime: code,
        // A value returned (the builder's get and put inputs, keys()) names the partition the values spell.
        spelt:
          !["builder scope", "keys()", "builder put"].includes(c.place) ||
          code !== "ok" ||
          JSON.stringify(result).includes(`"${c.partition}#ITEMS"`),
        expected: puts.has(c.place) && c.foreignValues ? "isolation.foreign" : "ok",
      };
    });
    expect(answers.filter((a) => a.runtime !== a.expected || !a.spelt)).toEqual([]);
    // Every swap in a put's attributes, and only those, is refused at runtime (one per pair of levels, per put).
    const swapsInPuts = cases.filter((c) => puts.has(c.place) && c.foreignValues).length;
    expect(answers.filter((a) => a.runtime === "isolation.foreign")).toHaveLength(swapsInPuts);
    expect(swapsInPuts).toBe(4 * (0 + 1 + 3));
    // The other refusals are type-only by design (brands exist in the types alone): 22 shapes × 9 places, less the
    // swaps in puts, which the runtime refuses too.
    expect(answers.filter((a) => a.compiled !== "ok" && a.runtime === "ok")).toHaveLength(22 * 9 - swapsInPuts);
    // A put's swap is refused by both sides, the compiler in the catalog's words.
    expect(
      answers.filter((a) => a.runtime === "isolation.foreign" && a.compiled !== "put.wrongId").map((a) => a.case),
    ).toEqual([]);
  });
});
