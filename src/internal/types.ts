/**
 * Small type-level helpers shared by the rules, each written once. (type-fest has `Primitive` and `IsUnion`;
 * these two lines are not worth a dependency the published declarations would then need.)
 */

/** The types of JavaScript's primitive values. */
export type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/** Distributes over `TUnion`: `true` for each member when it has more than one, `false` for a single type. */
export type IsUnion<TUnion, TAll = TUnion> = TUnion extends unknown
  ? [Exclude<TAll, TUnion>] extends [never]
    ? false
    : true
  : never;

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
