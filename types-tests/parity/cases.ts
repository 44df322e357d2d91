/**
 * The parity generator: schema forms × positions × call inputs, as one TypeScript program whose every case is a
 * thunk the runtime can call. A case is *accepted* by a compiler when no diagnostic falls on its lines, and by the
 * runtime when its thunk returns without throwing; types and runtime must agree on every case
 * (types-tests/parity/parity.ts compares them).
 *
 * Every form is covered in its own position by the base cases; a seeded sample adds random combinations (a
 * form inside a wrapped parent under a wrapped schema, with an index, …) on top.
 */

/** A zod schema written as code, with a raw value the schema accepts (for the round trip of accepted cases). */
export interface Form {
  readonly code: string;
  readonly raw: string;
}

/** One generated case: where it sits in the program, and what it exercises. */
export interface ParityCase {
  readonly id: string;
  readonly position: string;
  readonly form: string;
  /** The case's code: its `define` thunk, then `export const <id> = { define, raw, call? }`. */
  readonly code: string;
  /** A rule only one side can see, and why: that side must refuse the case, the other may not see it. */
  readonly decidedBy?: DecidedBy;
}

/** One side alone decides a case: the runtime (what no type can see) or the types (what no value shows). */
export interface DecidedBy {
  readonly side: "runtime" | "types";
  readonly why: string;
}

/** Checks that rewrite a value in place: zod records them in `def.checks`, not in the schema's type. */
const rewritingCheck = /\.(toLowerCase|toUpperCase|trim|normalize|overwrite)\(/;
const byRuntime = (why: string): DecidedBy => ({ side: "runtime", why });
const byTypes = (why: string): DecidedBy => ({ side: "types", why });

/**
 * Forms a key field (a placeholder's field) can take. The raw values are valid for each form, so an accepted
 * case can build keys and items.
 */
export const keyFieldForms: readonly Form[] = [
  { code: "z.string()", raw: '"a1"' },
  { code: "z.number()", raw: "7" },
  { code: "z.int()", raw: "7" },
  { code: 'z.enum(["a", "b"])', raw: '"a"' },
  { code: "z.enum(NumericEnum)", raw: "NumericEnum.B" },
  { code: 'z.literal("x")', raw: '"x"' },
  { code: "z.literal(3)", raw: "3" },
  { code: 'z.literal("")', raw: '""' },
  { code: 'z.literal("a#b")', raw: '"a#b"' },
  { code: "z.uuid()", raw: '"0b8e1d9e-9f0c-4c8e-9c1e-2d3f4a5b6c7d"' },
  { code: "z.email()", raw: '"a@b.co"' },
  { code: "z.string().min(1)", raw: '"a1"' },
  { code: "z.string().regex(/^[a-z0-9]+$/)", raw: '"a1"' },
  { code: "z.string().refine((s) => s.length > 0)", raw: '"a1"' },
  { code: 'z.string().describe("d")', raw: '"a1"' },
  { code: 'z.string().meta({ title: "t" })', raw: '"a1"' },
  { code: "z.string().readonly()", raw: '"a1"' },
  { code: "z.string().nonoptional()", raw: '"a1"' },
  { code: 'z.string().brand<"B">()', raw: '"a1"' },
  { code: 'z.templateLiteral(["v", z.number()])', raw: '"v1"' },
  { code: 'z.templateLiteral(["a#", z.string()])', raw: '"a#b"' },
  { code: "z.string().toLowerCase()", raw: '"a1"' },
  { code: "z.string().trim()", raw: '"a1"' },
  { code: 'z.string().normalize("NFC")', raw: '"a1"' },
  { code: "z.string().overwrite((s) => s)", raw: '"a1"' },
  { code: "z.string().optional()", raw: '"a1"' },
  { code: "z.string().nullable()", raw: '"a1"' },
  { code: 'z.string().default("a1")', raw: '"a1"' },
  { code: 'z.string().prefault("a1")', raw: '"a1"' },
  { code: 'z.string().catch("a1")', raw: '"a1"' },
  { code: "z.string().optional().nonoptional()", raw: '"a1"' },
  { code: 'z.string().default("a1").nonoptional()', raw: '"a1"' },
  { code: "z.coerce.string()", raw: '"a1"' },
  { code: "z.coerce.number()", raw: "7" },
  { code: "z.string().transform((s) => s)", raw: '"a1"' },
  { code: "z.string().pipe(z.string())", raw: '"a1"' },
  { code: "z.preprocess((v) => v, z.string())", raw: '"a1"' },
  { code: "z.union([z.string(), z.number()])", raw: '"a1"' },
  { code: 'z.union([z.literal("a"), z.literal("b")])', raw: '"a"' },
  { code: 'z.union([z.string().refine((s) => s !== ""), z.string()])', raw: '"a1"' },
  { code: 'z.xor([z.literal("a"), z.literal("b")])', raw: '"a"' },
  { code: "z.intersection(z.string(), z.string().min(1))", raw: '"a1"' },
  { code: "z.custom<string>()", raw: '"a1"' },
  { code: 'z.custom<string>((v) => typeof v === "string")', raw: '"a1"' },
  { code: "z.nan()", raw: "NaN" },
  { code: "z.any()", raw: '"a1"' },
  { code: "z.unknown()", raw: '"a1"' },
  { code: "z.never()", raw: '"a1"' },
  { code: "z.boolean()", raw: "true" },
  { code: "z.bigint()", raw: "1n" },
  { code: "z.lazy(() => z.string())", raw: '"a1"' },
  { code: "z.object({ x: z.string() })", raw: '{ x: "a1" }' },
];

/** Inner schemas of `tenantId()` / `capsuleId()`. */
export const idInnerForms: readonly Form[] = [
  { code: "z.string()", raw: '"i1"' },
  { code: "z.uuid()", raw: '"0b8e1d9e-9f0c-4c8e-9c1e-2d3f4a5b6c7d"' },
  { code: "z.string().min(2)", raw: '"i1"' },
  { code: "z.string().regex(/^[a-z0-9]+$/)", raw: '"i1"' },
  { code: 'z.enum(["i1", "i2"])', raw: '"i1"' },
  { code: 'z.literal("i1")', raw: '"i1"' },
  { code: 'z.literal("a#b")', raw: '"a#b"' },
  { code: 'z.literal("")', raw: '""' },
  { code: "z.string().toLowerCase()", raw: '"i1"' },
  { code: "z.string().trim()", raw: '"i1"' },
  { code: 'z.string().normalize("NFC")', raw: '"i1"' },
  { code: 'z.string().overwrite(() => "c0")', raw: '"i1"' },
  { code: "z.any()", raw: '"i1"' },
  { code: "z.never()", raw: '"i1"' },
  { code: 'z.string().catch("i1")', raw: '"i1"' },
  { code: "z.lazy(() => z.string())", raw: '"i1"' },
  { code: "z.union([z.string(), z.string().min(1)])", raw: '"i1"' },
  { code: "z.custom<string>()", raw: '"i1"' },
  { code: "z.string().transform((s) => s)", raw: '"i1"' },
  { code: 'z.string().refine((s) => s !== "x")', raw: '"i1"' },
  { code: "z.string().readonly()", raw: '"i1"' },
];

/** Wrappers around a whole isolation field (`%` is the field's schema). */
export const idWrapperForms: readonly string[] = [
  "%",
  "%.optional()",
  "%.nullable()",
  "%.nullish()",
  "%.catch(undefined as never)",
  "%.readonly()",
  "%.nonoptional()",
  '%.describe("d")',
  "%.meta({})",
  "z.lazy(() => %)",
  "%.refine(() => true)",
  "%.optional().nonoptional()",
];

/** Wrappers around a nested object holding both isolation ids (`%` is the object schema). */
export const parentWrapperForms: readonly string[] = [
  "%",
  "%.optional()",
  "%.nullable()",
  "%.readonly()",
  "%.required()",
  "%.strict()",
  "%.loose()",
  "%.refine(() => true)",
  "%.overwrite((v) => v)",
  "%.nonoptional()",
  "%.catch(undefined as never)",
];

/** Wrappers (method chains) on the whole schema (`%` is the `z.object({ … })`). */
export const schemaWrapperForms: readonly string[] = [
  "%",
  "%.required()",
  "%.strict()",
  "%.loose()",
  "%.overwrite((v) => v)",
  "%.partial()",
  "%.extend({ note: z.string().optional() })",
];

/** Index names (the index's pk is the canonical one). */
export const indexNameForms: readonly string[] = [
  "byRole",
  "gsi1",
  "a-b.c_d",
  "ab",
  "x",
  "",
  "__proto__",
  "by role",
  "by#role",
  "ü_idx",
  "i".repeat(255),
  "i".repeat(256),
];

/** Index templates (`pk` then an optional `sk`), written as code. */
export const indexTemplateForms: readonly string[] = [
  '{ pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${id}" }',
  '{ pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${id}", sk: "${id}" }',
  '{ pk: "TENANT#${tenantId}#BY#${id}" }',
  '{ pk: "TENANT#${tenantId}#BY#${id}" as string }',
  '{ pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${id}", sk: "" }',
  '{ pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${id}", sk: "" as string }',
  "{ pk: stringTyped }",
];

/** Primary key templates (`pk`, `sk`) of a capsule entity with fields tenantId, capsuleId, id. */
export const keyTemplateForms: readonly string[] = [
  'pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#N#${id}", sk: "METADATA"',
  'pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#N#${id}", sk: ""',
  'pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}", sk: "${id}"',
  'pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#" + "N", sk: "${id}"',
  'pk: `TENANT#${"${tenantId}"}#CAPSULE#${"${capsuleId}"}#N#${stringTyped}`',
  'pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#" , sk: "${id}"',
  `pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#${"L".repeat(2100)}"`,
  `pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}", sk: "${"S".repeat(1030)}"`,
];

/** Reasons of a tenant-level opt-out. */
export const reasonForms: readonly string[] = [
  '"tenant-wide settings"',
  '""',
  '" "',
  '"\\t\\n"',
  '"\\u200b"',
  '"\\u00a0\\u2003"',
  '"\\ufeff"',
  '"a"',
  '" x "',
  "stringTyped",
];

/** Global-level primary keys. */
export const globalKeyForms: readonly string[] = [
  'pk: "COUNTRY#${id}"',
  'pk: ""',
  'pk: "COUNTRY#${id}", sk: ""',
  'pk: "COUNTRY"',
];

/** Calls on an accepted capsule entity `e` with fields tenantId, capsuleId, id, role: enum(a|b). */
export const callForms: readonly string[] = [
  'e.keys({ tenantId: t, capsuleId: c, id: "a1", role: "a" })',
  'e.keys({ tenantId: t, capsuleId: c, id: "a1", role: "zzz" })',
  'e.keys({ tenantId: t, capsuleId: c, id: 1, role: "a" })',
  'e.keys({ tenantId: t, capsuleId: c, role: "a" })',
  'e.parseKey("TENANT#t1#CAPSULE#c1#N#a1#R#a")',
  'e.parseKey("TENANT#t1#CAPSULE#c1#ROLE#a", "gsi1pk")',
  'e.parseKey("TENANT#t1#CAPSULE#c1#N#a1#R#zzz")',
  'e.parseKey("TENANT#t1#CAPSULE#c1#N#a1#R#a", "nope")',
  'e.scope({ tenantId: t, capsuleId: c }).query({ index: "gsi1", partition: { role: "a" } })',
  'e.scope({ tenantId: t, capsuleId: c }).query({ index: "pk" })',
  'e.scope({ tenantId: t, capsuleId: c }).query({ index: "nope" })',
  "e.scope({ tenantId: t, capsuleId: c }).query({})",
  "e.scope({ tenantId: t })",
  'e.scope({ tenantId: t, capsuleId: c }).get({ id: "a1", role: "a" })',
];

/** A small seeded PRNG (mulberry32): the same seed gives the same cases on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const wrap = (wrapper: string, inner: string): string => wrapper.replaceAll("%", inner);
const ids = 'tenantId: "t1", capsuleId: "c1"';

interface Parts {
  readonly position: string;
  readonly form: string;
  readonly definition: string;
  readonly raw: string;
  readonly call?: string;
  readonly decidedBy?: DecidedBy;
}

/** A capsule entity whose key field `f` has the form (on pk, or nested in `ctx` when a parent wrapper is given). */
function keyFieldCase(form: Form, parent?: string, schemaWrapper = "%"): Parts {
  const nested = parent !== undefined;
  const field = nested ? `ctx: ${wrap(parent, `z.object({ f: ${form.code} })`)}` : `f: ${form.code}`;
  const schema = wrap(schemaWrapper, `z.object({ tenantId: tenantId(), capsuleId: capsuleId(), ${field} })`);
  const path = nested ? "ctx.f" : "f";
  return {
    position: nested ? `nested key field (${parent})` : "key field",
    form: form.code,
    definition: `{ name: "K", schema: ${schema}, pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#F#\${${path}}" }`,
    raw: `{ ${ids}, ${nested ? `ctx: { f: ${form.raw} }` : `f: ${form.raw}`} }`,
  };
}

function idInnerCase(form: Form, field: "tenantId" | "capsuleId"): Parts {
  const tenant = field === "tenantId" ? `tenantId(${form.code})` : "tenantId()";
  const capsule = field === "capsuleId" ? `capsuleId(${form.code})` : "capsuleId()";
  return {
    position: `${field}(inner)`,
    form: form.code,
    definition: `{ name: "I", schema: z.object({ tenantId: ${tenant}, capsuleId: ${capsule}, id: z.string() }), pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#N#\${id}" }`,
    raw: `{ tenantId: ${field === "tenantId" ? form.raw : '"t1"'}, capsuleId: ${field === "capsuleId" ? form.raw : '"c1"'}, id: "a1" }`,
  };
}

function idWrapperCase(wrapper: string, level: "capsule" | "tenant"): Parts {
  const tenantOnly = level === "tenant";
  const schema = tenantOnly
    ? `z.object({ tenantId: ${wrap(wrapper, "tenantId()")}, id: z.string() })`
    : `z.object({ tenantId: tenantId(), capsuleId: ${wrap(wrapper, "capsuleId()")}, id: z.string() })`;
  return {
    position: `${tenantOnly ? "tenantId" : "capsuleId"} wrapper (${level})`,
    form: wrapper,
    definition: tenantOnly
      ? `{ name: "W", schema: ${schema}, pk: "TENANT#\${tenantId}#N#\${id}", isolation: { level: "tenant", reason: "tenant data" } }`
      : `{ name: "W", schema: ${schema}, pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#N#\${id}" }`,
    raw: tenantOnly ? '{ tenantId: "t1", id: "a1" }' : `{ ${ids}, id: "a1" }`,
  };
}

function parentCase(wrapper: string, schemaWrapper = "%"): Parts {
  const parent = wrap(wrapper, "z.object({ tenantId: tenantId(), capsuleId: capsuleId() })");
  return {
    position: schemaWrapper === "%" ? "isolation parent" : `isolation parent (schema ${schemaWrapper})`,
    form: wrapper,
    definition: `{ name: "P", schema: ${wrap(schemaWrapper, `z.object({ ctx: ${parent}, id: z.string() })`)}, pk: "TENANT#\${ctx.tenantId}#CAPSULE#\${ctx.capsuleId}#N#\${id}" }`,
    raw: `{ ctx: { ${ids} }, id: "a1" }`,
  };
}

function schemaWrapperCase(wrapper: string): Parts {
  return {
    position: "schema wrapper",
    form: wrapper,
    definition: `{ name: "S", schema: ${wrap(wrapper, "z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })")}, pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#N#\${id}" }`,
    raw: `{ ${ids}, id: "a1" }`,
  };
}

const canonicalSchema = "z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })";

function indexCase(name: string, template: string): Parts {
  return {
    position: "index",
    form: `${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…(${name.length})` : name)}: ${template}`,
    definition: `{ name: "X", schema: ${canonicalSchema}, pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#N#\${id}", indexes: { ${JSON.stringify(name)}: ${template} } }`,
    raw: `{ ${ids}, id: "a1" }`,
  };
}

function keyTemplateCase(template: string): Parts {
  const decidedBy =
    template.length > 1000
      ? byRuntime("DynamoDB's limits count UTF-8 bytes, which a type does not")
      : template.includes('" + "') || template.includes("stringTyped")
        ? byTypes("a template must be a literal, which a value cannot show")
        : undefined;
  return {
    ...(decidedBy === undefined ? {} : { decidedBy }),
    position: "key templates",
    form: template.length > 120 ? `${template.slice(0, 60)}…(${template.length})` : template,
    definition: `{ name: "T", schema: ${canonicalSchema}, ${template} }`,
    raw: `{ ${ids}, id: "a1" }`,
  };
}

function reasonCase(reason: string): Parts {
  return {
    ...(reason === "stringTyped"
      ? { decidedBy: byTypes("a reason must be a literal, which a value cannot show") }
      : {}),
    position: "reason",
    form: reason,
    definition: `{ name: "R", schema: z.object({ tenantId: tenantId(), id: z.string() }), pk: "TENANT#\${tenantId}#SET#\${id}", isolation: { level: "tenant", reason: ${reason} } }`,
    raw: '{ tenantId: "t1", id: "a1" }',
  };
}

function globalCase(keys: string): Parts {
  return {
    position: "global keys",
    form: keys,
    definition: `{ name: "G", schema: z.object({ id: z.string() }), ${keys}, isolation: { level: "global", reason: "reference data" } }`,
    raw: '{ id: "a1" }',
  };
}

function callCase(call: string): Parts {
  const decidedBy = call.includes('"zzz" })')
    ? byTypes("keys() checks key safety, not each field's schema (a typed caller's value has the field's type)")
    : call.startsWith("e.parseKey(") && call.includes("zzz")
      ? byRuntime("a key is a runtime string: parseKey validates its values")
      : undefined;
  return {
    ...(decidedBy === undefined ? {} : { decidedBy }),
    position: "call",
    form: call,
    definition: `{ name: "C", table: "t", schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.enum(["a", "b"]) }), pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#N#\${id}#R#\${role}", indexes: { gsi1: { pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#ROLE#\${role}", sk: "\${id}" } } }`,
    raw: `{ ${ids}, id: "a1", role: "a" }`,
    call,
  };
}

/** Every form in its own position, once. */
function baseCases(): Parts[] {
  return [
    ...keyFieldForms.map((form) => keyFieldCase(form)),
    ...keyFieldForms.map((form) => keyFieldCase(form, "%")),
    ...idInnerForms.flatMap((form) => [idInnerCase(form, "tenantId"), idInnerCase(form, "capsuleId")]),
    ...idWrapperForms.flatMap((wrapper) => [idWrapperCase(wrapper, "capsule"), idWrapperCase(wrapper, "tenant")]),
    ...parentWrapperForms.map((wrapper) => parentCase(wrapper)),
    ...parentWrapperForms.map((wrapper) => keyFieldCase(keyFieldForms[0]!, wrapper)),
    ...schemaWrapperForms.map(schemaWrapperCase),
    ...indexNameForms.map((name) => indexCase(name, indexTemplateForms[0]!)),
    ...indexTemplateForms.map((template) => indexCase("gsi1", template)),
    ...keyTemplateForms.map(keyTemplateCase),
    ...reasonForms.map(reasonCase),
    ...globalKeyForms.map(globalCase),
    ...callForms.map(callCase),
  ];
}

/** Random combinations: a key field form under a parent wrapper and a schema wrapper, ids under wrappers, … */
function sampledCase(next: () => number): Parts {
  const pick = <TItem>(items: readonly TItem[]): TItem => items[Math.floor(next() * items.length)]!;
  switch (pick(["field", "parent", "index"] as const)) {
    case "field":
      return keyFieldCase(pick(keyFieldForms), pick([undefined, ...parentWrapperForms]), pick(schemaWrapperForms));
    case "parent":
      return parentCase(pick(parentWrapperForms), pick(schemaWrapperForms));
    case "index":
      return indexCase(pick(indexNameForms), pick(indexTemplateForms));
  }
}

/** The cases of a run: the base cases, then `sampled` random ones drawn from `seed`. */
export function generateCases(sampled: number, seed: number): ParityCase[] {
  const next = random(seed);
  const parts = [...baseCases(), ...Array.from({ length: sampled }, () => sampledCase(next))];
  return parts.map((part, index) => {
    const id = `case${index}`;
    const define = `const ${id}Define = () => defineEntity(${part.definition});`;
    const call = part.call === undefined ? "" : `, call: (e: ReturnType<typeof ${id}Define>) => ${part.call}`;
    const decidedBy =
      part.decidedBy ??
      (rewritingCheck.test(part.definition)
        ? byRuntime("zod keeps a rewriting check out of the schema's type")
        : undefined);
    return {
      id,
      position: part.position,
      form: part.form,
      code: `${define}\nexport const ${id} = { define: ${id}Define, raw: ${part.raw}${call} };`,
      ...(decidedBy === undefined ? {} : { decidedBy }),
    };
  });
}

/** The program text: imports and shared declarations, then each case. Line numbers of each case are returned. */
export function program(
  cases: readonly ParityCase[],
  source: string,
): { text: string; lines: Map<string, [number, number]> } {
  const header = [
    "// Generated by types-tests/parity/cases.ts: do not edit.",
    'import { z } from "zod";',
    `import { capsuleId, defineEntity, tenantId } from "${source}";`,
    "export enum NumericEnum { A, B }",
    'export const stringTyped: string = "S";',
    'const t = tenantId().parse("t1");',
    'const c = capsuleId().parse("c1");',
    "void t, c;",
    "",
  ];
  const lines = new Map<string, [number, number]>();
  const text = [...header];
  for (const parityCase of cases) {
    const start = text.length + 1;
    text.push(...parityCase.code.split("\n"));
    lines.set(parityCase.id, [start, text.length]);
  }
  return { text: `${text.join("\n")}\n`, lines };
}

/** One level of a kit the cases are translated into (`defineIsolation`'s levels). */
export interface ParityLevel {
  readonly name: string;
  readonly field: string;
  readonly label: string;
}

/**
 * The program in a kit's words: the default kit's outer level (tenant) becomes the kit's outermost, its capsule
 * level the kit's innermost, and a three-level kit's middle level is added beside it wherever the capsule's id
 * stands (in schemas as `ids.<field>()`, in raw values, calls, templates and stored keys). The line count stays
 * the same, so the cases' lines do too.
 */
export function inKit(text: string, levels: readonly ParityLevel[]): string {
  const outer = levels[0]!;
  const inner = levels.at(-1)!;
  const middle = levels.length === 3 ? levels[1]! : undefined;
  const beside = (value: string): string => (middle === undefined ? "" : `${middle.field}: ${value}, `);
  // Function replacers throughout: a kit's field may hold `$`, which a replacement string reads as a pattern.
  return text
    .replace(/^import \{ capsuleId, defineEntity, tenantId \} from (".*");$/m, (_, source: string) =>
      [
        `import { defineIsolation } from ${source};`,
        `const kit = defineIsolation({ levels: ${JSON.stringify(levels)} });`,
        "const { ids } = kit;",
        middle === undefined ? "" : `const m = ids.${middle.field}().parse("m1"); void m;`,
      ].join(" "),
    )
    .replace(/CAPSULE#\$\{(ctx\.)?capsuleId\}/g, (_, ctx: string | undefined) =>
      [
        ...(middle === undefined ? [] : [`${middle.label}#\${${ctx ?? ""}${middle.field}}`]),
        `${inner.label}#\${${ctx ?? ""}${inner.field}}`,
      ].join("#"),
    )
    .replace(/CAPSULE#c1/g, () => `${middle === undefined ? "" : `${middle.label}#m1#`}${inner.label}#c1`)
    .replace(/TENANT#/g, () => `${outer.label}#`)
    .replace(/capsuleId: (?=")/g, () => `${beside('"m1"')}capsuleId: `)
    .replace(/capsuleId: c\b/g, () => `${beside("m")}capsuleId: c`)
    .replace(/capsuleId: (?!"|c\b)/g, () => `${beside(middle === undefined ? "" : `ids.${middle.field}()`)}capsuleId: `)
    .replace(/\btenantId\(/g, () => `ids.${outer.field}(`)
    .replace(/\bcapsuleId\(/g, () => `ids.${inner.field}(`)
    .replace(/\btenantId\b/g, () => outer.field)
    .replace(/\bcapsuleId\b/g, () => inner.field)
    .replace(/level: "tenant"/g, () => `level: "${outer.name}"`)
    .replace(/\bdefineEntity\(/g, () => "kit.defineEntity(");
}
