// An update cannot change a field the primary key or the isolation ids are built from: at compile time the catch-all
// `update` overloads type such a field, given, as `update.keyField`'s message (where TypeScript printed its
// excess-property text), and the runtime throws the same text before any request. The example puts the item anew: in
// the same scope under a new key, or in the scope opened with the other (parsed) ids for an isolation field.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { kit, ids, ctx, Doc } from "../../scripts/put-ids-entities.js";

const Page = kit.defineEntity({
  name: "Page",
  table: "app_data",
  schema: z.object({
    orgId: kit.ids.orgId(),
    workspaceId: kit.ids.workspaceId(),
    pageId: z.string(),
    title: z.string(),
  }),
  pk: "ORG#${orgId}#WS#${workspaceId}#PAGE#${pageId}",
});
const Memo = defineEntity({
  name: "Memo",
  table: "platform_data",
  schema: z.object({ ctx: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }), memoId: z.string(), body: z.string() }),
  pk: "TENANT#${ctx.tenantId}#CAPSULE#${ctx.capsuleId}#MEMO#${memoId}",
});
// Never sent a request: the update is refused before any.
const client = {} as DynamoDBDocumentClient;

export const isolationField = () =>
  // expect-error: update.keyField
  Page.scope(ids).update({ pageId: "p1" }, { orgId: kit.ids.orgId().parse("o2") });

export const primaryKeyField = () =>
  // expect-error: update.keyField
  Page.scope(ids).update({ pageId: "p1" }, { title: "t", pageId: "p2" });

export const objectHoldingTheIds = () =>
  // expect-error: update.keyField
  Memo.scope(ctx).update({ memoId: "m1" }, { ctx: { tenantId: ctx.tenantId, capsuleId: ctx.capsuleId } });

export const adapterUpdate = () =>
  // expect-error: update.keyField async
  connect(client).entity(Page).scope(ids).update({ pageId: "p1" }, { workspaceId: ids.workspaceId });

export const transactionUpdate = () =>
  // expect-error: update.keyField
  connect(client).transaction(ids).entity(Page).update({ pageId: "p1" }, { orgId: ids.orgId });

// Every field of these is a key or isolation field: their changes have no property at all, and an empty object type
// takes any object (TypeScript checks no excess property against it), so such an update compiled, then threw.
const Link = defineEntity({
  name: "Link",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), linkId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#LINK#${linkId}",
});

export const noUpdatableFieldIsolation = () =>
  // expect-error: update.keyField
  Doc.scope(ids).update({ docId: "d1" }, { orgId: ids.orgId });

export const noUpdatableFieldKey = () =>
  // expect-error: update.keyField
  Link.scope(ctx).update({ linkId: "l1" }, { linkId: "l2" });

// No change at all: the changes' type took `{}` (every field is optional, and TypeScript checks no weak type against
// an object without properties), so `update(key, {})` compiled, then threw update.nothing. Now its message, in the
// builder, the adapter and a transaction, as a literal or a variable, and for an entity with no updatable field.
const nothing = {};

export const noChange = () =>
  // expect-error: update.nothing
  Page.scope(ids).update({ pageId: "p1" }, {});

export const noChangeInAVariable = () =>
  // expect-error: update.nothing
  Page.scope(ids).update({ pageId: "p1" }, nothing);

export const noChangeInTheAdapter = () =>
  // expect-error: update.nothing async
  connect(client).entity(Page).scope(ids).update({ pageId: "p1" }, {});

export const noChangeInATransaction = () =>
  // expect-error: update.nothing
  connect(client).transaction(ids).entity(Page).update({ pageId: "p1" }, {});

export const noChangeOfAnEntityWithoutUpdatableFields = () =>
  // expect-error: update.nothing
  Link.scope(ctx).update({ linkId: "l1" }, {});
