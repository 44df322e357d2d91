// Access-side mistakes at the call site: a scope or connection given a table its entity does not fit, a scope with
// no table at all. The line after each `expect-error` comment is where the compiler must complain, with the text
// the runtime twin throws.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";

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
