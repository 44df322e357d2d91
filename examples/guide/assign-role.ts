// docs/guide.md, step 2: scoped access. The scope supplies the caller's ids to every key and refuses
// attributes that carry other ids; its commands are plain DocumentClient inputs.
import { PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Caller, RoleAssignment } from "./role-assignment.js";

export async function assignRole(
  client: DynamoDBDocumentClient,
  claims: unknown,
  id: string,
  accountId: string,
  role: string,
): Promise<void> {
  const caller = Caller.parse(claims);
  const roles = RoleAssignment.scope(caller);
  await client.send(new PutCommand(roles.put({ ...caller, id, accountId, role }, { ifNotExists: true })));
}
