/**
 * Issue 13, a verifier's matrix of put's ids (session s18): every zod form an id field takes × where the field sits
 * (the innermost isolation field at the top, the same one level down in `ctx`, a field that is no isolation field) ×
 * every kit depth (the default kit, a one-, two- and three-level kit) × the value a put gives it (the scope's own
 * parsed id, another level's id, another kit's, a plain literal, a plain `string` variable, nothing) × every place a
 * scope writes a whole item (the builder's put, the adapter's put and batchPut, a transaction's put) and `keys()`.
 * Each definition is checked first: a form the runtime refuses as an isolation field must be a type error on the
 * definition too, and the other way round. Each put is one line of a probe compiled by TypeScript 5.9, 6.0 and 7.0
 * (the three must agree) and run: the runtime may accept what the compiler refuses only when the value is the scope's
 * own under another brand or none (brands exist in the types alone); it never accepts a value of another scope in an
 * isolation field, and never refuses what compiles.
 */
import { beforeAll, expect, it } from "vitest";
import { catalogCode, catalogMessage } from "./compilers.js";
import { describeMatrix } from "./matrix.js";
import { threeLevelKit, twoLevelKit, type Kit, type Level } from "./generated-kits.js";

const kits: readonly Kit[] = [
  {
    name: "dflt",
    levels: [
      { field: "tenantId", label: "TENANT", value: "t1" },
      { field: "capsuleId", label: "CAPSULE", value: "c1" },
    ],
    otherLabels: ["TNT", "CAP"],
  },
  { name: "one", levels: [{ field: "teamId", label: "TEAM", value: "m1" }], otherLabels: ["SQUAD"] },
  twoLevelKit,
  threeLevelKit,
];

/** An id's schema of a kit's level: `tenantId()` in the default kit, `two.ids.orgId()` in a kit. */
const idSchema = (kit: Kit, field: string, kitName = kit.name): string =>
  kit.name === "dflt" && kitName === "dflt" ? `${field}()` : `${kitName}.ids.${field}()`;
const innermost = (kit: Kit): Level => kit.levels[kit.levels.length - 1]!;

/**
 * The forms of the subject field. A `field` form wraps the innermost level's id schema; an `object` form wraps the
 * entries of an object holding it (the isolation fields in `ctx`, or `{ <field>: id }` in a field that is none).
 */
interface Form {
  readonly name: string;
  readonly kind: "field" | "object";
  /** The schema, from the id's schema (`field`) or the object's entries (`object`). */
  readonly schema: (inner: string) => string;
  /** The value in a put, from the id's value (`field`) or the object's entries (`object`). */
  readonly value: (inner: string) => string;
}
const field = (name: string, schema: (id: string) => string, value = (v: string) => v): Form => ({
  name,
  kind: "field",
  schema,
  value,
});
const object = (name: string, schema: (entries: string) => string, value = (v: string) => `{ ${v} }`): Form => ({
  name,
  kind: "object",
  schema,
  value,
});
const joined = (...parts: string[]) => parts.filter((part) => part !== "").join(", ");
const tagged = (entries: string, tag: string) => `z.object({ ${entries}, kind: z.literal("${tag}") })`;
const forms: readonly Form[] = [
  field("plain", (id) => id),
  field(".optional()", (id) => `${id}.optional()`),
  field(".nullable()", (id) => `${id}.nullable()`),
  field(".default(…)", (id) => `${id}.default(${id}.parse("d0"))`),
  field(".catch(…)", (id) => `${id}.catch(${id}.parse("d0"))`),
  field("z.string().pipe(id)", (id) => `z.string().pipe(${id})`),
  field(".transform(…)", (id) => `${id}.transform((value) => value)`),
  field(".readonly()", (id) => `${id}.readonly()`),
  field(
    "z.array(id)",
    (id) => `z.array(${id})`,
    (v) => `[${v}]`,
  ),
  field(
    "z.record(z.string(), id)",
    (id) => `z.record(z.string(), ${id})`,
    (v) => `{ k: ${v} }`,
  ),
  field("z.union([id, id])", (id) => `z.union([${id}, ${id}])`),
  field("z.intersection(id, z.string())", (id) => `z.intersection(${id}, z.string())`),
  object("object", (entries) => `z.object({ ${entries} })`),
  object("object.optional()", (entries) => `z.object({ ${entries} }).optional()`),
  object("object.nullable()", (entries) => `z.object({ ${entries} }).nullable()`),
  object(
    "z.union([object, object])",
    (entries) => `z.union([${tagged(entries, "a")}, ${tagged(entries, "b")}])`,
    (v) => `{ ${joined(v, 'kind: "a"')} }`,
  ),
  object(
    'z.discriminatedUnion("kind", …)',
    (entries) => `z.discriminatedUnion("kind", [${tagged(entries, "a")}, ${tagged(entries, "b")}])`,
    (v) => `{ ${joined(v, 'kind: "a"')} }`,
  ),
];

type Position = "isolation field" | "isolation field in ctx" | "other field";
const positions: readonly Position[] = ["isolation field", "isolation field in ctx", "other field"];
const isolation = (position: Position): boolean => position !== "other field";

/**
 * The values a put gives the subject field: the scope's own id; the scope's own string under another brand or none
 * (another kit's id, a literal, a `string` variable); another value (the outermost level's id `x1`, the same
 * level's id of another scope, `z9`); nothing.
 */
type Value =
  "own" | "another level's" | "another scope's" | "another kit's" | "literal" | "string variable" | "omitted";
const values: readonly Value[] = [
  "own",
  "another level's",
  "another scope's",
  "another kit's",
  "literal",
  "string variable",
  "omitted",
];
/** The values of no brand: a put's catch-all names them `put.plainId`. */
const plainValues: ReadonlySet<Value> = new Set(["literal", "string variable"]);
/** The values whose string is the scope's own: only their brand (or none) differs. */
const ownString: ReadonlySet<Value> = new Set(["own", "another kit's", "literal", "string variable"]);

const places = ["builder put", "adapter put", "batch put", "transaction put", "keys()"] as const;
type Place = (typeof places)[number];

interface Definition {
  readonly id: string;
  readonly line: number;
  readonly kit: Kit;
  readonly form: Form;
  readonly position: Position;
}
interface Case {
  readonly id: string;
  readonly line: number;
  readonly definition: Definition;
  readonly value: Value;
  readonly place: Place;
  /** The partition the scope's own ids spell. */
  readonly partition: string;
}

function header(): string[] {
  const lines = [
    "// Generated by types-tests/put-forms.generated.test.ts: one definition, then one case, per line.",
    'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
    'import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";',
    'import { z } from "zod";',
    'import { capsuleId, defineEntity, defineIsolation, tenantId } from "capsule-entity";',
    'import { connect } from "capsule-entity/dynamodb";',
    'const db = connect(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "local", maxAttempts: 1 })), { table: "app_data" });',
    "// A definition the runtime refuses is its error: the cases of that definition are not run.",
    "const defined = <TEntity>(define: () => TEntity): TEntity => { try { return define(); } catch (error) { return error as never; } };",
  ];
  for (const kit of kits) {
    const kitLine = (name: string, labels: readonly string[]) =>
      `const ${name} = defineIsolation({ levels: [${kit.levels
        .map((level, index) => `{ name: "l${index}", field: "${level.field}", label: "${labels[index]!}" }`)
        .join(", ")}] });`;
    if (kit.name !== "dflt")
      lines.push(
        kitLine(
          kit.name,
          kit.levels.map((level) => level.label),
        ),
      );
    lines.push(kitLine(`${kit.name}Other`, kit.otherLabels));
    lines.push(
      `const ${kit.name}Own = { ${kit.levels.map((level) => `${level.field}: ${idSchema(kit, level.field)}.parse("${level.value}")`).join(", ")} };`,
    );
    lines.push(`const ${kit.name}Plain: string = "${innermost(kit).value}";`);
  }
  return lines;
}

/** The subject's value, `undefined` where the kit has no such value (another level's in a one-level kit). */
function valueOf(kit: Kit, value: Value): string | undefined {
  const inner = innermost(kit);
  switch (value) {
    case "own":
      return `${kit.name}Own.${inner.field}`;
    case "another level's":
      return kit.levels.length > 1 ? `${idSchema(kit, kit.levels[0]!.field)}.parse("x1")` : undefined;
    case "another scope's":
      return `${idSchema(kit, inner.field)}.parse("z9")`;
    case "another kit's":
      return `${kit.name}Other.ids.${inner.field}().parse("${inner.value}")`;
    case "literal":
      return `"${inner.value}"`;
    case "string variable":
      return `${kit.name}Plain`;
    case "omitted":
      return "";
  }
}

function generate(): {
  readonly text: string;
  readonly definitions: readonly Definition[];
  readonly cases: readonly Case[];
} {
  const lines = header();
  const definitions: Definition[] = [];
  const cases: Case[] = [];
  for (const kit of kits) {
    const inner = innermost(kit);
    const outer = kit.levels.slice(0, -1);
    const own = `${kit.name}Own`;
    const define = kit.name === "dflt" ? "defineEntity" : `${kit.name}.defineEntity`;
    const plainIds = (levels: readonly Level[]) =>
      levels.map((level) => `${level.field}: ${idSchema(kit, level.field)}`).join(", ");
    const outerValues = outer.map((level) => `${level.field}: ${own}.${level.field}`).join(", ");
    const partition = kit.levels.map((level) => `${level.label}#${level.value}`).join("#");
    for (const form of forms) {
      for (const position of positions) {
        if (form.kind === "object" && position === "isolation field") continue;
        const id = `E${definitions.length}`;
        const innerSchema =
          form.kind === "field" ? form.schema(idSchema(kit, inner.field)) : idSchema(kit, inner.field);
        const schema =
          position === "isolation field"
            ? `z.object({ ${joined(plainIds(outer), `${inner.field}: ${innerSchema}`)}, itemId: z.string() })`
            : position === "isolation field in ctx"
              ? `z.object({ ctx: ${(form.kind === "object" ? form.schema : (entries: string) => `z.object({ ${entries} })`)(joined(plainIds(outer), `${inner.field}: ${innerSchema}`))}, itemId: z.string() })`
              : `z.object({ ${plainIds(kit.levels)}, itemId: z.string(), ref: ${form.kind === "object" ? form.schema(`id: ${innerSchema}`) : innerSchema} })`;
        const path = position === "isolation field in ctx" ? "ctx." : "";
        const pk = `${kit.levels.map((level) => `${level.label}#\${${path}${level.field}}`).join("#")}#ITEM#\${itemId}`;
        lines.push(
          `export const ${id} = defined(() => ${define}({ name: "${id}", table: "app_data", schema: ${schema}, pk: "${pk}" }));`,
        );
        const definition: Definition = { id, line: lines.length, kit, form, position };
        definitions.push(definition);
        for (const value of values) {
          const expression = valueOf(kit, value);
          if (expression === undefined) continue;
          const subject =
            value === "omitted" ? "" : `${inner.field}: ${form.kind === "field" ? form.value(expression) : expression}`;
          const wrap = form.kind === "object" ? form.value : (entries: string) => `{ ${entries} }`;
          const attributes =
            position === "isolation field"
              ? `{ ${joined(outerValues, subject, 'itemId: "i1"')} }`
              : position === "isolation field in ctx"
                ? `{ ctx: ${wrap(joined(outerValues, subject))}, itemId: "i1" }`
                : `{ ...${own}, itemId: "i1"${
                    value === "omitted"
                      ? ""
                      : `, ref: ${form.kind === "object" ? form.value(`id: ${expression}`) : form.value(expression)}`
                  } }`;
          const bodies: Record<Place, string> = {
            "builder put": `${id}.scope(${own}).put(${attributes})`,
            "adapter put": `db.entity(${id}).scope(${own}).put(${attributes})`,
            "batch put": `db.entity(${id}).scope(${own}).batchPut([${attributes}])`,
            "transaction put": `db.transaction(${own}).entity(${id}).put(${attributes})`,
            "keys()": `${id}.keys(${attributes})`,
          };
          // keys() takes exactly the fields its templates read: a field that is no isolation field is none of them.
          for (const place of places.filter((each) => each !== "keys()" || isolation(position))) {
            const caseId = `case${cases.length}`;
            lines.push(`export const ${caseId} = () => ${bodies[place]};`);
            cases.push({ id: caseId, line: lines.length, definition, value, place, partition });
          }
        }
      }
    }
  }
  return { text: lines.join("\n") + "\n", definitions, cases };
}

/** The runtime's answer: its catalog code (or zod's error, `invalid`), or `ok` (sent to a closed port: `ok` too). */
async function runtimeAnswer(run: () => unknown): Promise<{ readonly code: string; readonly result?: unknown }> {
  try {
    const result = await run();
    return { code: "ok", result };
  } catch (error) {
    const message = (error as Error).message;
    const code = catalogCode(message);
    return {
      code:
        code === "dynamodb.request" ? "ok" : code === "uncatalogued" ? `uncatalogued: ${message.slice(0, 80)}` : code,
    };
  }
}

/** The forms a field that is no isolation field may leave out of a put: zod's `optin` says so at runtime. */
const omittable: ReadonlySet<string> = new Set([".optional()", ".default(…)", ".catch(…)", "object.optional()"]);

interface Answer {
  readonly form: string;
  readonly value: Value;
}
/**
 * Where the two sides disagree and nothing was changed (session s18's report): zod's input type keeps a `.catch()`
 * field required, while zod accepts it missing (its `optin` is set at runtime only); a put's attributes are zod's
 * input, so leaving such a field out is a type error the runtime does not share. The safe side: nothing is written
 * that the compiler allowed and the runtime would not.
 */
const knownGaps = {
  omittedCatch: <TAnswer extends Answer>(answers: readonly TAnswer[]): TAnswer[] =>
    answers.filter((a) => a.form === ".catch(…)" && a.value === "omitted"),
};
/**
 * The forms of a field that is no isolation field whose ids a put reads as zod's input (a plain string), not as the
 * parsed id: only a field whose output is exactly an id, and an object required in its parent, are read as parsed ids
 * (s17's note: none of these can be an isolation field, the definition refuses them there).
 */
const untypedForms: readonly string[] = [
  ".optional()",
  ".nullable()",
  ".readonly()",
  "z.array(id)",
  "z.record(z.string(), id)",
  "object.optional()",
  "object.nullable()",
  "z.union([object, object])",
  'z.discriminatedUnion("kind", …)',
];
/**
 * The matrix's size: the puts and keys() of the 80 definitions both sides accept (of 184), and how many of them
 * compile and run.
 */
const sizes = { cells: 2241, compiled: 1252, ran: 1889 };

const { text, definitions, cases } = generate();
const title = "put's ids × every zod form × every position × every kit, generated";
const lines = [...definitions.map((d) => d.line), ...cases.map((c) => c.line)];

describeMatrix(title, { name: "put-forms", text, lines }, (matrix) => {
  let module: Record<string, unknown>;
  const refusedDefinition = (definition: Definition) => module[definition.id] instanceof Error;
  /** Each compiler's answer on a line: `ok`, or the catalog message (TypeScript's own text when it has none). */
  const typed = (line: number) =>
    matrix.probes.map((probe) => {
      const found = probe.at(line);
      return found.length === 0 ? "ok" : (catalogMessage(found[0]!) ?? found[0]!.message);
    });

  beforeAll(async () => {
    module = (await import(matrix.first.probe)) as Record<string, unknown>;
  });

  it("a definition compiles exactly when the runtime accepts it, with the runtime's message, under TS 5.9, 6.0 and 7.0", () => {
    const answers = definitions.map((definition) => {
      const entity = module[definition.id];
      return {
        definition: `${definition.kit.name}: ${definition.form.name} as the ${definition.position}`,
        typed: typed(definition.line),
        runtime: entity instanceof Error ? entity.message : "ok",
      };
    });
    expect(answers.filter((a) => a.typed.some((each) => each !== a.runtime))).toEqual([]);
    // Every field form compiles and runs where no isolation field sits; as an isolation field, only the plain id.
    const accepted = answers.filter((a) => a.runtime === "ok").map((a) => a.definition);
    expect(accepted).toEqual(
      definitions
        .filter(
          (d) =>
            d.position === "other field" ||
            ((d.form.name === "plain" || d.form.name === "object") && isolation(d.position)),
        )
        .map((d) => `${d.kit.name}: ${d.form.name} as the ${d.position}`),
    );
    expect(accepted).toHaveLength(80);
    const fieldForms = forms.filter((form) => form.kind === "field").length;
    expect(definitions).toHaveLength(kits.length * (fieldForms * 3 + (forms.length - fieldForms) * 2));
  });

  it("every put and keys() of an accepted definition: the compilers agree, the runtime refuses every other scope's value and never what compiles", async () => {
    const run = cases.filter((c) => !refusedDefinition(c.definition));
    const answers = await Promise.all(
      run.map(async (c) => {
        const { code, result } = await runtimeAnswer(module[c.id] as () => unknown);
        const position = c.definition.position;
        const expected = isolation(position)
          ? c.place === "keys()"
            ? c.value === "omitted"
              ? "key.invalidValue"
              : "ok"
            : ownString.has(c.value)
              ? "ok"
              : "isolation.foreign"
          : c.value !== "omitted" || omittable.has(c.definition.form.name)
            ? "ok"
            : "item.invalid";
        const found = typed(c.line);
        const answers = found.map((each) => (each === "ok" ? "ok" : "refused"));
        return {
          codes: found.map((each) => catalogCode(each)),
          place: c.place,
          case: `${c.definition.kit.name}: ${c.definition.form.name} as the ${position}, ${c.value} in ${c.place}`,
          form: c.definition.form.name,
          position,
          value: c.value,
          compiled: answers[0]!,
          compilersAgree: answers.every((each) => each === answers[0]),
          runtime: code,
          expected,
          // The builder's put and keys() return what they built: the scope's own partition when the runtime accepts.
          partition:
            code !== "ok" || !["builder put", "keys()"].includes(c.place) || !ownString.has(c.value)
              ? "not read"
              : JSON.stringify(result).includes(`"${c.partition}#ITEM#i1"`),
        };
      }),
    );
    expect(answers.filter((a) => !a.compilersAgree)).toEqual([]);
    expect(answers.filter((a) => a.runtime !== a.expected)).toEqual([]);
    expect(answers.filter((a) => a.partition === false)).toEqual([]);
    // What compiles runs, except another scope's id in an isolation field: its brand is right, its value is not.
    expect(answers.filter((a) => a.compiled === "ok" && a.runtime !== "ok" && a.value !== "another scope's")).toEqual(
      [],
    );
    // What the runtime accepts and the compiler refuses differs from the scope's own id in its brand alone (or in its
    // value where no scope reads it: a field that is no isolation field, and keys(), which builds the key the values
    // spell).
    expect(
      answers.filter(
        (a) =>
          a.compiled === "refused" &&
          a.runtime === "ok" &&
          (a.value === "own" ||
            a.value === "omitted" ||
            (isolation(a.position) && a.place !== "keys()" && !ownString.has(a.value))),
      ),
    ).toEqual(knownGaps.omittedCatch(answers));
    // The scope's own id always compiles; a value of another brand or none is a type error in every isolation field,
    // and in a field that is no isolation field where its output is exactly an id.
    const brandless = answers.filter(
      (a) => a.value !== "own" && a.value !== "another scope's" && a.value !== "omitted",
    );
    expect(answers.filter((a) => a.value === "own" && a.compiled !== "ok")).toEqual([]);
    expect(brandless.filter((a) => isolation(a.position) && a.compiled === "ok")).toEqual([]);
    expect([...new Set(brandless.filter((a) => a.compiled === "ok").map((a) => a.form))]).toEqual(untypedForms);
    // A put's isolation field given another brand or none gets the catalog's words under each compiler, on every
    // form that holds it: `put.plainId` for a plain string, `put.wrongId` for another level's or kit's id.
    expect(
      brandless
        .filter((a) => isolation(a.position) && a.place !== "keys()")
        .filter((a) => a.codes.some((code) => code !== (plainValues.has(a.value) ? "put.plainId" : "put.wrongId"))),
    ).toEqual([]);
    expect({
      cells: answers.length,
      compiled: answers.filter((a) => a.compiled === "ok").length,
      ran: answers.filter((a) => a.runtime === "ok").length,
    }).toEqual(sizes);
  });
});
