/**
 * Key attribute names between an entity and its table: entities name their keys `pk`, `sk`, `<index>pk`,
 * `<index>sk`; a `defineTable()` table may store them as `PK`, `GSI1PK`, …. Shared by the entity's own
 * `toItem` / `fromItem` (entity/) and every scope (access/), which may not import each other's modules; so is the
 * check of a table option that names the entity's own renaming table (`table.byName`).
 */
import { CapsuleEntityError } from "../errors.js";
import { tableByNameMessage, type TableByNameMessage } from "../messages.js";
import type { ListOf } from "./types.js";

/** What renaming needs of a table: logical key attribute → the table's attribute name. */
export interface NamedKeys {
  readonly attributes: Readonly<Record<string, string>>;
}

/** What a key attribute is called in a table: the table's name for it, or (for a table given by name) its own. */
export function physicalName(table: NamedKeys | string | undefined, logical: string): string {
  return typeof table === "object" ? (table.attributes[logical] ?? logical) : logical;
}

/** An item with its key attributes renamed to the table's attribute names. */
export function toTableItem(
  table: NamedKeys,
  keyAttributes: readonly string[],
  item: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return renamed(
    item,
    keyAttributes,
    table,
    (attribute) => physicalName(table, attribute),
    (attribute) => attribute,
  );
}

/** A stored item with its key attributes renamed back to the entity's names; whatever sat at those names is dropped. */
export function fromTableItem(table: NamedKeys, keyAttributes: readonly string[], raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  return renamed(
    raw as Readonly<Record<string, unknown>>,
    keyAttributes,
    table,
    (attribute) => attribute,
    (attribute) => physicalName(table, attribute),
  );
}

/**
 * A copy of `item` without any key attribute under either name, then each key read from its `from` name and
 * written under its `to` name. Built by adding properties only: `delete` would turn the copy into a slow
 * dictionary-mode object, which the schema parse then reads (fromItem was 7× slower so).
 */
function renamed(
  item: Readonly<Record<string, unknown>>,
  keyAttributes: readonly string[],
  table: NamedKeys,
  to: (attribute: string) => string,
  from: (attribute: string) => string,
): Record<string, unknown> {
  const names = keyNames(table, keyAttributes);
  const out: Record<string, unknown> = {};
  for (const name in item) if (Object.hasOwn(item, name) && !names.has(name)) out[name] = item[name];
  for (const attribute of keyAttributes) out[to(attribute)] = item[from(attribute)];
  return out;
}

/** The last table's key names (logical and physical) per key attribute list: an entity's list is one array. */
const keyNamesCache = new WeakMap<
  readonly string[],
  { readonly table: NamedKeys; readonly names: ReadonlySet<string> }
>();

/** Every name a key attribute of `keyAttributes` has in `table`: its own and the table's. */
function keyNames(table: NamedKeys, keyAttributes: readonly string[]): ReadonlySet<string> {
  const cached = keyNamesCache.get(keyAttributes);
  if (cached?.table === table) return cached.names;
  const names = new Set(keyAttributes.flatMap((attribute) => [attribute, physicalName(table, attribute)]));
  keyNamesCache.set(keyAttributes, { table, names });
  return names;
}

/**
 * The table option of a scope, connection, collection, `toItem` or `fromItem`, checked against the entity's own table:
 * a name equal to the name of the entity's `defineTable()` value that renames key attributes is refused
 * (`table.byName`). The name alone would keep the entity's key names, which DynamoDB stores as plain attributes beside
 * the table's (a put succeeds, its item missing from the renamed index); a raw item built so, or read so, has its
 * keys where the table does not keep them. Another name is another table, keyed by the entity's names.
 *
 * @example
 * checkTableByName(Note, PlatformTable.name); // throws [table.byName] when PlatformTable renames pk to PK
 */
export function checkTableByName(
  entity: { readonly name: string; readonly table: (NamedKeys & { readonly name: string }) | string | undefined },
  option: unknown,
): void {
  const own = entity.table;
  if (typeof option !== "string" || typeof own !== "object" || own.name !== option) return;
  const renamed = Object.entries(own.attributes)
    .filter(([logical, physical]) => logical !== physical)
    .map(([, physical]) => physical)
    .sort();
  if (renamed.length > 0) throw new CapsuleEntityError(tableByNameMessage(entity.name, option, renamed.join(", ")));
}

/**
 * Type-level twin of {@link checkTableByName} for `toItem` / `fromItem`: the option itself, or the `table.byName`
 * message when it is the literal name of the entity's own table (`TOwn`, a `defineTable()` value whose name is a
 * literal) and that table renames a key. A name that is not a literal is left to the runtime.
 *
 * @example
 * Note.toItem(attributes, { table: "platform_data" });
 * // type error: "[table.byName] Note is given its table \"platform_data\" by name, which keeps the entity's key names; …"
 */
export type CheckTableByName<TEntity extends string, TOwn, TFor> = string extends TFor
  ? TFor
  : TFor extends string
    ? [TOwn] extends [{ readonly name: TFor; readonly attributes: infer TAttributes }]
      ? [RenamedKeys<TAttributes>] extends [never]
        ? TFor
        : TableByNameMessage<TEntity, TFor, ListOf<RenamedKeys<TAttributes> & string>>
      : TFor
    : TFor;
/** The table's names for the key attributes it renames (`PK` for `pk`). */
type RenamedKeys<TAttributes> = {
  [TLogical in keyof TAttributes]: TAttributes[TLogical] extends TLogical ? never : TAttributes[TLogical];
}[keyof TAttributes];
