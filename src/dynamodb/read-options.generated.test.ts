/**
 * Read options at their edges, on DynamoDB Local: generated `limit`, `pageSize` and `maxRequests` values on
 * query, page and pages; each is either refused before any request with the catalog's `[query.option]`, or
 * read correctly (never DynamoDB's own `ValidationException`).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, CapsuleEntityError, defineEntity, defineTable, tenantId } from "capsule-entity";
import { DynamoRequestError } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, noteId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
  sk: "NOTE#${noteId}",
});
const Blob = defineEntity({
  name: "Blob",
  schema: z.object({ ...ids, blobId: z.string(), body: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
  sk: "BLOB#${blobId}",
});
const Table = defineTable({ name: uniqueTableName("read-options"), pk: "PK", sk: "SK" });
const scopeIds = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };

const values: readonly unknown[] = [
  ...[0, -1, 1.5, Number.NaN, Infinity, -Infinity, "2", null, 1, 2, 3, 4],
  // DynamoDB's Limit is a 32-bit integer: 2 ** 31 is its ValidationException.
  ...[2 ** 31 - 1, 2 ** 31, 1e10, Number.MAX_SAFE_INTEGER, 2 ** 53],
];

describe("a command's limit (no server)", () => {
  it("is DynamoDB's Limit, refused above the largest it takes", () => {
    const scope = Note.scope(scopeIds, { table: Table });
    expect(scope.query({ limit: 2 ** 31 - 1 }).Limit).toBe(2 ** 31 - 1);
    expect(() => scope.query({ limit: 2 ** 31 })).toThrow(
      "[query.invalidOption] Note query limit is 2147483648, above 2147483647, the largest DynamoDB takes |",
    );
  });
});

describe("read options at their edges, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  const notes = () => dynamo.db.entity(Note).scope(scopeIds);

  it("seeds three notes", async () => {
    for (const noteId of ["a", "b", "c"]) await notes().put({ ...scopeIds, noteId });
  });

  for (const option of ["limit", "pageSize", "maxRequests"] as const)
    for (const value of values)
      for (const read of ["query", "page", "pages"] as const)
        it(`${read}({ ${option}: ${String(value)} }) is refused by the catalog or reads the three notes`, async () => {
          const run = async () => {
            const scope = notes();
            const input = { [option]: value } as never;
            if (read === "query") return (await collect(scope.query(input))).length;
            if (read === "page") return (await scope.page(input)).items.length;
            return (await collect(scope.pages(input))).flatMap((page) => page.items).length;
          };
          const outcome = await run().then(
            (count) => count,
            (error: unknown) => error,
          );
          if (typeof outcome === "number") expect(outcome).toBe(option === "limit" ? Math.min(value as number, 3) : 3);
          else {
            expect(outcome).not.toBeInstanceOf(DynamoRequestError);
            expect(outcome).toBeInstanceOf(CapsuleEntityError);
            expect(String((outcome as Error).message)).toMatch(/^\[query\.invalidOption\]/);
          }
        });
});

describe("unscopedScan's options at their edges, on DynamoDB Local", () => {
  const dynamo = localTable(Table);

  it("seeds three notes", async () => {
    const notes = dynamo.db.entity(Note).scope(scopeIds);
    for (const noteId of ["a", "b", "c"]) await notes.put({ ...scopeIds, noteId });
  });

  for (const value of values)
    it(`unscopedScan({ pageSize: ${String(value)} }) is refused by the catalog or reads the three notes`, async () => {
      const outcome = await collect(
        dynamo.db.entity(Note).unscopedScan({ reason: "a report", pageSize: value as never }),
      ).then(
        (items) => items.length,
        (error: unknown) => error,
      );
      if (typeof outcome === "number") expect(outcome).toBe(3);
      else {
        expect(outcome).not.toBeInstanceOf(DynamoRequestError);
        expect(String((outcome as Error).message)).toMatch(
          /^\[dynamodb\.scanOption\] Note unscopedScan pageSize is .* \| unscopedScan takes reason /,
        );
      }
    });

  for (const options of [undefined, null, "a report"])
    it(`unscopedScan(${JSON.stringify(options)}) is [dynamodb.scanReason], not a TypeError`, async () => {
      await expect(collect(dynamo.db.entity(Note).unscopedScan(options as never))).rejects.toThrow(
        "[dynamodb.scanReason] scanning every partition needs a non-empty reason",
      );
    });

  // Keys the types refuse (a JavaScript caller's, or a misspelling): ignored, the scan would read without them.
  for (const key of ["limit", "pagesize", "reasons", "filters", "consistent"])
    it(`unscopedScan({ reason, ${key} }) is refused before any request, not ignored`, async () => {
      const scan = collect(dynamo.db.entity(Note).unscopedScan({ reason: "a report", [key]: 1 } as never));
      await expect(scan).rejects.toThrow(
        `[dynamodb.scanOption] Note unscopedScan ${key} is not an option of unscopedScan | unscopedScan takes reason`,
      );
    });
});

describe("boolean read options given another value, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  const notes = () => dynamo.db.entity(Note).scope(scopeIds);
  const booleans: readonly unknown[] = [true, false, undefined, "true", "false", 1, 0, null];

  for (const option of ["consistent", "hydrate"] as const)
    for (const value of booleans)
      for (const read of ["query", "page", "pages"] as const)
        it(`${read}({ ${option}: ${JSON.stringify(value)} }) is refused unless a boolean (or left out)`, async () => {
          const scope = notes();
          const input = { [option]: value } as never;
          const run = async () => {
            if (read === "query") return collect(scope.query(input));
            if (read === "page") return (await scope.page(input)).items;
            return (await collect(scope.pages(input))).flatMap((page) => page.items);
          };
          if (value === undefined || typeof value === "boolean") await expect(run()).resolves.toEqual([]);
          else
            await expect(run()).rejects.toThrow(
              `[query.invalidOption] Note query ${option} is ${typeof value === "string" ? JSON.stringify(value) : String(value)} |`,
            );
        });

  for (const value of booleans)
    it(`get(key, { consistent: ${JSON.stringify(value)} }) is refused unless a boolean (or left out)`, async () => {
      const read = notes().get({ noteId: "absent" }, { consistent: value } as never);
      if (value === undefined || typeof value === "boolean") await expect(read).resolves.toBeUndefined();
      else
        await expect(read).rejects.toThrow(
          `[get.invalidOption] Note get consistent is ${typeof value === "string" ? JSON.stringify(value) : String(value)} |`,
        );
    });

  // A misspelt key would be ignored: the read would be eventually consistent where a strong one was asked for.
  for (const key of ["consistant", "ConsistentRead", "limit"])
    for (const via of ["adapter", "builder"] as const)
      it(`get(key, { ${key}: true }) through the ${via} is refused, not ignored`, async () => {
        const options = { [key]: true } as never;
        const read = async () =>
          via === "adapter"
            ? notes().get({ noteId: "absent" }, options)
            : Note.scope(scopeIds, { table: Table }).get({ noteId: "absent" }, options);
        await expect(read()).rejects.toThrow(`[get.invalidOption] Note get ${key} is not an option of get |`);
      });
});

describe("a large limit over pages the filter empties, on dynalite (which cuts pages at 1 MB)", () => {
  const dynamo = localTable(Table, "dynalite");
  it("a large limit over pages the filter empties asks DynamoDB for no more than its largest Limit", async () => {
    // Five blobs of 390 KB: a request reads at most 1 MB, the filter drops them, the next asks for twice as many.
    const blobs = dynamo.db.entity(Blob).scope(scopeIds);
    for (const blobId of ["v", "w", "x", "y", "z"])
      await blobs.put({ ...scopeIds, blobId, body: blobId.repeat(390_000) });
    const pages = await collect(blobs.pages({ limit: 2 ** 30, filter: (f) => f.eq("body", "none") }));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((page) => page.items)).toEqual([]);
  });
});
