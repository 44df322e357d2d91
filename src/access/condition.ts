/**
 * Typed conditions over an entity's attributes (nested paths too), for writes (`condition` on put, update, delete,
 * a transaction's `check`) and, through the same compiler, for filters. A condition is built with a
 * {@link ConditionBuilder}, each value validated by its attribute's zod schema, and compiled to a DynamoDB
 * expression in which every attribute name and value is a placeholder (`#c0`, `:c0`): nothing is spliced. It is
 * always ANDed with the write's built-in guard ({@link withCondition}), never a replacement for it.
 */
import { z } from "zod";
import type { AnyObjectSchema } from "../entity/define-entity.js";
import { CapsuleEntityError, ItemValidationError } from "../errors.js";
import { shapeOf, unwrap, type Shape } from "../internal/zod-shape.js";
import { conditionInvalidMessage } from "../messages.js";

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
        | (NonNullable<TItem[TKey]> extends readonly unknown[] | ReadonlySet<unknown>
            ? never
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
 * An operand as a builder takes it: the operand itself, or, when its path is one the builder refuses, that path's
 * message (so the compiler prints it). `TRefused` maps refused paths to messages: `{}` for conditions; filters refuse
 * the key and isolation fields their key condition already decides.
 *
 * @example
 * type Operand = Allowed<SizeOf<"tags">, { tenantId: "[filter.keyField] …" }>; //=> SizeOf<"tags">
 */
export type Allowed<TOperand, TRefused> = [TOperand extends SizeOf<infer TPath> ? TPath : TOperand] extends [
  infer TPath extends keyof TRefused,
]
  ? TRefused[TPath]
  : TOperand;

/**
 * Builds conditions over the attributes of `TItem` (the entity's stored item type): completions for every path,
 * values typed by the attribute. `TRefused` (path → message) lists paths the builder refuses, as for filters.
 *
 * @example
 * notes.update({ noteId: "n1" }, { title: "Final" }, {
 *   condition: (c) => c.and(c.eq("status", "draft"), c.or(c.notExists("lockedBy"), c.lt(c.size("tags"), 10))),
 * });
 * @see docs/dynamodb.md
 */
export interface ConditionBuilder<TItem, TRefused = {}> {
  /** The attribute (or its size) equals the value. */
  eq<TOperand extends Compared<TItem>>(
    operand: Allowed<TOperand, TRefused>,
    value: ComparedValue<TItem, TOperand>,
  ): Condition;
  /** The attribute (or its size) differs from the value (or is absent). */
  ne<TOperand extends Compared<TItem>>(
    operand: Allowed<TOperand, TRefused>,
    value: ComparedValue<TItem, TOperand>,
  ): Condition;
  /** Less than. */
  lt<TOperand extends Compared<TItem>>(
    operand: Allowed<TOperand, TRefused>,
    value: ComparedValue<TItem, TOperand>,
  ): Condition;
  /** Less than or equal. */
  le<TOperand extends Compared<TItem>>(
    operand: Allowed<TOperand, TRefused>,
    value: ComparedValue<TItem, TOperand>,
  ): Condition;
  /** Greater than. */
  gt<TOperand extends Compared<TItem>>(
    operand: Allowed<TOperand, TRefused>,
    value: ComparedValue<TItem, TOperand>,
  ): Condition;
  /** Greater than or equal. */
  ge<TOperand extends Compared<TItem>>(
    operand: Allowed<TOperand, TRefused>,
    value: ComparedValue<TItem, TOperand>,
  ): Condition;
  /** Between `low` and `high`, both included. */
  between<TOperand extends Compared<TItem>>(
    operand: Allowed<TOperand, TRefused>,
    low: ComparedValue<TItem, TOperand>,
    high: ComparedValue<TItem, TOperand>,
  ): Condition;
  /** One of 1 to 100 values. */
  in<TPath extends ConditionPath<TItem>>(
    path: Allowed<TPath, TRefused>,
    values: readonly ValueAt<TItem, TPath>[],
  ): Condition;
  /** The attribute is present (`attribute_exists`). */
  exists<TPath extends ConditionPath<TItem>>(path: Allowed<TPath, TRefused>): Condition;
  /** The attribute is absent (`attribute_not_exists`). */
  notExists<TPath extends ConditionPath<TItem>>(path: Allowed<TPath, TRefused>): Condition;
  /** A string attribute starts with `prefix` (a prefix is not a whole value: it is checked as a string only). */
  beginsWith<TPath extends ConditionPath<TItem>>(path: Allowed<TPath, TRefused>, prefix: string): Condition;
  /** A string contains a substring, or a list or set contains an element. */
  contains<TPath extends ConditionPath<TItem>>(path: Allowed<TPath, TRefused>, value: unknown): Condition;
  /** The size of an attribute, to compare: `c.gt(c.size("tags"), 2)`. */
  size<TPath extends ConditionPath<TItem>>(path: Allowed<TPath, TRefused>): SizeOf<TPath>;
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
      if (field === undefined) return fail(`names ${JSON.stringify(path)}, which is not an attribute of ${entity}`);
      fields = shapeOf(field);
    }
    return unwrap(field!);
  };
  const parsed = (path: string, field: z.core.$ZodType, value: unknown): unknown => {
    const result = z.safeParse(field, value);
    if (!result.success)
      throw new ItemValidationError(
        entity,
        result.error.issues.map((issue) => ({ ...issue, path: [...path.split("."), ...issue.path] })),
      );
    return result.data;
  };
  const operand = (given: unknown): Operand =>
    typeof given === "object" && given !== null && "size" in given
      ? (schemaAt(given.size), { path: given.size as string, size: true })
      : (schemaAt(given), { path: given as string, size: false });
  const valueOf = (of: Operand, value: unknown): unknown =>
    of.size
      ? parsed(`size(${of.path})`, z.number().int().nonnegative(), value)
      : parsed(of.path, schemaAt(of.path), value);
  const nodeOf = (condition: unknown): ConditionNode =>
    typeof condition === "object" && condition !== null && "node" in condition
      ? (condition as Condition).node
      : fail(`combines ${typeof condition}, not a condition of the builder`);
  const compare =
    (comparator: Comparator) =>
    (given: unknown, value: unknown): Condition => {
      const of = operand(given);
      return { node: { kind: "compare", operand: of, comparator, value: valueOf(of, value) } };
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
      return { node: { kind: "between", operand: of, low: valueOf(of, low), high: valueOf(of, high) } };
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
      if (value === undefined || value === null || typeof value === "object")
        return fail(`gives contains(${path}) ${String(value)}, not a string, number or boolean`);
      return { node: { kind: "contains", path, value } };
    },
    size: (path: string) => (schemaAt(path), { size: path }),
    and: several("and"),
    or: several("or"),
    not: (condition: Condition) => ({ node: { kind: "not", condition: nodeOf(condition) } }),
  } as ConditionBuilder<unknown>;
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
