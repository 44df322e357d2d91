/**
 * What a scope writes as a whole item (the builder's `put`, the adapter's `put` and `batchPut`, a transaction's
 * `put`): the schema's input with its id fields, the isolation fields among them, typed as the parsed ids, whose brands
 * are the scope's. zod's input type carries no brand, so before this a plain string, another level's id or another
 * kit's id type-checked there, while keys(), get, query and the scope's ids refused them. The catch-all overloads name the mistake in the catalog's words
 * ({@link CheckPutAttributes}); the runtime refuses a value other than the scope's own (`isolation.foreign`).
 */
import type { KitId } from "../entity/vocabulary.js";
import type { CapsuleId, TenantId } from "../ids.js";
import type { FirstOf } from "../internal/types.js";
import type { AnyObjectSchema, InputOf, ParsedIdsInputOf } from "../internal/zod-shape.js";
import type { PutPlainIdMessage, PutWrongIdMessage } from "../messages.js";

/**
 * The scope's ids by where they sit in the schema: `{ tenantId: TenantId; capsuleId: CapsuleId }`, a kit's
 * `{ orgId: KitId<"ORG#WS", "orgId">; "ctx.workspaceId": KitId<"ORG#WS", "workspaceId"> }`, `{}` for a global entity.
 * Computed once per resolved isolation, which entities of the same level and paths share.
 *
 * @example
 * type Ids = IdsByPath<typeof Note.isolation>; //=> { readonly tenantId: TenantId; readonly capsuleId: CapsuleId }
 */
type IdsByPath<TResolved> = TResolved extends {
  readonly kit: infer TKit extends string;
  readonly fields: infer TFields;
}
  ? { readonly [TField in keyof TFields & string as TFields[TField] & string]: KitId<TKit, TField> }
  : TResolved extends { readonly tenant: infer TTenant extends string }
    ? TResolved extends { readonly capsule: infer TCapsule extends string }
      ? { readonly [TPath in TTenant | TCapsule]: TPath extends TTenant ? TenantId : CapsuleId }
      : { readonly [TPath in TTenant]: TenantId }
    : {};

/**
 * A put's attributes: the schema's input, its id fields (the isolation fields among them) the parsed ids, whose brands
 * are the scope's ({@link ParsedIdsInputOf}).
 *
 * @example
 * declare const attributes: PutAttributes<typeof Note.schema>;
 * attributes.tenantId; //=> TenantId (zod's input: string)
 * @see docs/patterns/scoped-access.md
 */
export type PutAttributes<TSchema extends AnyObjectSchema> = ParsedIdsInputOf<TSchema>;

/**
 * The parameter of the catch-all `put` overloads, tried only when {@link PutAttributes} refuses the attributes (a
 * correct put never computes it): the first isolation field given a plain string or another field's or kit's id
 * typed as the catalog's message (`put.plainId`, `put.wrongId`), so that the compiler prints it on that property,
 * the other fields as zod's input (two swapped ids are one mistake, one message); else {@link PutAttributes}
 * itself, whose error the mistake gets. A conditional that is
 * always true, so that the compiler infers `TAttributes` from the argument through its false branch (as update's
 * `CheckUpdateChanges`).
 *
 * @example
 * db.entity(Note).scope(ids).put({ ...note, tenantId: "t1" });
 * // type error on tenantId: "[put.plainId] Note put's tenantId is a plain string, not a parsed id | …"
 */
export type CheckPutAttributes<TName extends string, TSchema extends AnyObjectSchema, TResolved, TAttributes> = [
  TAttributes,
] extends [unknown]
  ? PutMistake<TAttributes, IdsByPath<TResolved>> extends infer TPath extends string
    ? [TPath] extends [never]
      ? PutAttributes<TSchema>
      : WithTypeAt<
          InputOf<TSchema>,
          TPath,
          keyof ValueAt<TAttributes, TPath> extends keyof string
            ? PutPlainIdMessage<TName, TPath>
            : PutWrongIdMessage<TName, TPath>
        >
    : never
  : TAttributes;

/** The first isolation path (sorted) whose value is a string but not the scope's id there, else `never`. */
type PutMistake<TAttributes, TIds> = FirstOf<
  {
    [TPath in keyof TIds & string]: [ValueAt<TAttributes, TPath>] extends [TIds[TPath]]
      ? never
      : [ValueAt<TAttributes, TPath>] extends [string]
        ? TPath
        : never;
  }[keyof TIds & string]
>;

/** The value at a path of one or two segments (`tenantId`, `ctx.tenantId`); `undefined` where there is none. */
type ValueAt<TValue, TPath extends string> = TPath extends `${infer THead}.${infer TChild}`
  ? THead extends keyof TValue
    ? ValueAt<TValue[THead], TChild>
    : undefined
  : TPath extends keyof TValue
    ? TValue[TPath]
    : undefined;

/** `TValue` with the property at a path of one or two segments typed `TType`. */
type WithTypeAt<TValue, TPath extends string, TType> = TPath extends `${infer THead}.${infer TChild}`
  ? Omit<TValue, THead> & { readonly [TKey in THead]: WithTypeAt<TValue[THead & keyof TValue], TChild, TType> }
  : Omit<TValue, TPath> & { readonly [TKey in TPath]: TType };
