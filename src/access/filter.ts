/**
 * Typed filters on queries and scans: the condition builder of condition.ts (same paths, same values parsed by
 * each attribute's schema, every name and value a placeholder), compiled with the prefix `f` and sent as
 * `FilterExpression` beside the entity-type filter, never touching the key condition. A filter refuses the
 * fields the key condition already decides (the queried key's fields and the isolation ids, and the objects
 * holding them): at the type level through the builder's `TRefused` map, at runtime by {@link buildFilter}, both
 * with `[filter.keyField]`.
 */
import type { KeyTemplates } from "../entity/define-entity.js";
import { prefixLevels, type ResolvedIsolation } from "../entity/isolation.js";
import { CapsuleEntityError } from "../errors.js";
import type { AnyObjectSchema } from "../internal/zod-shape.js";
import { filterKeyFieldMessage, type FilterKeyFieldMessage } from "../messages.js";
import {
  buildCondition,
  type CompiledExpression,
  type Condition,
  type ConditionBuilder,
  type ConditionInput,
} from "./condition.js";

/** Every parent object of a dotted path: `"a" | "a.b"` for `"a.b.c"`. */
type Ancestors<TPath extends string> = TPath extends `${infer THead}.${infer TRest}`
  ? THead | `${THead}.${Ancestors<TRest>}`
  : never;

/**
 * The builder of a filter over `TItem` that refuses `TKeyPaths` (and the objects holding them) with the catalog
 * message.
 *
 * @example
 * type F = FilterBuilder<{ noteId: string; status: string }, "noteId">; // f.eq("status", "x") ok, f.eq("noteId", …) refused
 */
export type FilterBuilder<TItem, TKeyPaths extends string> = ConditionBuilder<
  TItem,
  { readonly [TPath in TKeyPaths | Ancestors<TKeyPaths>]: FilterKeyFieldMessage<TPath> }
>;

/**
 * A filter option: a function of the {@link FilterBuilder}.
 *
 * @example
 * notes.query({ filter: (f) => f.and(f.eq("status", "draft"), f.gt(f.size("tags"), 1)) });
 * @see docs/dynamodb.md
 */
export type FilterInput<TItem, TKeyPaths extends string> = (builder: FilterBuilder<TItem, TKeyPaths>) => Condition;

/** What a filter reads of an entity: its schema, key templates and isolation. */
export interface FilterEntity {
  readonly name: string;
  readonly schema: AnyObjectSchema;
  readonly templates: KeyTemplates;
  readonly isolation: ResolvedIsolation;
}

/**
 * The paths a filter on the table (`on` = `""`) or an index refuses: the fields of its key templates and the
 * isolation ids.
 */
function keyPaths(entity: FilterEntity, on: string): string[] {
  const levels = entity.isolation.prefix === undefined ? [] : prefixLevels(entity.isolation.prefix);
  return [
    ...[`${on}pk`, `${on}sk`].flatMap((attribute) =>
      [...(entity.templates[attribute] ?? "").matchAll(/\$\{([^}]+)\}/g)].map(([, path]) => path!),
    ),
    ...levels.map((level) => level.path),
  ];
}

/**
 * Builds and compiles a filter option (placeholders `#<prefix>N`, `:<prefix>N`), or `undefined` when none is
 * given. A path naming a key or isolation field, or an object holding one, throws `[filter.keyField]`; `checkPath`
 * may refuse others (an index's unprojected attributes); the rest is checked as a condition is
 * (`[condition.invalid]`, `ItemValidationError`).
 *
 * @example
 * buildFilter(Note, "", (f) => f.eq("status", "draft"), "f"); //=> { expression: "#f0 = :f0", … }
 */
export function buildFilter(
  entity: FilterEntity,
  on: string,
  input: unknown,
  prefix: string,
  checkPath?: (path: string) => void,
): CompiledExpression | undefined {
  if (typeof input !== "function") return buildCondition(entity.name, entity.schema, input, prefix);
  const refused = keyPaths(entity, on);
  const check = (operand: unknown): void => {
    const path = typeof operand === "object" && operand !== null && "size" in operand ? operand.size : operand;
    if (typeof path !== "string") return;
    if (refused.some((key) => key === path || key.startsWith(`${path}.`)))
      throw new CapsuleEntityError(filterKeyFieldMessage(path));
    checkPath?.(path);
  };
  // The condition builder, each function of a path checking it first (and/or/not combine conditions, not paths).
  const guarded = (builder: ConditionBuilder<unknown>): ConditionBuilder<unknown> =>
    Object.fromEntries(
      Object.entries(builder).map(([name, build]: [string, (...args: unknown[]) => unknown]) => [
        name,
        name === "and" || name === "or" || name === "not"
          ? build
          : (...args: unknown[]) => (check(args[0]), build(...args)),
      ]),
    ) as unknown as ConditionBuilder<unknown>;
  const filter = input as ConditionInput<unknown>;
  return buildCondition(
    entity.name,
    entity.schema,
    (builder: ConditionBuilder<unknown>) => filter(guarded(builder)),
    prefix,
  );
}
