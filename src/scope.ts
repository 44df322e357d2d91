/**
 * `entity.scope(ids)`: access confined to one tenant and capsule. Inputs never carry the isolation ids (the
 * scope supplies them); attributes and items that carry other ids are refused with `IsolationError`.
 * Commands are plain DocumentClient inputs, so they work with any client, or none.
 */
import type { z } from "zod";
import type { AnyObjectSchema, Entity, EntityItem, EntityKeys, KeyTemplates, PathsOfTemplates, ResolvedIsolation } from "./define-entity.js";
import { CapsuleEntityError, IsolationError } from "./errors.js";
import type { CapsuleId, TenantId } from "./ids.js";
import { checkKeyValue, describeValue, type KeyCodec } from "./key-codec.js";
import type { KeyInput } from "./key-template.js";
import type { Shape } from "./internal/zod-shape.js";
import { foreignItemMessage, globalScopeMessage, noTableMessage } from "./messages.js";

/** The ids a scope is fixed to: tenant and capsule, or the tenant alone for tenant-level entities. */
export type ScopeIds<TResolved> = TResolved extends { readonly level: "capsule" }
  ? { readonly tenantId: TenantId; readonly capsuleId: CapsuleId }
  : TResolved extends { readonly level: "tenant" }
    ? { readonly tenantId: TenantId }
    : never;

/** Where a scope's commands go when the entity has no `table` of its own. */
export interface ScopeOptions {
  readonly table?: string;
}

/** The isolation field paths of a resolved isolation. */
type IsolationPaths<TResolved> =
  | (TResolved extends { readonly tenant: infer TTenant extends string } ? TTenant : never)
  | (TResolved extends { readonly capsule: infer TCapsule extends string } ? TCapsule : never);

/** What a scoped operation reads: the fields of the selected templates, without the isolation ids. */
export type ScopedInput<TShape extends Shape, TTemplates extends KeyTemplates, TResolved, TAttribute extends keyof TTemplates> = KeyInput<
  TShape,
  Exclude<PathsOfTemplates<TShape, TTemplates, TResolved, TAttribute>, IsolationPaths<TResolved>>
>;

/** The primary key attributes among an entity's key attributes. */
type PrimaryAttribute<TTemplates> = keyof TTemplates & ("pk" | "sk");

/** A DocumentClient `GetCommand` / `DeleteCommand` input. */
export interface KeyCommandInput<TKey> {
  readonly TableName: string;
  readonly Key: TKey;
}
/** A DocumentClient `PutCommand` input. */
export interface PutCommandInput<TItem> {
  readonly TableName: string;
  readonly Item: TItem;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Readonly<Record<string, string>>;
}
/** A DocumentClient `QueryCommand` input, confined to the scope's partition and the entity's type. */
export interface QueryCommandInput {
  readonly TableName: string;
  readonly KeyConditionExpression: string;
  readonly FilterExpression: string;
  readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues: Readonly<Record<string, string>>;
}

/**
 * Access to one entity, confined to one tenant and capsule.
 *
 * @example
 * const scope = RoleAssignment.scope({ tenantId, capsuleId });
 * await client.send(new GetCommand(scope.get({ id: "r1" })));
 * @see docs/patterns/scoped-access.md
 */
export interface EntityScope<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
> {
  /** The ids this scope is fixed to. */
  readonly ids: ScopeIds<TResolved>;
  /** Every key of the entity, the isolation ids supplied by the scope. */
  keys(input: ScopedInput<TSchema["shape"], TTemplates, TResolved, keyof TTemplates>): EntityKeys<TSchema["shape"], TTemplates, TResolved>;
  /** A `GetCommand` input for one item. */
  get(
    input: ScopedInput<TSchema["shape"], TTemplates, TResolved, PrimaryAttribute<TTemplates>>,
  ): KeyCommandInput<Pick<EntityKeys<TSchema["shape"], TTemplates, TResolved>, PrimaryAttribute<TTemplates>>>;
  /** A `DeleteCommand` input for one item. */
  delete(
    input: ScopedInput<TSchema["shape"], TTemplates, TResolved, PrimaryAttribute<TTemplates>>,
  ): KeyCommandInput<Pick<EntityKeys<TSchema["shape"], TTemplates, TResolved>, PrimaryAttribute<TTemplates>>>;
  /**
   * A `PutCommand` input. The attributes must carry this scope's ids (else `IsolationError`); with
   * `ifNotExists` the put refuses to overwrite an existing item.
   */
  put(
    attributes: z.input<TSchema>,
    options?: { readonly ifNotExists?: boolean },
  ): PutCommandInput<EntityItem<TName, TSchema, TTemplates, TResolved>>;
  /** A `QueryCommand` input over one partition of this scope, returning only this entity's items. */
  query(input: ScopedInput<TSchema["shape"], TTemplates, TResolved, "pk">): QueryCommandInput;
  /** Whether an item (or attribute set) carries this scope's ids and its partition keys lie in the scope. */
  owns(item: unknown): boolean;
  /** Returns the item when {@link EntityScope.owns} holds, else throws `IsolationError` naming the mismatch. */
  assertOwns<TItem>(item: TItem): TItem;
}

/** Builds the runtime scope for {@link Entity.scope}. */
export function createScope(
  entity: Entity,
  codecs: Readonly<Record<string, KeyCodec>>,
  partitionAttributes: readonly string[],
  rawIds: unknown,
  options: ScopeOptions | undefined,
): EntityScope<string, AnyObjectSchema, KeyTemplates, ResolvedIsolation> {
  const isolation = entity.isolation;
  if (isolation.tenant === undefined) {
    throw new CapsuleEntityError(globalScopeMessage(entity.name));
  }
  const ids = readIds(rawIds, isolation);
  /** [path, id] pairs the scope pins. */
  const pins: readonly (readonly [string, string])[] = [
    [isolation.tenant, ids.tenantId],
    ...(isolation.capsule === undefined || ids.capsuleId === undefined ? [] : [[isolation.capsule, ids.capsuleId] as const]),
  ];
  const prefix = ids.capsuleId === undefined ? `TENANT#${ids.tenantId}` : `TENANT#${ids.tenantId}#CAPSULE#${ids.capsuleId}`;

  const tableName = (): string => {
    const table = options?.table ?? entity.table;
    if (table === undefined) {
      throw new CapsuleEntityError(noTableMessage(entity.name));
    }
    return table;
  };

  /** The input with the scope's ids placed at their paths; an input carrying other ids is refused. */
  const pinned = (input: unknown): Record<string, unknown> => {
    const merged: Record<string, unknown> = typeof input === "object" && input !== null ? { ...input } : {};
    for (const [path, id] of pins) {
      const [head, child] = path.split(".") as [string, string?];
      const holder = child === undefined ? merged : (merged[head] = { ...(merged[head] as object | undefined) }) as Record<string, unknown>;
      const key = child ?? head;
      const given = holder[key];
      if (given !== undefined && given !== id) throw new IsolationError(foreignItemMessage(path, JSON.stringify(id), describeValue(given)));
      holder[key] = id;
    }
    return merged;
  };

  const primaryKey = (input: unknown): Record<string, string> => {
    const values = pinned(input);
    const key: Record<string, string> = {};
    for (const attribute of ["pk", "sk"]) {
      const codec = codecs[attribute];
      if (codec !== undefined) key[attribute] = codec.build(values);
    }
    return key;
  };

  const mismatch = (item: unknown): string | undefined => {
    if (typeof item !== "object" || item === null) return `item ${describeValue(item)}`;
    for (const [path, id] of pins) {
      const [head, child] = path.split(".") as [string, string?];
      const holder = (item as Record<string, unknown>)[head];
      const value = child === undefined ? holder : typeof holder === "object" && holder !== null ? (holder as Record<string, unknown>)[child] : undefined;
      if (value !== id) return `${path} ${describeValue(value)}, not ${JSON.stringify(id)}`;
    }
    for (const attribute of partitionAttributes) {
      const value = (item as Record<string, unknown>)[attribute];
      if (value !== undefined && (typeof value !== "string" || !(value === prefix || value.startsWith(`${prefix}#`)))) {
        return `${attribute} ${describeValue(value)}, not under ${prefix}`;
      }
    }
    return undefined;
  };

  const scope: EntityScope<string, AnyObjectSchema, KeyTemplates, ResolvedIsolation> = {
    ids: ids as never,
    keys: ((input: unknown) => entity.keys(pinned(input) as never)) as never,
    get: ((input: unknown) => ({ TableName: tableName(), Key: primaryKey(input) })) as never,
    delete: ((input: unknown) => ({ TableName: tableName(), Key: primaryKey(input) })) as never,
    put: ((attributes: unknown, putOptions?: { readonly ifNotExists?: boolean }) => {
      const foreign = mismatch(attributes);
      if (foreign !== undefined) throw new IsolationError(foreignItemMessage("put", prefix, foreign));
      const item = entity.toItem(attributes as never);
      return {
        TableName: tableName(),
        Item: item,
        ...(putOptions?.ifNotExists === true ? { ConditionExpression: "attribute_not_exists(#pk)", ExpressionAttributeNames: { "#pk": "pk" } } : {}),
      };
    }) as never,
    query: ((input: unknown) => ({
      TableName: tableName(),
      KeyConditionExpression: "#pk = :pk",
      FilterExpression: "#entityType = :entityType",
      ExpressionAttributeNames: { "#pk": "pk", "#entityType": "entityType" },
      ExpressionAttributeValues: { ":pk": codecs["pk"]!.build(pinned(input)), ":entityType": entity.name },
    })) as never,
    owns: (item) => mismatch(item) === undefined,
    assertOwns: (item) => {
      const foreign = mismatch(item);
      if (foreign !== undefined) throw new IsolationError(foreignItemMessage("the item", prefix, foreign));
      return item;
    },
  };
  return Object.freeze(scope);
}

function readIds(raw: unknown, isolation: ResolvedIsolation): { tenantId: string; capsuleId?: string } {
  const ids = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const tenantId = checkKeyValue(ids["tenantId"], "string", "scope", "tenantId");
  if (isolation.capsule === undefined) return { tenantId };
  return { tenantId, capsuleId: checkKeyValue(ids["capsuleId"], "string", "scope", "capsuleId") };
}
