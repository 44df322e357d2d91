import { itemInvalidMessage } from "./messages.js";

/**
 * The errors capsule-entity throws. Each carries the catalog code it was raised for, parsed from the
 * message's leading `[code]` where the message comes from the catalog.
 */

/** Base class: `code` is a stable dotted code such as `isolation.keyPrefix`. */
export class CapsuleEntityError extends Error {
  readonly code: string;
  constructor(message: string, code?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code ?? /^\[([^\]]+)\]/.exec(message)?.[1] ?? "unknown";
  }
}

/**
 * A definition breaks an isolation or key-template rule. The message is the same one the compiler shows.
 *
 * @example
 * defineEntity({ name: "Bad", schema, pk: "TENANT#${tenantId}#ROLE#${id}" } as any)
 * // throws EntityDefinitionError: [isolation.keyPrefix] pk must start with TENANT#${tenantId}#CAPSULE#${capsuleId} …
 */
export class EntityDefinitionError extends CapsuleEntityError {}

/**
 * A value cannot be put in a key: empty, containing `#`, not a well-formed string, not a finite number, or
 * not matching its field's kind; or a key string does not match its template.
 */
export class KeyValueError extends CapsuleEntityError {}

/**
 * Data crossed, or would cross, an isolation boundary: an item whose keys do not match its own attributes,
 * an item of another entity type, or an item or id from another tenant or capsule than the scope's.
 */
export class IsolationError extends CapsuleEntityError {}

/** An item or attribute set does not match the entity's schema. The message lists zod's issues with paths. */
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
