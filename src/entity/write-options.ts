/**
 * The write options an entity declares for every writer (adapter, transactions, batches) to keep: a version
 * attribute for optimistic locking, and `createdAt` / `updatedAt` attributes the library maintains. Declared on the
 * entity, not on a connection, so that no code path can write the entity without them.
 */
import type { z } from "zod";
import { EntityDefinitionError } from "../errors.js";
import { shapeOf, unwrap, type AnyObjectSchema, type Shape } from "../internal/zod-shape.js";
import { writeOptionFieldMessage, type WriteOptionFieldMessage } from "../messages.js";

/** The top-level fields of a schema whose values are `TValue`. */
export type FieldsOf<TSchema extends AnyObjectSchema, TValue> = {
  [TField in keyof z.output<TSchema> & string]-?: NonNullable<z.output<TSchema>[TField]> extends TValue
    ? TField
    : never;
}[keyof z.output<TSchema> & string];

/**
 * The write options of `defineEntity`: `version` names a number field (optimistic locking), `timestamps` string
 * fields the library sets to ISO 8601 times.
 *
 * @example
 * defineEntity({ …, version: "version", timestamps: { createdAt: "createdAt", updatedAt: "updatedAt" } });
 * @see docs/dynamodb.md
 */
export interface WriteOptionsDefinition<TSchema extends AnyObjectSchema> {
  /**
   * Optimistic locking: every put, update and delete names the version it read (`version: n`; 0 for an item not
   * yet stored), writes `n + 1`, and is refused with `VersionConflictError` when the stored version is another.
   */
  readonly version?: FieldsOf<TSchema, number>;
  /** Set on put (both) and update (`updatedAt`), to `new Date().toISOString()`; given values are replaced. */
  readonly timestamps?: {
    readonly createdAt?: FieldsOf<TSchema, string>;
    readonly updatedAt?: FieldsOf<TSchema, string>;
  };
}

/**
 * A write option's field: itself when it is a top-level field of the kind (`"number"` for `version`, `"string"` for
 * timestamps), else the catalog message, which lands on the option. While none is written yet (`TField` is its
 * constraint, `string`), the fields that fit: what an editor offers as completions.
 *
 * @example
 * defineEntity({ …, version: "title" }); // type error: "[entity.writeOption] version names "title", which is not …"
 */
export type CheckWriteField<
  TSchema extends AnyObjectSchema,
  TField extends string,
  TOption extends string,
  TKind extends "number" | "string",
> = string extends TField
  ? FieldsOf<TSchema, KindValue[TKind]>
  : TField extends FieldsOf<TSchema, KindValue[TKind]>
    ? TField
    : WriteOptionFieldMessage<TOption, TField, TKind>;
/**
 * The fields a definition's write options name, as inferred by `defineEntity` (`string` where none is given).
 *
 * @example
 * type Fields = WriteFields; //=> { version: string; createdAt: string; updatedAt: string }
 */
export interface WriteFields {
  readonly version: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
/** The values of a write option's kind. */
interface KindValue {
  readonly number: number;
  readonly string: string;
}

/**
 * An entity's resolved write options.
 *
 * @example
 * Note.writes; //=> { version: "version", createdAt: "createdAt", updatedAt: "updatedAt" }
 */
export interface EntityWriteOptions {
  readonly version?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

/** Runtime twin of {@link WriteOptionsDefinition}: each named field exists, at the top level, of the right type. */
export function readWriteOptions(
  definition: { readonly version?: unknown; readonly timestamps?: unknown },
  shape: Shape,
): EntityWriteOptions {
  const field = (option: string, value: unknown, kind: "number" | "string"): string | undefined => {
    if (value === undefined) return undefined;
    const schema = typeof value === "string" && Object.hasOwn(shape, value) ? unwrap(shape[value]!) : undefined;
    const type = schema?._zod.def.type;
    if (schema === undefined || type !== kind || Object.keys(shapeOf(schema)).length > 0)
      throw new EntityDefinitionError(writeOptionFieldMessage(option, JSON.stringify(value), kind));
    return value as string;
  };
  const timestamps = (definition.timestamps ?? {}) as { readonly createdAt?: unknown; readonly updatedAt?: unknown };
  const options: Record<string, string> = {};
  for (const [name, value] of [
    ["version", field("version", definition.version, "number")],
    ["createdAt", field("timestamps.createdAt", timestamps.createdAt, "string")],
    ["updatedAt", field("timestamps.updatedAt", timestamps.updatedAt, "string")],
  ] as const)
    if (value !== undefined) options[name] = value;
  return Object.freeze(options);
}
