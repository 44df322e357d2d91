/**
 * What every operation of a scope shares: the entity (through the narrow {@link ScopeEntitySource}), the ids
 * the scope pins and where they sit, the partition prefix, and the table. Built once per `scope(ids)`; the
 * operations (scope-commands.ts, scope-query.ts) are plain functions of it.
 */
import type { AnyObjectSchema, KeyTemplates } from "../entity/define-entity.js";
import { prefixLevels, type PrefixLevel, type ResolvedIsolation } from "../entity/isolation.js";
import { CapsuleEntityError, IsolationError } from "../errors.js";
import { checkKeyValue, type KeyCodec } from "../keys/key-codec.js";
import { describeValue } from "../internal/describe.js";
import { readPath } from "../internal/read-path.js";
import type { Shape } from "../internal/zod-shape.js";
import { foreignItemMessage, globalEntityMessage, outerLevelScopeMessage, scopeMissingIdMessage } from "../messages.js";
import type { GuardedCommand } from "./scope.js";
import { physicalName } from "../internal/table-names.js";
import { checkProjectionFit, checkTableFit, tableNameOf, type Table } from "./table.js";

/**
 * What a scope needs of its entity: a compiled entity satisfies it, so access/ never imports the entity module
 * (as events/ reads an entity through `EventEntitySource`).
 */
export interface ScopeEntitySource {
  readonly name: string;
  /** The entity's own table: a name, a {@link Table}, or none. */
  readonly table: string | Table | undefined;
  readonly isolation: ResolvedIsolation;
  readonly schema: AnyObjectSchema;
  readonly templates: KeyTemplates;
  /** Key attribute → its codec. */
  readonly codecs: Readonly<Record<string, KeyCodec>>;
  /** `pk` and each index's `<name>pk`. */
  readonly partitionAttributes: readonly string[];
  /** Index name → its level: the entity's own, or the outer level an index opted out to. */
  readonly indexLevels: Readonly<Record<string, string>>;
  /** Each outer level an index opted out to → its prefix: the other levels a scope may be opened at. */
  readonly outerLevels: Readonly<Record<string, string>>;
  keys(input: Readonly<Record<string, unknown>>): Readonly<Record<string, string>>;
  /** The item to store in `options.table` (else the entity's own), its keys under that table's names. */
  toItem(attributes: unknown, options?: TableOption): Readonly<Record<string, unknown>>;
  /** A stored item of `options.table` (else the entity's own), verified; its keys under the entity's names. */
  fromItem(raw: unknown, options?: TableOption): Readonly<Record<string, unknown>>;
}

/** The table `toItem` / `fromItem` store in and read from. */
interface TableOption {
  readonly table?: string | Table | undefined;
}

/** A scope's fixed parts. */
export interface ScopeContext {
  readonly entity: ScopeEntitySource;
  /**
   * The ids as given, checked, by field, outermost level first: the tenant's, and the capsule's for capsule-level
   * entities (a kit's: one per level down to the entity's); none for global ones.
   */
  readonly ids: Readonly<Record<string, string>>;
  /** [path, id] pairs the scope pins, outermost level first. */
  readonly pins: readonly (readonly [path: string, id: string])[];
  /** The partition prefix every partition key of the scope is, or starts with followed by `#`; none when global. */
  readonly prefix: string | undefined;
  /** Partition attribute → the prefix its values start with here (see `partitionPrefixes`); none when global. */
  readonly partitionPrefixes: Readonly<Record<string, string>>;
  /** Where commands go: the option's table, else the entity's. */
  readonly table: string | Table | undefined;
  /**
   * The scope's level: the entity's own, or an outer level an index opted out to (`scope({ tenantId })` of a
   * capsule entity), whose scope may only query the indexes of that level.
   */
  readonly level: string;
}

/** Checks the ids and the table option, and fixes what every operation of the scope reads. */
export function createScopeContext(
  entity: ScopeEntitySource,
  rawIds: unknown,
  table: string | Table | undefined,
): ScopeContext {
  // The prefix names every level the scope fixes, in any kit's vocabulary: `TENANT#${tenantId}#CAPSULE#${…}`.
  // A global entity has none: its scope pins nothing and has no prefix (read-back still checks every key).
  const { level, prefix: levelPrefix } = scopeLevel(entity, rawIds);
  const levels = levelPrefix === undefined ? [] : prefixLevels(levelPrefix);
  const ids = readIds(rawIds, entity.name, levels);
  const pins = levels.map((level) => [level.path, ids[level.field]!] as const);
  const segments = levels.map((level) => `${level.label}#${ids[level.field]!}`);
  const prefix = levels.length === 0 ? undefined : segments.join("#");
  if (typeof table === "object") {
    checkTableFit(table, entity.name, entity.templates, entity.schema.shape as Shape);
    checkProjectionFit(table, entity);
  }
  return { entity, ids, pins, prefix, table, level, partitionPrefixes: partitionPrefixes(entity, segments) };
}

/**
 * Each partition attribute → the prefix its values start with in this scope: the scope's own, or (an index opted
 * out to an outer level, or the entity's own keys read through a scope of an outer level) as many of the scope's
 * segments as that attribute's level has.
 */
function partitionPrefixes(entity: ScopeEntitySource, segments: readonly string[]): Record<string, string> {
  const depth = (prefix: string | undefined) => (prefix === undefined ? 0 : prefixLevels(prefix).length);
  const prefixes: Record<string, string> = {};
  for (const attribute of entity.partitionAttributes) {
    const level = attribute === "pk" ? undefined : entity.indexLevels[attribute.slice(0, -"pk".length)];
    const own = level === undefined || level === entity.isolation.level;
    const count = Math.min(depth(own ? entity.isolation.prefix : entity.outerLevels[level]), segments.length);
    if (count > 0) prefixes[attribute] = segments.slice(0, count).join("#");
  }
  return prefixes;
}

/**
 * The level a scope's ids open: an outer level an index opted out to when they are exactly that level's fields
 * (`{ tenantId }` for `tenant`), else the entity's own (whose ids `readIds` then checks, missing ones included).
 */
function scopeLevel(entity: ScopeEntitySource, rawIds: unknown): { level: string; prefix: string | undefined } {
  const given = typeof rawIds === "object" && rawIds !== null ? Object.keys(rawIds).sort().join() : undefined;
  for (const [level, prefix] of Object.entries(entity.outerLevels)) {
    const fields = prefixLevels(prefix).map((spec) => spec.field);
    if (fields.sort().join() === given) return { level, prefix };
  }
  return { level: entity.isolation.level, prefix: entity.isolation.prefix };
}

/**
 * Checks that `rawIds` are the entity's own scope ids, every level's down to its own, as a collection's `scope(ids)`
 * takes them: the ids of an outer level an index opted out to (`{ tenantId }` of a capsule entity), which open that
 * level on an entity's scope, are `scope.missingId` here, as the compiler says.
 *
 * @example
 * checkOwnLevelIds(Note, { tenantId }); // throws "[scope.missingId] Note scope needs capsuleId | …"
 */
export function checkOwnLevelIds(entity: Pick<ScopeEntitySource, "name" | "isolation">, rawIds: unknown): void {
  const prefix = entity.isolation.prefix;
  readIds(rawIds, entity.name, prefix === undefined ? [] : prefixLevels(prefix));
}

/** The scope's ids, one per level of the prefix, outermost first; each must be given, a key-safe string. */
function readIds(raw: unknown, entity: string, levels: readonly PrefixLevel[]): Readonly<Record<string, string>> {
  const ids = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  if (levels.length === 0) {
    // A global entity's scope takes no ids: one given would suggest a confinement the keys do not have.
    if (typeof raw !== "object" || raw === null || Object.keys(raw).length > 0)
      throw new CapsuleEntityError(globalEntityMessage(entity));
    return {};
  }
  // Every level's id, before any is checked as a key value (`{ tenantId }` for a capsule entity names what it lacks).
  const fields = levels.map((level) => level.field);
  const missing = fields.filter((field) => ids[field] === undefined);
  if (missing.length > 0) throw new CapsuleEntityError(scopeMissingIdMessage(entity, missing, fields));
  return Object.fromEntries(
    levels.map((level) => [level.field, checkKeyValue(ids[level.field], "string", "scope", level.field)]),
  );
}

/**
 * The error of a scope opened at an outer level asked for `what` (an operation, the table, another index): it
 * names the indexes opted out to that level, the only ones it queries.
 */
export function outerLevelRefusal(context: ScopeContext, what: string): CapsuleEntityError {
  const { name, indexLevels } = context.entity;
  const indexes = Object.keys(indexLevels).filter((index) => indexLevels[index] === context.level);
  return new CapsuleEntityError(outerLevelScopeMessage(name, context.level, what, indexes, Object.keys(context.ids)));
}

/** The table's name for a logical key attribute. */
export function storedName(context: ScopeContext, attribute: string): string {
  return physicalName(context.table, attribute);
}

/** The `TableName` of a command (throws when neither the scope nor the entity names a table). */
export function commandTable(context: ScopeContext): string {
  return tableNameOf(context.table, context.entity);
}

/** The input with the scope's ids placed at their paths; an input carrying other ids is refused. */
export function pinIds(context: ScopeContext, input: unknown): Record<string, unknown> {
  const merged: Record<string, unknown> = typeof input === "object" && input !== null ? { ...input } : {};
  for (const [path, id] of context.pins) {
    const [head, child] = path.split(".") as [string, string?];
    const holder =
      child === undefined
        ? merged
        : ((merged[head] = { ...(merged[head] as object | undefined) }) as Record<string, unknown>);
    const key = child ?? head;
    const given = holder[key];
    if (given !== undefined && given !== id)
      throw new IsolationError(foreignMessage(context, path, JSON.stringify(id), describeValue(given)));
    holder[key] = id;
  }
  return merged;
}

/** The primary key of an item (its ids pinned), by the table's attribute names. */
export function primaryKey(context: ScopeContext, input: unknown): Record<string, string> {
  const values = pinIds(context, input);
  const key: Record<string, string> = {};
  for (const attribute of ["pk", "sk"]) {
    const codec = context.entity.codecs[attribute];
    if (codec !== undefined) key[storedName(context, attribute)] = codec.build(values);
  }
  return key;
}

/**
 * Why an item (or attribute set) is not the scope's: an id that differs, or a partition key outside the
 * prefix; `undefined` when it is.
 */
export function ownershipMismatch(context: ScopeContext, item: unknown): string | undefined {
  if (typeof item !== "object" || item === null) return `item ${describeValue(item)}`;
  for (const [path, id] of context.pins) {
    const value = readPath(item, path.split("."));
    if (value !== id) return `${path} ${describeValue(value)}, not ${JSON.stringify(id)}`;
  }
  // Each partition key by its logical name and by the table's attribute name (`PK` in a defineTable): a raw item
  // read from the table carries the latter.
  for (const [attribute, prefix] of Object.entries(context.partitionPrefixes)) {
    for (const name of new Set([attribute, storedName(context, attribute)])) {
      const value = (item as Record<string, unknown>)[name];
      if (value !== undefined && (typeof value !== "string" || !(value === prefix || value.startsWith(`${prefix}#`))))
        return `${name} ${describeValue(value)}, not under ${prefix}`;
    }
  }
  return undefined;
}

/** Throws `IsolationError` naming `subject` (an operation, or "the item") when the item is not the scope's. */
export function assertOwned(context: ScopeContext, item: unknown, subject: string): void {
  const foreign = ownershipMismatch(context, item);
  if (foreign !== undefined)
    throw new IsolationError(foreignMessage(context, subject, context.prefix ?? "the global scope", foreign));
}

/**
 * The catalog message for a foreign item, its example in the entity's own name, id fields and the scope's level (a
 * tenant scope of a capsule entity speaks of its tenant and the indexes it reads, not of a capsule).
 */
function foreignMessage(context: ScopeContext, what: string, expected: string, actual: string): string {
  const { name, isolation, indexLevels } = context.entity;
  const outer =
    context.level === isolation.level
      ? []
      : Object.keys(indexLevels).filter((index) => indexLevels[index] === context.level);
  return foreignItemMessage(what, expected, actual, name, Object.keys(context.ids), context.level, outer);
}

/** `put` with `ifNotExists`: writes only where no item is. */
export function absentCondition(context: ScopeContext): GuardedCommand {
  return {
    ConditionExpression: "attribute_not_exists(#pk)",
    ExpressionAttributeNames: { "#pk": storedName(context, "pk") },
  };
}

/**
 * `put` and `delete`: write only where the item is absent, or is this entity's and carries the scope's ids:
 * never over an item of another entity type, nor over one planted under this key with other ids.
 */
export function ownedOrAbsentCondition(context: ScopeContext): GuardedCommand {
  const names: Record<string, string> = { "#pk": storedName(context, "pk"), "#entityType": "entityType" };
  const values: Record<string, unknown> = { ":entityType": context.entity.name };
  const owned = ownedByClauses(context, names, values);
  return {
    ConditionExpression: `attribute_not_exists(#pk) OR (${["#entityType = :entityType", ...owned].join(" AND ")})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * The clauses saying that the stored item carries the scope's ids (put, update and delete), one `a = :v` per
 * id; adds the attribute names and values they use.
 */
export function ownedByClauses(
  context: ScopeContext,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string[] {
  return context.pins.map(([path, id], index) => {
    values[`:i${index}`] = id;
    const parts = path.split(".").map((part, depth) => ((names[`#i${index}${depth}`] = part), `#i${index}${depth}`));
    return `${parts.join(".")} = :i${index}`;
  });
}
