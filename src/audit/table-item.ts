/**
 * DynamoDB items for `audit-table`: DynamoDB JSON (an export's lines, a Scan's items) to plain values, and an item
 * read as an event (type, source, payload) so the event inference runs over tables unchanged.
 */
import { KeyScratch, mayBeKeyShaped } from "./key-shape.js";

/** A DynamoDB attribute value in DynamoDB JSON (`{ "S": "x" }`, `{ "M": { … } }`). */
export type AttributeValue = Readonly<Record<string, unknown>>;

/** Why a DynamoDB JSON value could not be read, with the path of the offending attribute. */
export class AttributeValueError extends Error {
  override readonly name = "AttributeValueError";
}

/**
 * A DynamoDB JSON attribute value as a plain value: numbers as numbers (as strings beyond 2^53, so no digit is
 * lost), binaries as base64 strings, sets as arrays.
 * @example attributeToPlain({ M: { n: { N: "1" }, tags: { SS: ["a"] } } }, "item") //=> { n: 1, tags: ["a"] }
 */
export function attributeToPlain(value: unknown, path: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new AttributeValueError(`${path} is not a DynamoDB attribute value: ${JSON.stringify(value)}`);
  const entries = Object.entries(value as AttributeValue);
  const [type, inner] = entries[0] ?? [];
  if (entries.length !== 1 || type === undefined)
    throw new AttributeValueError(`${path} has ${entries.length} type tags, a DynamoDB attribute value has one`);
  switch (type) {
    case "S":
    case "B":
      return expect(inner, "string", path, type);
    case "N":
      return toNumber(expect(inner, "string", path, type) as string);
    case "BOOL":
      return expect(inner, "boolean", path, type);
    case "NULL":
      return null;
    case "SS":
    case "BS":
      return expectArray(inner, path, type).map((element) => expect(element, "string", path, type));
    case "NS":
      return expectArray(inner, path, type).map((element) => toNumber(expect(element, "string", path, type) as string));
    case "L":
      return expectArray(inner, path, type).map((element, index) => attributeToPlain(element, `${path}[${index}]`));
    case "M":
      return itemToPlain(inner, path);
    default:
      throw new AttributeValueError(`${path} has the unknown type tag ${JSON.stringify(type)}`);
  }
}

/**
 * A DynamoDB JSON item (attribute name → attribute value) as a plain object.
 * @example itemToPlain({ pk: { S: "TENANT#t1" } }, "item") //=> { pk: "TENANT#t1" }
 */
export function itemToPlain(item: unknown, path: string): Record<string, unknown> {
  if (typeof item !== "object" || item === null || Array.isArray(item))
    throw new AttributeValueError(`${path} is not a map of attribute values`);
  // No prototype: attribute names come from the data, and `__proto__` must stay an attribute.
  const plain = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(item)) plain[name] = attributeToPlain(value, `${path}.${name}`);
  return plain;
}

function expect(value: unknown, kind: "string" | "boolean", path: string, type: string): unknown {
  if (typeof value !== kind) throw new AttributeValueError(`${path}: a ${type} value must be a ${kind}`);
  return value;
}

function expectArray(value: unknown, path: string, type: string): unknown[] {
  if (!Array.isArray(value)) throw new AttributeValueError(`${path}: a ${type} value must be an array`);
  return value;
}

function toNumber(text: string): number | string {
  const number = Number(text);
  return Number.isSafeInteger(number) || (!Number.isInteger(number) && Number.isFinite(number)) ? number : text;
}

/** Attributes that name an item's entity type in the usual libraries: capsule-entity, ElectroDB, dynamodb-toolbox. */
export const entityTypeAttributes: readonly string[] = ["entityType", "__edb_e__", "_et", "__typename", "type", "Type"];

/** The key attributes an item is named by when it carries no type attribute, in the order tried. */
export interface TableKeyNames {
  readonly pk: string;
  readonly sk: string | undefined;
}

/**
 * An item's entity type: its type attribute, or else the shape of its sort (then partition) key with the
 * values left out (`NOTE#{}`), so that items of one kind group together with no domain words given.
 * @example itemType({ pk: "TENANT#t1", sk: "NOTE#n1" }, { pk: "pk", sk: "sk" }) //=> "NOTE#{}"
 */
export function itemType(item: Readonly<Record<string, unknown>>, keys: TableKeyNames): string {
  for (const attribute of entityTypeAttributes) {
    const value = item[attribute];
    if (typeof value === "string" && value !== "" && value.length <= 256) return value;
  }
  for (const attribute of [keys.sk, keys.pk]) {
    const value = attribute === undefined ? undefined : item[attribute];
    if (typeof value !== "string" || !mayBeKeyShaped(value)) continue;
    const scratch = new KeyScratch();
    if (scratch.scan(value)) return scratch.shape();
  }
  return "(untyped item)";
}

/**
 * An item as the event the audit's profiler reads: an EventBridge-style envelope whose detail is the item, so
 * that no attribute of the item (a `type`, a `source`) is mistaken for the envelope.
 * @example itemEvent({ entityType: "Note", pk: "TENANT#t1" }, "platform_data", { pk: "pk", sk: undefined })
 * //=> { "detail-type": "Note", source: "platform_data", detail: { entityType: "Note", pk: "TENANT#t1" } }
 */
export function itemEvent(
  item: Readonly<Record<string, unknown>>,
  source: string,
  keys: TableKeyNames,
): { readonly "detail-type": string; readonly source: string; readonly detail: Readonly<Record<string, unknown>> } {
  return { "detail-type": itemType(item, keys), source, detail: item };
}
