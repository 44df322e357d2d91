/**
 * The positive twin of the adapter's call-site checks (types-tests/compile-fail/access-call-site.ts): the corrected
 * queries and scopes compile and are typed as before (filters per index); `query()` and `pages()` refuse the
 * mistakes with the same messages as the fixture's `page()` twins, before any request. No DynamoDB: the corrected
 * queries are never iterated.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, expectTypeOf, it } from "vitest";
import { capsuleId, CapsuleEntityError, tenantId, type InferItem } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { Message } from "../../scripts/call-site-entity.js";

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
