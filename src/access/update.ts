/**
 * Updates of non-key attributes. The primary key and the isolation ids cannot change in place (an item that
 * moved would need a new key): updating a field they are built from is refused. Index keys are rebuilt: an
 * update that changes a field an index key (say `gsi1sk`) is built from must give every field of that key
 * (the ones not already in the primary key), so the key is recomputed and written with the fields, never
 * left stale. Each value is validated by its field's schema; `undefined` removes an optional field.
 */
import { z } from "zod";
import type { AnyObjectSchema } from "../entity/define-entity.js";
import { CapsuleEntityError, ItemValidationError } from "../errors.js";
import type { KeyCodec } from "../keys/key-codec.js";
import type { Shape } from "../internal/zod-shape.js";
import type { TopOf } from "../internal/types.js";
import {
  updateKeyFieldMessage,
  updateNothingMessage,
  updatePartialIndexMessage,
  updateUnknownFieldMessage,
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
 * isolation ids are built from). Optional fields accept `undefined`, which removes them.
 *
 * @example
 * type Changes = UpdateChanges<typeof Note.schema, "tenantId" | "capsuleId" | "noteId">;
 * //=> { readonly title?: string; readonly body?: string | undefined; … }
 */
export type UpdateChanges<TSchema extends AnyObjectSchema, TFixed extends string> = {
  readonly [TField in Exclude<keyof z.input<TSchema>, TFixed>]?: z.input<TSchema>[TField];
};

/** An update as attribute assignments: fields (and rebuilt index keys) to set, optional fields to remove. */
export interface UpdatePlan {
  readonly set: readonly (readonly [attribute: string, value: unknown])[];
  readonly remove: readonly string[];
}

/** The fields a template's placeholders start at. */
export function fieldsOf(codec: KeyCodec): string[] {
  return codec.template.paths.map((path) => path.split(".")[0]!);
}

/**
 * Validates `changes` and plans the update. `fixed` are the fields that cannot change, `keyValues` the
 * primary key input with the scope's ids filled in, `indexCodecs` the index key codecs by attribute.
 */
export function planUpdate(
  entity: string,
  schema: AnyObjectSchema,
  fixed: ReadonlySet<string>,
  indexCodecs: Readonly<Record<string, KeyCodec>>,
  keyValues: Readonly<Record<string, unknown>>,
  changes: unknown,
): UpdatePlan {
  const shape = schema.shape as Shape;
  const fields = typeof changes === "object" && changes !== null ? Object.keys(changes) : [];
  if (fields.length === 0) throw new CapsuleEntityError(updateNothingMessage(entity));
  const set: [string, unknown][] = [];
  const remove: string[] = [];
  const parsed: Record<string, unknown> = { ...keyValues };
  for (const field of fields) {
    if (!Object.hasOwn(shape, field))
      throw new CapsuleEntityError(updateUnknownFieldMessage(entity, JSON.stringify(field)));
    if (fixed.has(field)) throw new CapsuleEntityError(updateKeyFieldMessage(entity, field));
    const result = z.safeParse(shape[field]!, (changes as Record<string, unknown>)[field]);
    if (!result.success)
      throw new ItemValidationError(
        entity,
        result.error.issues.map((issue) => ({ ...issue, path: [field, ...issue.path] })),
      );
    if (result.data === undefined) remove.push(field);
    else set.push([field, result.data]);
    Object.defineProperty(parsed, field, { value: result.data, enumerable: true, writable: true, configurable: true });
  }

  // Rebuild every index key built from a changed field, from the update and the primary key.
  const changed = new Set(fields);
  for (const [attribute, codec] of Object.entries(indexCodecs)) {
    const needed = [...new Set(fieldsOf(codec))];
    const touched = needed.filter((field) => changed.has(field));
    if (touched.length === 0) continue;
    const missing = needed.filter((field) => !changed.has(field) && !fixed.has(field));
    if (missing.length > 0) {
      throw new CapsuleEntityError(
        updatePartialIndexMessage(entity, attribute, touched.join(", "), missing.join(", ")),
      );
    }
    set.push([attribute, codec.build(parsed)]);
  }
  return { set, remove };
}
