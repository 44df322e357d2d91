/**
 * Test support for the generated read tests: one query read the three ways a caller can (`query()`, `page()` resumed
 * by its own cursors, `pages()`), and the part of the model's items each way must return.
 */
import { expect } from "vitest";
import { collect } from "./collect.js";

/** How a generated read goes out: which method, and the options that cut it short. */
export interface ReadMode {
  readonly mode: "query" | "page" | "pages";
  readonly limit: number | undefined;
  readonly maxRequests: number | undefined;
}

/** The read methods a scope, tenant scope or collection offers, for an input of the test's own type. */
interface Reader<TInput> {
  query(input: TInput): AsyncIterable<object>;
  page(input: TInput): Promise<{ readonly items: readonly object[]; readonly cursor?: string | undefined }>;
  pages(input: TInput): AsyncIterable<{ readonly items: readonly object[]; readonly cursor?: string | undefined }>;
}

/**
 * The items of `input` read in `mode`: `query()`'s, every page of `pages()` (each but the last with a cursor), or
 * `page()` resumed by its own cursors until the query ends (no page over `limit`; at most 200 pages).
 */
export async function readIn<TInput extends object>(
  client: Reader<TInput>,
  input: TInput,
  { mode, limit, maxRequests }: ReadMode,
): Promise<object[]> {
  const capped = { ...input, ...(maxRequests === undefined ? {} : { maxRequests }) };
  if (mode === "query") return collect(client.query(input));
  if (mode === "pages") {
    const pages = await collect(client.pages(capped));
    for (const page of pages.slice(0, -1)) expect(page.cursor).toBeDefined();
    return pages.flatMap((page) => page.items);
  }
  const all: object[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page = await client.page({ ...capped, ...(cursor === undefined ? {} : { cursor }) });
    if (limit !== undefined) expect(page.items.length).toBeLessThanOrEqual(limit);
    all.push(...page.items);
    cursor = page.cursor;
    if (cursor === undefined) return all;
  }
  throw new Error("page() did not end in 200 pages");
}

/**
 * What a read in `mode` must return of the model's items in order: all of them for `page()` resumed to the end,
 * the first `limit` otherwise; `pages()` under a request cap ends early with the items so far, a prefix.
 */
export function expectedOf<TRow>(
  ordered: readonly TRow[],
  { mode, limit, maxRequests }: ReadMode,
  read: number,
): TRow[] {
  const limited = mode === "page" || limit === undefined ? ordered : ordered.slice(0, limit);
  return mode === "pages" && maxRequests !== undefined ? limited.slice(0, read) : [...limited];
}
