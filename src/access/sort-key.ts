/**
 * Sort-key conditions derived from a sort-key template: equality on its leading fields, in template order, and
 * `begins_with` on what follows. The condition always ends at a literal boundary (`NOTE#n1#V#`, never
 * `NOTE#n1`), so `noteId: "n1"` can never match `n10`; only an explicit `{ beginsWith }` on the last given field
 * matches a partial value.
 */
import { CapsuleEntityError } from "../errors.js";
import { checkKeyValue, type KeyCodec } from "../keys/key-codec.js";
import { readPath } from "../internal/read-path.js";
import type { KeyInput, PathKind } from "../keys/key-template.js";
import type { Shape } from "../internal/zod-shape.js";
import { sortKeyConditionMessage } from "../messages.js";

/**
 * The placeholder paths of a template, in order.
 *
 * @example
 * type Paths = TemplatePathList<"NOTE#${noteId}#V#${version}">; //=> ["noteId", "version"]
 */
export type TemplatePathList<
  TRest extends string,
  TPaths extends readonly string[] = [],
> = TRest extends `${string}\${${infer TPath}}${infer TTail}` ? TemplatePathList<TTail, [...TPaths, TPath]> : TPaths;

/** A value at a dotted path: `{ noteId: TValue }` or `{ context: { noteId: TValue } }`. */
type At<TPath extends string, TValue> = TPath extends `${infer TParent}.${infer TChild}`
  ? { readonly [TKey in TParent]: { readonly [TInner in TChild]: TValue } }
  : { readonly [TKey in TPath]: TValue };

/** The top-level fields of the paths that must not be given (the ones after where a condition stops). */
type Absent<TPaths extends readonly string[]> = {
  readonly [TKey in TPaths[number] as TKey extends `${string}.${string}` ? never : TKey]?: never;
};

/**
 * The conditions a sort-key template allows: the leading fields given in order (the isolation fields, which
 * the scope supplies, skipped), optionally followed by `{ beginsWith }` on the next string field.
 *
 * @example
 * type Condition = SortKeyCondition<Shape, ["noteId", "version"], never>;
 * //=> {} | { noteId: { beginsWith: string } } | { noteId: string } | { noteId: string; version: number }
 */
export type SortKeyCondition<
  TShape extends Shape,
  TPaths extends readonly string[],
  TPinned extends string,
  TGiven = {},
> = TPaths extends readonly [infer THead extends string, ...infer TTail extends readonly string[]]
  ? THead extends TPinned
    ? SortKeyCondition<TShape, TTail, TPinned, TGiven>
    : | (TGiven & Absent<TPaths>)
      | (PathKind<TShape, THead> extends "string"
          ? TGiven & At<THead, { readonly beginsWith: string }> & Absent<TTail>
          : never)
      | SortKeyCondition<TShape, TTail, TPinned, TGiven & KeyInput<TShape, THead>>
  : TGiven;

/** A key condition on the sort key: `=` or `begins_with` on a value, or none. */
export type SortKeyExpression = { readonly operator: "=" | "begins_with"; readonly value: string } | undefined;

/**
 * Runtime twin of {@link SortKeyCondition}: the expression for a condition whose isolation fields the scope has
 * already filled in (`pinned` names their paths). Refuses fields the template does not have, gaps, and
 * `{ beginsWith }` on a number or before the last given field.
 */
export function sortKeyExpression(
  entity: string,
  attribute: string,
  codec: KeyCodec,
  condition: Readonly<Record<string, unknown>>,
  pinned: readonly string[],
): SortKeyExpression {
  const refuse = (problem: string): CapsuleEntityError =>
    new CapsuleEntityError(sortKeyConditionMessage(entity, attribute, problem));
  const { paths, kinds, literals } = codec.template;
  const heads = new Set([...paths, ...pinned].map((path) => path.split(".")[0]!));
  const stray = Object.keys(condition).find((key) => !heads.has(key));
  if (stray !== undefined)
    throw refuse(
      `names ${JSON.stringify(stray)}, which is not a field of the template ${JSON.stringify(codec.template.template)}`,
    );

  let prefix = literals[0]!;
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index]!;
    const given = readPath(condition, path.split("."));
    if (given === undefined || isBeginsWith(given)) {
      const later = paths
        .slice(index + 1)
        .find((next) => !pinned.includes(next) && readPath(condition, next.split(".")) !== undefined);
      if (later !== undefined) throw refuse(`gives ${later} without ${path} before it`);
      if (given === undefined) return prefix === "" ? undefined : { operator: "begins_with", value: prefix };
      if (kinds[index] !== "string") throw refuse(`has beginsWith on ${path}, a number field`);
      // A partial value obeys the key-part rules too, except that it may be empty ("all of them").
      const partial = given.beginsWith === "" ? "" : checkKeyValue(given.beginsWith, "string", attribute, path);
      return prefix + partial === "" ? undefined : { operator: "begins_with", value: prefix + partial };
    }
    prefix += checkKeyValue(given, kinds[index]!, attribute, path) + literals[index + 1]!;
  }
  return { operator: "=", value: prefix };
}

function isBeginsWith(value: unknown): value is { readonly beginsWith: unknown } {
  return typeof value === "object" && value !== null && Object.hasOwn(value, "beginsWith");
}
