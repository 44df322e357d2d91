/**
 * Reading items through a `KEYS_ONLY` or `INCLUDE` index (table.ts, `projection`): the item is partial, so it is
 * verified on what is projected. Every key it carries (the table's and the index's) is parsed back into the
 * fields it was built from; the fields two keys share must agree, an included attribute that is also in a key
 * must equal it, the included attributes are parsed by their schemas, `entityType` (projected by `INCLUDE`)
 * must be this entity's, and the result must be owned by the scope (its ids, its partition keys under the
 * prefix). A planted foreign item throws `IsolationError`; a `KEYS_ONLY` entry whose keys are not this entity's
 * shape is another entity type's and is skipped, as a full read skips other types.
 */
import { z } from "zod";
import { CapsuleEntityError, IsolationError, ItemValidationError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { keyMismatchMessage, tableProjectionMessage } from "../messages.js";
import { assertOwned, type ScopeContext } from "./scope-context.js";
import { fromTableItem } from "../internal/table-names.js";
import type { TableProjection } from "./table.js";

type AnyItem = Record<string, unknown>;

/** The projection of an index (or `"ALL"` for the table, a table given by name, or an index it does not declare). */
export function projectionOf(context: ScopeContext, index: string | undefined): TableProjection {
  const { table } = context;
  return index === undefined || typeof table !== "object" ? "ALL" : (table.projections[index] ?? "ALL");
}

/**
 * The top-level attributes a filter may name on an index: `undefined` when every attribute is projected; a
 * filter naming another is refused (DynamoDB would evaluate it as absent and drop every item).
 */
export function projectedAttributes(projection: TableProjection): readonly string[] | undefined {
  return projection === "ALL" ? undefined : projection === "KEYS_ONLY" ? [] : projection.include;
}

/** Refuses a filter path that the index does not project (`table.projection`); `fields`: the entity's isolation fields. */
export function assertProjected(
  entity: string,
  index: string,
  projected: readonly string[],
  path: string,
  fields: readonly string[],
): void {
  const top = path.split(".")[0]!;
  if (!projected.includes(top))
    throw new CapsuleEntityError(
      tableProjectionMessage(entity, index, `does not hold ${top}, which the filter names`, fields),
    );
}

/**
 * A partial item read through index `index` with a `KEYS_ONLY` or `INCLUDE` projection: the key fields and ids
 * parsed from its keys, its keys, `entityType`, and the included attributes; `undefined` when absent or another
 * entity type's. Throws `IsolationError` for an item that is not the scope's or whose keys disagree.
 */
export function readProjectedItem(
  context: ScopeContext,
  index: string,
  projection: Exclude<TableProjection, "ALL">,
  raw: unknown,
): AnyItem | undefined {
  if (raw === undefined) return undefined;
  const { entity, table } = context;
  const attributes = ["pk", "sk", `${index}pk`, `${index}sk`].filter((attribute) => entity.codecs[attribute]);
  const stored = (typeof table === "object" ? fromTableItem(table, attributes, raw) : raw) as AnyItem;
  const include = projection === "KEYS_ONLY" ? [] : projection.include;
  if (include.includes("entityType") && stored["entityType"] !== entity.name) return undefined;
  const fields: AnyItem = {};
  for (const attribute of attributes) {
    const key = stored[attribute];
    let values: AnyItem;
    try {
      values = entity.codecs[attribute]!.parse(String(key));
    } catch (error) {
      // Without entityType, a key of another shape is another entity type's entry in the index.
      if (projection === "KEYS_ONLY") return undefined;
      throw new IsolationError(keyMismatchMessage(attribute, describeValue(key), (error as Error).message));
    }
    mergeInto(fields, values, attribute);
  }
  const shape = entity.schema.shape;
  const included: AnyItem = {};
  for (const name of include) {
    if (name === "entityType" || stored[name] === undefined) continue;
    const parsed = z.safeParse(shape[name]!, stored[name]);
    if (!parsed.success)
      throw new ItemValidationError(
        entity.name,
        parsed.error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })),
      );
    included[name] = parsed.data;
  }
  // An included attribute that a key holds too (an id, a key field) must be what the key says.
  mergeInto(included, fields, "the keys");
  const item: AnyItem = {
    ...included,
    entityType: entity.name,
    ...Object.fromEntries(attributes.map((attribute) => [attribute, stored[attribute]])),
  };
  assertOwned(context, item, "the item");
  return item;
}

/** Adds `values` (nested objects merged) into `into`; a value that differs from one already there is refused. */
function mergeInto(into: AnyItem, values: AnyItem, source: string, path: readonly string[] = []): void {
  for (const [name, value] of Object.entries(values)) {
    const at = [...path, name];
    const present = into[name];
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      if (present !== undefined && (typeof present !== "object" || present === null))
        throw new IsolationError(keyMismatchMessage(source, describeValue(value), describeValue(present)));
      into[name] = { ...(present as AnyItem | undefined) };
      mergeInto(into[name] as AnyItem, value as AnyItem, source, at);
    } else if (present === undefined) into[name] = value;
    else if (present !== value)
      throw new IsolationError(
        keyMismatchMessage(`${source} (${at.join(".")})`, describeValue(value), describeValue(present)),
      );
  }
}
