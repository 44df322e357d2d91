/**
 * The test rig's server start-up: a server that cannot answer is stopped by its own handle on every failure path
 * (no orphaned process at load 30+), the error names the server, the port, the pid and the last polling error, and
 * the wait stretches with the machine's load. Stub servers are small `node -e` programs; the client's `stop()` runs
 * against a real dynalite.
 */
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { defineTable } from "capsule-entity";
import {
  connectLocalDynamo,
  freePort,
  startDynalite,
  startServerProcess,
  startupDeadlineMs,
  uniqueTableName,
} from "./local-dynamodb.js";

/**
 * Whether a process with this pid still runs (signal 0 only checks). A killed process whose parent has exited waits
 * as a zombie (state `Z` in /proc) until it is reaped: it runs no more.
 */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
  if (process.platform !== "linux") return true;
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false; // gone meanwhile
  }
}

/** Starts `script` as a stub server on a fresh port; resolves to its error (the pid read from it) or its handle. */
async function startStub(script: string, deadlineMs = 1_500) {
  const port = await freePort();
  const started = startServerProcess({
    name: "Stub",
    command: process.execPath,
    args: ["-e", script, String(port)],
    port,
    deadlineMs,
  });
  return { port, started };
}

const pidIn = (message: string): number => Number(/process (\d+) stopped/.exec(message)?.[1]);

describe("startServerProcess", () => {
  const failures = [
    {
      name: "a process that never listens",
      script: "setInterval(() => {}, 1000)",
      error:
        /^Stub did not answer on http:\/\/127\.0\.0\.1:(\d+) within 1\.5 s \(last error: .*ECONNREFUSED.*\) \(process \d+ stopped\)$/,
    },
    {
      name: "a process that accepts connections and never answers",
      script:
        "require('node:net').createServer(() => {}).listen(Number(process.argv[1]), '127.0.0.1'); setInterval(() => {}, 1000)",
      error:
        /^Stub did not answer on http:\/\/127\.0\.0\.1:(\d+) within 1\.5 s \(last error: .+\) \(process \d+ stopped\)$/,
    },
    {
      name: "a process that ignores SIGTERM (killed after 5 s)",
      script: "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)",
      error: /^Stub did not answer on http:\/\/127\.0\.0\.1:(\d+) within 1\.5 s .* \(process \d+ stopped\)$/,
    },
    {
      name: "a process that exits at once",
      script: "console.error('port in use'); process.exit(3)",
      error: /^Stub on port (\d+) exited with 3 \(process \d+ stopped\); its output:\nport in use\n$/,
    },
  ];

  it.each(failures)(
    "$name: rejects naming the port, and leaves no process behind",
    async ({ script, error }) => {
      const { port, started } = await startStub(script);
      const message = await started.then(
        () => "started",
        (thrown: Error) => thrown.message,
      );
      expect(message).toMatch(error);
      expect(Number(error.exec(message)?.[1])).toBe(port);
      expect(isRunning(pidIn(message))).toBe(false);
    },
    30_000,
  );

  it("a command that does not exist: rejects with ENOENT, nothing started", async () => {
    const port = await freePort();
    const thrown = await startServerProcess({ name: "Stub", command: "no-such-server-binary", args: [], port }).catch(
      (error: NodeJS.ErrnoException) => error,
    );
    expect(thrown).toMatchObject({ code: "ENOENT", message: expect.stringMatching(/\(never started\)$/) as unknown });
  });

  it("a process that answers HTTP: resolves to its endpoint, and runs until stopped", async () => {
    const { port, started } = await startStub(
      "require('node:http').createServer((_, res) => res.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')",
      10_000,
    );
    const { endpoint, child } = await started;
    try {
      expect(endpoint).toBe(`http://127.0.0.1:${port}`);
      expect(await (await fetch(endpoint)).text()).toBe("ok");
      expect(isRunning(child.pid!)).toBe(true);
    } finally {
      child.kill("SIGKILL");
    }
  });
  it("a server left running is killed when the process that started it exits", async () => {
    const stdout = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { freePort, startServerProcess } = await import(${JSON.stringify(new URL("./local-dynamodb.ts", import.meta.url).href)});
         const port = await freePort();
         const script = "require('node:http').createServer((_, res) => res.end()).listen(Number(process.argv[1]), '127.0.0.1')";
         const { child } = await startServerProcess({ name: "Stub", command: process.execPath, args: ["-e", script, String(port)], port });
         console.log(child.pid);
         throw new Error("the script fails before stopping its server");`,
      ],
      { timeout: 60_000 },
    ).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? "",
    );
    const pid = Number(stdout.trim().split("\n").at(-1));
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
  });
});

describe("startupDeadlineMs", () => {
  const cores = availableParallelism();
  it.each([
    { load: 0, factor: 1 },
    { load: cores, factor: 1 },
    { load: 4 * cores, factor: 4 },
    { load: 100 * cores, factor: 8 },
  ])("at load $load: $factor× the idle deadline", ({ load, factor }) => {
    expect(startupDeadlineMs(30_000, load)).toBe(30_000 * factor);
  });
});

describe("connectLocalDynamo().stop()", () => {
  it("stops the server it owns even when a table cannot be deleted, and reports why", async () => {
    const server = await startDynalite();
    let stopped = 0;
    const owned = { ...server, stop: () => (stopped++, server.stop()) };
    const local = connectLocalDynamo(server.endpoint, owned);
    const table = defineTable({ name: uniqueTableName("gone"), pk: "PK", sk: "SK" });
    await local.createTable(table);
    // Another client deletes the table first: the rig's own delete then fails (ResourceNotFoundException).
    const other = new DynamoDBClient({
      endpoint: server.endpoint,
      region: "local",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await other.send(new DeleteTableCommand({ TableName: table.name }));
    other.destroy();
    await expect(local.stop()).rejects.toThrow(/not found|non-existent|ResourceNotFound/i);
    expect(stopped).toBe(1);
    // The server is closed: a new connection is refused.
    await expect(fetch(server.endpoint)).rejects.toThrow();
  });
});
