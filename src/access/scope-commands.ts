/**
 * The single-item operations of a scope, one function each: `get`, `delete`, `put`, `update` build
 * DocumentClient command inputs; `readItem` checks an item read back. Each takes the scope's
 * {@link ScopeContext} and the caller's raw input; the typed surface is `EntityScope` (scope.ts).
 */
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { getOptionMessage } from "../messages.js";
import type { DeleteCommandInput, GetCommandInput, PutCommandInput, UpdateCommandInput } from "./scope.js";
import {
  absentCondition,
  assertOwned,
  commandTable,
  ownedByClauses,
  ownedOrAbsentCondition,
  pinIds,
  primaryKey,
  storedName,
  type ScopeContext,
} from "./scope-context.js";
import { fieldsOf, planUpdate, renderUpdate } from "./update.js";

/** A primary key by the table's attribute names. */
type StoredKey = Readonly<Record<string, string>>;
/** An item as a command carries it. */
type StoredItem = Readonly<Record<string, unknown>>;

/** `scope.get`: a `GetCommand` input, strongly consistent when asked for. */
export function getCommand(
  context: ScopeContext,
  input: unknown,
  options?: { readonly consistent?: boolean },
): GetCommandInput<StoredKey> {
  // A key the types refuse (a misspelt `consistant`) would be ignored, the read eventually consistent: refused.
  const stray = Object.keys(options ?? {}).find((key) => key !== "consistent");
  if (stray !== undefined)
    throw new CapsuleEntityError(getOptionMessage(context.entity.name, stray, "is not an option of get"));
  // A value the types refuse (`"true"` from a request's query string) would be read as false: refused.
  const consistent: unknown = options?.consistent;
  if (consistent !== undefined && typeof consistent !== "boolean")
    throw new CapsuleEntityError(
      getOptionMessage(context.entity.name, "consistent", `is ${describeValue(consistent)}`),
    );
  return {
    TableName: commandTable(context),
    Key: primaryKey(context, input),
    ...(options?.consistent === true ? { ConsistentRead: true } : {}),
  };
}

/** `scope.delete`: a `DeleteCommand` input that deletes only an item of this entity carrying the scope's ids. */
export function deleteCommand(context: ScopeContext, input: unknown): DeleteCommandInput<StoredKey> {
  return { TableName: commandTable(context), Key: primaryKey(context, input), ...ownedOrAbsentCondition(context) };
}

/** `scope.put`: a `PutCommand` input for attributes that carry the scope's ids, as stored and as given. */
export function putCommand(
  context: ScopeContext,
  attributes: unknown,
  options?: { readonly ifNotExists?: boolean },
): PutCommandInput<StoredItem> {
  assertOwned(context, attributes, "put");
  const item = context.entity.toItem(attributes, { table: context.table });
  // The schema may rewrite the ids (trim, toLowerCase): check the item as it will be stored, too.
  assertOwned(context, item, "put");
  return {
    TableName: commandTable(context),
    Item: item,
    ...(options?.ifNotExists === true ? absentCondition(context) : ownedOrAbsentCondition(context)),
  };
}

/**
 * `scope.update`: an `UpdateCommand` input changing non-key attributes of an existing item of this entity that
 * carries the scope's ids (the rules are planUpdate's, update.ts).
 */
export function updateCommand(context: ScopeContext, key: unknown, changes: unknown): UpdateCommandInput<StoredKey> {
  const { entity } = context;
  const keyValues = pinIds(context, key);
  const plan = planUpdate(
    entity.name,
    entity.schema,
    fixedFields(context),
    context.pins.map(([path]) => path),
    indexCodecs(context),
    keyValues,
    changes,
  );
  const rendered = renderUpdate(plan, (attribute) => storedName(context, attribute));
  const names: Record<string, string> = {
    "#pk": storedName(context, "pk"),
    "#entityType": "entityType",
    ...rendered.names,
  };
  const values: Record<string, unknown> = { ":entityType": entity.name, ...rendered.values };
  const owned = ownedByClauses(context, names, values);
  return {
    TableName: commandTable(context),
    Key: primaryKey(context, keyValues),
    UpdateExpression: rendered.expression,
    ConditionExpression: ["attribute_exists(#pk)", "#entityType = :entityType", ...owned].join(" AND "),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: "ALL_NEW",
  };
}

/** The fields an update may not change: those of the primary key, and the top fields of the isolation ids. */
function fixedFields(context: ScopeContext): ReadonlySet<string> {
  const { codecs } = context.entity;
  return new Set([
    ...["pk", "sk"].flatMap((attribute) => (codecs[attribute] === undefined ? [] : fieldsOf(codecs[attribute]))),
    ...context.pins.map(([path]) => path.split(".")[0]!),
  ]);
}

/** The index key codecs, by attribute: an update rebuilds those whose fields it changes. */
function indexCodecs(context: ScopeContext): ScopeContext["entity"]["codecs"] {
  return Object.fromEntries(
    Object.entries(context.entity.codecs).filter(([attribute]) => attribute !== "pk" && attribute !== "sk"),
  );
}

/**
 * `scope.readItem`: an item read back, `undefined` when absent or of another entity type; else validated by
 * `fromItem` and owned by the scope (a foreign item throws `IsolationError`).
 */
export function readScopedItem(context: ScopeContext, raw: unknown): StoredItem | undefined {
  if (raw === undefined) return undefined;
  const { entity } = context;
  if (typeof raw === "object" && raw !== null && (raw as Record<string, unknown>)["entityType"] !== entity.name)
    return undefined;
  const verified = entity.fromItem(raw, { table: context.table });
  assertOwned(context, verified, "the item");
  return verified;
}
