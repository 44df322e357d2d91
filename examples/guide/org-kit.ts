// docs/guide.md, "Your own isolation vocabulary": the same steps with a team's own levels. One kit, exported
// once; its entities, ids, scopes and messages say org and workspace, and its keys read ORG#…#WS#….
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { defineIsolation, type InferItem } from "capsule-entity";

export const { defineEntity, ids } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});

export const Doc = defineEntity({
  name: "Doc",
  table: "platform_data",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
  sk: "META",
});

/** The caller's ids, parsed from verified token claims. */
export const Caller = z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId() });

export async function saveDoc(client: DynamoDBDocumentClient, claims: unknown, docId: string, title: string) {
  const caller = Caller.parse(claims);
  await client.send(new PutCommand(Doc.scope(caller).put({ ...caller, docId, title })));
}

export async function findDoc(
  client: DynamoDBDocumentClient,
  claims: unknown,
  docId: string,
): Promise<InferItem<typeof Doc> | undefined> {
  const docs = Doc.scope(Caller.parse(claims));
  const { Item } = await client.send(new GetCommand(docs.get({ docId })));
  return Item === undefined ? undefined : docs.assertOwns(Doc.fromItem(Item));
}
