/**
 * Vitest global setup: ONE DynamoDB Local per run (in memory, free port on 127.0.0.1), its endpoint provided to
 * test files as `inject("dynamoDbLocalEndpoint")` (see `scripts/test-dynamodb.ts`), stopped by its own handle when
 * the run ends.
 */
import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "./local-dynamodb.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the run's DynamoDB Local. */
    dynamoDbLocalEndpoint: string;
  }
}

/** Starts the server and returns its teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startDynamoDbLocal();
  project.provide("dynamoDbLocalEndpoint", server.endpoint);
  return () => server.stop();
}
