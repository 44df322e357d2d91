/**
 * The entity of the adapter's call-site checks, shared by their compile-fail fixture
 * (types-tests/compile-fail/access-call-site.ts) and its positive twin (src/dynamodb/query-call-site.test.ts):
 * a pk with a field beyond the ids, a two-field sort key, an index with a partition field and one without.
 */
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

/**
 * Messages of a thread, by author and most recent.
 *
 * @example
 * db.entity(Message).scope(ids).query({ index: "byAuthor", partition: { author: "ann" } });
 */
export const Message = defineEntity({
  name: "Message",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    threadId: z.string(),
    messageId: z.string(),
    version: z.number(),
    author: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD#${threadId}",
  sk: "MESSAGE#${messageId}#V#${version}",
  indexes: {
    byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#AUTHOR#${author}", sk: "MESSAGE#${messageId}" },
    recent: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#RECENT", sk: "MESSAGE#${messageId}" },
  },
});

/** Per index of {@link Message} (and a misspelt one): partitions and sort-key conditions, as source text. */
const queryParts: Readonly<
  Record<string, { readonly partitions: readonly string[]; readonly sortKeys: readonly string[] }>
> = {
  table: {
    partitions: [
      "",
      "partition: {}",
      'partition: { threadId: "t1" }',
      'partition: { author: "ann" }',
      'partition: { threadId: "t1", author: "ann" }',
      'partition: { threadId: "t1", tenantId: ids.tenantId }',
    ],
    sortKeys: [
      "",
      "sortKey: {}",
      'sortKey: { messageId: "m1" }',
      'sortKey: { messageId: "m1", version: 2 }',
      "sortKey: { version: 2 }",
      'sortKey: { messageID: "m1" }',
      'sortKey: { messageId: "m1", author: "ann" }',
      'sortKey: { messageId: "m1", version: 2, zeta: 1, alpha: 2 }',
      'sortKey: { messageId: { beginsWith: "m" } }',
      'sortKey: { messageId: { gt: "m1" } }',
      'sortKey: { messageId: { gte: "m1" } }',
      'sortKey: { messageId: { lt: "m1" } }',
      'sortKey: { messageId: { lte: "m1" } }',
      'sortKey: { messageId: { between: ["a", "m"] } }',
      'sortKey: { messageId: { gt: "m1" }, version: 2 }',
      'sortKey: { messageId: "m1", version: { gt: 1 } }',
      'sortKey: { version: { gt: "1" } }',
    ],
  },
  byAuthor: {
    partitions: [
      "",
      "partition: {}",
      'partition: { author: "ann" }',
      'partition: { threadId: "t1" }',
      'partition: { author: "ann", threadId: "t1" }',
    ],
    sortKeys: [
      "",
      'sortKey: { messageId: "m1" }',
      'sortKey: { messageId: { between: ["a", "m"] } }',
      'sortKey: { messageId: { beginsWith: "m" } }',
      "sortKey: { version: 2 }",
      'sortKey: { threadId: "t1" }',
      'sortKey: { messageId: "m1", version: 2 }',
    ],
  },
  recent: {
    partitions: ["", "partition: {}", 'partition: { author: "ann" }', "partition: { capsuleId: ids.capsuleId }"],
    sortKeys: ["", 'sortKey: { messageId: "m1" }', 'sortKey: { messageId: { lte: "m1" } }', 'sortKey: { author: "a" }'],
  },
  byAuthr: {
    partitions: ["", 'partition: { author: "ann" }'],
    sortKeys: ["", 'sortKey: { messageId: "m1" }'],
  },
};

/**
 * The generated queries of the call-site tests, as source text: every index × partition × sort-key condition
 * above (types-tests/query-call-site.generated.test.ts compiles and runs them; src/dynamodb/query-call-site.test.ts
 * runs those that compile on DynamoDB Local).
 *
 * @example
 * callSiteQueries()[0]; //=> "{ }"
 */
export function callSiteQueries(): string[] {
  return Object.entries(queryParts).flatMap(([index, { partitions, sortKeys }]) =>
    partitions.flatMap((partition) =>
      sortKeys.map((sortKey) => {
        const members = [index === "table" ? "" : `index: "${index}"`, partition, sortKey].filter((m) => m !== "");
        return `{ ${members.join(", ")} }`;
      }),
    ),
  );
}
