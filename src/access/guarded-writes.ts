/**
 * The write commands of a scope with the options the adapter and transactions share: a typed `condition` ANDed
 * with each write's built-in guard, `check` (a transaction's condition on an item it does not write), and the
 * return values an update may ask for. The built-in guards come from the scope's own commands unchanged.
 */
import type { RuntimeScope } from "./create-scope.js";
import type { z } from "zod";
import type { AnyObjectSchema, Entity } from "../entity/define-entity.js";
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { maintainedFieldMessage, versionMissingMessage, writeOptionMessage } from "../messages.js";
import { assertStorable } from "./update.js";
import { buildCondition, withCondition, type CompiledExpression, type ConditionInput } from "./condition.js";

/**
 * The options of a guarded put, update or delete.
 *
 * @example
 * await notes.delete({ noteId: "n1" }, { condition: (c) => c.eq("status", "archived") });
 * @see docs/dynamodb.md
 */
export interface WriteOptions<TSchema extends AnyObjectSchema> {
  /** A condition on the stored item, ANDed with the write's guard (the write is refused when either fails). */
  readonly condition?: ConditionInput<z.output<TSchema>>;
  /** A versioned entity's delete: the version it read (see `version` in `defineEntity`). */
  readonly version?: number;
}

/**
 * The options of a guarded put through a connection or a transaction: a write's options and `ifNotExists`.
 *
 * @example
 * await notes.put({ ...ids, noteId: "n1", title: "First" }, { ifNotExists: true });
 */
export interface PutOptions<TSchema extends AnyObjectSchema> extends WriteOptions<TSchema> {
  /** Refuse the put when an item with this key exists (of any entity). */
  readonly ifNotExists?: boolean;
}

/**
 * What an update returns: the item after it (`"ALL_NEW"`, the default), before it (`"ALL_OLD"`), or nothing.
 * Either item is verified like every read.
 *
 * @example
 * const before = await notes.update({ noteId: "n1" }, { title: "New" }, { returnValues: "ALL_OLD" });
 */
export type UpdateReturnValues = "ALL_NEW" | "ALL_OLD" | "NONE";

/**
 * The options of a guarded update.
 *
 * @example
 * await notes.update({ noteId: "n1" }, { views: op.add(1) }, { returnValues: "NONE" });
 */
export interface UpdateOptions<
  TSchema extends AnyObjectSchema,
  TReturn extends UpdateReturnValues = UpdateReturnValues,
> extends WriteOptions<TSchema> {
  readonly returnValues?: TReturn;
}

/** The option keys of each write ({@link WriteOptions}, {@link UpdateOptions}, and put's `ifNotExists`). */
const writeOptionKeys = {
  put: ["ifNotExists", "condition", "version"],
  update: ["condition", "version", "returnValues"],
  delete: ["condition", "version"],
} as const;

/** A scope as the runtime sees it. */
type AnyScope = RuntimeScope;
/** A write's DocumentClient input: put (`Item`), update (`UpdateExpression`), delete or check (`Key`). */
export interface WriteCommand {
  readonly TableName: string;
  readonly Key?: Readonly<Record<string, unknown>>;
  readonly Item?: Readonly<Record<string, unknown>>;
  readonly UpdateExpression?: string;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues?: Readonly<Record<string, unknown>>;
  readonly ReturnValues?: UpdateReturnValues;
  /** Versioned entities: the stored item comes back with a condition failure, to tell a version conflict. */
  readonly ReturnValuesOnConditionCheckFailure?: "ALL_OLD";
}

/** The guarded write commands of one scope (DocumentClient inputs). */
export interface GuardedWrites {
  put(attributes: unknown, options?: { readonly ifNotExists?: boolean; readonly condition?: unknown }): WriteCommand;
  update(
    key: unknown,
    changes: unknown,
    options?: { readonly condition?: unknown; readonly returnValues?: unknown },
  ): WriteCommand;
  delete(key: unknown, options?: { readonly condition?: unknown; readonly version?: unknown }): WriteCommand;
  /** A condition on an existing item of this entity and scope (TransactWriteItems' `ConditionCheck`). */
  check(key: unknown, condition: unknown): WriteCommand;
}

/**
 * The guarded writes of a scope of `entity`.
 *
 * @example
 * const writes = guardedWrites(Note, Note.scope(ids));
 * await client.send(new PutCommand(writes.put(note, { condition: (c) => c.notExists("title") })));
 */
export function guardedWrites(entity: Entity, scope: AnyScope): GuardedWrites {
  const condition = (input: unknown) => buildCondition(entity.name, entity.schema, input);
  const { version, createdAt, updatedAt } = entity.writes;
  /** The version the caller read: a non-negative integer, else `version.missing`. */
  const expectedVersion = (operation: string, given: unknown): number => {
    if (typeof given !== "number" || !Number.isInteger(given) || given < 0)
      throw new CapsuleEntityError(versionMissingMessage(`${entity.name}.${operation}`, version!));
    return given;
  };
  /** The lock's condition: the stored version is the one read (0: no item yet). */
  const locked = (expected: number): CompiledExpression =>
    expected === 0
      ? { expression: "attribute_not_exists(#pk)", names: {}, values: {} }
      : {
          expression: "#lockVersion = :lockVersion",
          names: { "#lockVersion": version! },
          values: { ":lockVersion": expected },
        };
  const lockedCommand = <TCommand extends WriteCommand>(command: TCommand, expected: number): TCommand => ({
    ...withCondition(command, locked(expected)),
    ReturnValuesOnConditionCheckFailure: "ALL_OLD",
  });
  /** The fields the library maintains, set to now (`fields` of createdAt / updatedAt). */
  const stamped = (values: unknown, fields: readonly (string | undefined)[]): Record<string, unknown> => {
    const now = new Date().toISOString();
    const copy: Record<string, unknown> = { ...(values as object) };
    for (const field of fields) if (field !== undefined) copy[field] = now;
    return copy;
  };

  /**
   * The options as the types take them: a key of none (a misspelt `ifNotExist`) or an `ifNotExists` that is not a
   * boolean (`"true"` from a request) would be ignored, the write sent without it (overwriting what `ifNotExists`
   * was meant to keep): refused.
   */
  const checkOptions = (operation: keyof typeof writeOptionKeys, options: unknown): void => {
    if (options === undefined) return;
    const refuse = (option: string, problem: string) =>
      new CapsuleEntityError(writeOptionMessage(entity.name, operation, option, problem));
    if (typeof options !== "object" || options === null) throw refuse("options", `are ${describeValue(options)}`);
    const stray = Object.keys(options).find((key) => !(writeOptionKeys[operation] as readonly string[]).includes(key));
    if (stray !== undefined) throw refuse(stray, `is not an option of ${operation}`);
    const ifNotExists: unknown = (options as { readonly ifNotExists?: unknown }).ifNotExists;
    if (ifNotExists !== undefined && typeof ifNotExists !== "boolean")
      throw refuse("ifNotExists", `is ${describeValue(ifNotExists)}`);
  };

  return {
    put: (attributes, options) => {
      checkOptions("put", options);
      assertStorable(`${entity.name}.put`, attributes);
      let values = stamped(attributes, [createdAt, updatedAt]);
      const expected = version === undefined ? undefined : expectedVersion("put", values[version] ?? 0);
      if (expected !== undefined) values = { ...values, [version!]: expected + 1 };
      const command = withCondition(
        scope.put(
          values as never,
          options?.ifNotExists === undefined ? undefined : { ifNotExists: options.ifNotExists },
        ),
        condition(options?.condition),
      ) as WriteCommand;
      return expected === undefined ? command : lockedCommand(command, expected);
    },
    update: (key, changes, options) => {
      checkOptions("update", options);
      const returnValues: unknown = options?.returnValues ?? "ALL_NEW";
      if (returnValues !== "ALL_NEW" && returnValues !== "ALL_OLD" && returnValues !== "NONE")
        throw new CapsuleEntityError(
          writeOptionMessage(entity.name, "update", "returnValues", `is ${describeValue(returnValues)}`),
        );
      // The timestamps are the library's: a given updatedAt would be overwritten, a given createdAt would lose it.
      for (const field of [createdAt, updatedAt])
        if (field !== undefined && typeof changes === "object" && changes !== null && Object.hasOwn(changes, field))
          throw new CapsuleEntityError(maintainedFieldMessage(`${entity.name}.update`, field));
      let values = stamped(changes, [updatedAt]);
      const expected =
        version === undefined ? undefined : expectedVersion("update", (changes as Record<string, unknown>)?.[version]);
      if (expected !== undefined) values = { ...values, [version!]: expected + 1 };
      const command: WriteCommand = {
        ...(withCondition(scope.update(key as never, values as never), condition(options?.condition)) as WriteCommand),
        ReturnValues: returnValues as UpdateReturnValues,
      };
      return expected === undefined ? command : lockedCommand(command, expected);
    },
    delete: (key, options) => {
      checkOptions("delete", options);
      const command = withCondition(scope.delete(key as never), condition(options?.condition)) as WriteCommand;
      return version === undefined ? command : lockedCommand(command, expectedVersion("delete", options?.version));
    },
    check: (key, input) => {
      // The delete guard reads "absent, or this entity's and the scope's": with the item required to exist, it
      // is the update guard (exists, this entity's, the scope's ids). The caller's condition is ANDed to it.
      const { TableName, Key, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = scope.delete(
        key as never,
      );
      return withCondition(
        {
          TableName,
          Key,
          ConditionExpression: `attribute_exists(#pk) AND (${ConditionExpression})`,
          ExpressionAttributeNames,
          ...(ExpressionAttributeValues === undefined ? {} : { ExpressionAttributeValues }),
        },
        condition(input),
      ) as WriteCommand;
    },
  };
}
