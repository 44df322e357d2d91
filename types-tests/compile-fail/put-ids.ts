// A scope's put (and a transaction's) types its isolation fields as the scope's own ids: a plain string, another
// level's id, another kit's or the default kit's is a type error on that property, in the catalog's words
// (`put.plainId`, `put.wrongId`); an id field that is no isolation field takes the parsed id too, and a plain string
// there is `put.unparsedId` (the runtime parses it with its schema: a value that parses is the same string). Type-only here: each value is the scope's own id under another brand or none, which
// the runtime accepts as the same string; a value of another scope is refused at runtime too (`isolation.foreign`,
// types-tests/put-ids.test.ts). Nothing is sent: the builders return command inputs, a transaction sends on commit.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { kit, other, Doc, Folder, OrgSettings, Note, Project, ids, ctx } from "../../scripts/put-ids-entities.js";
import { tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";

const orgFromRequest: string = "o1";
const db = connect(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "local" })), { table: "app_data" });

const swapped = { orgId: kit.ids.workspaceId().parse("o1"), workspaceId: kit.ids.orgId().parse("w1") };
export const swappedLevels = () =>
  // expect-error: put.wrongId type-only
  Doc.scope(ids).put({ orgId: swapped.orgId, workspaceId: swapped.workspaceId, docId: "d1" });

export const anotherKitsId = () =>
  // expect-error: put.wrongId type-only
  Doc.scope(ids).put({ ...ids, workspaceId: other.ids.workspaceId().parse("w1"), docId: "d1" });

export const defaultKitsIdInAKit = () =>
  // expect-error: put.wrongId type-only
  Doc.scope(ids).put({ ...ids, orgId: tenantId().parse("o1"), docId: "d1" });

export const plainStringVariable = () =>
  // expect-error: put.plainId type-only
  Doc.scope(ids).put({ ...ids, orgId: orgFromRequest, docId: "d1" });

export const plainStringAtAnOuterLevelEntity = () =>
  // expect-error: put.plainId type-only
  OrgSettings.scope({ orgId: ids.orgId }).put({ orgId: "o1", theme: "dark" });

export const nestedPlainString = () =>
  // expect-error: put.plainId type-only
  Note.scope(ctx).put({ ctx: { ...ctx, capsuleId: "c1" }, noteId: "n1" });

export const nestedSwappedIds = () =>
  // expect-error: put.wrongId type-only
  Note.scope(ctx).put({ ctx: { tenantId: ctx.tenantId, capsuleId: tenantId().parse("c1") }, noteId: "n1" });

export const transactionPut = () =>
  // expect-error: put.plainId type-only
  db.transaction(ids).entity(Doc).put({ ...ids, workspaceId: "w1", docId: "d1" });

export const plainStringInAnIdFieldOfATenantLevelEntity = () =>
  // expect-error: put.unparsedId type-only
  Project.scope({ tenantId: ctx.tenantId }).put({ tenantId: ctx.tenantId, capsuleId: "c1", projectId: "p1" });

export const plainStringInANestedIdField = () =>
  // expect-error: put.unparsedId type-only
  Folder.scope({ orgId: ids.orgId }).put({ orgId: ids.orgId, ref: { workspaceId: "w1" }, folderId: "f1" });
