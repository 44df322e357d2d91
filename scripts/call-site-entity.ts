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
