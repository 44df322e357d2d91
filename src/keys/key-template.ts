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
  type DottedFieldMessage,
  type EmptyPlaceholderMessage,
  type NotScalarMessage,
  type SharedSegmentMessage,
  type UnclosedPlaceholderMessage,
  type UnknownFieldMessage,
} from "../messages.js";
import { isRequired, scalarKind, shapeOf, type FieldKind, type Shape, type ShapeOf } from "../internal/zod-shape.js";
import type { TopOf } from "../internal/types.js";

// ── what a placeholder names ────────────────────────────────────────────────────────────────────────────

/**
 * The key-part kind of the field a placeholder path names: `"string"`, `"number"`, or `never` when the path
 * names nothing usable (no such field, optional, boolean, object, inside an optional object, too deep).
 */
export type PathKind<TShape extends Shape, TPath extends string> = TPath extends keyof TShape
  ? TPath extends `${string}.${string}` // a top-level field named "a.b": keys() would read a → b
    ? never
    : FieldKind<TShape[TPath]>
  : TPath extends `${infer TParent}.${infer TChild}`
    ? TParent extends keyof TShape
      ? TShape[TParent]["_zod"] extends { optin: "optional" | "defaulted" }
        ? never
        : TChild extends keyof ShapeOf<TShape[TParent]>
          ? FieldKind<ShapeOf<TShape[TParent]>[TChild]>
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
  if (!Object.hasOwn(inner, child) || !isRequired(shape[parent]!)) return undefined;
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
  : TPath extends `${string}${"$" | "{"}${string}`
    ? UnclosedPlaceholderMessage<TProperty, TTemplate>
    : TPath extends keyof TShape & `${string}.${string}`
      ? DottedFieldMessage<TProperty, TPath>
      : PathExists<TShape, TPath> extends true
        ? NotScalarMessage<TProperty, TPath>
        : UnknownFieldMessage<TProperty, TPath>;
function explainPath(shape: Shape, path: string, property: string, template: string): string {
  if (path === "") return emptyPlaceholderMessage(property, template);
  if (/[${]/.test(path)) return unclosedPlaceholderMessage(property, template);
  if (path.includes(".") && Object.hasOwn(shape, path)) return dottedFieldMessage(property, path);
  return pathExists(shape, path) ? notScalarMessage(property, path) : unknownFieldMessage(property, path);
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
export type ScanTemplate<
  TRest extends string,
  TShape extends Shape,
  TPaths extends string = never,
> = TRest extends `${infer TLiteral}\${${infer TPath}}${infer TTail}`
  ? [PathKind<TShape, TPath>] extends [never]
    ? false
    : [TPaths] extends [never] // first placeholder: no segment to share
      ? TTail extends `${string}\${${string}` // a tail without `${` ends the scan: no last, failing match
        ? ScanTemplate<TTail, TShape, TPath>
        : TPath
      : TLiteral extends `${string}#${string}`
        ? TTail extends `${string}\${${string}`
          ? ScanTemplate<TTail, TShape, TPaths | TPath>
          : TPaths | TPath
        : false
  : TRest extends `${string}\${${string}`
    ? false
    : TPaths;

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
    if (kind === undefined || /[${]/.test(path))
      throw new EntityDefinitionError(explainPath(shape, path, property, template));
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
export type KeyInput<TShape extends Shape, TPaths extends string> = [TPaths & `${string}.${string}`] extends [never] // no nested path (the intersection reduces at once; `Extract` would distribute)
  ? { readonly [TKey in TPaths & keyof TShape]: TShape[TKey]["_zod"]["output"] }
  : {
      readonly [TTop in TopOf<TPaths> & keyof TShape]: TTop extends TPaths
        ? TShape[TTop]["_zod"]["output"]
        : KeyInput<ShapeOf<TShape[TTop]>, TPaths extends `${TTop}.${infer TChild}` ? TChild : never>;
    };
