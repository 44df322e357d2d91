/**
 * Key templates: `LITERAL`, `${field}` and `${parent.field}` placeholders, `#` between segments.
 *
 * One grammar, parsed twice side by side: {@link ParseKeyTemplate} at the type level and
 * {@link parseKeyTemplate} at runtime. Both reject the same malformed templates with the same catalog
 * message. A `#`-segment holds at most one placeholder, so a key splits back into its values exactly one way.
 */
import { EntityDefinitionError } from "./errors.js";
import {
  emptyPlaceholderMessage,
  notScalarMessage,
  sharedSegmentMessage,
  unclosedPlaceholderMessage,
  unknownFieldMessage,
  type EmptyPlaceholderMessage,
  type NotScalarMessage,
  type SharedSegmentMessage,
  type UnclosedPlaceholderMessage,
  type UnknownFieldMessage,
} from "./messages.js";
import { isRequired, scalarKind, shapeOf, type IsRequired, type ScalarKind, type Shape, type ShapeOf } from "./internal/zod-shape.js";

// ── parsing ─────────────────────────────────────────────────────────────────────────────────────────────

/** A placeholder of a parsed template, naming a field path such as `id` or `context.tenantId`. */
export interface Placeholder<TPath extends string = string> {
  readonly path: TPath;
}

/**
 * Parses a key template into alternating literals and placeholders (`[literal, placeholder, literal, …,
 * literal]`), or into the catalog message for its first syntax error.
 *
 * @example
 * type Parts = ParseKeyTemplate<"ROLE#${id}", "pk">;
 * //=> ["ROLE#", Placeholder<"id">, ""]
 */
export type ParseKeyTemplate<TTemplate extends string, TProperty extends string> = ParseParts<
  TTemplate,
  TProperty,
  TTemplate,
  [],
  never
>;

/** Tail-recursive: `TParts` accumulates the parse, `TPrevious` is the placeholder seen in the current segment. */
type ParseParts<
  TRest extends string,
  TProperty extends string,
  TTemplate extends string,
  TParts extends readonly unknown[],
  TPrevious extends string,
> = TRest extends `${infer TLiteral}\${${infer TAfter}`
  ? TAfter extends `${infer TPath}}${infer TTail}`
    ? TPath extends ""
      ? EmptyPlaceholderMessage<TProperty, TTemplate>
      : TPath extends `${string}${"$" | "{"}${string}`
        ? UnclosedPlaceholderMessage<TProperty, TTemplate>
        : [TPrevious] extends [never] // first placeholder of the template
          ? ParseParts<TTail, TProperty, TTemplate, [...TParts, TLiteral, Placeholder<TPath>], TPath>
          : TLiteral extends `${string}#${string}`
            ? ParseParts<TTail, TProperty, TTemplate, [...TParts, TLiteral, Placeholder<TPath>], TPath>
            : SharedSegmentMessage<TProperty, TPrevious, TPath>
    : UnclosedPlaceholderMessage<TProperty, TTemplate>
  : [...TParts, TRest];

/** A parsed template at runtime: `literals.length === paths.length + 1`. */
export interface ParsedTemplate {
  readonly template: string;
  readonly literals: readonly string[];
  readonly paths: readonly string[];
}

/**
 * Parses a key template at runtime; throws {@link EntityDefinitionError} with the same message as
 * {@link ParseKeyTemplate} for a malformed one.
 */
export function parseKeyTemplate(template: string, property: string): ParsedTemplate {
  const literals: string[] = [];
  const paths: string[] = [];
  let rest = template;
  for (;;) {
    const open = rest.indexOf("${");
    if (open === -1) break;
    const close = rest.indexOf("}", open + 2);
    if (close === -1) throw new EntityDefinitionError(unclosedPlaceholderMessage(property, template));
    const literal = rest.slice(0, open);
    const path = rest.slice(open + 2, close);
    if (path === "") throw new EntityDefinitionError(emptyPlaceholderMessage(property, template));
    if (/[${]/.test(path)) throw new EntityDefinitionError(unclosedPlaceholderMessage(property, template));
    const previous = paths.at(-1);
    if (previous !== undefined && !literal.includes("#")) {
      throw new EntityDefinitionError(sharedSegmentMessage(property, previous, path));
    }
    literals.push(literal);
    paths.push(path);
    rest = rest.slice(close + 1);
  }
  literals.push(rest);
  return { template, literals, paths };
}

/** The placeholder paths of a parse, as a union. */
export type PathsOf<TParts> = TParts extends readonly unknown[] ? Extract<TParts[number], Placeholder>["path"] : never;

// ── fields ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * What a placeholder path names in a schema shape: a required `"string"` or `"number"` field, a field that
 * cannot be a key part (`"notScalar"`: optional, boolean, object, inside an optional object …), or
 * `"unknown"` (no such field, or more than one level down).
 */
export type PathKind<TShape, TPath extends string> = TPath extends keyof TShape
  ? KindOrNotScalar<ScalarKind<TShape[TPath]>>
  : TPath extends `${infer TParent}.${infer TChild}`
    ? TParent extends keyof TShape
      ? TChild extends keyof ShapeOf<TShape[TParent]>
        ? IsRequired<TShape[TParent]> extends true
          ? KindOrNotScalar<ScalarKind<ShapeOf<TShape[TParent]>[TChild]>>
          : "notScalar"
        : "unknown"
      : "unknown"
    : "unknown";
type KindOrNotScalar<TKind> = TKind extends false ? "notScalar" : TKind;

export function pathKind(shape: Shape, path: string): "string" | "number" | "notScalar" | "unknown" {
  const top = Object.hasOwn(shape, path) ? shape[path] : undefined;
  if (top !== undefined) return scalarKind(top) || "notScalar";
  const dot = path.indexOf(".");
  const parent = dot === -1 ? undefined : shape[path.slice(0, dot)];
  if (parent === undefined || !Object.hasOwn(shape, path.slice(0, dot))) return "unknown";
  const inner = shapeOf(parent);
  const child = path.slice(dot + 1);
  const field = Object.hasOwn(inner, child) ? inner[child] : undefined;
  if (field === undefined) return "unknown";
  return isRequired(parent) ? scalarKind(field) || "notScalar" : "notScalar";
}

/**
 * The catalog message for the first placeholder of a parse that does not name a required string or number
 * field, or `never` when all do. Walks the parse's tail: literals are skipped.
 */
export type CheckTemplateFields<TShape, TParts, TProperty extends string> = TParts extends readonly [infer THead, ...infer TRest]
  ? THead extends Placeholder<infer TPath>
    ? PathKind<TShape, TPath> extends "unknown"
      ? UnknownFieldMessage<TProperty, TPath>
      : PathKind<TShape, TPath> extends "notScalar"
        ? NotScalarMessage<TProperty, TPath>
        : CheckTemplateFields<TShape, TRest, TProperty>
    : CheckTemplateFields<TShape, TRest, TProperty>
  : never;

/** The runtime twin of {@link CheckTemplateFields}: throws its message, else returns each path's kind. */
export function checkTemplateFields(
  shape: Shape,
  parsed: ParsedTemplate,
  property: string,
): readonly ("string" | "number")[] {
  return parsed.paths.map((path) => {
    const kind = pathKind(shape, path);
    if (kind === "unknown") throw new EntityDefinitionError(unknownFieldMessage(property, path));
    if (kind === "notScalar") throw new EntityDefinitionError(notScalarMessage(property, path));
    return kind;
  });
}
