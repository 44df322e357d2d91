// docs/guide.md, step 3: read-back. Never cast what DynamoDB returns: fromItem validates the item and
// rebuilds its keys from its own attributes; assertOwns checks it carries the caller's ids.
import { GetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { InferItem } from "capsule-entity";
import { Caller, RoleAssignment } from "./role-assignment.js";

export async function findRole(
  client: DynamoDBDocumentClient,
  claims: unknown,
  id: string,
): Promise<InferItem<typeof RoleAssignment> | undefined> {
  const roles = RoleAssignment.scope(Caller.parse(claims));
  const { Item } = await client.send(new GetCommand(roles.get({ id })));
  return Item === undefined ? undefined : roles.assertOwns(RoleAssignment.fromItem(Item));
}
