/**
 * Key templates: `LITERAL`, `${field}` and `${parent.field}` placeholders, `#` between segments.
 *
 * One grammar, checked twice side by side, left to right, in the same order: {@link KeyTemplateProblem} at the
 * type level and {@link parseKeyTemplate} at runtime. Each placeholder must name a required string or number
 * field (top level or one level down), and a `#`-segment holds at most one placeholder, so a key splits back
 * into its values exactly one way.
 *
 * The type-level walk is a tail-recursive template-literal match, one step per placeholder; the
 * explanation of a bad placeholder (empty, unclosed, unknown, not a scalar) is computed only on the error
 * path, so a valid template costs a few instantiations per placeholder.
 */
import { EntityDefinitionError } from "../errors.js";
import {
  dottedFieldMessage,
  emptyPlaceholderMessage,
  notScalarMessage,
  sharedSegmentMessage,
  unclosedPlaceholderMessage,
  unknownFieldMessage,
  keyFieldFormMessage,
  rewrittenFieldMessage,
  type KeyFieldFormMessage,
  type DottedFieldMessage,
  type EmptyPlaceholderMessage,
  type NotScalarMessage,
  type SharedSegmentMessage,
  type UnclosedPlaceholderMessage,
  type UnknownFieldMessage,
} from "../messages.js";
import {
  decidingSchema,
  rewritesValue,
  ruleOf,
  schemaRules,
  type DecidingSchema,
  type RuleOf,
} from "../internal/schema-rules.js";
import {
  isRequiredParent,
  scalarKind,
  shapeOf,
  type FieldKind,
  type IsRequiredParent,
  type Shape,
  type ShapeOf,
} from "../internal/zod-shape.js";
import type { TopOf } from "../internal/types.js";

// ── what a placeholder names ────────────────────────────────────────────────────────────────────────────

/**
 * The key-part kind of the field a placeholder path names: `"string"`, `"number"`, or `never` when the path
 * names nothing usable (no such field, optional, boolean, object, inside an optional object, too deep).
 *
 * `NoInfer<FieldKind<…>>`: a conditional whose branch is another alias's conditional evaluates it in place (tail
 * recursion), past that alias's instantiation cache, so every placeholder of every entity computed `FieldKind`
 * anew; behind the wrapper it is instantiated, so `FieldKind<z.ZodString>` is computed once per program (−25 per
 * entity on the bench's full shape). `NoInfer` of a non-generic type is that type.
 */
export type PathKind<TShape extends Shape, TPath extends string> = TPath extends keyof TShape
  ? TPath extends Dotted // a top-level field named "a.b": keys() would read a → b
    ? never
    : NoInfer<FieldKind<TShape[TPath]>>
  : TPath extends `${infer TParent}.${infer TChild}`
    ? TParent extends keyof TShape
      ? IsRequiredParent<TShape[TParent]> extends true
        ? TChild extends keyof ShapeOf<TShape[TParent]>
          ? NoInfer<FieldKind<ShapeOf<TShape[TParent]>[TChild]>>
          : never
        : never
      : never
    : never;
export function pathKind(shape: Shape, path: string): "string" | "number" | undefined {
  if (Object.hasOwn(shape, path)) return path.includes(".") ? undefined : scalarKind(shape[path]!) || undefined;
  const dot = path.indexOf(".");
  if (dot === -1) return undefined;
  const parent = path.slice(0, dot);
  if (!Object.hasOwn(shape, parent)) return undefined;
  const inner = shapeOf(shape[parent]!);
  const child = path.slice(dot + 1);
  if (!Object.hasOwn(inner, child) || !isRequiredParent(shape[parent]!)) return undefined;
  return scalarKind(inner[child]!) || undefined;
}

/** Whether a path names some field at all (so a bad one is "not a scalar" rather than "unknown"). */
type PathExists<TShape extends Shape, TPath extends string> = TPath extends keyof TShape
  ? true
  : TPath extends `${infer TParent}.${infer TChild}`
    ? TParent extends keyof TShape
      ? TChild extends keyof ShapeOf<TShape[TParent]>
        ? true
        : false
      : false
    : false;
function pathExists(shape: Shape, path: string): boolean {
  if (Object.hasOwn(shape, path)) return true;
  const dot = path.indexOf(".");
  const parent = path.slice(0, dot);
  return dot !== -1 && Object.hasOwn(shape, parent) && Object.hasOwn(shapeOf(shape[parent]!), path.slice(dot + 1));
}

/** The message for a placeholder whose path names no usable field. Only evaluated on the error path. */
type ExplainPath<
  TShape extends Shape,
  TPath extends string,
  TProperty extends string,
  TTemplate extends string,
> = TPath extends ""
  ? EmptyPlaceholderMessage<TProperty, TTemplate>
  : // A `{` in the path: a `${` opened inside it (`${a${b}`). Not a `$` alone: identifiers may hold one (`x$`).
    TPath extends `${string}{${string}`
    ? UnclosedPlaceholderMessage<TProperty, TTemplate>
    : TPath extends keyof TShape & `${string}.${string}`
      ? DottedFieldMessage<TProperty, TPath>
      : PathExists<TShape, TPath> extends true
        ? RefusedForm<FieldAt<TShape, TPath>> extends infer TRefused
          ? [TRefused] extends [never] // no refusal listed in the table (boolean, optional, …): not a scalar
            ? NotScalarMessage<TProperty, TPath>
            : TRefused extends [infer TType extends string, infer TWhy extends string]
              ? KeyFieldFormMessage<TProperty, TPath, TType, TWhy>
              : NotScalarMessage<TProperty, TPath>
          : never
        : UnknownFieldMessage<TProperty, TPath>;
function explainPath(shape: Shape, path: string, property: string, template: string): string {
  if (path === "") return emptyPlaceholderMessage(property, template);
  if (path.includes("{")) return unclosedPlaceholderMessage(property, template);
  if (path.includes(".") && Object.hasOwn(shape, path)) return dottedFieldMessage(property, path);
  if (!pathExists(shape, path)) return unknownFieldMessage(property, path);
  const refused = refusedForm(fieldAt(shape, path)!);
  return refused === undefined ? notScalarMessage(property, path) : keyFieldFormMessage(property, path, ...refused);
}

/** The field schema a path names (top level first, then `parent.child`). */
type FieldAt<TShape extends Shape, TPath extends string> = TPath extends keyof TShape
  ? TShape[TPath]
  : TPath extends `${infer TParent}.${infer TChild}`
    ? ShapeOf<TShape[TParent & keyof TShape]>[TChild & keyof ShapeOf<TShape[TParent & keyof TShape]>]
    : never;
function fieldAt(shape: Shape, path: string): Shape[string] | undefined {
  if (Object.hasOwn(shape, path)) return shape[path];
  const dot = path.indexOf(".");
  return shapeOf(shape[path.slice(0, dot)]!)[path.slice(dot + 1)];
}

/** `[def type, why]` when the rule table lists the field's form as refused (not merely unlisted), else `never`. */
type RefusedForm<TField> =
  DecidingSchema<TField, "key"> extends { _zod: { def: { type: infer TType } } }
    ? "string" | "pipe" extends TType // typed `z.ZodType<…>`: no one form
      ? never
      : TType extends keyof typeof schemaRules
        ? RuleOf<TType, "key"> extends `refused: ${infer TWhy}`
          ? [TType, TWhy]
          : never
        : never
    : never;
function refusedForm(field: Shape[string]): [string, string] | undefined {
  const type = decidingSchema(field, "key")._zod.def.type;
  const rule = ruleOf(type, "key");
  return Object.hasOwn(schemaRules, type) && rule.startsWith("refused: ") ? [type, rule.slice(9)] : undefined;
}

// ── the walk ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * `never` when a key template is well-formed and every placeholder names a required string or number
 * field; else the catalog message for the first problem, left to right.
 *
 * @example
 * type Ok = KeyTemplateProblem<"ROLE#${id}", Shape, "sk">;   //=> never
 * type Bad = KeyTemplateProblem<"ROLE#${idd}", Shape, "sk">; //=> "[key.unknownField] sk placeholder ${idd} …"
 */
export type KeyTemplateProblem<TTemplate extends string, TShape extends Shape, TProperty extends string> = [
  ScanTemplate<TTemplate, TShape>,
] extends [string]
  ? never
  : WalkTemplate<TTemplate, TShape, TProperty, TTemplate, never>;

/**
 * The patterns a template or path is tested against, each a union (`| null`, which no string is), so that TypeScript
 * relates to it without instantiating it: a lone pattern type (an inline `` `${string}.${string}` ``) is instantiated at
 * every test (docs/benchmarks-typecost.md, session s19). `WithPlaceholder`: holds a `${`.
 */
export type WithPlaceholder = `${string}\${${string}` | null;
/** A dotted path (`parent.child`), or a field name holding a dot ({@link WithPlaceholder}'s note). */
type Dotted = `${string}.${string}` | null;
/** A literal holding a `#` ({@link WithPlaceholder}'s note). */
type WithHash = `${string}#${string}` | null;

/**
 * The fast half of the check: the placeholder paths of a good template (a union, `never` when it has none),
 * `false` for a bad one. Same split, same rules, same order as {@link WalkTemplate}, but it carries only the
 * template and the shape: it is cheaper per placeholder, and its result is cached per template and shape, so
 * `keys()` reads its input fields from the very scan the definition check made. Only a template that fails
 * is walked again, by {@link WalkTemplate}, for its message.
 *
 * @example
 * type Paths = ScanTemplate<"ROLE#${id}#V#${count}", Shape>; //=> "id" | "count"
 * type Bad = ScanTemplate<"ROLE#${idd}", Shape>;            //=> false
 */
export type ScanTemplate<TRest extends string, TShape extends Shape> =
  // The first placeholder: no segment to share yet, so its literal is not read (the next ones: ScanNext).
  TRest extends `${string}\${${infer TPath}}${infer TTail}`
    ? PathKind<TShape, TPath> extends never // not distributive (not a type parameter): no `[…]` needed, nor built
      ? false
      : TTail extends WithPlaceholder // a tail without `${` ends the scan: no last, failing match
        ? ScanNext<TTail, TShape, TPath>
        : TPath
    : TRest extends WithPlaceholder
      ? false
      : never;
/** {@link ScanTemplate} after the first placeholder: `TRest` holds a `${`, and `TPaths` the paths so far. */
type ScanNext<
  TRest extends string,
  TShape extends Shape,
  TPaths extends string,
> = TRest extends `${infer TLiteral}\${${infer TPath}}${infer TTail}`
  ? PathKind<TShape, TPath> extends never
    ? false
    : TLiteral extends WithHash
      ? TTail extends WithPlaceholder
        ? ScanNext<TTail, TShape, TPaths | TPath>
        : TPaths | TPath
      : false
  : false; // a `${` never closed

/**
 * The explaining half: the catalog message for a template's first problem, else `never`. Tail-recursive over
 * placeholders; `TPrevious` is the last placeholder, to catch two in one segment. Runtime twin: {@link parseKeyTemplate}.
 */
export type WalkTemplate<
  TRest extends string,
  TShape extends Shape,
  TProperty extends string,
  TTemplate extends string,
  TPrevious extends string,
> = TRest extends `${infer TLiteral}\${${infer TPath}}${infer TTail}`
  ? [PathKind<TShape, TPath>] extends [never]
    ? ExplainPath<TShape, TPath, TProperty, TTemplate>
    : [TPrevious] extends [never] // first placeholder: no segment to share
      ? WalkTemplate<TTail, TShape, TProperty, TTemplate, TPath>
      : TLiteral extends `${string}#${string}`
        ? WalkTemplate<TTail, TShape, TProperty, TTemplate, TPath>
        : SharedSegmentMessage<TProperty, TPrevious, TPath>
  : TRest extends `${string}\${${string}`
    ? UnclosedPlaceholderMessage<TProperty, TTemplate>
    : never;

/** A checked template at runtime: `literals.length === paths.length + 1`, `kinds[i]` is `paths[i]`'s kind. */
export interface ParsedTemplate {
  readonly template: string;
  readonly literals: readonly string[];
  readonly paths: readonly string[];
  readonly kinds: readonly ("string" | "number")[];
}

/**
 * The runtime twin of {@link KeyTemplateProblem}: the same walk, throwing {@link EntityDefinitionError} with the
 * same message, else returning the parse.
 */
export function parseKeyTemplate(template: string, shape: Shape, property: string): ParsedTemplate {
  const literals: string[] = [];
  const paths: string[] = [];
  const kinds: ("string" | "number")[] = [];
  let rest = template;
  for (let open = rest.indexOf("${"); open !== -1; open = rest.indexOf("${")) {
    const close = rest.indexOf("}", open + 2);
    if (close === -1) break; // an unclosed `${` with no `}` after it: reported below
    const literal = rest.slice(0, open);
    const path = rest.slice(open + 2, close);
    const kind = pathKind(shape, path);
    if (kind === undefined) throw new EntityDefinitionError(explainPath(shape, path, property, template));
    const rewriter = rewriterOf(shape, path);
    if (rewriter !== undefined)
      throw new EntityDefinitionError(rewrittenFieldMessage(`${property} placeholder`, `\${${path}}`, rewriter));
    const previous = paths.at(-1);
    if (previous !== undefined && !literal.includes("#")) {
      throw new EntityDefinitionError(sharedSegmentMessage(property, previous, path));
    }
    literals.push(literal);
    paths.push(path);
    kinds.push(kind);
    rest = rest.slice(close + 1);
  }
  if (rest.includes("${")) throw new EntityDefinitionError(unclosedPlaceholderMessage(property, template));
  literals.push(rest);
  return { template, literals, paths, kinds };
}

/** Runtime only (types cannot see zod's checks): what rewrites a key field's value, its schema or its parent. */
function rewriterOf(shape: Shape, path: string): string | undefined {
  if (rewritesValue(fieldAt(shape, path)!, "key")) return "its schema";
  const dot = path.indexOf(".");
  if (dot === -1 || Object.hasOwn(shape, path)) return undefined;
  return rewritesValue(shape[path.slice(0, dot)]!, "key") ? `its parent object ${path.slice(0, dot)}` : undefined;
}

// ── what a template builds and reads ────────────────────────────────────────────────────────────────────

/**
 * The template-literal type of the keys a template builds: placeholders become `${string}` or `${number}`.
 *
 * @example
 * type Pk = KeyType<"TENANT#${tenantId}#ROLE#${id}", Shape>;
 * //=> `TENANT#${string}#ROLE#${string}`
 */
export type KeyType<
  TRest extends string,
  TShape extends Shape,
  TKey extends string = "",
> = TRest extends `${infer TLiteral}\${${infer TPath}}${infer TTail}`
  ? KeyType<TTail, TShape, `${TKey}${TLiteral}${PathKind<TShape, TPath> extends "number" ? number : string}`>
  : `${TKey}${TRest}`;

/** The placeholder paths of a template, as a union. */
export type TemplatePaths<TRest extends string> = TRest extends `${string}\${${infer TPath}}${infer TTail}`
  ? TPath | TemplatePaths<TTail>
  : never;

/**
 * The object a set of placeholder paths reads: top-level fields as they are, `parent.child` paths nested.
 *
 * @example
 * type Input = KeyInput<Shape, "id" | "context.tenantId">;
 * //=> { readonly id: string; readonly context: { readonly tenantId: TenantId } }
 */
// No nested path: the intersection reduces at once (`Extract` would distribute), and it is no type parameter, so the
// check does not distribute unwrapped either (`[…] extends [never]` cost 3 instantiations per entity, session s17).
// `TPaths` may hold what is not a path (a template scan's `true` / `false` markers): every read below intersects it
// with the shape's keys or a pattern, which drops them, so that a caller need not (`keys()`' input, session s21).
export type KeyInput<TShape extends Shape, TPaths> = TPaths & `${string}.${string}` extends never
  ? { readonly [TKey in TPaths & keyof TShape]: OutputOfField<TShape[TKey]> }
  : {
      readonly [TTop in TopOf<TPaths & string> & keyof TShape]: TTop extends TPaths
        ? OutputOfField<TShape[TTop]>
        : KeyInput<ShapeOf<TShape[TTop]>, TPaths extends `${TTop}.${infer TChild}` ? TChild : never>;
    };

/**
 * {@link KeyInput} for what a scope reads (get's, delete's and update's primary key, a query's partition): whether a path
 * is nested is asked of the paths alone ({@link HasNestedPath}), cached per union of paths and shared by the entities
 * whose keys read the same paths. In {@link KeyInput}'s own test, cached per shape and paths, TS 7 built the
 * intersection again for each entity (the bench's full shape −17 of its allocations per entity, get −9, query −8; TS
 * 5.9 −6 instantiations; docs/benchmarks-typecost.md, session s21). Not for `keys()`' input, which paid +2 instantiations
 * and +3 allocations per entity for it: read once per entity, its test is no cheaper behind the alias.
 *
 * @example
 * type Primary = ScopeKeyInput<Shape, "id">; //=> { readonly id: string }
 */
export type ScopeKeyInput<TShape extends Shape, TPaths extends string> =
  HasNestedPath<TPaths> extends false
    ? // KeyInput's first branch: a named alias of a mapped type would print its name where hovers show the fields.
      { readonly [TKey in TPaths & keyof TShape]: OutputOfField<TShape[TKey]> }
    : KeyInput<TShape, TPaths>;

/**
 * Whether some of the paths is nested (`parent.child`). The intersection reduces at once (`Extract` would distribute),
 * and it is no type parameter, so the check does not distribute unwrapped either (`[…] extends [never]` cost 3
 * instantiations per entity, session s17).
 */
type HasNestedPath<TPaths extends string> = TPaths & `${string}.${string}` extends never ? false : true;

/**
 * A field schema's output type: a conditional, cached per schema type and shared by every entity, instead of three
 * indexed accesses per field and entity (−7 per entity on the bench's full shape; the first entity of a program
 * pays +19 for each distinct field schema's match, once). What `keys()`' input and a query filter's item read.
 *
 * @example
 * type Title = OutputOfField<z.ZodOptional<z.ZodString>>; //=> string | undefined
 * @see docs/patterns/key-template-grammar.md
 */
export type OutputOfField<TField> = TField extends { readonly _zod: { readonly output: infer TOutput } }
  ? TOutput
  : never;
