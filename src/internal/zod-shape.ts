/**
 * Reading zod schemas the same way at the type level and at runtime: object shapes, the wrappers that make
 * a field optional, and a field's output kind.
 */
import type { z } from "zod";
import type { CapsuleId, TenantId } from "../ids.js";
import type { KitId } from "../entity/vocabulary.js";
import { decidingSchema, ruleOf, type DecidingSchema, type RuleOf } from "./schema-rules.js";

/** The raw shape of an object schema. */
export type Shape = Readonly<Record<string, z.core.$ZodType>>;

/** Wrappers whose inner schema still describes the field (zod's `def.type` names). */
type WrapperType = "optional" | "nullable" | "default" | "prefault" | "readonly" | "nonoptional";
const wrapperTypes: ReadonlySet<string> = new Set<WrapperType>([
  "optional",
  "nullable",
  "default",
  "prefault",
  "readonly",
  "nonoptional",
]);

/** The schema under optional / nullable / default / readonly wrappers. One line per wrapper: cheap. */
export type Unwrap<TField> = TField extends { _zod: { def: { type: WrapperType; innerType: infer TInner } } }
  ? Unwrap<TInner>
  : TField;
export function unwrap(field: z.core.$ZodType): z.core.$ZodType {
  let inner = field;
  for (let def = defOf(inner); wrapperTypes.has(def.type) && def.innerType; def = defOf(inner)) inner = def.innerType;
  return inner;
}

/** The parts of zod's (per-type) definitions this library reads, in one loose view. */
interface LooseDef {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly shape?: Shape;
  readonly parts?: readonly unknown[];
  readonly coerce?: boolean;
}
const defOf = (field: z.core.$ZodType): LooseDef => field._zod.def as LooseDef;

/** Whether a value is a zod object schema. */
export function isObjectSchema(schema: unknown): schema is z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig> {
  return (
    typeof schema === "object" &&
    schema !== null &&
    "_zod" in schema &&
    (schema as z.core.$ZodType)._zod.def.type === "object"
  );
}

/** The shape of a field that is an object schema (under wrappers), else `{}`: `keyof` it is then `never`. */
export type ShapeOf<TField> =
  Unwrap<TField> extends { _zod: { def: { type: "object"; shape: infer TShape extends Shape } } } ? TShape : {};
export function shapeOf(field: z.core.$ZodType): Shape {
  const def = defOf(unwrap(field));
  return def.type === "object" && def.shape ? def.shape : {};
}

/**
 * Whether a parent object (of a key field or an isolation id) is always there: an object schema under the table's
 * `"inner"` wrappers only (not optional, nullable, defaulted, `.catch()`, …).
 */
export type IsRequiredParent<TParent> =
  DecidingSchema<TParent, "key"> extends { _zod: { def: { type: "object" } } } ? true : false;
/** Runtime twin of {@link IsRequiredParent}. */
export function isRequiredParent(parent: z.core.$ZodType): boolean {
  return defOf(decidingSchema(parent, "key")).type === "object";
}

/**
 * Whether every item must carry the field: not optional, not defaulted (zod's `optin`), and not accepting
 * `null`. (The type level reads `_zod.optin` and `_zod.output` directly where it needs this.)
 */
export function isRequired(field: z.core.$ZodType): boolean {
  return field._zod.optin === undefined && !safeParses(field, null);
}

/**
 * Whether the schema accepts the value, synchronously. Not zod's Standard Schema `validate`: when a check throws
 * (a `z.custom` or id check handed `null`), it retries asynchronously and returns a promise that rejects, which
 * nothing would handle (the process exits 1 though the caller catches the definition error). A schema that throws
 * or needs async work does not accept the value.
 */
function safeParses(field: z.core.$ZodType, value: unknown): boolean {
  try {
    return (field as z.ZodType).safeParse(value).success;
  } catch {
    return false;
  }
}

/**
 * The kind of key part a field can be: `"string"` or `"number"` when the rule table (schema-rules.ts) says its
 * form is a scalar, its input is not coerced, and every output is a string (or every output a number) with no
 * literal value empty or holding `#`; else `never` (optional, defaulted, nullable, `.catch()`, a transform, a
 * union, `z.custom`, `z.lazy`, boolean, object, `any`, `never`, …: see the table for why each is refused).
 */
export type FieldKind<TField> = 0 extends 1 & TField // `any`, which would take both branches below
  ? never
  : // Fast paths: exactly `z.string()` / `z.number()`, or a refinement returning `this`. A subtype that is not also a
    // supertype (a brand, a format, `.refine((s): s is T => …)`, which narrows the output to T, a coerced string whose
    // input is `unknown`) takes the general rule; so does a refinement to `any` (`s is any`), the one narrowing a
    // supertype test lets through.
    TField extends z.ZodString
    ? ExactKind<TField, z.ZodString, "string">
    : TField extends z.ZodNumber
      ? ExactKind<TField, z.ZodNumber, "number">
      : GeneralFieldKind<TField>;
/** `TKind` when `TField` (a subtype of `TSchema`) is `TSchema` itself and outputs something; else the general rule. */
type ExactKind<TField, TSchema, TKind extends "string" | "number"> = TSchema extends TField
  ? TField extends { _zod: { output: typeof noOutput } }
    ? never
    : TKind
  : GeneralFieldKind<TField>;
/** A type no schema outputs: only `any` (and `never`) can be assigned to it. */
declare const noOutput: unique symbol;
/** The table's rule for the deciding schema (under `"inner"` wrappers), then its input and output types. */
type GeneralFieldKind<TField> =
  DecidingSchema<TField, "key"> extends {
    _zod: { def: { type: infer TType }; input: infer TInput; output: infer TOutput };
  }
    ? "string" | "pipe" extends TType // a schema typed `z.ZodType<…>`, whose def type is zod's union of them all
      ? // an id (tenantId(), capsuleId(), a kit's ids.x()) checked its inner schema
        [TOutput] extends [TenantId | CapsuleId | KitId<string, string>]
        ? "string"
        : never // the form is unknown, so the table cannot decide: refused
      : RuleOf<TType, "key"> extends "scalar"
        ? unknown extends TInput // coerced (`z.coerce.*`): any input becomes a key part
          ? never
          : FieldOutputKind<TOutput>
        : never
    : never;
type FieldOutputKind<TOutput> = [TOutput] extends [never]
  ? never
  : 0 extends 1 & TOutput // any
    ? never
    : [TOutput] extends [string]
      ? [Extract<TOutput, "" | `${string}#${string}`>] extends [never] // a literal value no key can hold
        ? "string"
        : never
      : [TOutput] extends [number]
        ? "number"
        : never;
/** Runtime twin of {@link FieldKind}: the same table, then the output kind zod's definition gives. */
export function scalarKind(field: z.core.$ZodType): "string" | "number" | false {
  const decided = decidingSchema(field, "key");
  const def = defOf(decided);
  if (ruleOf(def.type, "key") !== "scalar" || def.coerce === true) return false;
  switch (def.type) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "template_literal":
      return def.parts?.some((part) => typeof part === "string" && (part as string).includes("#")) ? false : "string";
    default: // literal and enum: their values
      return sameKind([...(decided._zod.values ?? [])]);
  }
}

function sameKind(values: readonly unknown[]): "string" | "number" | false {
  // A literal value that is empty or holds "#" could never be a key part: such a field is no key field.
  if (values.length > 0 && values.every((value) => typeof value === "string"))
    return values.some((value) => value === "" || (value as string).includes("#")) ? false : "string";
  if (values.length > 0 && values.every((value) => typeof value === "number")) return "number";
  return false;
}

/**
 * zod's input type of an object schema (`z.input<TSchema>`), computed cheaply in the common case: when no
 * field is optional on input (`.optional()`, `.default()`) and the object takes no extra keys (not loose, no
 * catchall), one homomorphic mapping of the fields' input types; otherwise zod's own type, which filters the
 * keys twice and flattens the result (several times the instantiations: docs/benchmarks-typecost.md). An object with no
 * fields at all goes to zod's type too: it is `Record<string, never>`, where the mapping would give `{}`,
 * which takes any value but `null` and `undefined`. Known difference: a field whose schema *type* is `never`
 * (`x as never`) drops out of the union of the fields' schemas, so the mapping makes it required where zod makes it
 * optional (`a?: never`); telling it apart costs a test per field (docs/benchmarks-typecost.md, "Tried, did not pay").
 */
export type InputOf<TSchema extends z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>> = InputOfShape<
  TSchema["shape"],
  TSchema["_zod"]["config"]["in"],
  TSchema,
  "input"
>;
/**
 * {@link InputOf}, except that a field whose schema is an id's (`tenantId()`, `capsuleId()`, a kit's `ids.orgId()`:
 * its output branded) takes the parsed id, at the top level and in required object fields: what a scope's put takes
 * (src/access/put-attributes.ts), as `keys()` takes its key fields' outputs. In the same mapping as {@link InputOf},
 * read per field schema (+1 instantiation per entity over {@link InputOf}); typing the isolation fields by name, from
 * the entity's isolation, cost +3 as an intersection with the input, +6 in the mapping (docs/benchmarks-typecost.md,
 * session s17).
 *
 * @example
 * type Put = ParsedIdsInputOf<typeof Note.schema>; //=> { tenantId: TenantId; capsuleId: CapsuleId; noteId: string }
 */
export type ParsedIdsInputOf<TSchema extends z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>> =
  InputOfShape<TSchema["shape"], TSchema["_zod"]["config"]["in"], TSchema, "parsedIds">;
/**
 * {@link InputOf} (`TMode` `"input"`) or {@link ParsedIdsInputOf} (`"parsedIds"`) with the shape and the config's `in`
 * read once, so that the mapping does not index the schema per field. Off the fast path, zod's input with the id
 * fields intersected ({@link ParsedIdFields}).
 */
type InputOfShape<TShape extends z.core.$ZodLooseShape, TIn, TSchema extends z.ZodType, TMode extends FieldMode> =
  MapsInput<TShape[keyof TShape], TIn> extends true
    ? TMode extends "input"
      ? { -readonly [TKey in keyof TShape]: InputOfField<TShape[TKey]> }
      : { -readonly [TKey in keyof TShape]: ParsedIdField<TShape[TKey]> }
    : TMode extends "input"
      ? z.input<TSchema>
      : z.input<TSchema> & ParsedIdFields<TShape>;
/**
 * Whether {@link InputOfShape}'s mapping is zod's input: the object has fields (`TFields`, the union of their schemas,
 * is not `never`), none optional or defaulted on input, and it takes no extra keys (its config's `in` has none). Asked
 * of the field schemas and the config alone, cached per set of them and shared by the entities that have the same;
 * written in {@link InputOfShape}, whose cache is per schema, the test was built again for each entity (a put: −8 of
 * TS 7's allocations and −0.2 thousand of TS 5.9's function calls per entity, docs/benchmarks-typecost.md, session s21).
 */
type MapsInput<TFields, TIn> = [TFields] extends [never]
  ? false
  : OptionalIn<TFields> | keyof TIn extends never
    ? true
    : false;
/** How the fields are read: zod's input, or the parsed id for an id's schema ({@link ParsedIdsInputOf}). */
type FieldMode = "input" | "parsedIds";
/** A field schema's input type; a conditional, so that it is cached per schema type, shared by every entity. */
type InputOfField<TField> = TField extends { readonly _zod: { readonly input: infer TInput } } ? TInput : never;
/** The parsed id for an id's schema, an object schema's {@link ParsedIdsInputOf}, else the input (cached per schema type). */
type ParsedIdField<TField> = TField extends { readonly _zod: { readonly output: infer TOutput extends ParsedId } }
  ? TOutput
  : TField extends AnyObjectSchema
    ? ParsedIdsInputOf<TField>
    : InputOfField<TField>;
/** The output of an id's schema: the default kit's ids, or a kit's. */
export type ParsedId = TenantId | CapsuleId | KitId<string, string>;
/**
 * The fields of a shape read otherwise by {@link ParsedIdField} than as their input, so read; optional, as they are
 * intersected with zod's input, which says which fields are required (a defaulted id, `capsuleId().default(…)`, may be
 * left out, and is the parsed id when given).
 */
type ParsedIdFields<TShape extends z.core.$ZodLooseShape> = {
  readonly [
    TKey in keyof TShape as [InputOfField<TShape[TKey]>] extends [ParsedIdField<TShape[TKey]>] ? never : TKey
  ]?: ParsedIdField<TShape[TKey]>;
};
/** `true` when some of the fields (a union of their schemas, each distinct one tested once) is optional or defaulted on input. */
type OptionalIn<TField> = TField extends { _zod: { optin: "optional" | "defaulted" } } ? true : never;

/**
 * A zod object schema of entity attributes: what `defineEntity`'s `schema` accepts.
 *
 * @example
 * const schema: AnyObjectSchema = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() });
 * @see docs/patterns/capsule-isolation-checklist.md
 */
export type AnyObjectSchema = z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>;
/**
 * `defineEntity`'s constraint on the schema it infers: {@link AnyObjectSchema}, written as a union with a subtype of
 * itself (no schema is told apart by it: the second member's extra property is optional and `never`). TypeScript
 * checks an inferred type argument against its constraint with the constraint's `this` set to the inferred type
 * (`getTypeWithThisArgument`): for an interface such as `ZodObject`, a new type per entity, whose members it resolves
 * to relate the schema to it; a union is taken as it is, one type for the program (what it saves:
 * docs/benchmarks-typecost.md, session s16). types-tests/zod-shape.test-d.ts pins it to the schemas AnyObjectSchema
 * takes.
 *
 * @example
 * const schema: InferredObjectSchema = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() });
 * @see docs/benchmarks-typecost.md
 */
export type InferredObjectSchema = AnyObjectSchema | (AnyObjectSchema & { readonly "~inferred"?: never });
