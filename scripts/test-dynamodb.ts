/**
 * For test files: a client of the run's DynamoDB Local (started once by `scripts/vitest-dynamodb-local.ts`), or of
 * a dynalite started for the file, with tables named uniquely per file.
 */
import { inject } from "vitest";
import { connectLocalDynamo, startDynalite, type LocalDynamo, type LocalServerKind } from "./local-dynamodb.js";

export { uniqueTableName, type LocalDynamo, type LocalServerKind } from "./local-dynamodb.js";

/**
 * Connects to the run's DynamoDB Local, or starts a dynalite for this file; `stop()` in `afterAll` deletes the
 * file's tables (and stops its dynalite; the shared DynamoDB Local stops with the run).
 *
 * @example
 * let local: LocalDynamo;
 * beforeAll(async () => {
 *   local = await localDynamo("dynamodb-local");
 *   await local.createTable(defineTable({ name: uniqueTableName("notes"), pk: "PK", sk: "SK" }));
 * });
 * afterAll(() => local.stop());
 */
export async function localDynamo(kind: LocalServerKind = "dynamodb-local"): Promise<LocalDynamo> {
  if (kind === "dynamodb-local") return connectLocalDynamo(inject("dynamoDbLocalEndpoint"));
  const server = await startDynalite();
  return connectLocalDynamo(server.endpoint, server);
}
