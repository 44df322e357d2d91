/**
 * Small type-level helpers shared by the rules, each written once. type-fest has `Primitive` and `IsUnion`, and
 * costs the same instantiations per entity (measured with type-fest 5.10.0 in their place:
 * scripts/type-cost.ts, 718 / 1,068 / 2,102 either way), but its one entry point (`"type-fest"`, no subpath
 * exports) brings its 207 declaration files into every program that imports capsule-entity: a one-entity program
 * went from 310 to 526 files, and from 226,928 to 476,530 instantiations without `skipLibCheck` (112,309 → 112,567
 * with it). These two lines stay ours; `keys()`'s readable hover uses type-fest's `Simplify` technique (`& {}`).
 */

/** The types of JavaScript's primitive values. */
export type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/** Distributes over `TUnion`: `true` for each member when it has more than one, `false` for a single type. */
export type IsUnion<TUnion, TAll = TUnion> = TUnion extends unknown
  ? [Exclude<TAll, TUnion>] extends [never]
    ? false
    : true
  : never;

/**
 * The first of `TChecks` that is not `unknown` (a refusal's message), else `unknown`: several checks on one `this`, in
 * the runtime's order.
 */
export type FirstRefusal<TChecks extends readonly unknown[]> = TChecks extends readonly [
  infer THead,
  ...infer TRest extends readonly unknown[],
]
  ? unknown extends THead
    ? FirstRefusal<TRest>
    : THead
  : unknown;

/** The top-level field of each placeholder path: `"context"` for `"context.tenantId"`. */
export type TopOf<TPaths extends string> = TPaths extends `${infer TTop}.${string}` ? TTop : TPaths;

/**
 * The two isolation fields, by the names every isolated schema must use.
 *
 * @example
 * const fields: readonly IsolationFieldName[] = ["tenantId", "capsuleId"];
 * @see docs/patterns/capsule-isolation-checklist.md
 */
export type IsolationFieldName = "tenantId" | "capsuleId";

/**
 * The characters of names (DynamoDB's index names: A-Z a-z 0-9 _ . -, and `$` of field names), in code-unit order,
 * as `Array#sort` orders them. Names with other characters are not ordered (their `FirstOf` is `never`).
 */
type NameCharacters = "$-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
/** Whether `TLeft` sorts before `TRight` (or equals it), comparing character by character as `Array#sort` does. */
type SortsFirst<TLeft extends string, TRight extends string> = TLeft extends `${infer TFirst}${infer TRest}`
  ? TRight extends `${infer TOther}${infer TOtherRest}`
    ? TFirst extends TOther
      ? SortsFirst<TRest, TOtherRest>
      : NameCharacters extends `${string}${TFirst}${string}${TOther}${string}`
        ? true
        : false
    : false
  : true;
/**
 * The member of `TNames` that sorts first, as `Array#sort` sorts them.
 *
 * @example
 * type First = FirstOf<"gsi1" | "byTag">; //=> "byTag"
 */
export type FirstOf<TNames extends string, TName extends string = TNames> = TName extends TName
  ? false extends (
      Exclude<TNames, TName> extends infer TOther extends string
        ? TOther extends TOther
          ? SortsFirst<TName, TOther>
          : never
        : never
    )
    ? never
    : TName
  : never;

/**
 * A union of names as the message catalog lists them: sorted, comma-separated, `none` when empty (the runtime
 * lists `[...names].sort().join(", ")`). For messages only: each step costs a comparison of every pair.
 *
 * @example
 * type Listed = ListOf<"gsi1" | "byTag">; //=> "byTag, gsi1"
 */
export type ListOf<TNames extends string> = [TNames] extends [never] ? "none" : ListRest<TNames>;
type ListRest<TNames extends string, TFirst extends string = FirstOf<TNames>> = [Exclude<TNames, TFirst>] extends [
  never,
]
  ? TFirst
  : `${TFirst}, ${ListRest<Exclude<TNames, TFirst>>}`;
