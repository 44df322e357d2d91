/**
 * Sort-key conditions derived from a sort-key template: equality on its leading fields, in template order, then
 * `begins_with` on what follows, or one operator on the next string field (`beginsWith`, `gt`, `gte`, `lt`,
 * `lte`, `between`). The condition always ends at a literal boundary (`NOTE#n1#V#`, never `NOTE#n1`), so
 * `noteId: "n1"` can never match `n10`; only an explicit `{ beginsWith }` matches a partial value. A range
 * bounds whole values: `{ noteId: { gt: "n1" } }` skips every `NOTE#n1#…` key (the bound is `NOTE#n1#` with
 * its `#` raised to `$`, the next character), and values compare as DynamoDB sorts the key (UTF-8 bytes, each
 * value followed by its `#`).
 */
import { CapsuleEntityError } from "../errors.js";
import { checkKeySize, checkKeyValue, keyByteLimit, type KeyCodec } from "../keys/key-codec.js";
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

/** Exactly one key of `TOperators` (the others `?: never`, so two operators are a type error). */
type OneOf<TOperators> = {
  [TKey in keyof TOperators]: { readonly [TOne in TKey]: TOperators[TKey] } & {
    readonly [TOther in Exclude<keyof TOperators, TKey>]?: never;
  };
}[keyof TOperators];

/**
 * The operator on the last field of a sort-key condition (string fields only: numbers are stored as text, so
 * `10` sorts before `9`). `between` is inclusive at both ends, as DynamoDB's.
 *
 * @example
 * const after: SortKeyOperator = { gt: "n1" };
 * const range: SortKeyOperator = { between: ["a", "m"] };
 */
export type SortKeyOperator = OneOf<{
  beginsWith: string;
  gt: string;
  gte: string;
  lt: string;
  lte: string;
  between: readonly [low: string, high: string];
}>;

/**
 * The conditions a sort-key template allows: the leading fields given in order (the isolation fields, which
 * the scope supplies, skipped), optionally followed by one {@link SortKeyOperator} on the next string field.
 *
 * @example
 * type Condition = SortKeyCondition<Shape, ["noteId", "version"], never>;
 * //=> {} | { noteId: SortKeyOperator } | { noteId: string } | { noteId: string; version: number }
 */
export type SortKeyCondition<
  TShape extends Shape,
  TPaths extends readonly string[],
  TPinned extends string,
  TGiven = {},
> = TPaths extends readonly []
  ? TGiven // no (more) fields: a test that infers nothing, cheaper than the match below failing
  : TPaths extends readonly [infer THead extends string, ...infer TTail extends readonly string[]]
    ? THead extends TPinned
      ? SortKeyCondition<TShape, TTail, TPinned, TGiven>
      : | (TGiven & Absent<TPaths>)
        | (PathKind<TShape, THead> extends "string" ? TGiven & At<THead, SortKeyOperator> & Absent<TTail> : never)
        | SortKeyCondition<TShape, TTail, TPinned, TGiven & KeyInput<TShape, THead>>
    : TGiven;

/** A key condition on the sort key: an operator and its value (two for `BETWEEN`), or none. */
export type SortKeyExpression =
  | { readonly operator: "=" | "begins_with" | ">" | ">=" | "<" | "<="; readonly value: string }
  | { readonly operator: "BETWEEN"; readonly value: string; readonly high: string }
  | undefined;

/**
 * The `KeyConditionExpression` clause of a sort-key expression, over `#sk` and `:sk` (and `:skHigh`), with its
 * values; nothing for `undefined`.
 *
 * @example
 * sortKeyClause({ operator: ">=", value: "NOTE#n1#" }); //=> { clause: " AND #sk >= :sk", values: { ":sk": "NOTE#n1#" } }
 */
export function sortKeyClause(expression: SortKeyExpression): {
  readonly clause: string;
  readonly values: Readonly<Record<string, string>>;
} {
  if (expression === undefined) return { clause: "", values: {} };
  if (expression.operator === "BETWEEN")
    return {
      clause: " AND #sk BETWEEN :sk AND :skHigh",
      values: { ":sk": expression.value, ":skHigh": expression.high },
    };
  return {
    clause:
      expression.operator === "begins_with" ? " AND begins_with(#sk, :sk)" : ` AND #sk ${expression.operator} :sk`,
    values: { ":sk": expression.value },
  };
}

/**
 * Whether a stored sort key meets a sort-key expression, comparing as DynamoDB does (by UTF-8 bytes): a cursor
 * resuming after a key outside the condition is DynamoDB's `ValidationException`, refused before it is sent.
 *
 * @example
 * meetsSortKey({ operator: ">=", value: "NOTE#n1#" }, "NOTE#n2#"); //=> true
 */
export function meetsSortKey(expression: SortKeyExpression, key: string): boolean {
  if (expression === undefined) return true;
  const order = utf8Order(key, expression.value);
  switch (expression.operator) {
    case "=":
      return order === 0;
    case "begins_with":
      return key.startsWith(expression.value);
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case "BETWEEN":
      return order >= 0 && utf8Order(key, expression.high) <= 0;
  }
}

/**
 * Compares two strings as DynamoDB sorts them, by their UTF-8 bytes: JavaScript's `<` compares UTF-16 code units,
 * which puts U+FF01 after an emoji (a surrogate pair, U+D83D…) where DynamoDB puts it before.
 */
function utf8Order(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, "utf8"), Buffer.from(right, "utf8"));
}

const operators = ["beginsWith", "gt", "gte", "lt", "lte", "between"] as const;

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
  const expression = conditionExpression(entity, attribute, codec, condition, pinned);
  // A value over the sort key's limit is DynamoDB Local's ValidationException (dynalite reads nothing): no key of
  // that length can be stored, so the condition is refused as such a key would be.
  if (expression !== undefined) {
    const limit = keyByteLimit(codec.partition);
    const property = `${codec.property} condition`;
    for (const value of expression.operator === "BETWEEN" ? [expression.value, expression.high] : [expression.value])
      if (value.length > limit / 3) checkKeySize(property, limit, value);
  }
  return expression;
}

/** {@link sortKeyExpression} before the size check. */
function conditionExpression(
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
  // The first in sorted order, as the compiler names it (CheckQuery).
  const [stray] = Object.keys(condition)
    .filter((key) => !heads.has(key))
    .sort();
  if (stray !== undefined)
    throw refuse(
      `names ${JSON.stringify(stray)}, which is not a field of the template ${JSON.stringify(codec.template.template)}`,
    );

  let prefix = literals[0]!;
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index]!;
    const given = readPath(condition, path.split("."));
    if (given === undefined || isOperator(given)) {
      const later = paths
        .slice(index + 1)
        .find((next) => !pinned.includes(next) && readPath(condition, next.split(".")) !== undefined);
      if (later !== undefined)
        throw refuse(
          given === undefined
            ? `gives ${later} without ${path} before it`
            : `gives ${later} after an operator on ${path}: only the last field given takes one`,
        );
      if (given === undefined) return prefix === "" ? undefined : { operator: "begins_with", value: prefix };
      const named = operators.filter((operator) => Object.hasOwn(given, operator));
      const [operator] = named;
      if (operator === undefined || named.length > 1 || Object.keys(given).length > 1)
        throw refuse(
          `has ${JSON.stringify(Object.keys(given))} on ${path}: give exactly one of ${operators.join(", ")}`,
        );
      if (kinds[index] !== "string") throw refuse(`has ${operator} on ${path}, a number field`);
      const value = (given as Record<string, unknown>)[operator];
      if (operator === "beginsWith") {
        // A partial value obeys the key-part rules too, except that it may be empty ("all of them").
        const partial = value === "" ? "" : checkKeyValue(value, "string", attribute, path);
        return prefix + partial === "" ? undefined : { operator: "begins_with", value: prefix + partial };
      }
      return rangeExpression(
        operator,
        value,
        (bound) => {
          const boundary =
            prefix + checkKeyValue(bound, "string", attribute, path) + literals[index + 1]!.split("#")[0]!;
          // Before the next "#": every key of this value starts with `at`, and none reaches `after`.
          return literals[index + 1]!.includes("#") ? { at: `${boundary}#`, after: `${boundary}$` } : { at: boundary };
        },
        refuse,
      );
    }
    prefix += checkKeyValue(given, kinds[index]!, attribute, path) + literals[index + 1]!;
  }
  return { operator: "=", value: prefix };
}

/**
 * The expression of a range operator. `bound(value)` gives the key every item of that value starts with (`at`)
 * and, when more of the key follows, the smallest key above all of them (`after`); at the end of the template
 * an item's key is `at` itself.
 */
function rangeExpression(
  operator: Exclude<(typeof operators)[number], "beginsWith">,
  value: unknown,
  bound: (value: unknown) => { readonly at: string; readonly after?: string },
  refuse: (problem: string) => CapsuleEntityError,
): SortKeyExpression {
  if (operator === "between") {
    if (!Array.isArray(value) || value.length !== 2) throw refuse("has between without a [low, high] pair");
    const [low, high] = [bound(value[0]), bound(value[1])];
    if (utf8Order(low.at, high.at) > 0)
      throw refuse(`has between with ${JSON.stringify(value[0])} above ${JSON.stringify(value[1])}`);
    // Inclusive at both ends: from the first key of `low` to the last key of `high` (strictly below `after`,
    // which no key of the template can equal: it ends in "$" where a key has "#" and more).
    return { operator: "BETWEEN", value: low.at, high: high.after ?? high.at };
  }
  const { at, after } = bound(value);
  if (after === undefined)
    return { operator: ({ gt: ">", gte: ">=", lt: "<", lte: "<=" } as const)[operator], value: at };
  if (operator === "gt" || operator === "lte") return { operator: operator === "gt" ? ">=" : "<", value: after };
  return { operator: operator === "gte" ? ">=" : "<", value: at };
}

function isOperator(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
