/**
 * `createScope`: the runtime of `entity.scope(ids)`, assembled from one function per operation
 * (scope-commands.ts, scope-query.ts) over the scope's {@link ScopeContext}. The operations take raw inputs;
 * the one cast to the typed {@link EntityScope} is the caller's, at the entity's `scope` method (src/kit.ts).
 */
import { encodeCursor } from "./cursor.js";
import type {
  DeleteCommandInput,
  GetCommandInput,
  PutCommandInput,
  QueryCommandInput,
  ScopeOptions,
  UpdateCommandInput,
} from "./scope.js";
import { deleteCommand, getCommand, putCommand, readScopedItem, updateCommand } from "./scope-commands.js";
import {
  assertOwned,
  createScopeContext,
  outerLevelRefusal,
  ownershipMismatch,
  pinIds,
  type ScopeContext,
  type ScopeEntitySource,
} from "./scope-context.js";
import { projectionOf, readProjectedItem } from "./projection.js";
import { queryCommand } from "./scope-query.js";
import { checkTableOption, tableNameOf } from "./table.js";
import { checkOptionKeys } from "../internal/option-keys.js";

/**
 * A scope as the runtime sees it: {@link EntityScope}'s members over raw inputs and untyped items.
 *
 * @example
 * const scope = createScope(compiled, { tenantId, capsuleId }, undefined);
 * scope.get({ noteId: "n1" }); //=> { TableName: "platform_data", Key: { pk: "TENANT#…", sk: "NOTE#n1" } }
 */
export interface RuntimeScope {
  readonly ids: ScopeContext["ids"];
  keys(input: unknown): Readonly<Record<string, string>>;
  get(input: unknown, options?: { readonly consistent?: boolean }): GetCommandInput<Readonly<Record<string, string>>>;
  delete(input: unknown): DeleteCommandInput<Readonly<Record<string, string>>>;
  put(
    attributes: unknown,
    options?: { readonly ifNotExists?: boolean },
  ): PutCommandInput<Readonly<Record<string, unknown>>>;
  update(key: unknown, changes: unknown): UpdateCommandInput<Readonly<Record<string, string>>>;
  query(input: unknown): QueryCommandInput;
  cursor(lastEvaluatedKey: Readonly<Record<string, unknown>> | undefined): string | undefined;
  readItem(raw: unknown): Readonly<Record<string, unknown>> | undefined;
  /**
   * An item read through `index`: a partial item verified on what is projected for a `KEYS_ONLY` or `INCLUDE`
   * index (projection.ts), else as {@link RuntimeScope.readItem} reads it.
   */
  readIndexItem(index: string | undefined, raw: unknown): Readonly<Record<string, unknown>> | undefined;
  owns(item: unknown): boolean;
  assertOwns<TItem>(item: TItem): TItem;
}

/**
 * Builds the runtime scope of an entity (`entity.scope(ids, options)`): checks that there is a table and the ids
 * and the table option, then binds each operation to the scope's context.
 *
 * @example
 * const scope = createScope(compiled, { tenantId, capsuleId }, { table: PlatformTable });
 */
export function createScope(entity: ScopeEntitySource, ids: unknown, options: ScopeOptions | undefined): RuntimeScope {
  checkOptionKeys(`${entity.name}.scope`, options, ["table"], `${entity.name}.scope(ids, { table: PlatformTable })`);
  checkTableOption(entity, options?.table);
  const table = options?.table ?? entity.table;
  // Refused here, not at the first command: the compiler refuses the same scope (`scope.noTable` on its ids).
  tableNameOf(table, entity);
  const context = createScopeContext(entity, ids, table);
  const reads = {
    ids: context.ids,
    query: (input: unknown) => queryCommand(context, input),
    cursor: encodeCursor,
    readItem: (raw: unknown) => readScopedItem(context, raw),
    readIndexItem: (index: string | undefined, raw: unknown) => {
      const projection = projectionOf(context, index);
      return projection === "ALL" || index === undefined
        ? readScopedItem(context, raw)
        : readProjectedItem(context, index, projection, raw);
    },
    owns: (item: unknown) => ownershipMismatch(context, item) === undefined,
    assertOwns: <TItem>(item: TItem): TItem => {
      assertOwned(context, item, "the item");
      return item;
    },
  };
  if (context.level !== entity.isolation.level) {
    // A scope opened at an outer level (`scope({ tenantId })` of a capsule entity) queries the indexes opted out
    // to that level (scope-query.ts refuses the others and the table) and reads back as a scope of that level;
    // the single-item operations are refused before any request.
    const refuse = (what: string) => (): never => {
      throw outerLevelRefusal(context, what);
    };
    return Object.freeze({
      ...reads,
      keys: refuse("keys"),
      get: refuse("get"),
      delete: refuse("delete"),
      put: refuse("put"),
      update: refuse("update"),
    } satisfies RuntimeScope);
  }
  return Object.freeze({
    ...reads,
    keys: (input) => entity.keys(pinIds(context, input)),
    get: (input, getOptions) => getCommand(context, input, getOptions),
    delete: (input) => deleteCommand(context, input),
    put: (attributes, putOptions) => putCommand(context, attributes, putOptions),
    update: (key, changes) => updateCommand(context, key, changes),
  } satisfies RuntimeScope);
}
