/**
 * The positive twin of the adapter's call-site checks (types-tests/compile-fail/access-call-site.ts): the corrected
 * queries and scopes compile and are typed as before (filters per index); `query()` and `pages()` refuse the
 * mistakes with the same messages as the fixture's `page()` twins, before any request (the corrected queries are
 * not iterated there). On DynamoDB Local, every generated query that compiles (scripts/call-site-entity.ts)
 * returns exactly its scope's matching messages, with the same messages stored in two other scopes.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  CapsuleEntityError,
  defineEntity,
  defineTable,
  tenantId,
  type InferItem,
  type QueryFilter,
} from "capsule-entity";
import { connect, type QueryPage } from "capsule-entity/dynamodb";
import { callSiteQueries, Message } from "../../scripts/call-site-entity.js";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
// Never sent a request: the corrected queries are not iterated, and the mistakes are refused before one.
const messages = connect({} as DynamoDBDocumentClient)
  .entity(Message)
  .scope(ids);

describe("the adapter's query call site", () => {
  it("takes each corrected query, typed as before", () => {
    const byAuthor = messages.query({ index: "byAuthor", partition: { author: "ann" } });
    expectTypeOf(byAuthor).toEqualTypeOf<AsyncIterable<InferItem<typeof Message>>>();
    // Each compiles (no `this` message) and is not iterated: query() and pages() send nothing until then.
    messages.query({ index: "recent" }); // its pk has only the scope's ids
    messages.pages({ partition: { threadId: "t1" }, sortKey: { messageId: "m1" } });
    messages.query({ partition: { threadId: "t1" }, sortKey: { messageId: "m1", version: 2 } });
    // threadId is no key field of byAuthor: the filter is typed for the index written.
    messages.query({
      index: "byAuthor",
      partition: { author: "ann" },
      sortKey: { messageId: { beginsWith: "m" } },
      filter: (f) => f.eq("threadId", "t1"),
    });
  });

  it("types a correct query's filter for the index written, on every query method (the catch-alls change nothing)", () => {
    /** The builder a filter of Message's table (`""`) or index gets. */
    type Builder<TOn extends string> = Parameters<
      QueryFilter<typeof Message.schema.shape, typeof Message.templates, typeof Message.isolation, TOn>
    >[0];
    // Not iterated (nor awaited: page() would send), so the callbacks are checked by the compiler only.
    const typed = [
      messages.query({
        index: "byAuthor",
        partition: { author: "ann" },
        filter: (f) => (expectTypeOf(f).toEqualTypeOf<Builder<"byAuthor">>(), f.eq("threadId", "t1")),
      }),
      messages.pages({
        partition: { threadId: "t1" },
        sortKey: { messageId: { beginsWith: "m" } },
        filter: (f) => (expectTypeOf(f).toEqualTypeOf<Builder<"">>(), f.eq("author", "ann")),
      }),
      messages.query({
        index: "recent",
        filter: (f) => (expectTypeOf(f).toEqualTypeOf<Builder<"recent">>(), f.eq("author", "ann")),
      }),
    ];
    expect(typed).toHaveLength(3);
    const page = () =>
      messages.page({
        index: "byAuthor",
        partition: { author: "ann" },
        filter: (f) => (expectTypeOf(f).toEqualTypeOf<Builder<"byAuthor">>(), f.eq("version", 2)),
      });
    expectTypeOf(page).returns.resolves.toHaveProperty("items");
    // The command builder runs the filter as it builds the command.
    const command = Message.scope(ids).query({
      index: "byAuthor",
      partition: { author: "ann" },
      filter: (f) => (expectTypeOf(f).toEqualTypeOf<Builder<"byAuthor">>(), f.eq("threadId", "t1")),
    });
    expect(command.FilterExpression).toContain("#f0 = :f0");
    // The own-level and outer scopes of an entity with an index opted out to the tenant level.
    const Document = defineEntity({
      name: "Document",
      table: "documents",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string(), title: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
      sk: "DOC#${docId}",
      indexes: {
        byTenant: {
          pk: "TENANT#${tenantId}#DOCS",
          sk: "${capsuleId}#${docId}",
          isolation: { level: "tenant", reason: "tenant admins list every document" },
        },
      },
    });
    type DocumentBuilder<TOn extends string> = Parameters<
      QueryFilter<typeof Document.schema.shape, typeof Document.templates, typeof Document.isolation, TOn>
    >[0];
    const documents = connect({} as DynamoDBDocumentClient).entity(Document);
    documents.scope(ids).query({
      sortKey: { docId: "d1" },
      filter: (f) => (expectTypeOf(f).toEqualTypeOf<DocumentBuilder<"">>(), f.eq("title", "a")),
    });
    // The tenant scope's exact signature refused a filter (the input, not inferred in time, read as a query of the
    // table): the catch-all takes it, typed as the exact signature types it.
    const everyCapsule = documents.scope({ tenantId: ids.tenantId }).pages({
      index: "byTenant",
      sortKey: { capsuleId: ids.capsuleId },
      filter: (f) => (expectTypeOf(f).toEqualTypeOf<DocumentBuilder<"byTenant">>(), f.eq("title", "a")),
    });
    expectTypeOf(everyCapsule).toEqualTypeOf<AsyncIterable<QueryPage<InferItem<typeof Document>>>>();
  });

  it("query() and pages() refuse each mistake with the compiler's text, before any request", async () => {
    const raw = messages as unknown as {
      query(input: unknown): AsyncIterable<unknown>;
      pages(input: unknown): AsyncIterable<unknown>;
    };
    const first = (items: AsyncIterable<unknown>) => items[Symbol.asyncIterator]().next();
    await expect(first(raw.query({ index: "byAuthr" }))).rejects.toThrow(
      /^\[query\.unknownIndex\] Message has no index "byAuthr" \| query one of the entity's indexes \(byAuthor, recent\)/,
    );
    await expect(first(raw.pages({ index: "byAuthor" }))).rejects.toThrow(
      /^\[query\.partition\] Message query on index byAuthor/,
    );
    await expect(first(raw.query({ partition: { threadId: "t1" }, sortKey: { version: 2 } }))).rejects.toThrow(
      /^\[query\.sortKey\] Message sk condition gives version without messageId before it/,
    );
    await expect(first(raw.pages({ partition: { threadId: "t1" }, sortKey: { messageID: "m1" } }))).rejects.toThrow(
      CapsuleEntityError,
    );
  });

  it("takes parsed ids, and reads only the levels' ids", () => {
    const request = { tenantId: "t1", capsuleId: "c1" };
    const parsed = { tenantId: tenantId().parse(request.tenantId), capsuleId: capsuleId().parse(request.capsuleId) };
    expect(
      connect({} as DynamoDBDocumentClient)
        .entity(Message)
        .scope(parsed).commands.ids,
    ).toEqual(request);
    // Other ids are a type error only (scope.otherId): at runtime the scope reads its levels' ids.
    const raw = connect({} as DynamoDBDocumentClient).entity(Message) as unknown as {
      scope(ids: unknown): { readonly commands: { readonly ids: unknown } };
    };
    expect(raw.scope({ ...parsed, threadId: "t1" }).commands.ids).toEqual(request);
  });
});

describe.each(["dynamodb-local"] as const)("the generated call-site queries that compile, on %s", (server) => {
  const Table = defineTable({
    name: uniqueTableName(`call-site-${server}`),
    pk: "pk",
    sk: "sk",
    indexes: { byAuthor: { pk: "byAuthorpk", sk: "byAuthorsk" }, recent: { pk: "recentpk", sk: "recentsk" } },
  });
  /** A message as stored and read back (its key fields; the query's items carry more). */
  interface Stored {
    readonly tenantId: string;
    readonly capsuleId: string;
    readonly threadId: string;
    readonly messageId: string;
    readonly version: number;
    readonly author: string;
  }
  const scopes = [
    ids,
    { tenantId: tenantId().parse("t2"), capsuleId: capsuleId().parse("c1") },
    { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c10") },
  ];
  // The same messages in every scope: a query that leaks reads another scope's copy.
  const stored = scopes.flatMap((scope) =>
    ["t1", "t2"].flatMap((threadId) =>
      ["m1", "m10", "m2"].flatMap((messageId) =>
        [1, 2].map((version) => ({
          ...scope,
          threadId,
          messageId,
          version,
          author: messageId === "m2" ? "bob" : "ann",
        })),
      ),
    ),
  );
  let local: LocalDynamo;
  let db: ReturnType<typeof connect<typeof Table>>;

  beforeAll(async () => {
    local = await localDynamo(server);
    await local.createTable(Table);
    db = connect(local.documents, { table: Table });
    for (const scope of scopes)
      await db
        .entity(Message)
        .scope(scope)
        .batchPut(stored.filter((item) => item.tenantId === scope.tenantId && item.capsuleId === scope.capsuleId));
  });
  afterAll(() => local?.stop());

  /** What a query must return: the scope's own messages whose partition fields and sort-key condition match. */
  function expected(input: Readonly<Record<string, unknown>>): string[] {
    const partition = (input["partition"] ?? {}) as Readonly<Record<string, unknown>>;
    const sortKey = (input["sortKey"] ?? {}) as Readonly<Record<string, unknown>>;
    const inRange = (value: string, condition: unknown): boolean => {
      if (typeof condition === "string") return value === condition;
      const {
        beginsWith,
        gt,
        gte,
        lt,
        lte,
        between = ["", ""],
      } = condition as {
        readonly [operator: string]: string & readonly [string, string];
      };
      if (beginsWith !== undefined) return value.startsWith(beginsWith);
      if (gt !== undefined) return value > gt;
      if (gte !== undefined) return value >= gte;
      if (lt !== undefined) return value < lt;
      if (lte !== undefined) return value <= lte;
      return value >= between[0] && value <= between[1];
    };
    return stored
      .filter((item) => item.tenantId === ids.tenantId && item.capsuleId === ids.capsuleId)
      .filter((item) =>
        Object.entries(partition).every(
          ([field, value]) => (item as unknown as Readonly<Record<string, unknown>>)[field] === value,
        ),
      )
      .filter((item) => sortKey["messageId"] === undefined || inRange(item.messageId, sortKey["messageId"]))
      .filter((item) => sortKey["version"] === undefined || item.version === sortKey["version"])
      .map(label)
      .sort();
  }
  const label = (item: Stored) =>
    `${item.tenantId}/${item.capsuleId} ${item.threadId} ${item.messageId} v${item.version}`;

  it("each returns exactly the scope's own matching messages", async () => {
    const scope = db.entity(Message).scope(ids) as unknown as { query(input: unknown): AsyncIterable<Stored> };
    let compared = 0;
    let nonEmpty = 0;
    for (const text of callSiteQueries()) {
      // A query may name the scope's `ids` (its partition repeating one, refused as the compiler refuses it).
      const input = new Function("ids", `return (${text});`)(ids) as Readonly<Record<string, unknown>>;
      const read: string[] = [];
      try {
        for await (const item of scope.query(input)) read.push(label(item));
      } catch (error) {
        // A query the compiler refuses (types-tests/query-call-site.generated.test.ts: the same catalog text).
        expect(error, text).toBeInstanceOf(CapsuleEntityError);
        continue;
      }
      expect({ text, read: read.sort() }).toEqual({ text, read: expected(input) });
      compared += 1;
      if (read.length > 0) nonEmpty += 1;
    }
    expect(compared).toBe(20); // 10 on the table, 4 on byAuthor, 6 on recent
    expect(nonEmpty).toBeGreaterThan(12);
  });
});
