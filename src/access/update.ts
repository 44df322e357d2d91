/**
 * Updates of non-key attributes. The primary key and the isolation ids cannot change in place (an item that
 * moved would need a new key): updating a field they are built from is refused. Index keys are rebuilt: an
 * update that changes a field an index key (say `gsi1sk`) is built from must give every field of that key
 * (the ones not already in the primary key), so the key is recomputed and written with the fields, never
 * left stale. Each value is validated by its field's schema; `undefined` removes an optional field.
 *
 * Update operators ({@link op}: add, subtract, append, prepend, deleteFromSet, ifNotExists) compute the new value in
 * DynamoDB; since it is not known when the command is built, an operator on a field an index key is built from is
 * refused (the key could not be rebuilt), and the item returned is verified by `fromItem` as every read is.
 */
import { z } from "zod";
import type { AnyObjectSchema } from "../entity/define-entity.js";
import { CapsuleEntityError, ItemValidationError } from "../errors.js";
import type { KeyCodec } from "../keys/key-codec.js";
import { unwrap, type Shape } from "../internal/zod-shape.js";
import type { TopOf } from "../internal/types.js";
import {
  unstorableMessage,
  updateOperatorMessage,
  updateKeyFieldMessage,
  updateNothingMessage,
  updatePartialIndexMessage,
  updateUnknownFieldMessage,
  updateOperatorTypeMessage,
  type UpdateKeyFieldMessage,
  type UpdateNothingMessage,
  type UpdateOperatorTypeMessage,
} from "../messages.js";

/**
 * The top-level field a placeholder path starts at.
 *
 * @example
 * type Field = FieldOf<"context.tenantId">; //=> "context"
 */
export type FieldOf<TPath extends string> = TopOf<TPath>;

/**
 * The attributes an update may change: every schema field except `TFixed` (those the primary key and the
 * isolation ids are built from). Optional fields accept `undefined`, which removes them. With no such field, the one
 * key no changes can give (`noUpdatableField`).
 *
 * @example
 * type Changes = UpdateChanges<typeof Note.schema, "tenantId" | "capsuleId" | "noteId">;
 * //=> { readonly title?: string; readonly body?: string | undefined; … }
 */
export type UpdateChanges<
  TSchema extends AnyObjectSchema,
  TFixed extends string,
> = keyof z.input<TSchema> extends TFixed
  ? { readonly [noUpdatableField]?: never }
  : {
      readonly [TField in Exclude<keyof z.input<TSchema>, TFixed>]?:
        z.input<TSchema>[TField] | OperatorsFor<z.output<TSchema>[TField & keyof z.output<TSchema>]>;
    };
/**
 * The one key of the changes of an entity none of whose fields may be updated (each is a key or isolation field): no
 * changes can give it, and the changes are no empty object type, against which TypeScript checks no excess property
 * (`update(key, { orgId })` compiled there, then threw `update.keyField`; now the catch-all overload gives its message).
 */
declare const noUpdatableField: unique symbol;
/**
 * The keys of `T`, as a conditional rather than `keyof T`: a mapped type over `keyof T` reads its modifiers from `T`
 * on every call (6 instantiations more per update), one over this only indexes it.
 */
type KeysOf<T> = T extends unknown ? keyof T : never;

/** The operator names (DynamoDB's update actions and functions). */
type OperatorKind = "add" | "subtract" | "append" | "prepend" | "deleteFromSet" | "ifNotExists";

/**
 * An update operator for a field whose values are `TValue` (made by {@link op}).
 *
 * @example
 * const bump: UpdateOperator<"add", number> = op.add(1);
 */
export interface UpdateOperator<TKind extends OperatorKind, TValue> {
  readonly operator: TKind;
  readonly value: TValue;
  /** Distinguishes operators from plain object values. */
  readonly [operatorMark]: true;
}
const operatorMark: unique symbol = Symbol("capsule-entity.updateOperator");

/** The operators a field of type `TValue` takes: numbers add and subtract, sets add and delete, lists append and prepend. */
type OperatorsFor<TValue> =
  | (NonNullable<TValue> extends number ? UpdateOperator<"add" | "subtract", number> : never)
  | (NonNullable<TValue> extends ReadonlySet<infer TElement>
      ? UpdateOperator<"add" | "deleteFromSet", ReadonlySet<TElement>>
      : never)
  | (NonNullable<TValue> extends readonly (infer TElement)[]
      ? UpdateOperator<"append" | "prepend", readonly TElement[]>
      : never)
  | UpdateOperator<"ifNotExists", NonNullable<TValue>>;

/** The operator kinds a field of type `TValue` takes (the kinds of {@link OperatorsFor}). */
type OperatorKindsFor<TValue> =
  | (NonNullable<TValue> extends number ? "add" | "subtract" : never)
  | (NonNullable<TValue> extends ReadonlySet<unknown> ? "add" | "deleteFromSet" : never)
  | (NonNullable<TValue> extends readonly unknown[] ? "append" | "prepend" : never)
  | "ifNotExists";

/**
 * The changes of an update, checked against the changes given (`TChanges`, inferred): each field takes its values
 * and the operators of its type, and an operator of another type (`op.add` on a string) turns that field's type
 * into the catalog message. Unknown and key fields stay excess properties, as in {@link UpdateChanges} (a key field
 * gets its message from the catch-all overload, `CheckUpdateKeyFields`).
 * No change at all (`{}`, a literal or a variable) is `update.nothing`'s message (`TName`: the entity's), as the
 * runtime refuses it: the changes' type cannot refuse `{}` (every field is optional, and TypeScript's weak-type check
 * skips an object without properties). The tests, in order: `{} extends TChanges`, false for any changes naming a
 * field (the common path goes straight to the checked fields); `[string] extends [TChanges]`, true for `{}` alone of
 * the rest (not for a `Partial` variable, whose fields `string` lacks); `unknown extends TChanges`, for `unknown`,
 * what TypeScript erases `TChanges` to in `Parameters<…>` (the adapter's key). `TChanges` alone, in a branch never
 * taken (`[TChanges] extends [unknown]` is always true), is where the compiler infers it from the argument; with
 * nothing inferred (`object`: an editor completing `{ }`), and for a `Partial` variable, it is {@link UpdateChanges}.
 * Costs 15 instantiations per update (the update probe 1,678 → 1,693): the first test is no longer resolved before
 * `TChanges` is inferred, as `[TChanges] extends [unknown]` was.
 *
 * @example
 * scope.update({ noteId: "n1" }, { title: op.add(1) });
 * // type error on title: "[update.operatorType] title does not take op.add: add and subtract are for numbers, …"
 */
export type CheckUpdateChanges<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TFixed extends string,
  TChanges extends object,
> = {} extends TChanges
  ? [string] extends [TChanges]
    ? unknown extends TChanges
      ? UpdateChanges<TSchema, TFixed>
      : UpdateNothingMessage<TName>
    : [TChanges] extends [unknown]
      ? UpdateChanges<TSchema, TFixed>
      : TChanges
  : {
      readonly [TField in KeysOf<UpdateChanges<TSchema, TFixed>>]?: TField extends keyof TChanges
        ? CheckOperator<
            TField & string,
            TChanges[TField],
            z.output<TSchema>[TField & keyof z.output<TSchema>],
            UpdateChanges<TSchema, TFixed>[TField]
          >
        : UpdateChanges<TSchema, TFixed>[TField];
    };

/**
 * The changes of the catch-all `update` overloads, tried only when {@link CheckUpdateChanges} refuses the changes (a
 * correct update never computes it): {@link CheckUpdateChanges} with each field the primary key or the isolation ids
 * are built from (`TFixed`), given, typed as `update.keyField`'s message on that property (`TIsolation`: the entity's
 * isolation paths, for its example), where the signature above reported an excess property. Always true, for the
 * inference of `TChanges`, as {@link CheckUpdateChanges}.
 *
 * @example
 * scope.update({ noteId: "n1" }, { tenantId: next });
 * // type error on tenantId: "[update.keyField] Note cannot update tenantId: … | e.g. scope.delete(key) then …"
 */
export type CheckUpdateKeyFields<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TFixed extends string,
  TIsolation extends string,
  TChanges extends object,
> = [TChanges] extends [unknown]
  ? CheckUpdateChanges<TName, TSchema, TFixed, TChanges> & {
      readonly [TField in keyof TChanges & TFixed]: UpdateKeyFieldMessage<TName, TField, TIsolation>;
    }
  : TChanges;

/**
 * The parameters of a catch-all `update` after its changes (`TRest`): themselves when a key or isolation field is among
 * the changes, else two more than a call gives, so that TypeScript drops the catch-all on its arity once it has
 * inferred the changes and reports the exact signature's error alone (as put's `PutRestWhenIdMistake`).
 */
export type UpdateRestWhenKeyField<TFixed extends string, TChanges, TRest extends readonly unknown[]> = [
  keyof TChanges & TFixed,
] extends [never]
  ? [never, never]
  : TRest;
/**
 * A field's change: an operator of a kind the field's type (`TValue`) does not take becomes the message, anything
 * else the field's changes (`TAllowed`), which check it as before.
 */
type CheckOperator<TField extends string, TGiven, TValue, TAllowed> =
  TGiven extends UpdateOperator<infer TKind, unknown>
    ? TKind extends OperatorKindsFor<TValue>
      ? TAllowed
      : UpdateOperatorTypeMessage<TField, TKind>
    : TAllowed;

const operator =
  <TKind extends OperatorKind>(kind: TKind) =>
  <TValue>(value: TValue): UpdateOperator<TKind, TValue> => ({ operator: kind, value, [operatorMark]: true });

/**
 * Update operators: values computed by DynamoDB from the stored ones. Each operand is validated by the field's
 * schema.
 *
 * @example
 * await notes.update({ noteId: "n1" }, {
 *   views: op.add(1),               // SET views = views + 1 (ADD, so a missing count starts at 0)
 *   tags: op.append(["urgent"]),    // SET tags = list_append(tags, ["urgent"])
 *   labels: op.deleteFromSet(new Set(["old"])),
 *   createdBy: op.ifNotExists("u1"),
 * });
 * @see docs/dynamodb.md
 */
export const op: {
  /** Adds to a number (a missing one counts as 0), or adds elements to a set. */
  readonly add: <TValue extends number | ReadonlySet<unknown>>(value: TValue) => UpdateOperator<"add", TValue>;
  /** Subtracts from a number (a missing one counts as 0). */
  readonly subtract: (value: number) => UpdateOperator<"subtract", number>;
  /** Appends elements to a list (a missing list starts empty). */
  readonly append: <TElement>(values: readonly TElement[]) => UpdateOperator<"append", readonly TElement[]>;
  /** Prepends elements to a list (a missing list starts empty). */
  readonly prepend: <TElement>(values: readonly TElement[]) => UpdateOperator<"prepend", readonly TElement[]>;
  /** Deletes elements from a set. */
  readonly deleteFromSet: <TElement>(
    values: ReadonlySet<TElement>,
  ) => UpdateOperator<"deleteFromSet", ReadonlySet<TElement>>;
  /** Sets the value only when the attribute is absent. */
  readonly ifNotExists: <TValue>(value: TValue) => UpdateOperator<"ifNotExists", TValue>;
} = Object.freeze({
  add: operator("add"),
  subtract: operator("subtract"),
  append: operator("append"),
  prepend: operator("prepend"),
  deleteFromSet: operator("deleteFromSet"),
  ifNotExists: operator("ifNotExists"),
});

/**
 * The first part of a value (itself, or nested in objects, lists and sets) that DynamoDB cannot store, with its
 * path, else `undefined`: an empty set, or a number beyond ±2^53 (the DocumentClient refuses it, to lose no digit).
 * `path` is the value's own ("" for an item).
 *
 * @example
 * unstorableAt({ meta: { labels: new Set() } }); //=> { path: "meta.labels", what: "an empty set" }
 */
export function unstorableAt(value: unknown, path = ""): { readonly path: string; readonly what: string } | undefined {
  if (typeof value === "number")
    return Math.abs(value) > Number.MAX_SAFE_INTEGER ? { path, what: `${value}, a number beyond ±2^53` } : undefined;
  if (value instanceof Set) {
    if (value.size === 0) return { path, what: "an empty set" };
    return [...value].map((element) => unstorableAt(element, path)).find((found) => found !== undefined);
  }
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, element] of Object.entries(value)) {
    const found = unstorableAt(
      element,
      Array.isArray(value) ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Throws `write.unstorable` when {@link unstorableAt} finds a part of `value` DynamoDB cannot store. */
export function assertStorable(operation: string, value: unknown, path?: string): void {
  const found = unstorableAt(value, path);
  if (found !== undefined) throw new CapsuleEntityError(unstorableMessage(operation, found.path, found.what));
}

/** Whether a change is an operator made by {@link op}. */
function isOperator(value: unknown): value is UpdateOperator<OperatorKind, unknown> {
  return typeof value === "object" && value !== null && operatorMark in value;
}

/** The operator kinds a field's schema takes (optional and nullable wrappers removed): {@link OperatorKindsFor}. */
function operatorKinds(field: z.core.$ZodType): readonly OperatorKind[] {
  const type = unwrap(field)._zod.def.type;
  return type === "number"
    ? ["add", "subtract", "ifNotExists"]
    : type === "set"
      ? ["add", "deleteFromSet", "ifNotExists"]
      : type === "array"
        ? ["append", "prepend", "ifNotExists"]
        : ["ifNotExists"];
}

/** An update as attribute assignments: fields (and rebuilt index keys) to set, optional fields to remove. */
export interface UpdatePlan {
  readonly set: readonly (readonly [attribute: string, value: unknown])[];
  readonly remove: readonly string[];
  /** Operators, their operands validated. */
  readonly operations: readonly (readonly [attribute: string, kind: OperatorKind, value: unknown])[];
}

/** The fields a template's placeholders start at. */
export function fieldsOf(codec: KeyCodec): string[] {
  return codec.template.paths.map((path) => path.split(".")[0]!);
}

/**
 * Validates `changes` and plans the update. `fixed` are the fields that cannot change (`isolation`: the isolation
 * paths, for the message's example), `keyValues` the primary key input with the scope's ids filled in,
 * `indexCodecs` the index key codecs by attribute.
 */
export function planUpdate(
  entity: string,
  schema: AnyObjectSchema,
  fixed: ReadonlySet<string>,
  isolation: readonly string[],
  indexCodecs: Readonly<Record<string, KeyCodec>>,
  keyValues: Readonly<Record<string, unknown>>,
  changes: unknown,
): UpdatePlan {
  const shape = schema.shape as Shape;
  const fields = typeof changes === "object" && changes !== null ? Object.keys(changes) : [];
  if (fields.length === 0) throw new CapsuleEntityError(updateNothingMessage(entity));
  const set: [string, unknown][] = [];
  const remove: string[] = [];
  const operations: [string, OperatorKind, unknown][] = [];
  const parsed: Record<string, unknown> = { ...keyValues };
  const validated = (field: string, schema: z.core.$ZodType, value: unknown): unknown => {
    const result = z.safeParse(schema, value);
    if (!result.success)
      throw new ItemValidationError(
        entity,
        result.error.issues.map((issue) => ({ ...issue, path: [field, ...issue.path] })),
      );
    assertStorable(`${entity}.update`, result.data, field);
    return result.data;
  };
  for (const field of fields) {
    if (!Object.hasOwn(shape, field))
      throw new CapsuleEntityError(updateUnknownFieldMessage(entity, JSON.stringify(field)));
    if (fixed.has(field)) throw new CapsuleEntityError(updateKeyFieldMessage(entity, field, isolation));
    const change = (changes as Record<string, unknown>)[field];
    if (isOperator(change)) {
      // The field's type takes the operator (the runtime twin of CheckUpdateChanges), and the operand is a value
      // of the field (a number to add or subtract, a set, a list, a default): its schema checks it.
      if (!operatorKinds(shape[field]!).includes(change.operator))
        throw new CapsuleEntityError(updateOperatorTypeMessage(field, change.operator));
      // The field's schema without its optional wrapper: an operand is never undefined (nothing to add or default to).
      operations.push([field, change.operator, validated(field, unwrap(shape[field]!), change.value)]);
      continue;
    }
    const value = validated(field, shape[field]!, change);
    if (value === undefined) remove.push(field);
    else set.push([field, value]);
    Object.defineProperty(parsed, field, { value, enumerable: true, writable: true, configurable: true });
  }

  // Rebuild every index key built from a changed field, from the update and the primary key.
  const changed = new Set(fields);
  const computed = new Set(operations.map(([field]) => field));
  for (const [attribute, codec] of Object.entries(indexCodecs)) {
    const needed = [...new Set(fieldsOf(codec))];
    const touched = needed.filter((field) => changed.has(field));
    if (touched.length === 0) continue;
    const byOperator = touched.find((field) => computed.has(field));
    if (byOperator !== undefined) throw new CapsuleEntityError(updateOperatorMessage(entity, byOperator, attribute));
    const missing = needed.filter((field) => !changed.has(field) && !fixed.has(field));
    if (missing.length > 0) {
      throw new CapsuleEntityError(
        updatePartialIndexMessage(entity, attribute, touched.join(", "), missing.join(", ")),
      );
    }
    set.push([attribute, codec.build(parsed)]);
  }
  return { set, remove, operations };
}

/** The update expression of a plan, its names (`stored` maps key attributes to the table's) and values. */
export function renderUpdate(
  plan: UpdatePlan,
  stored: (attribute: string) => string,
): { readonly expression: string; readonly names: Record<string, string>; readonly values: Record<string, unknown> } {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = plan.set.map(([attribute, value], index) => {
    names[`#u${index}`] = stored(attribute);
    values[`:u${index}`] = value;
    return `#u${index} = :u${index}`;
  });
  const adds: string[] = [];
  const deletes: string[] = [];
  plan.operations.forEach(([attribute, kind, value], index) => {
    const [name, operand] = [`#o${index}`, `:o${index}`];
    names[name] = attribute;
    values[operand] = value;
    if (kind === "add") adds.push(`${name} ${operand}`);
    else if (kind === "deleteFromSet") deletes.push(`${name} ${operand}`);
    else if (kind === "ifNotExists") sets.push(`${name} = if_not_exists(${name}, ${operand})`);
    else {
      // A missing number counts as 0 and a missing list as empty, as ADD does: `:zero` / `:empty` are those defaults.
      const empty = kind === "subtract" ? ":zero" : ":empty";
      values[empty] = kind === "subtract" ? 0 : [];
      sets.push(
        kind === "subtract"
          ? `${name} = if_not_exists(${name}, ${empty}) - ${operand}`
          : kind === "append"
            ? `${name} = list_append(if_not_exists(${name}, ${empty}), ${operand})`
            : `${name} = list_append(${operand}, if_not_exists(${name}, ${empty}))`,
      );
    }
  });
  plan.remove.forEach((attribute, index) => (names[`#r${index}`] = attribute));
  const clauses = [
    ["SET", sets],
    ["REMOVE", plan.remove.map((_, index) => `#r${index}`)],
    ["ADD", adds],
    ["DELETE", deletes],
  ] as const;
  return {
    expression: clauses
      .filter(([, parts]) => parts.length > 0)
      .map(([keyword, parts]) => `${keyword} ${parts.join(", ")}`)
      .join(" "),
    names,
    values,
  };
}
