/**
 * Typed conditions over an entity's attributes (nested paths too), for writes (`condition` on put, update, delete,
 * a transaction's `check`) and, through the same compiler, for filters. A condition is built with a
 * {@link ConditionBuilder}, each value validated by its attribute's zod schema, and compiled to a DynamoDB
 * expression in which every attribute name and value is a placeholder (`#c0`, `:c0`): nothing is spliced. It is
 * always ANDed with the write's built-in guard ({@link withCondition}), never a replacement for it.
 */
import { z } from "zod";
import type { AnyObjectSchema } from "../entity/define-entity.js";
import { CapsuleEntityError } from "../errors.js";
import type { Primitive } from "../internal/types.js";
import { shapeOf, unwrap, type Shape } from "../internal/zod-shape.js";
import { unstorableAt } from "./update.js";
import {
  conditionInvalidMessage,
  conditionPathMessage,
  conditionValueMessage,
  type ConditionPathMessage,
  type ConditionValueMessage,
} from "../messages.js";

/** Nesting depth of the paths offered: deep enough for `context.address.city`, shallow enough to stay cheap. */
type PathDepth = [never, 0, 1, 2, 3];

/**
 * The attribute paths of an item type: its keys, and dotted paths into nested objects (not into arrays).
 *
 * @example
 * type Paths = ConditionPath<{ title: string; meta: { views: number } }>; //=> "title" | "meta" | "meta.views"
 */
export type ConditionPath<TItem, TDepth extends number = 4> = [TDepth] extends [never]
  ? never
  : {
      [TKey in keyof TItem & string]:
        | TKey
        | (NonNullable<TItem[TKey]> extends Primitive | readonly unknown[] | ReadonlySet<unknown>
            ? never // a branded id (`string & { brand }`) is an object to the compiler, but has no attributes
            : NonNullable<TItem[TKey]> extends object
              ? `${TKey}.${ConditionPath<NonNullable<TItem[TKey]>, PathDepth[TDepth]>}`
              : never);
    }[keyof TItem & string];

/**
 * The value at a path of an item type.
 *
 * @example
 * type Views = ValueAt<{ meta?: { views: number } }, "meta.views">; //=> number
 */
export type ValueAt<TItem, TPath extends string> = TPath extends `${infer THead}.${infer TRest}`
  ? THead extends keyof TItem
    ? ValueAt<NonNullable<TItem[THead]>, TRest>
    : never
  : TPath extends keyof TItem
    ? TItem[TPath]
    : never;

/** The `size(path)` operand: compares a string's length, a list's or set's element count. */
export interface SizeOf<TPath extends string> {
  readonly size: TPath;
}

/** A condition built by a {@link ConditionBuilder}: opaque, compiled by {@link compileCondition}. */
export interface Condition {
  readonly node: ConditionNode;
}

type Comparator = "=" | "<>" | "<" | "<=" | ">" | ">=";
type Operand = { readonly path: string; readonly size: boolean };
/** The tree a builder makes (values already validated). */
type ConditionNode =
  | { readonly kind: "compare"; readonly operand: Operand; readonly comparator: Comparator; readonly value: unknown }
  | { readonly kind: "exists" | "notExists"; readonly path: string }
  | { readonly kind: "beginsWith" | "contains"; readonly path: string; readonly value: unknown }
  | { readonly kind: "between"; readonly operand: Operand; readonly low: unknown; readonly high: unknown }
  | { readonly kind: "in"; readonly path: string; readonly values: readonly unknown[] }
  | { readonly kind: "and" | "or"; readonly conditions: readonly ConditionNode[] }
  | { readonly kind: "not"; readonly condition: ConditionNode };

/** A path, or the size of one (whose values are numbers). */
type Compared<TItem> = ConditionPath<TItem> | SizeOf<ConditionPath<TItem>>;
type ComparedValue<TItem, TOperand> =
  TOperand extends SizeOf<string> ? number : TOperand extends string ? ValueAt<TItem, TOperand> : never;

/**
 * A path of the item, else the catalog message (a type error on the path; the runtime twin throws it). While no
 * path is written yet (`TPath` is its constraint, `string`, or the empty string an editor completes in), every
 * path: what an editor offers as completions (and the compiler's own error for an empty path).
 *
 * @example
 * c.exists("titel"); // type error: "[condition.unknownPath] the condition names "titel", which is not an attribute …"
 */
export type CheckPath<TItem, TPath extends string, TRefused = {}> = string extends TPath
  ? ConditionPath<TItem>
  : TPath extends ""
    ? ConditionPath<TItem>
    : TPath extends ConditionPath<TItem>
      ? TPath extends keyof TRefused
        ? TRefused[TPath] // a path this builder refuses (filters: key and isolation fields), with its message
        : TPath
      : ConditionPathMessage<TPath>;

/** {@link CheckPath} for a compared operand: a path, or a size (`c.size(path)` checked its path already). */
type CheckOperand<TItem, TOperand, TRefused> =
  TOperand extends SizeOf<string>
    ? TOperand
    : string extends TOperand
      ? Compared<TItem>
      : CheckPath<TItem, TOperand & string, TRefused>;

/** What a condition value may be inferred as: anything but a symbol (a literal stays a literal). */
type ConditionValue = string | number | boolean | bigint | object | null | undefined;

/** How a message names an operand: its path, or `size(path)`. */
type OperandName<TOperand> = TOperand extends SizeOf<infer TPath> ? `size(${TPath})` : TOperand & string;

/**
 * A value of the operand's type, else the catalog message (a type error on the value). While none is written yet
 * (`TValue` is its constraint), the operand's type, for completions; when the operand is not a path of the item,
 * anything (its own message is the one error).
 *
 * @example
 * c.eq("meta.rank", "high"); // type error: "[condition.valueType] the condition's value for meta.rank is not of …"
 */
export type CheckValue<TItem, TOperand, TValue> = [ConditionValue] extends [TValue]
  ? ComparedValue<TItem, TOperand>
  : TOperand extends Compared<TItem>
    ? [TValue] extends [ComparedValue<TItem, TOperand>]
      ? TValue
      : ConditionValueMessage<OperandName<TOperand>>
    : unknown;

/**
 * The values of `in`: of the path's type when the path is the item's (a wrong one gets the compiler's own error, so
 * that the list keeps its literals: a list checked against its own inferred type would be widened), else anything
 * (the path's message is the one error).
 */
type InValues<TItem, TPath> =
  TPath extends ConditionPath<TItem> ? readonly ValueAt<TItem, TPath>[] : readonly unknown[];

/**
 * A comparison of an attribute (or its size) with a value: `c.eq("status", "draft")`, `c.gt(c.size("tags"), 2)`.
 * The operand is checked by {@link CheckPath}, the value by {@link CheckValue}.
 *
 * @example
 * const atLeastTwo = (c: ConditionBuilder<Doc>) => c.ge("meta.rank", 2);
 */
export type Comparison<TItem, TRefused = {}> = <
  const TOperand extends string | SizeOf<string>,
  TValue extends ConditionValue,
>(
  operand: CheckOperand<TItem, TOperand, TRefused>,
  value: CheckValue<TItem, TOperand, TValue>,
) => Condition;

/**
 * Builds conditions over the attributes of `TItem` (the entity's stored item type): completions for every path,
 * values typed by the attribute. `TRefused` (path → catalog message) lists paths the builder refuses, as filters
 * refuse the key and isolation fields their key condition already decides; `{}` for conditions.
 *
 * @example
 * notes.update({ noteId: "n1" }, { title: "Final" }, {
 *   condition: (c) => c.and(c.eq("status", "draft"), c.or(c.notExists("lockedBy"), c.lt(c.size("tags"), 10))),
 * });
 * @see docs/dynamodb.md
 */
export interface ConditionBuilder<TItem, TRefused = {}> {
  /** The attribute (or its size) equals the value. */
  readonly eq: Comparison<TItem, TRefused>;
  /** The attribute (or its size) differs from the value (or is absent). */
  readonly ne: Comparison<TItem, TRefused>;
  /** Less than. */
  readonly lt: Comparison<TItem, TRefused>;
  /** Less than or equal. */
  readonly le: Comparison<TItem, TRefused>;
  /** Greater than. */
  readonly gt: Comparison<TItem, TRefused>;
  /** Greater than or equal. */
  readonly ge: Comparison<TItem, TRefused>;
  /** Between `low` and `high`, both included. */
  between<const TOperand extends string | SizeOf<string>, TLow extends ConditionValue, THigh extends ConditionValue>(
    operand: CheckOperand<TItem, TOperand, TRefused>,
    low: CheckValue<TItem, TOperand, TLow>,
    high: CheckValue<TItem, TOperand, THigh>,
  ): Condition;
  /** One of 1 to 100 values. */
  in<const TPath extends string>(path: CheckPath<TItem, TPath, TRefused>, values: InValues<TItem, TPath>): Condition;
  /** The attribute is present (`attribute_exists`). */
  exists<const TPath extends string>(path: CheckPath<TItem, TPath, TRefused>): Condition;
  /** The attribute is absent (`attribute_not_exists`). */
  notExists<const TPath extends string>(path: CheckPath<TItem, TPath, TRefused>): Condition;
  /** A string attribute starts with `prefix` (a prefix is not a whole value: it is checked as a string only). */
  beginsWith<const TPath extends string>(path: CheckPath<TItem, TPath, TRefused>, prefix: string): Condition;
  /** A string contains a substring, or a list or set contains an element. */
  contains<const TPath extends string>(path: CheckPath<TItem, TPath, TRefused>, value: unknown): Condition;
  /** The size of an attribute, to compare: `c.gt(c.size("tags"), 2)`. */
  size<const TPath extends string>(path: CheckPath<TItem, TPath, TRefused>): SizeOf<TPath>;
  /** Every condition holds. */
  and(...conditions: readonly [Condition, ...Condition[]]): Condition;
  /** Some condition holds. */
  or(...conditions: readonly [Condition, ...Condition[]]): Condition;
  /** The condition does not hold. */
  not(condition: Condition): Condition;
}

/**
 * A condition option: a function of the builder.
 *
 * @example
 * const stillDraft: ConditionInput<InferItem<typeof Note>> = (c) => c.eq("status", "draft");
 */
export type ConditionInput<TItem> = (builder: ConditionBuilder<TItem>) => Condition;

/**
 * The builder for an entity: each path is checked against its schema, each value parsed by the attribute's schema
 * (a prefix and a `contains` operand as strings, sizes as non-negative integers).
 *
 * @example
 * const c = conditionBuilder("Note", Note.schema);
 * c.eq("title", "Hello"); // a Condition
 */
export function conditionBuilder(entity: string, schema: AnyObjectSchema): ConditionBuilder<unknown> {
  const shape = schema.shape as Shape;
  const fail = (problem: string): never => {
    throw new CapsuleEntityError(conditionInvalidMessage(entity, problem));
  };
  /** The schema of a path's attribute (optional / nullable wrappers removed). */
  const schemaAt = (path: unknown): z.core.$ZodType => {
    if (typeof path !== "string" || path === "") return fail(`names the attribute ${JSON.stringify(path)}`);
    let fields = shape;
    let field: z.core.$ZodType | undefined;
    for (const part of path.split(".")) {
      field = Object.hasOwn(fields, part) ? fields[part] : undefined;
      if (field === undefined) throw new CapsuleEntityError(conditionPathMessage(path));
      fields = shapeOf(field);
    }
    return unwrap(field!);
  };
  /** The value parsed by the attribute's schema; `path` names the operand in the message (`size(tags)`). */
  const parsed = (path: string, field: z.core.$ZodType, value: unknown): unknown => {
    const result = z.safeParse(field, value);
    if (!result.success) throw new CapsuleEntityError(conditionValueMessage(path), { cause: result.error });
    // No value to compare with undefined (`exists` / `notExists` say "absent"), nor with what DynamoDB cannot hold.
    if (result.data === undefined) return fail(`compares ${path} with undefined: use notExists("${path}")`);
    const unstorable = unstorableAt(result.data, path);
    if (unstorable !== undefined)
      return fail(`compares ${unstorable.path} with ${unstorable.what}, which DynamoDB cannot hold`);
    return result.data;
  };
  /** Whether `size()` applies: DynamoDB sizes strings, lists, sets, maps and binaries, and fails the condition else. */
  const sized = (field: z.core.$ZodType): boolean =>
    !["number", "boolean", "bigint", "date", "null", "undefined"].includes(field._zod.def.type);
  const operand = (given: unknown): Operand =>
    typeof given === "object" && given !== null && "size" in given
      ? sized(schemaAt(given.size))
        ? { path: given.size as string, size: true }
        : fail(`takes size(${String(given.size)}), but ${String(given.size)} is not a string, list, set or map`)
      : (schemaAt(given), { path: given as string, size: false });
  const valueOf = (of: Operand, value: unknown): unknown =>
    of.size
      ? parsed(`size(${of.path})`, z.number().int().nonnegative(), value)
      : parsed(of.path, schemaAt(of.path), value);
  const nodeOf = (condition: unknown): ConditionNode =>
    typeof condition === "object" && condition !== null && "node" in condition
      ? (condition as Condition).node
      : fail(`combines ${typeof condition}, not a condition of the builder`);
  /** DynamoDB orders numbers and strings only: `<`, `<=`, `>`, `>=` and `BETWEEN` on another type fail the request. */
  const ordered = (of: Operand, form: string, value: unknown): unknown =>
    typeof value === "number" || typeof value === "string"
      ? value
      : fail(`orders ${of.size ? `size(${of.path})` : of.path} with ${form}, but only numbers and strings are ordered`);
  const compare =
    (comparator: Comparator) =>
    (given: unknown, value: unknown): Condition => {
      const of = operand(given);
      const parsed = valueOf(of, value);
      if (comparator !== "=" && comparator !== "<>") ordered(of, comparator, parsed);
      return { node: { kind: "compare", operand: of, comparator, value: parsed } };
    };
  const several =
    (kind: "and" | "or") =>
    (...conditions: readonly unknown[]): Condition =>
      conditions.length === 0 ? fail(`has an empty ${kind}()`) : { node: { kind, conditions: conditions.map(nodeOf) } };
  const text = (path: string, value: unknown): unknown => parsed(path, z.string(), value);

  return {
    eq: compare("="),
    ne: compare("<>"),
    lt: compare("<"),
    le: compare("<="),
    gt: compare(">"),
    ge: compare(">="),
    between: (given: unknown, low: unknown, high: unknown) => {
      const of = operand(given);
      const [from, to] = [ordered(of, "between", valueOf(of, low)), ordered(of, "between", valueOf(of, high))];
      if (above(from, to)) return fail(`has between(${of.path}) with its low bound above its high bound`);
      return { node: { kind: "between", operand: of, low: from, high: to } };
    },
    in: (path: string, values: readonly unknown[]) => {
      const field = schemaAt(path);
      if (!Array.isArray(values) || values.length === 0 || values.length > 100)
        return fail(`gives in(${path}) ${Array.isArray(values) ? values.length : "no"} values, not 1 to 100`);
      return { node: { kind: "in", path, values: values.map((value) => parsed(path, field, value)) } };
    },
    exists: (path: string) => (schemaAt(path), { node: { kind: "exists", path } }),
    notExists: (path: string) => (schemaAt(path), { node: { kind: "notExists", path } }),
    beginsWith: (path: string, prefix: string) => (
      schemaAt(path),
      { node: { kind: "beginsWith", path, value: text(path, prefix) } }
    ),
    contains: (path: string, value: unknown) => {
      schemaAt(path);
      if (
        typeof value !== "string" &&
        typeof value !== "boolean" &&
        !(Number.isFinite(value) && unstorableAt(value) === undefined)
      )
        return fail(`gives contains(${path}) ${String(value)}, not a string, number within ±2^53 or boolean`);
      return { node: { kind: "contains", path, value } };
    },
    size: (path: string) => (schemaAt(path), { size: path }),
    and: several("and"),
    or: several("or"),
    not: (condition: Condition) => ({ node: { kind: "not", condition: nodeOf(condition) } }),
  } as ConditionBuilder<unknown>;
}

/**
 * Whether `low` sorts after `high` as DynamoDB compares them (numbers by value, strings by their UTF-8 bytes), which
 * DynamoDB refuses in `BETWEEN`; values of other types are not ordered by it.
 */
function above(low: unknown, high: unknown): boolean {
  if (typeof low === "number" && typeof high === "number") return low > high;
  if (typeof low === "string" && typeof high === "string")
    return Buffer.compare(Buffer.from(low, "utf8"), Buffer.from(high, "utf8")) > 0;
  return false;
}

/** A compiled expression and the placeholders it uses. */
export interface CompiledExpression {
  readonly expression: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Compiles a condition; placeholders are `#<prefix>N` and `:<prefix>N`, so that several expressions (a guard, a
 * condition, a filter) can share one command without clashing.
 *
 * @example
 * compileCondition(c.eq("title", "Hi"), "c"); //=> { expression: "#c0 = :c0", names: { "#c0": "title" }, values: { ":c0": "Hi" } }
 */
export function compileCondition(condition: Condition, prefix: string): CompiledExpression {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const nameIds = new Map<string, string>();
  let valueCount = 0;
  const name = (part: string): string => {
    let id = nameIds.get(part);
    if (id === undefined) nameIds.set(part, (id = `#${prefix}${nameIds.size}`));
    names[id] = part;
    return id;
  };
  const path = (dotted: string): string => dotted.split(".").map(name).join(".");
  const value = (given: unknown): string => {
    const id = `:${prefix}${valueCount++}`;
    values[id] = given;
    return id;
  };
  const operand = (of: Operand): string => (of.size ? `size(${path(of.path)})` : path(of.path));
  const compile = (node: ConditionNode): string => {
    switch (node.kind) {
      case "compare":
        return `${operand(node.operand)} ${node.comparator} ${value(node.value)}`;
      case "exists":
        return `attribute_exists(${path(node.path)})`;
      case "notExists":
        return `attribute_not_exists(${path(node.path)})`;
      case "beginsWith":
        return `begins_with(${path(node.path)}, ${value(node.value)})`;
      case "contains":
        return `contains(${path(node.path)}, ${value(node.value)})`;
      case "between":
        return `${operand(node.operand)} BETWEEN ${value(node.low)} AND ${value(node.high)}`;
      case "in":
        return `${path(node.path)} IN (${node.values.map(value).join(", ")})`;
      case "and":
      case "or":
        return `(${node.conditions.map(compile).join(node.kind === "and" ? " AND " : " OR ")})`;
      case "not":
        return `(NOT ${compile(node.condition)})`;
    }
  };
  return { expression: compile(condition.node), names, values };
}

/** A command that carries a condition (every guarded write does). */
export interface ConditionedCommand {
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues?: Readonly<Record<string, unknown>>;
}

/**
 * The command with `condition` ANDed to its own (built-in) condition: both must hold.
 *
 * @example
 * const command = withCondition(scope.put(note), compileCondition(condition, "c"));
 */
export function withCondition<TCommand extends ConditionedCommand>(
  command: TCommand,
  condition: CompiledExpression | undefined,
): TCommand {
  if (condition === undefined) return command;
  const values = { ...command.ExpressionAttributeValues, ...condition.values };
  return {
    ...command,
    ConditionExpression:
      command.ConditionExpression === undefined
        ? condition.expression
        : `(${command.ConditionExpression}) AND ${condition.expression}`,
    ExpressionAttributeNames: { ...command.ExpressionAttributeNames, ...condition.names },
    ...(Object.keys(values).length === 0 ? {} : { ExpressionAttributeValues: values }),
  };
}

/**
 * Builds and compiles a condition option, or `undefined` when none is given.
 *
 * @example
 * const compiled = buildCondition("Note", Note.schema, (c) => c.eq("title", "Hi"));
 */
export function buildCondition(
  entity: string,
  schema: AnyObjectSchema,
  input: unknown,
  prefix = "c",
): CompiledExpression | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== "function")
    throw new CapsuleEntityError(conditionInvalidMessage(entity, `is ${typeof input}, not a function of the builder`));
  const condition: unknown = (input as ConditionInput<unknown>)(conditionBuilder(entity, schema));
  if (typeof condition !== "object" || condition === null || !("node" in condition))
    throw new CapsuleEntityError(
      conditionInvalidMessage(entity, `returned ${typeof condition}, not a condition of the builder`),
    );
  return compileCondition(condition as Condition, prefix);
}
