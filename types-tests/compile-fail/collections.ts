// Collections and unscopedScan on the adapter (capsule-entity/dynamodb): each refusal of db.collection([...]), of a
// collection scope's query and of unscopedScan's index, in the catalog's words at compile time and with the same text
// at runtime. The line after each `expect-error` comment is where the compiler must complain; `collection()` throws,
// `page()` and the scan reject before any request.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineIsolation, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const thread = "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREAD";
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, noteId: z.string(), at: z.string() }),
  pk: thread,
  sk: "NOTE#${noteId}",
  indexes: {
    byDay: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DAY", sk: "${at}" },
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES", sk: "${at}" },
  },
});
const Comment = defineEntity({
  name: "Comment",
  schema: z.object({ ...ids, noteId: z.string(), commentId: z.string(), at: z.string() }),
  pk: thread,
  sk: "NOTE#${noteId}#COMMENT#${commentId}",
  indexes: {
    byDay: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DAY", sk: "${at}" },
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#COMMENTS", sk: "${at}" },
  },
});
const Elsewhere = defineEntity({
  name: "Elsewhere",
  schema: z.object({ ...ids, id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#OTHER",
  sk: "X#${id}",
});
/** A tenant-level entity: another level is another pk template. */
const Settings = defineEntity({
  name: "Settings",
  schema: z.object({ tenantId: tenantId(), key: z.string() }),
  pk: "TENANT#${tenantId}#SETTINGS",
  sk: "${key}",
  isolation: { level: "tenant", reason: "one settings record per tenant, above its capsules" },
});
const ArchivedNote = defineEntity({
  name: "ArchivedNote",
  schema: z.object({ ...ids, noteId: z.string() }),
  pk: thread,
  sk: "ARCHIVED#${noteId}",
  table: "archive",
});
const Flag = defineEntity({
  name: "Flag",
  schema: z.object({ ...ids, flagId: z.string(), at: z.string() }),
  pk: thread,
  sk: "FLAG#${flagId}",
  indexes: { bySeen: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DAY", sk: "${at}" } },
});
const Table = defineTable({
  name: "platform_data",
  pk: "PK",
  sk: "SK",
  indexes: {
    byDay: { pk: "D_PK", sk: "D_SK" },
    byStatus: { pk: "S_PK", sk: "S_SK", projection: "KEYS_ONLY" },
    bySeen: { pk: "V_PK", sk: "V_SK" },
  },
});
// Never sent a request: every check runs before any.
const db = connect({} as DynamoDBDocumentClient, { table: Table });
const own = connect({} as DynamoDBDocumentClient);
const scope = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };

export const noEntities = () =>
  // expect-error: collection.invalid
  db.collection([]);

export const listedTwice = () =>
  // expect-error: collection.invalid
  db.collection([Note, Comment, Note]);

export const otherPartitionKey = () =>
  // expect-error: collection.invalid
  db.collection([Note, Elsewhere]);

export const otherLevel = () =>
  // expect-error: collection.invalid
  db.collection([Note, Settings]);

export const otherTable = () =>
  // expect-error: collection.invalid
  own.collection([Note, ArchivedNote]);

/** No sort key: the table keys items by SK. */
const Loose = defineEntity({
  name: "Loose",
  schema: z.object({ ...ids, id: z.string() }),
  pk: thread,
});

export const entityMisfitsTable = () =>
  // expect-error: table.missingKey
  db.collection([Note, Loose]);

export const indexOneLacks = () =>
  // expect-error: collection.invalid async
  db.collection([Note, Flag]).scope(scope).page({ index: "byDay" });

export const indexUnknown = () =>
  // expect-error: collection.invalid async
  db.collection([Note, Comment]).scope(scope).page({ index: "byDya" });

export const indexOtherPartitionKey = () =>
  // expect-error: collection.invalid async
  db.collection([Note, Comment]).scope(scope).page({ index: "byStatus" });

export const indexPartialProjection = () =>
  // expect-error: collection.invalid async
  db.collection([Note]).scope(scope).page({ index: "byStatus" });

export const misspeltOption = () =>
  // expect-error: query.invalidOption async
  db.collection([Note, Comment]).scope(scope).page({ limitt: 5 });

export const sortKeyOnCollection = () =>
  // expect-error: query.invalidOption async
  db.collection([Note, Comment]).scope(scope).page({ sortKey: { noteId: "n1" } });

export const hydrateOnCollection = () =>
  // expect-error: query.invalidOption async
  db.collection([Note, Comment]).scope(scope).page({ hydrate: true });

export const filterOfAnotherEntity = () =>
  // expect-error: collection.invalid async
  db.collection([Note, Comment]).scope(scope).page({ filter: { Flag: (f: never) => f } });

// The same beside a filter callback: a literal holding one is inferred too late for `this`, so each query method's
// catch-all overload infers `index` on its own.
export const filterIndexUnknown = () =>
  // expect-error: collection.invalid async
  db.collection([Note, Comment]).scope(scope).page({ index: "byDya", filter: { Comment: (f) => f.eq("at", "a") } });

export const filterIndexOneLacks = () =>
  // expect-error: collection.invalid async
  collect(db.collection([Note, Flag]).scope(scope).query({ index: "byDay", filter: { Note: (f) => f.eq("at", "a") } }));

export const filterMisspeltOption = () =>
  // expect-error: query.invalidOption async
  collect(db.collection([Note, Comment]).scope(scope).pages({ limitt: 5, filter: { Comment: (f) => f.eq("at", "a") } }));

export const scanUnknownIndex = () =>
  // expect-error: query.unknownIndex async
  collect(db.entity(Note).unscopedScan({ reason: "report", index: "byDya" }));

// A collection scope's ids, checked as an entity scope's (in the first entity's name, whose scope throws first).
const t1 = tenantId().parse("t1");
const c1 = capsuleId().parse("c1");

export const collectionScopeMissingId = () =>
  // expect-error: scope.missingId
  db.collection([Note, Comment]).scope({ tenantId: t1 });

export const collectionScopePlainId = () =>
  // expect-error: scope.plainId type-only
  db.collection([Note, Comment]).scope({ tenantId: "t1", capsuleId: c1 });

export const collectionScopeSwappedIds = () =>
  // expect-error: scope.wrongId type-only
  db.collection([Note, Comment]).scope({ tenantId: c1, capsuleId: t1 });

export const collectionScopeOtherId = () =>
  // expect-error: scope.otherId type-only
  db.collection([Note, Comment]).scope({ tenantId: t1, capsuleId: c1, noteId: "n1" });

const kit = defineIsolation({ levels: [{ name: "org", field: "orgId", label: "ORG" }] });

export const collectionScopeAnotherKitsId = () =>
  // expect-error: scope.wrongId type-only
  db.collection([Note, Comment]).scope({ tenantId: kit.ids.orgId().parse("t1"), capsuleId: c1 });

/** Global entities sharing one partition: their scope takes no ids. */
const Plan = defineEntity({
  name: "Plan",
  schema: z.object({ planId: z.string() }),
  pk: "PLANS",
  sk: "PLAN#${planId}",
  isolation: { level: "global", reason: "the plan catalogue every tenant picks from" },
});
const Feature = defineEntity({
  name: "Feature",
  schema: z.object({ featureId: z.string() }),
  pk: "PLANS",
  sk: "FEATURE#${featureId}",
  isolation: { level: "global", reason: "the features every plan lists" },
});

export const globalCollectionGivenIds = () =>
  // expect-error: scope.globalEntity
  db.collection([Plan, Feature]).scope({ tenantId: t1 });

/** Entities of one thread with an index opted out to the tenant level: an entity's tenant scope reaches it, a collection's does not. */
const tenantWide = {
  pk: "TENANT#${tenantId}#THREADS",
  sk: "${at}",
  isolation: { level: "tenant", reason: "tenant admins list the threads of every capsule" },
} as const;
const Post = defineEntity({
  name: "Post",
  schema: z.object({ ...ids, postId: z.string(), at: z.string() }),
  pk: thread,
  sk: "POST#${postId}",
  indexes: { byTenant: tenantWide },
  table: "threads",
});
const Reply = defineEntity({
  name: "Reply",
  schema: z.object({ ...ids, postId: z.string(), replyId: z.string(), at: z.string() }),
  pk: thread,
  sk: "POST#${postId}#REPLY#${replyId}",
  indexes: { byTenant: tenantWide },
  table: "threads",
});

export const collectionScopeAtTenantLevel = () =>
  // expect-error: scope.missingId
  own.collection([Post, Reply]).scope({ tenantId: t1 });
