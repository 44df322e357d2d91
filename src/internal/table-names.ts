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
  const out = { ...item };
  for (const attribute of keyAttributes) delete out[attribute];
  for (const attribute of keyAttributes) out[physicalName(table, attribute)] = item[attribute];
  return out;
}

/** A stored item with its key attributes renamed back to the entity's names; whatever sat at those names is dropped. */
export function fromTableItem(table: NamedKeys, keyAttributes: readonly string[], raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const stored = raw as Readonly<Record<string, unknown>>;
  const out = { ...stored };
  for (const attribute of keyAttributes) delete out[physicalName(table, attribute)];
  for (const attribute of keyAttributes) out[attribute] = stored[physicalName(table, attribute)];
  return out;
}
