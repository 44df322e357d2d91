// Access-side mistakes at the call site (table misfit, no table, queries and scope ids of the adapter and builders).
// The line after each `expect-error` comment is where the compiler must complain, with the runtime twin's text.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineIsolation, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { Message } from "../../scripts/call-site-entity.js";
import { collect } from "../../scripts/collect.js";

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

export const queryMisspeltOption = () =>
  // expect-error: query.invalidOption async
  messages.page({ partition: { threadId: "t1" }, limitt: 5 });

// The same mistakes beside a `filter` callback: TypeScript infers a literal holding an unannotated callback only after
// typing it, too late for `this`; each query method's catch-all overload infers `index`, `partition` and `sortKey`
// one by one, so the message is the same (the filter names a field the index written does not key on).
export const filterUnknownIndex = () =>
  // expect-error: query.unknownIndex async
  messages.page({ index: "byAuthr", partition: { author: "ann" }, filter: (f) => f.eq("author", "ann") });

export const filterWithoutPartition = () =>
  // expect-error: query.partition async
  messages.page({ index: "byAuthor", filter: (f) => f.eq("threadId", "t1") });

export const filterTableWithoutPartition = () =>
  // expect-error: query.partition async
  messages.page({ sortKey: { messageId: "m1" }, filter: (f) => f.eq("author", "ann") });

export const filterSortKeyGap = () =>
  // expect-error: query.sortKey async
  messages.page({ partition: { threadId: "t1" }, sortKey: { version: 2 }, filter: (f) => f.eq("author", "ann") });

export const filterSortKeyStray = () =>
  // expect-error: query.sortKey async
  messages.page({ partition: { threadId: "t1" }, sortKey: { messageID: "m1" }, filter: (f) => f.eq("author", "ann") });

export const filterSortKeyRangeBeforeLater = () =>
  // expect-error: query.sortKey async
  messages.page({
    partition: { threadId: "t1" },
    sortKey: { messageId: { gt: "m1" }, version: 2 },
    filter: (f) => f.eq("author", "ann"),
  });

export const filterSortKeyRangeOnNumber = () =>
  // expect-error: query.sortKey async
  messages.page({
    partition: { threadId: "t1" },
    sortKey: { messageId: "m1", version: { gt: 1 } },
    filter: (f) => f.eq("author", "ann"),
  });

export const filterPartitionStrayField = () =>
  // expect-error: query.partition async
  messages.page({ index: "recent", partition: { author: "ann" }, filter: (f) => f.eq("author", "ann") });

export const filterPartitionMissingField = () =>
  // expect-error: query.partition async
  messages.page({ partition: {}, sortKey: { messageId: "m1" }, filter: (f) => f.eq("author", "ann") });

export const filterMisspeltOption = () =>
  // expect-error: query.invalidOption async
  messages.page({ partition: { threadId: "t1" }, limitt: 5, filter: (f) => f.eq("author", "ann") });

// query() and pages() have the same catch-all (the runtime twin rejects before any request).
export const filterQueryUnknownIndex = () =>
  // expect-error: query.unknownIndex async
  collect(messages.query({ index: "byAuthr", filter: (f) => f.eq("author", "ann") }));

export const filterPagesWithoutPartition = () =>
  // expect-error: query.partition async
  collect(messages.pages({ index: "byAuthor", filter: (f) => f.eq("threadId", "t1") }));

// The adapter's scope ids, type-only: a plain string from a request (parsed or not, an id is a string at runtime,
// where each is checked as a key value), and an id the scope does not take (a scope reads its levels' ids).
const request = { tenantId: "t1", capsuleId: "c1" } as { readonly tenantId: string; readonly capsuleId: string };

export const scopePlainIds = () =>
  // expect-error: scope.plainId type-only
  connect(client).entity(Message).scope({ tenantId: ids.tenantId, capsuleId: request.capsuleId });

export const scopeOtherId = () =>
  // expect-error: scope.otherId type-only
  connect(client).entity(Message).scope({ ...ids, threadId: "t1" });

// The command builders (`Message.scope(ids)`, no client) name the same mistakes: each is the catch-all overload of
// `scope` or `query`, tried only when the call fails its first, exact signature (TypeScript prints "No overload
// matches this call" with the message in the catch-all's error). Their queries throw the same text.
const builders = Message.scope(ids);

export const builderUnknownIndex = () =>
  // expect-error: query.unknownIndex
  builders.query({ index: "byAuthr", partition: { author: "ann" } });

export const builderWithoutPartition = () =>
  // expect-error: query.partition
  builders.query({ index: "byAuthor" });

export const builderTableWithoutPartition = () =>
  // expect-error: query.partition
  builders.query({ sortKey: { messageId: "m1" } });

export const builderSortKeyGap = () =>
  // expect-error: query.sortKey
  builders.query({ partition: { threadId: "t1" }, sortKey: { version: 2 } });

export const builderSortKeyStray = () =>
  // expect-error: query.sortKey
  builders.query({ partition: { threadId: "t1" }, sortKey: { messageID: "m1" } });

export const builderSortKeyRangeBeforeLater = () =>
  // expect-error: query.sortKey
  builders.query({ partition: { threadId: "t1" }, sortKey: { messageId: { gt: "m1" }, version: 2 } });

export const builderSortKeyRangeOnNumber = () =>
  // expect-error: query.sortKey
  builders.query({ partition: { threadId: "t1" }, sortKey: { messageId: "m1", version: { gt: 1 } } });

export const builderPartitionStrayField = () =>
  // expect-error: query.partition
  builders.query({ index: "recent", partition: { author: "ann" } });

export const builderPartitionMissingField = () =>
  // expect-error: query.partition
  builders.query({ partition: {}, sortKey: { messageId: "m1" } });

// A table query whose partition also names another index's field (byAuthor's `author`): with no `index` written,
// TypeScript knows the field from that member; the table member's partition refuses the entity's other fields.
export const builderPartitionOtherIndexField = () =>
  // expect-error: query.partition
  builders.query({ partition: { threadId: "t1", author: "ann" } });

export const builderMisspeltOption = () =>
  // expect-error: query.invalidOption
  builders.query({ partition: { threadId: "t1" }, limitt: 5 });

// Beside a `filter` callback: the builder's catch-all infers `index`, `partition` and `sortKey` one by one too.
export const builderFilterUnknownIndex = () =>
  // expect-error: query.unknownIndex
  builders.query({ index: "byAuthr", partition: { author: "ann" }, filter: (f) => f.eq("author", "ann") });

export const builderFilterWithoutPartition = () =>
  // expect-error: query.partition
  builders.query({ index: "byAuthor", filter: (f) => f.eq("threadId", "t1") });

export const builderFilterTableWithoutPartition = () =>
  // expect-error: query.partition
  builders.query({ sortKey: { messageId: "m1" }, filter: (f) => f.eq("author", "ann") });

export const builderFilterSortKeyGap = () =>
  // expect-error: query.sortKey
  builders.query({ partition: { threadId: "t1" }, sortKey: { version: 2 }, filter: (f) => f.eq("author", "ann") });

export const builderFilterSortKeyStray = () =>
  // expect-error: query.sortKey
  builders.query({ partition: { threadId: "t1" }, sortKey: { messageID: "m1" }, filter: (f) => f.eq("author", "ann") });

export const builderFilterSortKeyRangeBeforeLater = () =>
  // expect-error: query.sortKey
  builders.query({
    partition: { threadId: "t1" },
    sortKey: { messageId: { gt: "m1" }, version: 2 },
    filter: (f) => f.eq("author", "ann"),
  });

export const builderFilterSortKeyRangeOnNumber = () =>
  // expect-error: query.sortKey
  builders.query({
    partition: { threadId: "t1" },
    sortKey: { messageId: "m1", version: { gt: 1 } },
    filter: (f) => f.eq("author", "ann"),
  });

export const builderFilterPartitionStrayField = () =>
  // expect-error: query.partition
  builders.query({ index: "recent", partition: { author: "ann" }, filter: (f) => f.eq("author", "ann") });

export const builderFilterPartitionMissingField = () =>
  // expect-error: query.partition
  builders.query({ partition: {}, sortKey: { messageId: "m1" }, filter: (f) => f.eq("author", "ann") });

export const builderFilterMisspeltOption = () =>
  // expect-error: query.invalidOption
  builders.query({ partition: { threadId: "t1" }, limitt: 5, filter: (f) => f.eq("author", "ann") });

export const builderPlainIds = () =>
  // expect-error: scope.plainId type-only
  Message.scope({ tenantId: ids.tenantId, capsuleId: request.capsuleId });

export const builderOtherId = () =>
  // expect-error: scope.otherId type-only
  Message.scope({ ...ids, threadId: "t1" });

export const builderSwappedIds = () =>
  // expect-error: scope.wrongId type-only
  Message.scope({ tenantId: ids.capsuleId, capsuleId: ids.tenantId });

// A global entity's scope takes no ids: the runtime throws the same message.
const Plan = defineEntity({
  name: "Plan",
  table: "platform_data",
  schema: z.object({ planId: z.string(), price: z.number() }),
  pk: "PLAN#${planId}",
  isolation: { level: "global", reason: "the plan catalogue every tenant picks from" },
});

export const builderGlobalIds = () =>
  // expect-error: scope.globalEntity
  Plan.scope({ tenantId: ids.tenantId });

// A scope short of an id of its levels (`scope.missingId`): the runtime throws the same message before any request,
// on the builders and the adapter alike (the adapter's through a catch-all overload, as the builders').
export const builderMissingCapsuleId = () =>
  // expect-error: scope.missingId
  Message.scope({ tenantId: ids.tenantId });

export const adapterMissingCapsuleId = () =>
  // expect-error: scope.missingId
  connect(client).entity(Message).scope({ tenantId: ids.tenantId });

const Organization = defineEntity({
  name: "Organization",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), name: z.string() }),
  pk: "TENANT#${tenantId}#ORG",
  isolation: { level: "tenant", reason: "one settings item per tenant" },
});

export const builderMissingTenantId = () =>
  // expect-error: scope.missingId
  Organization.scope({});

export const adapterMissingTenantId = () =>
  // expect-error: scope.missingId
  connect(client).entity(Organization).scope({});

const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const Page = kit.defineEntity({
  name: "Page",
  table: "app_data",
  schema: z.object({ orgId: kit.ids.orgId(), workspaceId: kit.ids.workspaceId(), pageId: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#PAGE#${pageId}",
});
const o1 = kit.ids.orgId().parse("o1");

export const kitBuilderMissingWorkspaceId = () =>
  // expect-error: scope.missingId
  Page.scope({ orgId: o1 });

export const kitAdapterMissingWorkspaceId = () =>
  // expect-error: scope.missingId
  connect(client).entity(Page).scope({ orgId: o1 });

export const adapterUndefinedCapsuleId = () =>
  // expect-error: scope.missingId
  connect(client).entity(Message).scope({ tenantId: ids.tenantId, capsuleId: undefined });

// The adapter's catch-all names what its exact signature leaves to TypeScript: swapped ids (type-only) and ids given
// to a global entity (thrown at runtime too).
export const adapterSwappedIds = () =>
  // expect-error: scope.wrongId type-only
  connect(client).entity(Message).scope({ tenantId: ids.capsuleId, capsuleId: ids.tenantId });

export const adapterOtherKitIds = () =>
  // expect-error: scope.wrongId type-only
  connect(client).entity(Page).scope({ orgId: o1, workspaceId: ids.capsuleId });

export const adapterGlobalIds = () =>
  // expect-error: scope.globalEntity
  connect(client).entity(Plan).scope({ tenantId: ids.tenantId });

// A builder's scope given options: its ids get the same catch-all (the table misfit above keeps its one error).
export const builderOptionsPlainIds = () =>
  // expect-error: scope.plainId type-only
  Note.scope({ tenantId: ids.tenantId, capsuleId: request.capsuleId }, { table: "platform_data" });

export const builderOptionsMissingId = () =>
  // expect-error: scope.missingId
  Note.scope({ tenantId: ids.tenantId }, { table: PlatformTable });

export const builderOptionsSwappedIds = () =>
  // expect-error: scope.wrongId type-only
  Note.scope({ tenantId: ids.capsuleId, capsuleId: ids.tenantId }, { table: "platform_data" });

export const builderOptionsGlobalIds = () =>
  // expect-error: scope.globalEntity
  Plan.scope({ tenantId: ids.tenantId }, { table: "plans" });

// A query whose only key is a misspelt option is inferred as written too (it was TypeScript's excess-property error).
export const builderMisspeltOptionAlone = () =>
  // expect-error: query.invalidOption
  Organization.scope({ tenantId: ids.tenantId }).query({ limitt: 5 });

export const adapterMisspeltOptionAlone = () =>
  // expect-error: query.invalidOption async
  connect(client).entity(Organization).scope({ tenantId: ids.tenantId }).page({ limitt: 5 });

// The scope's own ids repeated in `partition`: the scope gives them (compiler and runtime alike, equal or not).
export const builderPartitionWithScopeId = () =>
  // expect-error: query.partition
  builders.query({ partition: { threadId: "t1", tenantId: ids.tenantId } });

export const builderPartitionOfOnlyScopeIds = () =>
  // expect-error: query.partition
  builders.query({ index: "recent", partition: { capsuleId: ids.capsuleId } });

export const partitionWithScopeIdBesideFilter = () =>
  // expect-error: query.partition async
  messages.page({ partition: { threadId: "t1", tenantId: ids.tenantId }, filter: (f) => f.eq("author", "ann") });
