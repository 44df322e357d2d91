/**
 * `entity.scope(ids)`: access confined to one tenant and capsule. Inputs never carry the isolation ids (the
 * scope supplies them); attributes and items that carry other ids are refused with `IsolationError`.
 * Commands are plain DocumentClient inputs, so they work with any client, or none.
 */
import type {
  AnyObjectSchema,
  Entity,
  EntityItem,
  EntityKeys,
  KeyTemplates,
  PathsOfTemplates,
  ResolvedIsolation,
  TemplatePathsOf,
} from "../entity/define-entity.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { CapsuleEntityError, IsolationError } from "../errors.js";
import type { CapsuleId, TenantId } from "../ids.js";
import { checkKeyValue, describeValue, readPath, type KeyCodec } from "../keys/key-codec.js";
import type { KeyInput } from "../keys/key-template.js";
import type { InputOf, Shape } from "../internal/zod-shape.js";
import {
  foreignItemMessage,
  globalEntityMessage,
  queryOptionMessage,
  sortKeyConditionMessage,
  unknownIndexMessage,
} from "../messages.js";
import { sortKeyExpression, type SortKeyCondition, type TemplatePathList } from "./sort-key.js";
import { checkTableFit, fromTableItem, physicalName, tableNameOf, toTableItem, type Table } from "./table.js";
import { fieldsOf, planUpdate, type FieldOf, type UpdateChanges } from "./update.js";

/**
 * The ids a scope is fixed to: tenant and capsule, or the tenant alone for tenant-level entities (`never` for
 * global ones, which have nothing to scope).
 *
 * @example
 * const ids: ScopeIds<typeof RoleAssignment.isolation> = { tenantId: tenantId().parse("acme"), capsuleId: capsuleId().parse("eu") };
 * @see docs/patterns/scoped-access.md
 */
export type ScopeIds<TResolved> = TResolved extends { readonly level: "capsule" }
  ? { readonly tenantId: TenantId; readonly capsuleId: CapsuleId }
  : TResolved extends { readonly level: "tenant" }
    ? { readonly tenantId: TenantId }
    : never;

/**
 * Where a scope's commands go when the entity has no `table` of its own: a table name, or a {@link Table}.
 *
 * @example
 * Note.scope(ids, { table: PlatformTable });
 * @see docs/dynamodb.md
 */
export interface ScopeOptions<TTable extends string | Table = string | Table> {
  readonly table?: TTable;
}

/**
 * The key attribute names of a table option: the table's, or none (entities' own names) for a table name.
 *
 * @example
 * type Names = AttributesOf<typeof PlatformTable>; //=> { pk: "PK"; sk: "SK"; … }
 */
export type AttributesOf<TTable> = TTable extends Table ? TTable["attributes"] : {};

/**
 * Key attributes renamed to a table's attribute names.
 *
 * @example
 * type Key = StoredAs<{ pk: string; sk: "METADATA" }, { pk: "PK"; sk: "SK" }>; //=> { PK: string; SK: "METADATA" }
 * @see docs/patterns/scoped-access.md
 */
export type StoredAs<TValues, TAttributes> = {
  readonly [TKey in keyof TValues as TKey extends keyof TAttributes ? TAttributes[TKey] & string : TKey]: TValues[TKey];
};

/** The isolation field paths of a resolved isolation. */
type IsolationPaths<TResolved> =
  | (TResolved extends { readonly tenant: infer TTenant extends string } ? TTenant : never)
  | (TResolved extends { readonly capsule: infer TCapsule extends string } ? TCapsule : never);

/**
 * What a scoped operation reads: the fields of the selected templates, without the isolation ids.
 *
 * @see docs/patterns/scoped-access.md
 */
export type ScopedInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TAttribute extends keyof TTemplates,
> = KeyInput<TShape, Exclude<PathsOfTemplates<TShape, TTemplates, TResolved, TAttribute>, IsolationPaths<TResolved>>>;

/** The primary key attributes among an entity's key attributes. */
type PrimaryAttribute<TTemplates> = keyof TTemplates & ("pk" | "sk");

/**
 * The names of an entity's indexes.
 *
 * @example
 * type Indexes = IndexNames<{ pk: string; sk: string; gsi1pk: string; gsi1sk: string }>; //=> "gsi1"
 * @see docs/patterns/scoped-access.md
 */
export type IndexNames<TTemplates> = keyof TTemplates extends infer TAttribute
  ? TAttribute extends `${infer TIndex}pk`
    ? TIndex extends ""
      ? never
      : TIndex
    : never
  : never;

/**
 * The fields an update cannot change: those of the primary key and the isolation ids.
 *
 * @example
 * type Fixed = FixedFields<typeof Note.templates, typeof Note.isolation>; //=> "tenantId" | "capsuleId" | "noteId"
 * @see docs/patterns/scoped-access.md
 */
export type FixedFields<TTemplates extends KeyTemplates, TResolved> = FieldOf<
  TemplatePathsOf<TTemplates, PrimaryAttribute<TTemplates>> | IsolationPaths<TResolved>
>;

/**
 * Paging and order of a query.
 *
 * @example
 * notes.query({ limit: 25, order: "desc", cursor: previous.cursor });
 * @see docs/patterns/scoped-access.md
 */
export interface QueryPageOptions {
  /** DynamoDB's `Limit`: at most this many items are read per request (before the entity-type filter). */
  readonly limit?: number;
  /** Sort-key order; default `"asc"`. */
  readonly order?: "asc" | "desc";
  /** Resume after the page that returned this cursor (same query, same scope). */
  readonly cursor?: string;
  /** A strongly consistent read (tables only: DynamoDB's global secondary indexes have none). */
  readonly consistent?: boolean;
}

type PartitionPart<TInput> = {} extends TInput ? { readonly partition?: TInput } : { readonly partition: TInput };
type SortKeyPart<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TAttribute extends string,
  TResolved,
> = TAttribute extends keyof TTemplates
  ? {
      readonly sortKey?: SortKeyCondition<
        TShape,
        TemplatePathList<TTemplates[TAttribute] & string>,
        IsolationPaths<TResolved>
      >;
    }
  : {};
type QueryOn<TShape extends Shape, TTemplates extends KeyTemplates, TResolved, TPrefix extends string> = PartitionPart<
  ScopedInput<TShape, TTemplates, TResolved, `${TPrefix}pk` & keyof TTemplates>
> &
  SortKeyPart<TShape, TTemplates, `${TPrefix}sk`, TResolved> &
  QueryPageOptions;

/**
 * What a scoped query reads: the table or one `index`, the `partition` fields beyond the isolation ids (when
 * its pk template has any), a `sortKey` condition derived from the sk template, and paging.
 *
 * @example
 * Note.scope(ids).query({ sortKey: { noteId: "n1" }, limit: 25, order: "desc" });
 * Note.scope(ids).query({ index: "gsi1", partition: { tag: "red" }, sortKey: { title: { beginsWith: "Re" } } });
 * @see docs/patterns/scoped-access.md
 */
export type QueryInput<TShape extends Shape, TTemplates extends KeyTemplates, TResolved> =
  | ({ readonly index?: undefined } & QueryOn<TShape, TTemplates, TResolved, "">)
  | {
      [TIndex in IndexNames<TTemplates>]: { readonly index: TIndex } & QueryOn<TShape, TTemplates, TResolved, TIndex>;
    }[IndexNames<TTemplates>];

/**
 * A command input naming one item: the base of `GetCommand` and `DeleteCommand` inputs.
 *
 * @example
 * const input: KeyCommandInput<{ pk: string; sk: string }> = scope.get({ noteId: "n1" });
 * @see docs/patterns/scoped-access.md
 */
export interface KeyCommandInput<TKey> {
  readonly TableName: string;
  readonly Key: TKey;
}
/**
 * A DocumentClient `GetCommand` input, strongly consistent when asked for.
 *
 * @example
 * await client.send(new GetCommand(scope.get({ noteId: "n1" }, { consistent: true })));
 * @see docs/patterns/scoped-access.md
 */
export interface GetCommandInput<TKey> extends KeyCommandInput<TKey> {
  readonly ConsistentRead?: true;
}
/**
 * A DocumentClient `DeleteCommand` input: refuses to delete an item of another entity type at the key, or one
 * that does not carry the scope's ids.
 *
 * @example
 * await client.send(new DeleteCommand(scope.delete({ noteId: "n1" })));
 * @see docs/patterns/scoped-access.md
 */
export interface DeleteCommandInput<TKey> extends KeyCommandInput<TKey>, GuardedCommand {}
/** The condition every write carries, with the names and values it uses. */
interface GuardedCommand {
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
  /** Absent when the condition uses no values (DynamoDB refuses an empty map). */
  readonly ExpressionAttributeValues?: Readonly<Record<string, unknown>>;
}
/**
 * A DocumentClient `PutCommand` input: refuses to overwrite an item of another entity type or one that does
 * not carry the scope's ids, or with `ifNotExists` any item.
 *
 * @example
 * await client.send(new PutCommand(scope.put(note, { ifNotExists: true })));
 * @see docs/patterns/scoped-access.md
 */
export interface PutCommandInput<TItem> extends GuardedCommand {
  readonly TableName: string;
  readonly Item: TItem;
}
/**
 * The `GetCommand` input of a scope's get: an interface, so that its key type is only computed when read.
 *
 * @see docs/patterns/scoped-access.md
 */
export interface ScopedGetInput<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> extends GetCommandInput<PrimaryKeyOf<TSchema, TTemplates, TResolved, TAttributes>> {}
/** The `DeleteCommand` input of a scope's delete (lazy, like {@link ScopedGetInput}). */
export interface ScopedDeleteInput<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> extends DeleteCommandInput<PrimaryKeyOf<TSchema, TTemplates, TResolved, TAttributes>> {}
/** The `UpdateCommand` input of a scope's update (lazy, like {@link ScopedGetInput}). */
export interface ScopedUpdateInput<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> extends UpdateCommandInput<PrimaryKeyOf<TSchema, TTemplates, TResolved, TAttributes>> {}
/** The primary key of an item, as a table stores it. */
type PrimaryKeyOf<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> = StoredAs<Pick<EntityKeys<TSchema["shape"], TTemplates, TResolved>, PrimaryAttribute<TTemplates>>, TAttributes>;
/**
 * The `PutCommand` input of a scope's put: an interface, so that its item type is only computed when read.
 *
 * @see docs/patterns/scoped-access.md
 */
export interface ScopedPutInput<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> extends PutCommandInput<StoredAs<EntityItem<TName, TSchema, TTemplates, TResolved>, TAttributes>> {}
/**
 * A DocumentClient `UpdateCommand` input: only an existing item of this entity, returning the new item.
 *
 * @example
 * const { Attributes } = await client.send(new UpdateCommand(scope.update({ noteId: "n1" }, { title: "New" })));
 * scope.readItem(Attributes);
 * @see docs/patterns/scoped-access.md
 */
export interface UpdateCommandInput<TKey> extends DeleteCommandInput<TKey> {
  readonly UpdateExpression: string;
  readonly ReturnValues: "ALL_NEW";
}
/**
 * A DocumentClient `QueryCommand` input, confined to the scope's partition and the entity's type.
 *
 * @example
 * const output = await client.send(new QueryCommand(scope.query({ sortKey: { noteId: "n1" } })));
 * const notes = (output.Items ?? []).map(scope.readItem).filter((note) => note !== undefined);
 * const next = scope.cursor(output.LastEvaluatedKey);
 * @see docs/patterns/scoped-access.md
 */
export interface QueryCommandInput {
  readonly TableName: string;
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly FilterExpression: string;
  readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues: Readonly<Record<string, string>>;
  readonly Limit?: number;
  readonly ScanIndexForward?: false;
  readonly ExclusiveStartKey?: Readonly<Record<string, string>>;
  readonly ConsistentRead?: true;
}

/**
 * Access to one entity, confined to one tenant and capsule.
 *
 * @example
 * const scope = RoleAssignment.scope({ tenantId, capsuleId });
 * const { Item } = await client.send(new GetCommand(scope.get({ id: "r1" })));
 * const role = scope.readItem(Item); // validated, owned by the scope, or undefined
 * @see docs/dynamodb.md
 */
export interface EntityScope<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes = {},
> {
  /** The ids this scope is fixed to. */
  readonly ids: ScopeIds<TResolved>;
  /** Every key of the entity, the isolation ids supplied by the scope. */
  keys(
    input: ScopedInput<TSchema["shape"], TTemplates, TResolved, keyof TTemplates>,
  ): EntityKeys<TSchema["shape"], TTemplates, TResolved>;
  /** A `GetCommand` input for one item; `consistent` for a strongly consistent read. */
  get(
    input: ScopedInput<TSchema["shape"], TTemplates, TResolved, PrimaryAttribute<TTemplates>>,
    options?: { readonly consistent?: boolean },
  ): ScopedGetInput<TSchema, TTemplates, TResolved, TAttributes>;
  /** A `DeleteCommand` input for one item; it refuses to delete an item of another entity type or with other ids. */
  delete(
    input: ScopedInput<TSchema["shape"], TTemplates, TResolved, PrimaryAttribute<TTemplates>>,
  ): ScopedDeleteInput<TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * A `PutCommand` input. The attributes must carry this scope's ids (else `IsolationError`). The put never
   * overwrites an item of another entity type, nor one planted under its key with other ids; with
   * `ifNotExists` it overwrites nothing.
   */
  put(
    attributes: InputOf<TSchema>,
    options?: { readonly ifNotExists?: boolean },
  ): ScopedPutInput<TName, TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * An `UpdateCommand` input changing non-key attributes of an existing item (see src/access/update.ts for the
   * rules: key and isolation fields are refused, index keys are rebuilt from complete index fields).
   */
  update(
    key: ScopedInput<TSchema["shape"], TTemplates, TResolved, PrimaryAttribute<TTemplates>>,
    changes: UpdateChanges<TSchema, FixedFields<TTemplates, TResolved>>,
  ): ScopedUpdateInput<TSchema, TTemplates, TResolved, TAttributes>;
  /** A `QueryCommand` input over one partition of this scope (table or index), returning only this entity's items. */
  query(input: QueryInput<TSchema["shape"], TTemplates, TResolved>): QueryCommandInput;
  /** The cursor for a query output's `LastEvaluatedKey`, to pass back as `cursor`; `undefined` after the last page. */
  cursor(lastEvaluatedKey: Readonly<Record<string, unknown>> | undefined): string | undefined;
  /**
   * A stored item as read from the table: `undefined` when absent or of another entity type; else validated
   * by `fromItem` and {@link EntityScope.assertOwns} (a foreign item throws `IsolationError`).
   */
  readItem(raw: unknown): EntityItem<TName, TSchema, TTemplates, TResolved> | undefined;
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
  if (isolation.tenant === undefined)
    throw new CapsuleEntityError(globalEntityMessage(entity.name), "scope.globalEntity");
  const ids = readIds(rawIds, isolation);
  /** [path, id] pairs the scope pins. */
  const pins: readonly (readonly [string, string])[] = [
    [isolation.tenant, ids.tenantId],
    ...(isolation.capsule === undefined || ids.capsuleId === undefined
      ? []
      : [[isolation.capsule, ids.capsuleId] as const]),
  ];
  const pinnedPaths = pins.map(([path]) => path);
  const prefix =
    ids.capsuleId === undefined ? `TENANT#${ids.tenantId}` : `TENANT#${ids.tenantId}#CAPSULE#${ids.capsuleId}`;

  const table = options?.table ?? entity.table;
  if (typeof table === "object") checkTableFit(table, entity.name, entity.templates, entity.schema.shape as Shape);
  const keyAttributes = Object.keys(codecs);
  /** Logical key attribute → the table's attribute name. */
  const stored = (attribute: string): string => physicalName(table, attribute);
  const tableName = (): string => tableNameOf(table, entity.name);

  /** The input with the scope's ids placed at their paths; an input carrying other ids is refused. */
  const pinned = (input: unknown): Record<string, unknown> => {
    const merged: Record<string, unknown> = typeof input === "object" && input !== null ? { ...input } : {};
    for (const [path, id] of pins) {
      const [head, child] = path.split(".") as [string, string?];
      const holder =
        child === undefined
          ? merged
          : ((merged[head] = { ...(merged[head] as object | undefined) }) as Record<string, unknown>);
      const key = child ?? head;
      const given = holder[key];
      if (given !== undefined && given !== id)
        throw new IsolationError(foreignItemMessage(path, JSON.stringify(id), describeValue(given)));
      holder[key] = id;
    }
    return merged;
  };

  /** The primary key of an item, by the table's attribute names. */
  const primaryKey = (input: unknown): Record<string, string> => {
    const values = pinned(input);
    const key: Record<string, string> = {};
    for (const attribute of ["pk", "sk"]) {
      const codec = codecs[attribute];
      if (codec !== undefined) key[stored(attribute)] = codec.build(values);
    }
    return key;
  };

  /** `put` with `ifNotExists`: writes only where no item is. */
  const absent = (): GuardedCommand => ({
    ConditionExpression: "attribute_not_exists(#pk)",
    ExpressionAttributeNames: { "#pk": stored("pk") },
  });
  /**
   * `put` and `delete`: write only where the item is absent, or is this entity's and carries the scope's ids:
   * never over an item of another entity type, nor over one planted under this key with other ids.
   */
  const ownedOrAbsent = (): GuardedCommand => {
    const names: Record<string, string> = { "#pk": stored("pk"), "#entityType": "entityType" };
    const values: Record<string, unknown> = { ":entityType": entity.name };
    const owned = ownedBy(names, values);
    return {
      ConditionExpression: `attribute_not_exists(#pk) OR (${["#entityType = :entityType", ...owned].join(" AND ")})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  };

  /**
   * The condition that the stored item carries the scope's ids (put, update and delete), one `a = :v` per id.
   * Adds its attribute names and values.
   */
  const ownedBy = (names: Record<string, string>, values: Record<string, unknown>): string[] =>
    pins.map(([path, id], index) => {
      values[`:i${index}`] = id;
      const parts = path.split(".").map((part, depth) => ((names[`#i${index}${depth}`] = part), `#i${index}${depth}`));
      return `${parts.join(".")} = :i${index}`;
    });

  const mismatch = (item: unknown): string | undefined => {
    if (typeof item !== "object" || item === null) return `item ${describeValue(item)}`;
    for (const [path, id] of pins) {
      const value = readPath(item, path.split("."));
      if (value !== id) return `${path} ${describeValue(value)}, not ${JSON.stringify(id)}`;
    }
    // Each partition key by its logical name and by the table's attribute name (`PK` in a defineTable): a raw
    // item read from the table carries the latter.
    for (const name of partitionAttributes.flatMap((attribute) => [...new Set([attribute, stored(attribute)])])) {
      const value = (item as Record<string, unknown>)[name];
      if (value !== undefined && (typeof value !== "string" || !(value === prefix || value.startsWith(`${prefix}#`)))) {
        return `${name} ${describeValue(value)}, not under ${prefix}`;
      }
    }
    return undefined;
  };
  const assertOwns = <TItem>(item: TItem): TItem => {
    const foreign = mismatch(item);
    if (foreign !== undefined) throw new IsolationError(foreignItemMessage("the item", prefix, foreign));
    return item;
  };

  const fixed = new Set([
    ...["pk", "sk"].flatMap((attribute) => (codecs[attribute] === undefined ? [] : fieldsOf(codecs[attribute]))),
    ...pinnedPaths.map((path) => path.split(".")[0]!),
  ]);
  const indexCodecs = Object.fromEntries(
    Object.entries(codecs).filter(([attribute]) => attribute !== "pk" && attribute !== "sk"),
  );
  const indexNames = partitionAttributes
    .filter((attribute) => attribute !== "pk")
    .map((attribute) => attribute.slice(0, -"pk".length));

  const scope: EntityScope<string, AnyObjectSchema, KeyTemplates, ResolvedIsolation> = {
    ids: ids as never,
    keys: ((input: unknown) => entity.keys(pinned(input) as never)) as never,
    get: ((input: unknown, getOptions?: { readonly consistent?: boolean }) => ({
      TableName: tableName(),
      Key: primaryKey(input),
      ...(getOptions?.consistent === true ? { ConsistentRead: true } : {}),
    })) as never,
    delete: ((input: unknown) => ({ TableName: tableName(), Key: primaryKey(input), ...ownedOrAbsent() })) as never,
    put: ((attributes: unknown, putOptions?: { readonly ifNotExists?: boolean }) => {
      const foreign = mismatch(attributes);
      if (foreign !== undefined) throw new IsolationError(foreignItemMessage("put", prefix, foreign));
      const item = entity.toItem(attributes as never) as Record<string, unknown>;
      // The schema may rewrite the ids (trim, toLowerCase): check the item as it will be stored, too.
      const moved = mismatch(item);
      if (moved !== undefined) throw new IsolationError(foreignItemMessage("put", prefix, moved));
      return {
        TableName: tableName(),
        Item: typeof table === "object" ? toTableItem(table, keyAttributes, item) : item,
        ...(putOptions?.ifNotExists === true ? absent() : ownedOrAbsent()),
      };
    }) as never,
    update: ((key: unknown, changes: unknown) => {
      const keyValues = pinned(key);
      const plan = planUpdate(entity.name, entity.schema, fixed, indexCodecs, keyValues, changes);
      const names: Record<string, string> = { "#pk": stored("pk"), "#entityType": "entityType" };
      const assignments = plan.set.map((_, index) => `#u${index} = :u${index}`);
      plan.set.forEach(([attribute], index) => (names[`#u${index}`] = stored(attribute)));
      plan.remove.forEach((attribute, index) => (names[`#r${index}`] = attribute));
      const values: Record<string, unknown> = { ":entityType": entity.name };
      const owned = ownedBy(names, values);
      plan.set.forEach(([, value], index) => (values[`:u${index}`] = value));
      return {
        TableName: tableName(),
        Key: primaryKey(keyValues),
        UpdateExpression: [
          assignments.length > 0 ? `SET ${assignments.join(", ")}` : "",
          plan.remove.length > 0 ? `REMOVE ${plan.remove.map((_, index) => `#r${index}`).join(", ")}` : "",
        ]
          .filter((clause) => clause !== "")
          .join(" "),
        ConditionExpression: ["attribute_exists(#pk)", "#entityType = :entityType", ...owned].join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
      };
    }) as never,
    query: ((input: unknown) => {
      const { index, partition, sortKey, limit, order, cursor, consistent } = (
        typeof input === "object" && input !== null ? input : {}
      ) as Record<string, unknown>;
      const on = index === undefined ? "" : String(index);
      const partitionCodec = Object.hasOwn(codecs, `${on}pk`) && on !== "pk" ? codecs[`${on}pk`] : undefined;
      if (partitionCodec === undefined || (index !== undefined && (typeof index !== "string" || on === ""))) {
        throw new CapsuleEntityError(
          unknownIndexMessage(entity.name, describeValue(index), indexNames.join(", ") || "none"),
          "query.unknownIndex",
        );
      }
      if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) > 0))
        throw new CapsuleEntityError(
          queryOptionMessage(entity.name, "limit", `is ${describeValue(limit)}`),
          "query.invalidOption",
        );
      if (order !== undefined && order !== "asc" && order !== "desc")
        throw new CapsuleEntityError(
          queryOptionMessage(entity.name, "order", `is ${describeValue(order)}`),
          "query.invalidOption",
        );
      if (consistent === true && index !== undefined) {
        throw new CapsuleEntityError(
          queryOptionMessage(
            entity.name,
            "consistent",
            `is true on index ${on}, which DynamoDB reads only eventually consistently`,
          ),
          "query.invalidOption",
        );
      }
      const sortCodec = codecs[`${on}sk`];
      if (sortCodec === undefined && sortKey !== undefined) {
        throw new CapsuleEntityError(
          sortKeyConditionMessage(entity.name, `${on}sk`, "is given, but there is no sort key"),
          "query.sortKey",
        );
      }
      const partitionValue = partitionCodec.build(pinned(partition));
      const condition =
        sortCodec === undefined
          ? undefined
          : sortKeyExpression(entity.name, `${on}sk`, sortCodec, pinned(sortKey), pinnedPaths);
      const cursorAttributes = ["pk", "sk", ...(index === undefined ? [] : [`${on}pk`, `${on}sk`])]
        .filter((attribute) => codecs[attribute] !== undefined)
        .map(stored);
      return {
        TableName: tableName(),
        ...(index === undefined ? {} : { IndexName: on }),
        KeyConditionExpression: `#pk = :pk${condition === undefined ? "" : condition.operator === "=" ? " AND #sk = :sk" : " AND begins_with(#sk, :sk)"}`,
        FilterExpression: "#entityType = :entityType",
        ExpressionAttributeNames: {
          "#pk": stored(`${on}pk`),
          ...(condition === undefined ? {} : { "#sk": stored(`${on}sk`) }),
          "#entityType": "entityType",
        },
        ExpressionAttributeValues: {
          ":pk": partitionValue,
          ...(condition === undefined ? {} : { ":sk": condition.value }),
          ":entityType": entity.name,
        },
        ...(limit === undefined ? {} : { Limit: limit }),
        ...(order === "desc" ? { ScanIndexForward: false } : {}),
        ...(consistent === true ? { ConsistentRead: true } : {}),
        ...(cursor === undefined
          ? {}
          : {
              ExclusiveStartKey: decodeCursor(cursor, {
                entity: entity.name,
                attributes: cursorAttributes,
                partitionAttribute: stored(`${on}pk`),
                partition: partitionValue,
              }),
            }),
      };
    }) as never,
    cursor: encodeCursor,
    readItem: ((raw: unknown) => {
      if (raw === undefined) return undefined;
      const item = typeof table === "object" ? fromTableItem(table, keyAttributes, raw) : raw;
      if (typeof item === "object" && item !== null && (item as Record<string, unknown>)["entityType"] !== entity.name)
        return undefined;
      return assertOwns(entity.fromItem(item));
    }) as never,
    owns: (item) => mismatch(item) === undefined,
    assertOwns,
  };

  return Object.freeze(scope);
}

function readIds(raw: unknown, isolation: ResolvedIsolation): { tenantId: string; capsuleId?: string } {
  const ids = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const tenantId = checkKeyValue(ids["tenantId"], "string", "scope", "tenantId");
  if (isolation.capsule === undefined) return { tenantId };
  return { tenantId, capsuleId: checkKeyValue(ids["capsuleId"], "string", "scope", "capsuleId") };
}
