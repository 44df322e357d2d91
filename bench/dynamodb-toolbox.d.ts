/** Declarations of bench/dynamodb-toolbox.js (dynamodb-toolbox's side of bench/dynamodb.ts). */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** The toolbox's requests of the bench, each resolving when DynamoDB answered. */
export interface ToolboxCases {
  put(index: number): Promise<unknown>;
  update(index: number): Promise<unknown>;
  transaction(index: number): Promise<unknown>;
  batchGet(indexes: readonly number[]): Promise<unknown>;
}

/**
 * The toolbox's put, update, transaction and batchGet of the bench's note.
 *
 * @example
 * const toolbox = toolboxCases(local.documents, Table.name, { tenantId: "t1", capsuleId: "c1" });
 */
export function toolboxCases(
  documentClient: DynamoDBDocumentClient,
  name: string,
  ids: { readonly tenantId: string; readonly capsuleId: string },
): ToolboxCases;
