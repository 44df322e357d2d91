/**
 * The write commands of a scope with the options the adapter and transactions share: a typed `condition` ANDed
 * with each write's built-in guard, `check` (a transaction's condition on an item it does not write), and the
 * return values an update may ask for. The built-in guards come from the scope's own commands unchanged.
 */
import type { z } from "zod";
import type { AnyObjectSchema, Entity, KeyTemplates, ResolvedIsolation } from "../entity/define-entity.js";
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../keys/key-codec.js";
import { writeOptionMessage } from "../messages.js";
import { buildCondition, withCondition, type ConditionInput } from "./condition.js";
import type { EntityScope } from "./scope.js";

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

/** A scope as the runtime sees it. */
type AnyScope = EntityScope<string, AnyObjectSchema, KeyTemplates, ResolvedIsolation>;
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
}

/** The guarded write commands of one scope (DocumentClient inputs). */
export interface GuardedWrites {
  put(attributes: unknown, options?: { readonly ifNotExists?: boolean; readonly condition?: unknown }): WriteCommand;
  update(
    key: unknown,
    changes: unknown,
    options?: { readonly condition?: unknown; readonly returnValues?: unknown },
  ): WriteCommand;
  delete(key: unknown, options?: { readonly condition?: unknown }): WriteCommand;
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
  return {
    put: (attributes, options) =>
      withCondition(
        scope.put(
          attributes as never,
          options?.ifNotExists === undefined ? undefined : { ifNotExists: options.ifNotExists },
        ),
        condition(options?.condition),
      ) as WriteCommand,
    update: (key, changes, options) => {
      const returnValues = options?.returnValues ?? "ALL_NEW";
      if (returnValues !== "ALL_NEW" && returnValues !== "ALL_OLD" && returnValues !== "NONE")
        throw new CapsuleEntityError(
          writeOptionMessage(entity.name, "update", "returnValues", `is ${describeValue(returnValues)}`),
          "write.invalidOption",
        );
      const command = withCondition(scope.update(key as never, changes as never), condition(options?.condition));
      return { ...command, ReturnValues: returnValues };
    },
    delete: (key, options) => withCondition(scope.delete(key as never), condition(options?.condition)) as WriteCommand,
    check: (key, input) => {
      // The delete guard reads "absent, or this entity's and the scope's": with the item required to exist, it
      // is the update guard (exists, this entity's, the scope's ids). The caller's condition is ANDed to it.
      const { TableName, Key, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = scope.delete(
        key as never,
      );
      const compiled = condition(input);
      return withCondition(
        {
          TableName,
          Key,
          ConditionExpression: `attribute_exists(#pk) AND (${ConditionExpression})`,
          ExpressionAttributeNames,
          ...(ExpressionAttributeValues === undefined ? {} : { ExpressionAttributeValues }),
        },
        compiled,
      ) as WriteCommand;
    },
  };
}
