// Access-side mistakes at the call site (table misfit, no table, the adapter's queries and scope ids). The line after
// each `expect-error` comment is where the compiler must complain, with the text the runtime twin throws.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { Message } from "../../scripts/call-site-entity.js";

const Note = defineEntity({
  name: "Note",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${noteId}",
});
const PlatformTable = defineTable({ name: "platform_data", pk: "PK", sk: "SK" });
const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
// Never sent a request: the fit is checked before any.
const client = {} as DynamoDBDocumentClient;

export const scopeTableMisfit = () =>
  // expect-error: table.missingKey
  Note.scope(ids, { table: PlatformTable });

export const connectionTableMisfit = () =>
  // expect-error: table.missingKey
  connect(client, { table: PlatformTable }).entity(Note);

export const scopeWithoutTable = () =>
  // expect-error: scope.noTable
  Note.scope(ids);

// Queries through the adapter (capsule-entity/dynamodb): `page()` rejects with the message before any request;
// `query()` and `pages()` carry the same check (src/dynamodb/query-call-site.test.ts).
const messages = connect(client).entity(Message).scope(ids);

export const queryUnknownIndex = () =>
  // expect-error: query.unknownIndex async
  messages.page({ index: "byAuthr", partition: { author: "ann" } });

export const queryWithoutPartition = () =>
  // expect-error: query.partition async
  messages.page({ index: "byAuthor" });

export const queryTableWithoutPartition = () =>
  // expect-error: query.partition async
  messages.page({ sortKey: { messageId: "m1" } });

export const querySortKeyGap = () =>
  // expect-error: query.sortKey async
  messages.page({ partition: { threadId: "t1" }, sortKey: { version: 2 } });

export const querySortKeyStray = () =>
  // expect-error: query.sortKey async
  messages.page({ partition: { threadId: "t1" }, sortKey: { messageID: "m1" } });

export const querySortKeyRangeBeforeLater = () =>
  // expect-error: query.sortKey async
  messages.page({ partition: { threadId: "t1" }, sortKey: { messageId: { gt: "m1" }, version: 2 } });

export const querySortKeyRangeOnNumber = () =>
  // expect-error: query.sortKey async
  messages.page({ partition: { threadId: "t1" }, sortKey: { messageId: "m1", version: { gt: 1 } } });

export const queryPartitionStrayField = () =>
  // expect-error: query.partition async
  messages.page({ index: "recent", partition: { author: "ann" } });

export const queryPartitionMissingField = () =>
  // expect-error: query.partition async
  messages.page({ partition: {}, sortKey: { messageId: "m1" } });

// The adapter's scope ids, type-only: a plain string from a request (parsed or not, an id is a string at runtime,
// where each is checked as a key value), and an id the scope does not take (a scope reads its levels' ids).
const request = { tenantId: "t1", capsuleId: "c1" } as { readonly tenantId: string; readonly capsuleId: string };

export const scopePlainIds = () =>
  // expect-error: scope.plainId type-only
  connect(client).entity(Message).scope({ tenantId: ids.tenantId, capsuleId: request.capsuleId });

export const scopeOtherId = () =>
  // expect-error: scope.otherId type-only
  connect(client).entity(Message).scope({ ...ids, threadId: "t1" });
