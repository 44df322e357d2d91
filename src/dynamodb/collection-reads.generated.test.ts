/**
 * Collections against a model, on DynamoDB Local, generated: notes and their comments in one partition (with a
 * draft of another entity type among them, which the collection leaves out), on the table and on an index every
 * member has, with per-type filters, `limit` / `pageSize` / `maxRequests`, both orders and the three reads (`query`,
 * `page` resumed by its cursors, `pages`), over two tenants and capsules whose ids are prefixes of each other (t1/t10,
 * c1/c10). Every read returns exactly the model's items, in the key's order, each once, all of its scope. A key the
 * collection does not take, given by a JavaScript caller, is refused before any request, never dropped.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { DynamoRequestError } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { expectedOf, readIn } from "../../scripts/read-modes.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, noteId: z.string(), author: z.string(), at: z.string(), mood: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD",
  sk: "NOTE#${noteId}",
  indexes: { byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR#${author}", sk: "${at}#N#${noteId}" } },
});
const Comment = defineEntity({
  name: "Comment",
  schema: z.object({
    ...ids,
    noteId: z.string(),
    commentId: z.string(),
    author: z.string(),
    at: z.string(),
    mood: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD",
  sk: "NOTE#${noteId}#COMMENT#${commentId}",
  indexes: {
    byAuthor: {
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR#${author}",
      sk: "${at}#C#${noteId}#${commentId}",
    },
  },
});
/** Shares the partition (and the index's) with keys starting like a note's: left out by the type filter. */
const Draft = defineEntity({
  name: "Draft",
  schema: z.object({ ...ids, draftId: z.string(), author: z.string(), at: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD",
  sk: "NOTE#${draftId}#DRAFT",
  indexes: { byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR#${author}", sk: "${at}#D#${draftId}" } },
});
const Table = defineTable({
  name: uniqueTableName("collection-reads"),
  pk: "PK",
  sk: "SK",
  indexes: { byAuthor: { pk: "BA_PK", sk: "BA_SK" } },
});

const tenants = ["t1", "t10"].map((id) => tenantId().parse(id));
const capsules = ["c1", "c10"].map((id) => capsuleId().parse(id));
type Ids = { readonly tenantId: (typeof tenants)[number]; readonly capsuleId: (typeof capsules)[number] };
const scopes: readonly Ids[] = tenants.flatMap((tenant) =>
  capsules.map((capsule) => ({ tenantId: tenant, capsuleId: capsule })),
);

type Row = Readonly<Record<string, string>> & { readonly entityType: "Note" | "Comment" | "Draft" };
/** Every item of a scope, with the keys the model orders by (built here from the templates). */
function rowsOf(scope: Ids): { row: Row; sk: string; indexSk: string; author: string }[] {
  const rows: { row: Row; sk: string; indexSk: string; author: string }[] = [];
  ["n1", "n10", "n2", "é"].forEach((noteId, note) => {
    const author = note % 2 === 0 ? "ann" : "bob";
    const at = `2026-0${note + 1}`;
    const mood = note % 3 === 0 ? "calm" : "loud";
    rows.push({
      row: { entityType: "Note", ...scope, noteId, author, at, mood },
      sk: `NOTE#${noteId}`,
      indexSk: `${at}#N#${noteId}`,
      author,
    });
    ["a", "b"].forEach((commentId, comment) => {
      const by = comment === 0 ? "ann" : "bob";
      const when = `2026-0${note + 1}-${commentId}`;
      const feel = comment === 0 ? "loud" : "calm";
      rows.push({
        row: { entityType: "Comment", ...scope, noteId, commentId, author: by, at: when, mood: feel },
        sk: `NOTE#${noteId}#COMMENT#${commentId}`,
        indexSk: `${when}#C#${noteId}#${commentId}`,
        author: by,
      });
    });
    rows.push({
      row: { entityType: "Draft", ...scope, draftId: noteId, author, at },
      sk: `NOTE#${noteId}#DRAFT`,
      indexSk: `${at}#D#${noteId}`,
      author,
    });
  });
  return rows;
}
const compare = (left: string, right: string) => Buffer.compare(Buffer.from(left), Buffer.from(right));

describe("collections against a model, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  const thread = (scope: Ids) => dynamo.db.collection([Note, Comment]).scope(scope);

  beforeAll(async () => {
    for (const scope of scopes)
      for (const { row } of rowsOf(scope)) {
        const { entityType, ...attributes } = row;
        const entity = { Note, Comment, Draft }[entityType];
        await dynamo.db
          .entity(entity as typeof Note)
          .scope(scope)
          .put(attributes as never);
      }
  });

  const read = fc.record({
    scope: fc.constantFrom(...scopes),
    on: fc.constantFrom("table", "ann", "bob"),
    filter: fc.constantFrom("none", "calm notes", "loud comments", "both"),
    order: fc.constantFrom("asc", "desc" as const),
    limit: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    pageSize: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    maxRequests: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    mode: fc.constantFrom("query", "page", "pages" as const),
  });

  it("query, page resumed by its cursors, and pages return the model's items in the key's order, each once", async () => {
    await fc.assert(
      fc.asyncProperty(read, async ({ scope, on, filter, order, limit, pageSize, maxRequests, mode }) => {
        const calm = filter === "calm notes" || filter === "both";
        const loud = filter === "loud comments" || filter === "both";
        const input = {
          ...(on === "table" ? {} : { index: "byAuthor" as const, partition: { author: on } }),
          ...(filter === "none"
            ? {}
            : {
                filter: {
                  ...(calm ? { Note: (f: { eq(path: "mood", value: string): never }) => f.eq("mood", "calm") } : {}),
                  ...(loud ? { Comment: (f: { eq(path: "mood", value: string): never }) => f.eq("mood", "loud") } : {}),
                },
              }),
          order,
          ...(limit === undefined ? {} : { limit }),
          ...(pageSize === undefined ? {} : { pageSize }),
        } as never;
        const model = rowsOf(scope)
          .filter(({ row, author }) => row.entityType !== "Draft" && (on === "table" || author === on))
          .filter(({ row }) => !(calm && row.entityType === "Note" && row["mood"] !== "calm"))
          .filter(({ row }) => !(loud && row.entityType === "Comment" && row["mood"] !== "loud"))
          .sort((left, right) => (on === "table" ? compare(left.sk, right.sk) : compare(left.indexSk, right.indexSk)))
          .map(({ row }) => row);
        const ordered = order === "desc" ? model.reverse() : model;
        const client = thread(scope);
        const items = await readIn(client, input, { mode, limit, maxRequests });
        const whole = expectedOf(ordered, { mode, limit, maxRequests }, items.length);
        const fields = (item: object) => {
          const { pk: _pk, sk: _sk, byAuthorpk: _ipk, byAuthorsk: _isk, ...rest } = item as Record<string, unknown>;
          return rest;
        };
        expect(items.map(fields)).toEqual(whole);
      }),
      { seed: 1518, numRuns: 200, endOnFailure: true },
    );
  });

  for (const key of ["sortKey", "consistentt"] as const)
    it(`a collection query given ${key} (not a collection option) is refused before any request, not dropped`, async () => {
      const input = { [key]: key === "sortKey" ? { noteId: "n1" } : true } as never;
      const scope = scopes[0]!;
      for (const run of [
        () => collect(thread(scope).query(input)),
        () => thread(scope).page(input),
        () => collect(thread(scope).pages(input)),
      ]) {
        const outcome = await run().then(
          (value) => value,
          (error: unknown) => error,
        );
        expect(outcome).not.toBeInstanceOf(DynamoRequestError);
        expect(String((outcome as Error).message)).toMatch(
          new RegExp(
            `^\\[query\\.invalidOption\\] (collection\\(Note, Comment\\)|Note) query ${key} is not an option of a collection query \\|`,
          ),
        );
      }
    });

  // Each refusal speaks for the call made: a collection's options (no hydrate, which it refuses), in its own name.
  const refusals: readonly [string, Record<string, unknown>][] = [
    ["hydrate is not an option of a collection query", { hydrate: true }],
    ["sortKey is not an option of a collection query", { sortKey: { noteId: "n1" } }],
    ["limit is 0", { limit: 0 }],
    ["pageSize is 1.5", { pageSize: 1.5 }],
    ['maxRequests is "2"', { maxRequests: "2" }],
    ['order is "up"', { order: "up" }],
    ['consistent is "true"', { consistent: "true" }],
    [
      "consistent is true on index byAuthor, which DynamoDB reads only eventually consistently",
      { index: "byAuthor", partition: { author: "a1" }, consistent: true },
    ],
  ];
  for (const [problem, input] of refusals)
    it(`a collection query given ${JSON.stringify(input)} is refused in the collection's words`, async () => {
      const client = thread(scopes[0]!);
      for (const run of [
        () => collect(client.query(input as never)),
        () => client.page(input as never),
        () => collect(client.pages(input as never)),
      ])
        await expect(run()).rejects.toThrow(
          `[query.invalidOption] collection(Note, Comment) query ${problem} | a collection takes no sortKey or hydrate; limit, pageSize, maxRequests: positive integers; order: "asc" or "desc" | e.g. db.collection(entities).scope(ids).query({ limit: 25 })`,
        );
    });
});
