/**
 * For test files: a client of the run's DynamoDB Local (started once by `scripts/vitest-dynamodb-local.ts`), or of
 * a dynalite started for the file, with tables named uniquely per file.
 */
import { type AttributeValue, ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, inject } from "vitest";
import { type Table } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
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

/**
 * A test file's table on a local server, connected: creates `table` in `beforeAll` and deletes it in `afterAll`
 * (registered here, so a file's own `beforeAll` that seeds items runs after it). Read `db` and `local` inside hooks
 * and tests, once the table exists.
 *
 * @example
 * const dynamo = localTable(defineTable({ name: uniqueTableName("notes"), pk: "PK", sk: "SK" }));
 * it("reads back", async () => { await dynamo.db.entity(Note).scope(ids).put(note); });
 */
export function localTable<TTable extends Table>(
  table: TTable,
  kind: LocalServerKind = "dynamodb-local",
): { readonly local: LocalDynamo; readonly db: ReturnType<typeof connect<TTable>> } {
  let local: LocalDynamo | undefined;
  let db: ReturnType<typeof connect<TTable>> | undefined;
  beforeAll(async () => {
    local = await localDynamo(kind);
    await local.createTable(table);
    db = connect(local.documents, { table });
  });
  afterAll(() => local?.stop());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("localTable: read db/local inside a hook or test, after beforeAll");
    return value;
  };
  return {
    get local() {
      return ready(local);
    },
    get db() {
      return ready(db);
    },
  };
}

/**
 * Credentials in the environment for a test file's runs against a live table (the CLI reads them from there, as on
 * AWS; the local servers check none): set in `beforeAll`, the environment restored in `afterAll`.
 *
 * @example
 * localCredentials();
 * it("scans", async () => { await runInProcess(runAuditTable, ["--table", name, "--endpoint", local.endpoint]); });
 */
export function localCredentials(): void {
  const environment = { AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" } as const;
  const saved = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
  beforeAll(() => {
    Object.assign(process.env, environment);
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });
}

/**
 * Every item of a table on the local server, in DynamoDB JSON (as an export holds them), page after page.
 *
 * @example
 * const items = await scanAll(local, table.name);
 * await writeFile("export.json.gz", gzipSync(items.map((item) => JSON.stringify({ Item: item })).join("\n")));
 */
export async function scanAll(local: LocalDynamo, tableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await local.client.send(
      new ScanCommand({ TableName: tableName, ...(start === undefined ? {} : { ExclusiveStartKey: start }) }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}
