/**
 * The rule table: which zod schema forms (`schema._zod.def.type`) a key field or an isolation id may take, written
 * once. The runtime reads {@link schemaRules} directly; the type level reads `typeof schemaRules` through
 * {@link RuleOf}, so both decide from the same entries (types-tests/schema-rules.test-d.ts pins each entry's type
 * verdict to the runtime's, and the parity test in types-tests/parity compares both on generated schemas).
 *
 * A form is one of:
 * - `"scalar"`: decided by its output values (a string or number kind, no literal value empty or holding `#`);
 * - `"inner"`: a wrapper that changes nothing the key reads; its `innerType` decides;
 * - anything else: refused, and the entry's text says why (what the catalog message quotes).
 *
 * Where the types cannot decide exactly, the entry refuses: a transform, pipe, preprocess, `.catch()`, union,
 * intersection, `z.custom` or `z.lazy` may output something else than the type says (or than the key built from
 * the input), so neither level accepts it. Two things no type can see are decided by the runtime alone: a coerced
 * scalar (`z.coerce.string()`, whose input type is `unknown`, is refused at both levels by its input type) and a
 * rewriting check (`.toLowerCase()`, `.trim()`, `.normalize()`, `.overwrite()`), which zod records in
 * `def.checks` but not in the schema's type.
 */
import type { z } from "zod";

/** Why a form is refused, as the catalog message quotes it. */
type Refusal = `refused: ${string}`;
/** What a form is, for a key field and for the inner schema of `tenantId()` / `capsuleId()`. */
export type SchemaRule = "scalar" | "inner" | Refusal;

const numberId = "refused: an id is a string";
const pipe = "refused: a transform or pipe may store another value than the key is built from";
const catchRule = "refused: .catch() replaces a bad value, so the key would not be the input's";
const union = "refused: a union's members may differ in kind or refinement; use z.enum for a set of values";
const intersection = "refused: an intersection's output is not decided by its type";
const custom = "refused: z.custom checks what its function says, which no type can see";
const lazy = "refused: z.lazy is not resolved while the entity is defined";
const nanKey = "refused: NaN is no key part";
const nanId = "refused: NaN is no id";

/**
 * The table. Keys are zod's def types; a def type that is not listed is refused as {@link unlistedRule} says.
 *
 * @example
 * schemaRules.pipe.key; //=> "refused: a transform or pipe may store another value than the key is built from"
 */
export const schemaRules: SchemaRules = {
  string: { key: "scalar", id: "scalar" },
  number: { key: "scalar", id: numberId },
  template_literal: { key: "scalar", id: "scalar" },
  literal: { key: "scalar", id: "scalar" },
  enum: { key: "scalar", id: "scalar" },
  readonly: { key: "inner", id: "inner" },
  nonoptional: { key: "inner", id: "inner" },
  pipe: { key: pipe, id: pipe },
  catch: { key: catchRule, id: catchRule },
  union: { key: union, id: union },
  intersection: { key: intersection, id: intersection },
  custom: { key: custom, id: custom },
  lazy: { key: lazy, id: lazy },
  nan: { key: nanKey, id: nanId },
};
/** The table's type, spelled out for isolatedDeclarations; each text is written once, in the constants below. */
interface SchemaRules {
  readonly string: { readonly key: "scalar"; readonly id: "scalar" };
  readonly number: { readonly key: "scalar"; readonly id: typeof numberId };
  readonly template_literal: { readonly key: "scalar"; readonly id: "scalar" };
  readonly literal: { readonly key: "scalar"; readonly id: "scalar" };
  readonly enum: { readonly key: "scalar"; readonly id: "scalar" };
  readonly readonly: { readonly key: "inner"; readonly id: "inner" };
  readonly nonoptional: { readonly key: "inner"; readonly id: "inner" };
  readonly pipe: { readonly key: typeof pipe; readonly id: typeof pipe };
  readonly catch: { readonly key: typeof catchRule; readonly id: typeof catchRule };
  readonly union: { readonly key: typeof union; readonly id: typeof union };
  readonly intersection: { readonly key: typeof intersection; readonly id: typeof intersection };
  readonly custom: { readonly key: typeof custom; readonly id: typeof custom };
  readonly lazy: { readonly key: typeof lazy; readonly id: typeof lazy };
  readonly nan: { readonly key: typeof nanKey; readonly id: typeof nanId };
}

/** The rule of a def type not in the table (optional, nullable, default, boolean, object, any, never, …). */
export const unlistedRule = "refused: not a required string, enum or number";

/** Which question is asked: a key field, or the inner schema of an id. */
export type RuleKind = "key" | "id";

/**
 * The table's rule for a def type, at the type level.
 *
 * @example
 * type Rule = RuleOf<"pipe", "key">; //=> "refused: a transform or pipe may store another value than the key is built from"
 */
export type RuleOf<TType, TKind extends RuleKind> = TType extends keyof typeof schemaRules
  ? (typeof schemaRules)[TType][TKind]
  : typeof unlistedRule;
/** Runtime twin of {@link RuleOf}. */
export function ruleOf(type: string, kind: RuleKind): SchemaRule {
  return Object.hasOwn(schemaRules, type) ? schemaRules[type as keyof typeof schemaRules][kind] : unlistedRule;
}

/**
 * The schema a rule decides on: through every `"inner"` wrapper down to the first form that is not one.
 *
 * @example
 * type Decided = DecidingSchema<ZodReadonly<ZodString>, "key">; //=> ZodString
 */
export type DecidingSchema<TSchema, TKind extends RuleKind> = TSchema extends {
  _zod: { def: { type: infer TType; innerType: infer TInner } };
}
  ? RuleOf<TType, TKind> extends "inner"
    ? DecidingSchema<TInner, TKind>
    : TSchema
  : TSchema;
/** Runtime twin of {@link DecidingSchema}. */
export function decidingSchema(schema: z.core.$ZodType, kind: RuleKind): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType };
    if (ruleOf(def.type, kind) !== "inner" || def.innerType === undefined) return current;
    current = def.innerType;
  }
}

/**
 * The checks zod runs to rewrite a value in place (`.toLowerCase()`, `.trim()`, `.normalize()`, `.overwrite()`
 * all add an `overwrite` check): invisible to types, so decided at runtime only.
 */
export function rewritesValue(schema: z.core.$ZodType, kind: RuleKind): boolean {
  for (let current: z.core.$ZodType | undefined = schema; current !== undefined;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType; checks?: z.core.$ZodCheck[] };
    if ((def.checks ?? []).some((check) => check._zod.def.check === "overwrite")) return true;
    current = ruleOf(def.type, kind) === "inner" ? def.innerType : undefined;
  }
  return false;
}

/**
 * Why an isolation id's inner schema (what `tenantId(inner)` wraps) is refused, else `never`: the table's `id`
 * column, then its output (a non-empty string without `#`, known to be a string).
 *
 * @example
 * type Why = IdInnerRefusal<z.ZodCustom<string>>; //=> "refused: z.custom checks what its function says, …"
 */
export type IdInnerRefusal<TInner> = 0 extends 1 & TInner
  ? typeof unlistedRule
  : DecidingSchema<TInner, "id"> extends { _zod: { def: { type: infer TType }; output: infer TOutput } }
    ? "string" | "pipe" extends TType // typed `z.ZodType<…>`: the form is unknown, so the table cannot decide
      ? typeof unknownFormRule
      : RuleOf<TType, "id"> extends "scalar"
        ? [TOutput] extends [string]
          ? [Extract<TOutput, "" | `${string}#${string}`>] extends [never]
            ? never
            : typeof idValueRule
          : typeof idValueRule
        : RuleOf<TType, "id">
    : typeof unlistedRule;
/** Runtime twin of {@link IdInnerRefusal}: the refusal, or `undefined`. */
export function idInnerRefusal(inner: z.core.$ZodType): string | undefined {
  const decided = decidingSchema(inner, "id");
  const def = decided._zod.def as { type: string; coerce?: boolean; parts?: readonly unknown[] };
  const rule = ruleOf(def.type, "id");
  if (rule !== "scalar") return rule;
  if (def.coerce === true) return idValueRule;
  const values =
    def.type === "string"
      ? []
      : def.type === "template_literal"
        ? (def.parts ?? []).filter((part) => typeof part === "string")
        : [...(decided._zod.values ?? [])];
  const bad = (value: unknown): boolean =>
    typeof value !== "string" || (def.type !== "template_literal" && value === "") || value.includes("#");
  return values.some(bad) || (def.type !== "string" && def.type !== "template_literal" && values.length === 0)
    ? idValueRule
    : undefined;
}
const idValueRule = "refused: an id is a non-empty string without #, and some values of this schema are not";
const unknownFormRule =
  "refused: its type does not say which zod schema it is, so the rule table cannot decide" as const;

// ── text rules: reasons and index names ─────────────────────────────────────────────────────────────────

/**
 * Characters that show nothing: Unicode white space (`\s`) and the zero-width and format characters a reason
 * could be made of. A reason must hold another one.
 *
 * @example
 * isBlank("\u200b \t"); //=> true
 */
export const invisibleCharacters = [
  " ",
  "\t",
  "\n",
  "\v",
  "\f",
  "\r",
  "\u00a0",
  "\u00ad",
  "\u1680",
  "\u180e",
  "\u2000",
  "\u2001",
  "\u2002",
  "\u2003",
  "\u2004",
  "\u2005",
  "\u2006",
  "\u2007",
  "\u2008",
  "\u2009",
  "\u200a",
  "\u200b",
  "\u200c",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u2028",
  "\u2029",
  "\u202f",
  "\u205f",
  "\u2060",
  "\u3000",
  "\ufeff",
] as const;
type InvisibleCharacter = (typeof invisibleCharacters)[number];
/** Whether a literal holds only invisible characters (or none). Tail-recursive, stops at the first visible one. */
export type IsBlank<TText extends string> = TText extends ""
  ? true
  : TText extends `${InvisibleCharacter}${infer TRest}`
    ? IsBlank<TRest>
    : false;
const invisible: ReadonlySet<string> = new Set(invisibleCharacters);
/** Runtime twin of {@link IsBlank}. */
export function isBlank(text: string): boolean {
  for (const character of text) if (!invisible.has(character)) return false;
  return true;
}

/** The characters of a DynamoDB index name: `[A-Za-z0-9_.-]`. */
export const indexNameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-" as const;
/**
 * {@link indexNameCharacters} as a union, spelled out: deriving it (a 65-step split) cost every program ~130
 * instantiations. types-tests/schema-rules.test-d.ts pins it to the split of the runtime's string.
 */

export type IndexNameCharacter = UpperLetter | Lowercase<UpperLetter> | Digit | "_" | "." | "-";
/** The letters A–Z, spelled out (shared by the index-name and vocabulary checks). */
export type UpperLetter =
  | "A"
  | "B"
  | "C"
  | "D"
  | "E"
  | "F"
  | "G"
  | "H"
  | "I"
  | "J"
  | "K"
  | "L"
  | "M"
  | "N"
  | "O"
  | "P"
  | "Q"
  | "R"
  | "S"
  | "T"
  | "U"
  | "V"
  | "W"
  | "X"
  | "Y"
  | "Z";
/** The digits 0–9. */
export type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
/**
 * Whether a literal is an index name DynamoDB takes (3–255 of {@link indexNameCharacters}) and that survives an
 * object literal (not `__proto__`); a `string`-typed name passes here (the index's templates report it).
 *
 * Read four characters per step ({@link IsIndexNameFrom}); per distinct name this costs about a third of a
 * one-character walk with a counter tuple (by1Status: 151 → 51 instantiations; docs/benchmarks-typecost.md, session
 * s13), which every entity whose index has a name of its own pays. A name's last character is tested here, with its
 * length (≥ 4), in one lookup ({@link FourEndingValid}), so that the walk's end never needs it; a 3-character name is
 * walked with a valid fourth appended, and shorter ones are refused.
 *
 * Every test of a whole name or end is against a top-level union alias of pattern types (`` `${string}X` ``): TypeScript
 * takes such an alias as non-generic and relates to it without instantiating anything, where a pattern written inline
 * (or a lone template alias) is instantiated at every use, 65 members each. Until session s15 the ends were looked up
 * in a union of every two-character name (65² literals), which every program, i.e. every keystroke in an editor,
 * built the first time an index name was checked (docs/benchmarks-typecost.md, session s15).
 */
export type IsIndexName<TName extends string> = string extends TName
  ? true
  : TName extends "__proto__"
    ? false
    : TName extends FourEndingValid
      ? IsIndexNameFrom<TName, 0>
      : TName extends AtLeastFour
        ? false
        : TName extends AtLeastThree
          ? IsIndexNameFrom<`${TName}.`, 0>
          : false;
/**
 * The rest of a name of four characters or more whose last character is valid, `TCount` steps of four already read:
 * reads four, tests them and the count as one union against `IndexNameCharacter | ChunkCount` (strings and numbers do
 * not mix, and a tuple would cost its array type's instantiations), then goes on while four or more are left. An end
 * of 3 characters is tested by its first (a lookup) and its middle one (the only `infer` of the end); an end of 0–2
 * by its first alone. 63 steps read 252 characters, and at most three may follow, so a 64th step (a 256th character)
 * fails.
 */
type IsIndexNameFrom<
  TRest extends string,
  TCount extends number,
> = TRest extends `${infer TFirst}${infer TSecond}${infer TThird}${infer TFourth}${infer TTail}`
  ? TFirst | TSecond | TThird | TFourth | TCount extends IndexNameCharacter | ChunkCount
    ? TTail extends AtLeastFour
      ? IsIndexNameFrom<TTail, NextCount[TCount]>
      : TTail extends ThreeStartingValid
        ? TTail extends `${string}${infer TMiddle}${string}`
          ? TMiddle extends IndexNameCharacter
            ? true
            : false
          : false
        : TTail extends ShortEndStartingValid
          ? true
          : false
    : false
  : false;
/**
 * One character, as a pattern's placeholder followed by another (`string & {}`: a `${string}${string}` collapses into
 * `${string}`, whose placeholder takes any number).
 */
type OneCharacter = string & {};
// The lookups of IsIndexName. A lone pattern is made a union (`| null`, which no name is) so that it too is related to
// without being instantiated; a union of patterns is spelled `… | never` for the same reason (a template literal type
// over a union is a union TypeScript builds itself, which carries no alias).
/** Three characters or more. */
type AtLeastThree = `${OneCharacter}${OneCharacter}${OneCharacter}${string}` | null;
/** Four characters or more. */
type AtLeastFour = `${OneCharacter}${OneCharacter}${OneCharacter}${OneCharacter}${string}` | null;
/** Four characters or more, the last one valid. */
type FourEndingValid = `${OneCharacter}${OneCharacter}${OneCharacter}${string}${IndexNameCharacter}` | never;
/** Three characters or more, the first one valid (an end of three, as four or more were read on). */
type ThreeStartingValid = `${IndexNameCharacter}${OneCharacter}${OneCharacter}${string}` | never;
/** Nothing, or a valid first character (an end of 0–2: its last one was tested with the whole name). */
type ShortEndStartingValid = "" | `${IndexNameCharacter}${string}`;
/** The step count after step `TCount` of {@link IsIndexNameFrom}: a lookup, where a counter tuple costs a type per step. */
// prettier-ignore
type NextCount = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
  33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62,
  63,
];
/** The counts at which {@link IsIndexNameFrom} may read four more characters: 0–62. */
type ChunkCount = 0 | Exclude<NextCount[number], 63>;
/** Runtime twin of {@link IsIndexName}. */
export function isIndexName(name: string): boolean {
  return (
    name !== "__proto__" &&
    name.length >= 3 &&
    name.length <= 255 &&
    [...name].every((character) => indexNameCharacters.includes(character))
  );
}
