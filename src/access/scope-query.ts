/**
 * `scope.query`: a `QueryCommand` input over one partition of the scope, on the table or one index, with a
 * sort-key condition, paging and a cursor, returning only this entity's items. The options are checked first,
 * each with its catalog message.
 */
import { isolationFieldsOf } from "../entity/isolation.js";
import { CapsuleEntityError } from "../errors.js";
import type { KeyCodec } from "../keys/key-codec.js";
import { describeValue } from "../internal/describe.js";
import {
  builderQueryOptionMessage,
  notAQueryOption,
  queryPartitionFieldMessage,
  queryPartitionMessage,
  sortKeyConditionMessage,
  indexLevelScopeMessage,
  invalidCursorMessage,
  unknownIndexMessage,
} from "../messages.js";
import { cursorAttributes, decodeCursor } from "./cursor.js";
import { buildFilter } from "./filter.js";
import { assertProjected, projectedAttributes, projectionOf } from "./projection.js";
import type { QueryCommandInput } from "./scope.js";
import { commandTable, outerLevelRefusal, pinIds, storedName, type ScopeContext } from "./scope-context.js";
import { meetsSortKey, sortKeyClause, sortKeyExpression, type SortKeyExpression } from "./sort-key.js";

/** A query's input as a plain JS caller may pass it. */
interface RawQuery {
  readonly index?: unknown;
  readonly partition?: unknown;
  readonly sortKey?: unknown;
  readonly limit?: unknown;
  readonly order?: unknown;
  readonly cursor?: unknown;
  readonly consistent?: unknown;
  readonly filter?: unknown;
}

/** The codecs a query reads, once its options are checked. */
interface QueryPlan {
  /** `""` for the table, else the index name: the prefix of the key attributes (`<on>pk`, `<on>sk`). */
  readonly on: string;
  readonly partitionCodec: KeyCodec;
  readonly sortCodec: KeyCodec | undefined;
  /** DynamoDB's `Limit`, checked to be a positive integer. */
  readonly limit: number | undefined;
}

/** Builds the `QueryCommand` input of `scope.query`. */
export function queryCommand(context: ScopeContext, input: unknown): QueryCommandInput {
  const query: RawQuery = typeof input === "object" && input !== null ? input : {};
  const { on, partitionCodec, sortCodec, limit } = planQuery(context, query);
  const { index, sortKey, order, cursor, consistent } = query;
  const { entity } = context;
  const partitionValue = partitionCodec.build(pinIds(context, query.partition));
  const condition =
    sortCodec === undefined
      ? undefined
      : sortKeyExpression(
          entity.name,
          `${on}sk`,
          sortCodec,
          pinIds(context, sortKey),
          context.pins.map(([path]) => path),
        );
  const sortClause = sortKeyClause(condition);
  // The caller's filter is ANDed with the entity-type filter; its placeholders (`#f0`, `:f0`) clash with none here.
  const projection = projectionOf(context, index === undefined ? undefined : on);
  const projected = projectedAttributes(projection);
  const filter = buildFilter(
    entity,
    on,
    query.filter,
    "f",
    projected &&
      ((path) => assertProjected(entity.name, on, projected, path, isolationFieldsOf(entity.isolation.prefix ?? ""))),
  );
  // A KEYS_ONLY index holds no entityType to filter on: its entries are told apart by their keys (projection.ts).
  const typeFilter = projection === "KEYS_ONLY" ? [] : ["#entityType = :entityType"];
  const filterExpression = [...typeFilter, ...(filter === undefined ? [] : [filter.expression])].join(" AND ");
  return {
    TableName: commandTable(context),
    ...(index === undefined ? {} : { IndexName: on }),
    KeyConditionExpression: `#pk = :pk${sortClause.clause}`,
    ...(filterExpression === "" ? {} : { FilterExpression: filterExpression }),
    ExpressionAttributeNames: {
      "#pk": storedName(context, `${on}pk`),
      ...(condition === undefined ? {} : { "#sk": storedName(context, `${on}sk`) }),
      ...(typeFilter.length === 0 ? {} : { "#entityType": "entityType" }),
      ...filter?.names,
    },
    ExpressionAttributeValues: {
      ":pk": partitionValue,
      ...sortClause.values,
      ...(typeFilter.length === 0 ? {} : { ":entityType": entity.name }),
      ...filter?.values,
    },
    ...(limit === undefined ? {} : { Limit: limit }),
    ...(order === "desc" ? { ScanIndexForward: false } : {}),
    ...(consistent === true ? { ConsistentRead: true } : {}),
    // The condition sent, the caller's or (without `sortKey`) the template's prefix: a cursor of another entity of
    // the partition is refused here. (A collection, whose condition is its members' common prefix, resumes its own.)
    ...(cursor === undefined
      ? {}
      : {
          ExclusiveStartKey: resumeAfter(context, on, index, cursor, partitionValue, condition, sortKey !== undefined),
        }),
  };
}

/**
 * The keys a command builder's query takes (`RawQuery`'s; the compiler's `BuilderQueryOptionName`). The adapter takes
 * its own (`pageSize`, …) off and checks what remains against these, in its words, before it builds one.
 */
export const builderQueryKeys: ReadonlySet<string> = new Set([
  "index",
  "partition",
  "sortKey",
  "limit",
  "order",
  "cursor",
  "consistent",
  "filter",
]);

/** Checks the index and the options (in a command builder's words); returns the codecs the query reads. */
function planQuery(context: ScopeContext, query: RawQuery): QueryPlan {
  const { name, codecs, partitionAttributes } = context.entity;
  // A key the types refuse (a misspelt `limitt`, the adapter's `pageSize`) would be ignored, the query sent without
  // it: refused.
  const stray = Object.keys(query)
    .filter((key) => !builderQueryKeys.has(key))
    .sort()[0]; // the first sorted, as the compiler names it (FirstOf)
  if (stray !== undefined) throw new CapsuleEntityError(builderQueryOptionMessage(name, stray, notAQueryOption));
  const { index, sortKey, limit, order, consistent } = query;
  const on = index === undefined ? "" : String(index);
  const partitionCodec = Object.hasOwn(codecs, `${on}pk`) && on !== "pk" ? codecs[`${on}pk`] : undefined;
  if (partitionCodec === undefined || (index !== undefined && (typeof index !== "string" || on === ""))) {
    const indexNames = partitionAttributes
      .filter((attribute) => attribute !== "pk")
      .map((attribute) => attribute.slice(0, -"pk".length));
    throw new CapsuleEntityError(unknownIndexMessage(name, index, indexNames));
  }
  // An index opted out to an outer level reads partitions wider than this scope's: refused before sending.
  // A scope opened at that outer level queries those indexes only (`scope.outerLevel`).
  const indexLevel = index === undefined ? context.entity.isolation.level : context.entity.indexLevels[on]!;
  if (indexLevel !== context.level) {
    if (context.level !== context.entity.isolation.level)
      throw outerLevelRefusal(context, index === undefined ? "the table" : `index ${on}`);
    throw new CapsuleEntityError(
      indexLevelScopeMessage(name, on, indexLevel, context.level, context.entity.isolation.prefix ?? ""),
    );
  }
  // No partition where the template has fields beyond the scope's ids: the compiler's `query.partition` (CheckQuery).
  const pinned = new Set(context.pins.map(([path]) => path));
  if (query.partition === undefined && partitionCodec.template.paths.some((path) => !pinned.has(path)))
    throw new CapsuleEntityError(queryPartitionMessage(name, on, partitionCodec.template.template, [...pinned]));
  if (query.partition !== undefined) checkPartitionFields(context, on, partitionCodec.template, query.partition);
  const checked = checkedCount(name, "limit", limit, maxRequestLimit, builderQueryOptionMessage);
  checkReadMode(name, { index, order, consistent }, builderQueryOptionMessage);
  const sortCodec = codecs[`${on}sk`];
  if (sortCodec === undefined && sortKey !== undefined) {
    throw new CapsuleEntityError(sortKeyConditionMessage(name, `${on}sk`, "is given, but there is no sort key"));
  }
  return { on, partitionCodec, sortCodec, limit: checked };
}

/**
 * A query's `order` and `consistent` (on `index`, or the table), each refusal worded by `message` (a command builder's,
 * the adapter's, or a collection's, which names its members).
 *
 * @example
 * checkReadMode("Note", { order: "up" }, queryOptionMessage); // throws [query.invalidOption] Note query order is "up" | …
 */
export function checkReadMode(
  entity: string,
  { index, order, consistent }: Pick<RawQuery, "index" | "order" | "consistent">,
  message: (entity: string, option: string, problem: string) => string,
): void {
  if (order !== undefined && order !== "asc" && order !== "desc")
    throw new CapsuleEntityError(message(entity, "order", `is ${describeValue(order)}`));
  // A value the types refuse (`"true"` from a request's query string) would be read as false: refused.
  if (consistent !== undefined && typeof consistent !== "boolean")
    throw new CapsuleEntityError(message(entity, "consistent", `is ${describeValue(consistent)}`));
  if (consistent === true && index !== undefined)
    throw new CapsuleEntityError(
      message(
        entity,
        "consistent",
        `is true on index ${String(index)}, which DynamoDB reads only eventually consistently`,
      ),
    );
}

/**
 * Runtime twin of the compiler's partition check (CheckQuery, CheckPartitionFields), on paths: a path the pk template
 * does not take beyond the scope's ids (sorted first) would be left out of the key condition unread, so it is refused
 * (the holder of a path it takes, `ctx` of `ctx.region`, is not one); then a scope id, which the scope gives (equal or
 * not: one answer, as the compiler's); then one it lacks.
 */
function checkPartitionFields(
  context: ScopeContext,
  on: string,
  template: { readonly template: string; readonly paths: readonly string[] },
  partition: unknown,
): void {
  const ids = new Set(context.pins.map(([path]) => path));
  const needed = new Set(template.paths.filter((path) => !ids.has(path)));
  const neededTops = new Set([...needed].map((path) => path.split(".")[0]!));
  const holders = new Set([...needed, ...ids].filter((path) => path.includes(".")).map((path) => path.split(".")[0]!));
  const given = givenPaths(partition, holders, neededTops);
  const stray = given.filter((path) => !needed.has(path) && !ids.has(path)).sort()[0];
  const id = given.filter((path) => !needed.has(path) && ids.has(path)).sort()[0];
  const missing = [...needed].filter((path) => !given.includes(path)).sort()[0];
  const problem =
    stray !== undefined
      ? `names ${JSON.stringify(stray)}`
      : id !== undefined
        ? `names ${JSON.stringify(id)}, an id the scope already gives`
        : missing !== undefined
          ? `has no ${missing}`
          : undefined;
  if (problem !== undefined)
    throw new CapsuleEntityError(
      queryPartitionFieldMessage(context.entity.name, on, problem, template.template, [...ids]),
    );
}

/**
 * The paths a partition as written gives: its keys, and inside an object holding fields one level down (`holders`,
 * `ctx` of `${ctx.tenantId}`) the children's paths; a holder that holds none is itself a path, unless the template
 * takes paths in it (`neededTops`: `ctx: {}` then lacks `ctx.region`). The compiler's `GivenPaths`.
 */
function givenPaths(partition: unknown, holders: ReadonlySet<string>, neededTops: ReadonlySet<string>): string[] {
  if (typeof partition !== "object" || partition === null) return [];
  return Object.entries(partition).flatMap(([key, value]) => {
    if (!holders.has(key) || typeof value !== "object" || value === null) return [key];
    const children = Object.keys(value);
    if (children.length === 0) return neededTops.has(key) ? [] : [key];
    return children.map((child) => `${key}.${child}`);
  });
}

/**
 * The largest `Limit` DynamoDB takes (a 32-bit integer: 2,147,483,648 is DynamoDB's `ValidationException`). The
 * adapter's `limit` counts items returned and may be larger; it never asks for more than this per request.
 */
export const maxRequestLimit: number = 2 ** 31 - 1;

/**
 * A positive integer option (DynamoDB's `Limit`, the adapter's `pageSize`), or none; `max` bounds it (by default
 * {@link maxRequestLimit}, the `Limit` DynamoDB takes); `message` words the refusal in the caller's terms.
 */
export function checkedCount(
  entity: string,
  option: string,
  value: unknown,
  max: number = maxRequestLimit,
  message: (entity: string, option: string, problem: string) => string,
): number | undefined {
  if (value === undefined || (typeof value === "number" && Number.isInteger(value) && value > 0 && value <= max))
    return value;
  const problem = typeof value === "number" && value > max ? `, above ${max}, the largest DynamoDB takes` : "";
  throw new CapsuleEntityError(message(entity, option, `is ${describeValue(value)}${problem}`));
}

/** The `ExclusiveStartKey` a cursor decodes to: only for this query's entity, key attributes and partition. */
function resumeAfter(
  context: ScopeContext,
  on: string,
  index: unknown,
  cursor: unknown,
  partition: string,
  condition: SortKeyExpression,
  /** Whether the caller gave the condition (else it is the template's prefix: the entity's sort keys). */
  given: boolean,
): Readonly<Record<string, string>> {
  const key = decodeCursor(cursor, {
    entity: context.entity.name,
    attributes: cursorAttributes(
      (attribute) => context.entity.codecs[attribute] !== undefined,
      index === undefined ? undefined : on,
      (attribute) => storedName(context, attribute),
    ),
    partitionAttribute: storedName(context, `${on}pk`),
    partition,
  });
  // A cursor of another query of the partition (another sort-key condition) is DynamoDB's ValidationException.
  const sortKey = key[storedName(context, `${on}sk`)];
  if (sortKey !== undefined && !meetsSortKey(condition, sortKey)) {
    throw new CapsuleEntityError(
      invalidCursorMessage(
        context.entity.name,
        given
          ? `resumes after sort key ${JSON.stringify(sortKey)}, which this query's sort-key condition excludes`
          : `resumes after sort key ${JSON.stringify(sortKey)}, which is not one of ${context.entity.name}'s (they start with ${JSON.stringify(condition?.value)})`,
      ),
    );
  }
  return key;
}
