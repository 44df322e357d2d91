/**
 * Which condition of a write failed, read from the stored item DynamoDB returns with the failure
 * (`ReturnValuesOnConditionCheckFailure: "ALL_OLD"`, in its wire format): the item is absent, of another entity
 * type, another scope's, present despite `ifNotExists`, of another version, or the caller's condition is false.
 */
import type { RuntimeScope } from "../access/create-scope.js";
import type { Entity } from "../entity/define-entity.js";
import { prefixLevels } from "../entity/isolation.js";
import { readPath } from "../internal/read-path.js";
import type { WriteCommand } from "../access/guarded-writes.js";
import { CapsuleEntityError } from "../errors.js";
import { VersionConflictError, type Send } from "./request-error.js";

/** A write whose condition failed. */
export interface FailedWrite {
  readonly entity: Entity;
  readonly scope: RuntimeScope;
  readonly operation: string;
  readonly ifNotExists: boolean;
  readonly command: WriteCommand;
}

/** The failed condition in words, and the versions when it is a version conflict. */
export interface FailedCondition {
  readonly reason: string;
  readonly versions?: { readonly expected: number; readonly stored: unknown };
}

/** The stored item's attribute at a dotted path, from DynamoDB's wire format (`{ S: … }`, `{ N: … }`, `{ M: … }`). */
function stored(item: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = { M: item };
  for (const part of path.split(".")) value = readPath((value as { M?: unknown })?.M, [part]);
  const typed = value as { S?: unknown; N?: unknown } | undefined;
  return typed?.S ?? (typed?.N === undefined ? undefined : Number(typed.N));
}

/**
 * Explains a failed write from the stored item (`undefined` when there is none).
 *
 * @example
 * failedCondition(write, error.Item).reason; //=> "the item is absent (an update or check needs it to exist)"
 */
export function failedCondition(
  write: FailedWrite,
  item: Readonly<Record<string, unknown>> | undefined,
): FailedCondition {
  const { entity, scope, operation, command } = write;
  if (item === undefined)
    return {
      reason:
        operation === "update" || operation === "check"
          ? "the item is absent (an update or check needs it to exist)"
          : `your condition failed (the item is absent)`,
    };
  if (stored(item, "entityType") !== entity.name)
    return {
      reason: `another entity type's item is at the key (entityType ${JSON.stringify(stored(item, "entityType"))})`,
    };
  const ids = scope.ids as Readonly<Record<string, string>>;
  // The levels the scope pins, in any kit's vocabulary (none for a global entity).
  const levels = entity.isolation.prefix === undefined ? [] : prefixLevels(entity.isolation.prefix);
  for (const { path, field } of levels) {
    const id = ids[field];
    if (id !== undefined && stored(item, path) !== id)
      return { reason: `the stored item carries another scope's ${path} (${JSON.stringify(stored(item, path))})` };
  }
  if (write.ifNotExists) return { reason: "the item exists (ifNotExists)" };
  const version = entity.writes.version;
  if (version !== undefined) {
    const expected = (command.ExpressionAttributeValues?.[":lockVersion"] as number | undefined) ?? 0;
    const storedVersion = stored(item, version);
    if (storedVersion !== expected)
      return {
        reason: `version conflict: expected ${version} ${expected}, stored ${String(storedVersion)}`,
        versions: { expected, stored: storedVersion },
      };
  }
  return { reason: "your condition failed on the stored item" };
}

/**
 * Sends a single write; a versioned entity's condition failure caused by another stored version becomes
 * {@link VersionConflictError}, any other failure stays the adapter's error.
 *
 * @example
 * await sendWrite(send, { entity, scope, operation: "update", ifNotExists: false, command }, where, () => client.send(new UpdateCommand(command)));
 */
export async function sendWrite<TOutput>(
  send: Send,
  write: FailedWrite,
  where: string,
  request: () => Promise<TOutput>,
): Promise<TOutput> {
  try {
    return await send(write.operation, where, request);
  } catch (error) {
    const cause = error instanceof CapsuleEntityError ? (error.cause as { name?: unknown; Item?: unknown }) : undefined;
    const item = cause?.Item as Readonly<Record<string, unknown>> | undefined;
    forgetStoredItems(cause);
    if (write.entity.writes.version === undefined || cause?.name !== "ConditionalCheckFailedException") throw error;
    const versions = failedCondition(write, item).versions;
    if (versions === undefined) throw error;
    throw new VersionConflictError(`${write.entity.name}.${write.operation}`, where, versions, cause);
  }
}

/**
 * Removes from DynamoDB's error the stored items it returned with a failed condition (`Item`, and each
 * `CancellationReasons[].Item` of a cancelled transaction), once read: the item at a scope's key may be another
 * scope's (planted, or written outside the library), and an error's `cause` must not reveal it.
 *
 * @example
 * const reason = failedCondition(write, cause.Item).reason;
 * forgetStoredItems(cause); // cause.Item is gone
 */
export function forgetStoredItems(cause: unknown): void {
  if (typeof cause !== "object" || cause === null) return;
  const { CancellationReasons: reasons } = cause as { CancellationReasons?: unknown };
  delete (cause as { Item?: unknown }).Item;
  if (Array.isArray(reasons)) for (const reason of reasons) delete (reason as { Item?: unknown }).Item;
}
