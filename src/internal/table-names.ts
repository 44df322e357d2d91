/**
 * Key attribute names between an entity and its table: entities name their keys `pk`, `sk`, `<index>pk`,
 * `<index>sk`; a `defineTable()` table may store them as `PK`, `GSI1PK`, …. Shared by the entity's own
 * `toItem` / `fromItem` (entity/) and every scope (access/), which may not import each other's modules.
 */

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
