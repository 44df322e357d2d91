/**
 * The error a DynamoDB request surfaces as: the entity, the operation and the scope named in the message, the
 * AWS SDK's error kept as `cause`.
 */
import { CapsuleEntityError } from "../errors.js";
import {
  dynamoConditionMessage,
  dynamoRequestMessage,
  tokenReusedMessage,
  versionConflictMessage,
} from "../messages.js";

/**
 * A DynamoDB request failed. `code` is `dynamodb.conditionFailed` when a write's condition refused it (the
 * item exists with `ifNotExists`, is missing for `update`, or is of another entity type), `dynamodb.tokenReused`
 * when a transaction's token was used for other items (`IdempotentParameterMismatch`), else `dynamodb.request`;
 * `cause` is the AWS SDK error.
 *
 * @example
 * try {
 *   await notes.put(note, { ifNotExists: true });
 * } catch (error) {
 *   if (error instanceof DynamoRequestError && error.code === "dynamodb.conditionFailed") return "exists";
 *   throw error;
 * }
 */
export class DynamoRequestError extends CapsuleEntityError {
  /** `Entity.operation`, e.g. `Note.put`. */
  readonly operation: string;
  constructor(operation: string, where: string, cause: unknown) {
    const name = typeof cause === "object" && cause !== null && "name" in cause ? String(cause.name) : "Error";
    const detail = cause instanceof Error ? `${name}: ${cause.message}` : String(cause);
    super(
      name === "ConditionalCheckFailedException"
        ? dynamoConditionMessage(operation, where)
        : name === "IdempotentParameterMismatchException"
          ? tokenReusedMessage(operation, where)
          : dynamoRequestMessage(operation, where, detail),
      { cause },
    );
    this.operation = operation;
  }
}

/**
 * A write of a versioned entity (optimistic locking) found another version stored than the one it read: another
 * writer changed the item in between. `expected` is the version the write read, `stored` the one it found.
 *
 * @example
 * try {
 *   await notes.update({ noteId }, { version: note.version, title });
 * } catch (error) {
 *   if (error instanceof VersionConflictError) return retryWith(await notes.get({ noteId }));
 *   throw error;
 * }
 */
export class VersionConflictError extends CapsuleEntityError {
  readonly expected: number;
  readonly stored: unknown;
  constructor(
    operation: string,
    where: string,
    versions: { readonly expected: number; readonly stored: unknown },
    cause: unknown,
  ) {
    super(versionConflictMessage(operation, where, String(versions.expected), String(versions.stored)), { cause });
    this.expected = versions.expected;
    this.stored = versions.stored;
  }
}

/** Sends a request, surfacing a failure as {@link DynamoRequestError} naming the entity, operation and scope. */
export type Send = <TOutput>(operation: string, where: string, request: () => Promise<TOutput>) => Promise<TOutput>;
