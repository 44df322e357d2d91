/**
 * A DynamoDB API on loopback for tests and examples: dynalite in this process, on a random port, with tables
 * made from `defineTable` definitions and deleted again on `stop()`.
 */
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createTableInput, type Table } from "capsule-entity";

/** The part of dynalite's server this helper uses (dynalite ships no types). */
interface DynaliteServer {
  listen(port: number, host: string, callback: () => void): void;
  address(): AddressInfo | string | null;
  close(callback: (error?: Error | null) => void): void;
}
type Dynalite = (options: {
  readonly createTableMs: number;
  readonly deleteTableMs: number;
  readonly updateTableMs: number;
}) => DynaliteServer;

/** A running local DynamoDB API. */
export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  /** Creates the table and waits until it is active; `stop()` deletes it. */
  createTable(table: Table): Promise<void>;
  /** Deletes the tables this helper created and stops the server. */
  stop(): Promise<void>;
}

/** Starts dynalite on 127.0.0.1 with a port the OS picks. */
export async function startLocalDynamo(): Promise<LocalDynamo> {
  const dynalite = createRequire(import.meta.url)("dynalite") as Dynalite;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error(`dynalite is not listening on a TCP port: ${String(address)}`);
  const endpoint = `http://127.0.0.1:${address.port}`;
  // dynalite checks no signatures: these are placeholders, not credentials.
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const documents = DynamoDBDocumentClient.from(client);
  const created: string[] = [];

  return {
    endpoint,
    client,
    documents,
    async createTable(table) {
      await client.send(new CreateTableCommand(createTableInput(table)));
      created.push(table.name);
      for (let attempt = 0; attempt < 100; attempt++) {
        const { Table: description } = await client.send(new DescribeTableCommand({ TableName: table.name }));
        if (description?.TableStatus === "ACTIVE") return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`table ${table.name} did not become active`);
    },
    async stop() {
      for (const name of created.splice(0)) await client.send(new DeleteTableCommand({ TableName: name }));
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
