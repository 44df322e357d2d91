// The tenant scope of a capsule entity on the adapter (capsule-entity/dynamodb): an index opted out to the tenant
// level is reached only by the entity's tenant scope (`scope({ tenantId })`), which reaches nothing else. The line
// after each `expect-error` comment is where the compiler must complain; `page()` rejects with the same text before
// any request.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
const Document = defineEntity({
  name: "Document",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  table: "documents",
  indexes: {
    byTenant: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document of every capsule" },
    },
  },
});
const documents = connect({} as DynamoDBDocumentClient).entity(Document);
const t1 = tenantId().parse("t1");

export const capsuleScopeQueriesTenantIndex = () =>
  // expect-error: scope.indexLevel async
  documents.scope({ tenantId: t1, capsuleId: capsuleId().parse("c1") }).page({ index: "byTenant" });

export const tenantScopeQueriesTheTable = () =>
  // expect-error: scope.outerLevel async
  documents.scope({ tenantId: t1 }).page({});
