/**
 * Reading a scoped query through DynamoDB: `limit` counts the items returned to the caller, paging underneath
 * until it is reached, with an optional cap on requests. DynamoDB's `Limit` counts items *read* (before the
 * entity-type filter), so a partition shared with other entity types returns short pages; the reader asks for
 * what remains, scaled by the share of the last page that was this entity's, so two documents among comments
 * take two requests, not six. A page cut short by the limit resumes after its last item, not after
 * DynamoDB's `LastEvaluatedKey`, so nothing is skipped. With `hydrate: true` the limit counts full items: an entry
 * whose item is another entity type's (a shared `KEYS_ONLY` index) is dropped before it is counted.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import type { QueryCommandInput } from "../access/scope.js";
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { requestCapMessage } from "../messages.js";
import { checkedCount, maxRequestLimit } from "../access/scope-query.js";

/**
 * How the adapter reads a query, beside the query's own options (`limit` counts items returned).
 *
 * @example
 * notes.query({ limit: 25, pageSize: 100, maxRequests: 5 });
 */
export interface ReadOptions {
  /** DynamoDB's `Limit` for every request (items read, before the entity-type filter); default: adaptive. */
  readonly pageSize?: number;
  /**
   * Through a `KEYS_ONLY` or `INCLUDE` index: fetch each page's full items (BatchGetItem, each verified, in the
   * page's order; `limit` counts them, another entity type's entry skipped); an entry whose item is gone throws
   * `[query.hydrateMissing]`. Default: the partial items.
   */
  readonly hydrate?: boolean;
  /**
   * At most this many requests. Past it `query()` throws `[query.requestCap]`; `pages()` and `page()` end with
   * the cursor that resumes. Default: no cap.
   */
  readonly maxRequests?: number;
}

/**
 * A page of a query: this entity's items in it (validated), and the cursor of the next page, if any.
 *
 * @example
 * const { items, cursor } = await notes.page({ limit: 25 });
 * const next = await notes.page({ limit: 25, cursor });
 */
export interface QueryPage<TItem> {
  readonly items: readonly TItem[];
  readonly cursor: string | undefined;
}

type AnyItem = Record<string, unknown>;

/** What the reader needs of the scope and the connection. */
export interface QueryReaderContext {
  readonly entity: string;
  /** Builds one request's command (a scope's `query`, or a collection's) and the cursor of a key. */
  readonly scope: {
    query(input: never): QueryCommandInput;
    cursor(lastEvaluatedKey: Readonly<Record<string, unknown>> | undefined): string | undefined;
  };
  /** Verifies an item read by a query on `index` (or the table); `undefined` for another entity type's. */
  readonly read: (raw: unknown, index: string | undefined) => AnyItem | undefined;
  readonly send: (request: () => Promise<QueryCommandOutput>) => Promise<QueryCommandOutput>;
  readonly client: DynamoDBDocumentClient;
  /** Words a refused option (`query.invalidOption`) in the call's terms: an entity query's, or a collection's. */
  readonly optionMessage: (entity: string, option: string, problem: string) => string;
  /**
   * Checks the query's own options (the input less `limit`, `pageSize`, `maxRequests`, `hydrate`) in the call's words
   * before `scope.query` builds a command, whose checks speak a command builder's (an entity scope's); a collection
   * checks its input before reading.
   */
  readonly checkQuery?: (query: object) => void;
  /** The stored key attributes a cursor holds for a query on `index` (or the table). */
  readonly cursorAttributes: (index: string | undefined) => readonly string[];
  /**
   * With `hydrate: true` on `index`: what fetches the full items of verified partial ones, in their order
   * (`undefined` for an entry whose item is another entity type's); `undefined` when the index projects whole items.
   */
  readonly hydrator?: (index: string | undefined) => Hydrate | undefined;
}

/** The full items of verified partial ones, in their order; `undefined` for another entity type's. */
export type Hydrate = (items: readonly AnyItem[]) => Promise<readonly (AnyItem | undefined)[]>;

/** A verified item of a page and the entry it was read from (whose keys a cursor resumes after). */
interface Read {
  readonly raw: Record<string, unknown>;
  readonly item: AnyItem;
}

/**
 * Up to `wanted` of a page's verified reads, hydrated when `hydrate` is given, and how many of `reads` that took:
 * the entries are fetched in slices of what is still wanted, so none past the last one returned is fetched.
 */
async function keptReads(
  reads: readonly Read[],
  wanted: number,
  hydrate: Hydrate | undefined,
): Promise<{ readonly kept: readonly Read[]; readonly examined: number }> {
  if (hydrate === undefined) {
    const kept = reads.slice(0, wanted);
    return { kept, examined: kept.length };
  }
  const kept: Read[] = [];
  let examined = 0;
  while (kept.length < wanted && examined < reads.length) {
    const slice = reads.slice(examined, examined + wanted - kept.length);
    const full = await hydrate(slice.map((read) => read.item));
    slice.forEach((read, at) => {
      const item = full[at];
      if (item !== undefined) kept.push({ raw: read.raw, item });
    });
    examined += slice.length;
  }
  return { kept, examined };
}

/**
 * DynamoDB's pages of a query, each one request, the last one cut at `limit`. With `onCap: "stop"` the cap on
 * requests ends the pages (the last one carries its cursor); with `"throw"` it is an error.
 */
export async function* readPages(
  context: QueryReaderContext,
  input: unknown,
  onCap: "stop" | "throw",
): AsyncGenerator<QueryPage<AnyItem>> {
  const { limit, pageSize, maxRequests, hydrate, ...query } = (
    typeof input === "object" && input !== null ? input : {}
  ) as {
    limit?: unknown;
    pageSize?: unknown;
    maxRequests?: unknown;
    hydrate?: unknown;
    cursor?: string;
    index?: string;
  };
  // `limit` and `maxRequests` are counted here, so any positive integer; `pageSize` is DynamoDB's `Limit`.
  const { entity, optionMessage } = context;
  context.checkQuery?.(query);
  const wanted = checkedCount(entity, "limit", limit, Infinity, optionMessage) ?? Number.POSITIVE_INFINITY;
  const fixedLimit = checkedCount(entity, "pageSize", pageSize, undefined, optionMessage);
  const cap = checkedCount(entity, "maxRequests", maxRequests, Infinity, optionMessage) ?? Number.POSITIVE_INFINITY;
  // Read by the adapter (`hydrate: "true"` would return partial items where full ones are expected): refused.
  if (hydrate !== undefined && typeof hydrate !== "boolean")
    throw new CapsuleEntityError(optionMessage(entity, "hydrate", `is ${describeValue(hydrate)}`));
  const attributes = context.cursorAttributes(query.index);
  const hydrateItems = hydrate === true ? context.hydrator?.(query.index) : undefined;
  let cursor = query.cursor;
  let returned = 0;
  // Items read per item returned, from the last page: how much to ask for to get what remains.
  let ratio = 1;
  for (let requests = 0; ; requests++) {
    if (requests === cap) {
      if (onCap === "stop") return;
      throw new CapsuleEntityError(
        requestCapMessage(`${context.entity}.query`, requests, returned, describeValue(limit)),
      );
    }
    const remaining = wanted - returned;
    // Bounded by the `Limit` DynamoDB takes: a large `limit`, or a ratio doubled over many empty pages, exceeds it.
    const requestLimit =
      fixedLimit ?? (Number.isFinite(remaining) ? Math.min(maxRequestLimit, Math.ceil(remaining * ratio)) : undefined);
    const command = context.scope.query({
      ...query,
      ...(cursor === undefined ? {} : { cursor }),
      ...(requestLimit === undefined ? {} : { limit: requestLimit }),
    } as never);
    const output = await context.send(() => context.client.send(new QueryCommand(command)));
    // The whole page is validated before any of it is handed out: a foreign item stops the page.
    const raws = output.Items ?? [];
    const reads = raws.flatMap((raw) => {
      const item = context.read(raw, query.index);
      return item === undefined ? [] : [{ raw, item }];
    });
    const { kept, examined } = await keptReads(reads, remaining, hydrateItems);
    if (examined < reads.length) {
      // Cut inside the page: resume after the last item handed out.
      const last = kept.at(-1)!.raw;
      yield {
        items: kept.map((read) => read.item),
        cursor: context.scope.cursor(Object.fromEntries(attributes.map((name) => [name, last[name]]))),
      };
      return;
    }
    returned += kept.length;
    cursor = context.scope.cursor(output.LastEvaluatedKey);
    yield { items: kept.map((read) => read.item), cursor };
    if (cursor === undefined || returned === wanted) return;
    // ScannedCount: the items read, the other entity types the filter dropped included.
    const read = output.ScannedCount ?? raws.length;
    ratio = kept.length === 0 ? ratio * 2 : Math.max(1, read / kept.length);
  }
}

/**
 * One page of up to `limit` items, paging underneath, with the cursor that resumes after it (`undefined`
 * when the query has no more).
 */
export async function readPage(context: QueryReaderContext, input: unknown): Promise<QueryPage<AnyItem>> {
  const items: AnyItem[] = [];
  let cursor: string | undefined;
  for await (const page of readPages(context, input, "stop")) {
    items.push(...page.items);
    cursor = page.cursor;
  }
  return { items, cursor };
}
