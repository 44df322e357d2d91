/**
 * The errors capsule-entity throws. Every message comes from the catalog (messages.ts) and starts with its
 * `[code]`, which each error carries as a typed {@link ErrorCode}; {@link matchError} dispatches on it.
 */
import { errorCatalog, itemInvalidMessage, type ErrorCode } from "./messages.js";

/**
 * Base class of every error capsule-entity throws: catch it to handle them all.
 *
 * @example
 * try { scope.put(attributes) } catch (error) {
 *   if (error instanceof CapsuleEntityError) log.warn(error.code); // e.g. "isolation.foreign"
 * }
 * @see docs/errors.md
 */
export class CapsuleEntityError extends Error {
  /** The stable dotted catalog code, such as `isolation.keyPrefix` (docs/errors.md lists them all). */
  readonly code: ErrorCode;
  /** `message` is a catalog message: its leading `[code]` is the error's code. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = catalogCode(message);
  }
}

/**
 * The `[code]` a catalog message starts with. A message without a catalog code is a defect of this library,
 * not of its caller: it is refused loudly rather than carried under a made-up code.
 */
function catalogCode(message: string): ErrorCode {
  const code = /^\[([^\]]+)\]/.exec(message)?.[1];
  if (code === undefined || !Object.hasOwn(errorCatalog, code))
    throw new TypeError(`capsule-entity: an error message without a catalog code: ${message}`);
  return code as ErrorCode;
}

/**
 * Handlers by catalog code for {@link matchError}; `_` handles every other error (a `CapsuleEntityError`
 * with another code, or any other thrown value).
 */
export type ErrorHandlers<TResult> = {
  readonly [TCode in ErrorCode]?: (error: CapsuleEntityError & { readonly code: TCode }) => TResult;
} & {
  /** Every error no code handler takes. */
  readonly _?: (error: unknown) => TResult;
};

/**
 * Dispatches a caught error on its catalog code: the handler of its code, else `_`; with neither, the error
 * is rethrown (never swallowed).
 *
 * @example
 * try { await notes.put(note, { ifNotExists: true }) } catch (error) {
 *   return matchError(error, {
 *     "dynamodb.conditionFailed": () => "exists",
 *     "isolation.foreign": (foreign) => deny(foreign.message),
 *   });
 * }
 * @see docs/errors.md
 */
export function matchError<TResult>(error: unknown, handlers: ErrorHandlers<TResult>): TResult {
  if (error instanceof CapsuleEntityError) {
    const handler = handlers[error.code] as ((error: CapsuleEntityError) => TResult) | undefined;
    if (handler !== undefined) return handler(error);
  }
  if (handlers._ !== undefined) return handlers._(error);
  throw error;
}

/**
 * A definition breaks an isolation or key-template rule. The message is the same one the compiler shows.
 * Thrown by {@link defineEntity} for plain JavaScript callers and `as any` casts.
 *
 * @see docs/patterns/capsule-isolation-checklist.md
 * @example
 * defineEntity({ name: "Bad", schema, pk: "TENANT#${tenantId}#ROLE#${id}" } as any)
 * // throws EntityDefinitionError: [isolation.keyPrefix] pk must start with TENANT#${tenantId}#CAPSULE#${capsuleId} …
 */
export class EntityDefinitionError extends CapsuleEntityError {}

/**
 * A value cannot be put in a key: empty, containing `#`, not a well-formed string, not a finite number, or
 * not matching its field's kind; or a key string does not match its template.
 *
 * @example
 * RoleAssignment.keys({ tenantId, capsuleId, id: "r1#CAPSULE#c2" });
 * // throws KeyValueError: [key.invalidValue] pk value for id contains "#": …
 * @see docs/patterns/branded-ids.md
 */
export class KeyValueError extends CapsuleEntityError {}

/**
 * Data crossed, or would cross, an isolation boundary: an item whose keys do not match its own attributes,
 * an item of another entity type, or an item or id from another tenant or capsule than the scope's.
 *
 * @example
 * RoleAssignment.fromItem(itemMovedToAnotherCapsule);
 * // throws IsolationError: [isolation.keyMismatch] stored pk "TENANT#t1#CAPSULE#c1#ROLE#r1" differs from …
 * @see docs/patterns/read-back-verification.md
 */
export class IsolationError extends CapsuleEntityError {}

/**
 * An item or attribute set does not match the entity's schema. The message lists zod's issues with paths.
 *
 * @example
 * RoleAssignment.toItem(JSON.parse(requestBody)); // a body without `role`
 * // throws ItemValidationError: [item.invalid] RoleAssignment item does not match its schema: ✖ … → at role …
 * @see docs/patterns/read-back-verification.md
 */
export class ItemValidationError extends CapsuleEntityError {
  /** zod's issues, for programmatic use. */
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
  constructor(entity: string, issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]) {
    const shown = issues
      .slice(0, 3)
      .map((issue) => `✖ ${issue.message}${issue.path.length > 0 ? ` → at ${issue.path.map(String).join(".")}` : ""}`);
    if (issues.length > 3) shown.push(`and ${issues.length - 3} more`);
    super(itemInvalidMessage(entity, shown.join("; ")));
    this.issues = issues;
  }
}

/**
 * Events were rejected: an event-validation handler configured with `failOn` found violations at or above
 * that severity (thrown after they were logged, so the invocation fails and EventBridge retries it), or
 * `assertValidEvents` found violations (then `actual` / `expected` make test runners print a diff).
 *
 * @example
 * try { await handler(event) } catch (error) { if (error instanceof EventValidationError) error.violations }
 */
export class EventValidationError extends CapsuleEntityError {
  /** The violations, with the index of the event each belongs to. */
  readonly violations: readonly {
    readonly index: number;
    readonly code: string;
    readonly severity: string;
    readonly path: string;
    readonly message: string;
  }[];
  /** What was found, for a test runner's diff (per event: path → severity and code). */
  readonly actual?: unknown;
  /** What was expected: the same events without violations. */
  readonly expected?: unknown;
  constructor(
    message: string,
    violations: EventValidationError["violations"],
    diff?: { readonly actual: unknown; readonly expected: unknown },
  ) {
    super(message);
    this.violations = violations;
    if (diff !== undefined) {
      this.actual = diff.actual;
      this.expected = diff.expected;
    }
  }
}
