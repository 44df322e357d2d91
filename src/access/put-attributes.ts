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
import type { AnyObjectSchema, InputOf, ParsedId, ParsedIdsInputOf } from "../internal/zod-shape.js";
import type { PutPlainIdMessage, PutUnparsedIdMessage, PutWrongIdMessage } from "../messages.js";

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
 * correct put never computes it): the first id field given the wrong value typed as the catalog's message, so that
 * the compiler prints it on that property, the other fields as zod's input (two swapped ids are one mistake, one
 * message): an isolation field given a plain string or another field's or kit's id (`put.plainId`, `put.wrongId`),
 * then another id field given a plain string (`put.unparsedId`, a tenant-level entity's `capsuleId: capsuleId()`);
 * else {@link PutAttributes} itself (the catch-all is then dropped on its arity: {@link PutRestWhenIdMistake}). A
 * conditional that is always true, so that the compiler infers `TAttributes` from the argument through its false
 * branch (as update's `CheckUpdateChanges`).
 *
 * @example
 * db.entity(Note).scope(ids).put({ ...note, tenantId: "t1" });
 * // type error on tenantId: "[put.plainId] Note put's tenantId is a plain string, not a parsed id | …"
 */
export type CheckPutAttributes<TName extends string, TSchema extends AnyObjectSchema, TResolved, TAttributes> = [
  TAttributes,
] extends [unknown]
  ? PutMistake<TAttributes, IdsByPath<TResolved>, PutAttributes<TSchema>> extends infer TPath extends string
    ? [TPath] extends [never]
      ? PutAttributes<TSchema>
      : WithTypeAt<
          InputOf<TSchema>,
          TPath,
          TPath extends keyof IdsByPath<TResolved>
            ? keyof ValueAt<TAttributes, TPath> extends keyof string
              ? PutPlainIdMessage<TName, TPath>
              : PutWrongIdMessage<TName, TPath>
            : PutUnparsedIdMessage<TName, TPath, IdCallOf<ValueAt<PutAttributes<TSchema>, TPath>>>
        >
    : never
  : TAttributes;

/**
 * The parameters of a catch-all `put` after its attributes (`TRest`: `[options?: …]`, `[]` for `batchPut`) when an id
 * field of some of the attributes (`TPuts`: `[TPut]`, `batchPut`'s items) is the mistake ({@link CheckPutAttributes}
 * names it), else two more than a call gives, so that TypeScript drops the catch-all on its arity once it has inferred
 * the attributes (a signature with a generic rest is checked for arity again after inference) and reports the exact
 * signature's error alone: TypeScript 5.9 and 6.0 printed a mistake on another field twice, once per overload. Error
 * path only: a correct put matches the exact signature first.
 */
export type PutRestWhenIdMistake<
  TSchema extends AnyObjectSchema,
  TResolved,
  TPuts extends readonly object[],
  TRest extends readonly unknown[],
> = [
  { [TIndex in keyof TPuts]: PutMistake<TPuts[TIndex], IdsByPath<TResolved>, PutAttributes<TSchema>> }[number],
] extends [never]
  ? [never, never]
  : TRest;

/**
 * The first isolation path (sorted) whose value is a string but not the scope's id there; else the first other id
 * field's path (`TPut`: the put's attributes, {@link PutAttributes}) given a plain string; else `never`.
 */
type PutMistake<TAttributes, TIds, TPut> =
  FirstOf<
    {
      [TPath in keyof TIds & string]: [ValueAt<TAttributes, TPath>] extends [TIds[TPath]]
        ? never
        : [ValueAt<TAttributes, TPath>] extends [string]
          ? TPath
          : never;
    }[keyof TIds & string]
  > extends infer TPath extends string
    ? [TPath] extends [never]
      ? FirstOf<
          {
            [TPath in Exclude<IdPaths<TPut>, keyof TIds>]: [ValueAt<TAttributes, TPath>] extends [ValueAt<TPut, TPath>]
              ? never
              : [ValueAt<TAttributes, TPath>] extends [string]
                ? keyof ValueAt<TAttributes, TPath> extends keyof string
                  ? TPath
                  : never
                : never;
          }[Exclude<IdPaths<TPut>, keyof TIds>]
        >
      : TPath
    : never;

/** The paths of the id fields of a put's attributes (`parentId`, `ctx.capsuleId`: top level and one level down). */
type IdPaths<TPut> = {
  [TKey in keyof TPut & string]-?: Exclude<TPut[TKey], undefined> extends ParsedId
    ? TKey
    : TPut[TKey] extends object
      ? {
          [TField in keyof TPut[TKey] & string]-?: Exclude<TPut[TKey][TField], undefined> extends ParsedId
            ? `${TKey}.${TField}`
            : never;
        }[keyof TPut[TKey] & string]
      : never;
}[keyof TPut & string];

/** How an example writes the schema of an id: `tenantId()`, `capsuleId()`, a kit's `ids.workspaceId()`. */
type IdCallOf<TId> =
  Exclude<TId, undefined> extends KitId<string, infer TField>
    ? `ids.${TField}()`
    : Exclude<TId, undefined> extends TenantId
      ? "tenantId()"
      : "capsuleId()";

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
