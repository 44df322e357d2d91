/**
 * The guide's steps run against a real DynamoDB API: dynalite on 127.0.0.1, started here, with the table the
 * guide's entity expects. (When the adapter's local-DynamoDB helper is on main, use it here instead.)
 */
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { IsolationError } from "capsule-entity";
import { assignRole } from "./assign-role.js";
import { findRole } from "./find-role.js";
import { findDoc, saveDoc } from "./org-kit.js";
import { Caller, RoleAssignment } from "./role-assignment.js";

interface DynaliteServer {
  listen(port: number, host: string, callback: () => void): void;
  address(): AddressInfo | string | null;
  close(callback: () => void): void;
}
const dynalite = createRequire(import.meta.url)("dynalite") as (options: {
  readonly createTableMs: number;
}) => DynaliteServer;
const server = dynalite({ createTableMs: 0 });
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // dynalite checks no signatures: these are placeholders, not credentials.
  const base = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  client = DynamoDBDocumentClient.from(base);
  const key = (name: string, type: "HASH" | "RANGE") => ({ AttributeName: name, KeyType: type });
  await base.send(
    new CreateTableCommand({
      TableName: "platform_data",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: ["pk", "sk", "byAccountpk", "byAccountsk"].map((name) => ({
        AttributeName: name,
        AttributeType: "S",
      })),
      KeySchema: [key("pk", "HASH"), key("sk", "RANGE")],
      GlobalSecondaryIndexes: [
        {
          IndexName: "byAccount",
          KeySchema: [key("byAccountpk", "HASH"), key("byAccountsk", "RANGE")],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
});

afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(resolve));
});

const acme = { tenantId: "acme", capsuleId: "eu-prod" };

it("assignRole writes through a scope and findRole reads the item back, verified", async () => {
  await assignRole(client, acme, "ra-1", "acc-7", "admin");
  await expect(findRole(client, acme, "ra-1")).resolves.toEqual({
    ...acme,
    id: "ra-1",
    accountId: "acc-7",
    role: "admin",
    entityType: "RoleAssignment",
    pk: "TENANT#acme#CAPSULE#eu-prod#ROLE#ra-1",
    sk: "METADATA",
    byAccountpk: "TENANT#acme#CAPSULE#eu-prod#ACCOUNT#acc-7",
    byAccountsk: "ra-1",
  });
  await expect(findRole(client, { ...acme, capsuleId: "us-prod" }, "ra-1")).resolves.toBeUndefined();
});

it("assignRole refuses to overwrite, and ids that are not ids", async () => {
  await expect(assignRole(client, acme, "ra-1", "acc-8", "viewer")).rejects.toThrow("conditional request failed");
  await expect(assignRole(client, { ...acme, capsuleId: "eu#prod" }, "ra-2", "acc-8", "viewer")).rejects.toThrow(
    /capsuleId must not contain/,
  );
});

it("the ElectroDB table's index query: scope.query({ index, partition }) is a QueryCommand input on that index", async () => {
  await assignRole(client, acme, "ra-4", "acc-4", "viewer");
  const roles = RoleAssignment.scope(Caller.parse(acme));
  const { Items } = await client.send(
    new QueryCommand(roles.query({ index: "byAccount", partition: { accountId: "acc-4" } })),
  );
  expect(Items?.map((item) => roles.assertOwns(RoleAssignment.fromItem(item)).id)).toEqual(["ra-4"]);
});

it("findRole refuses an item whose attributes were changed without moving its key", async () => {
  const item = RoleAssignment.toItem({ ...acme, id: "ra-3", accountId: "acc-9", role: "admin" });
  await client.send(new PutCommand({ TableName: "platform_data", Item: { ...item, capsuleId: "us-prod" } }));
  await expect(findRole(client, acme, "ra-3")).rejects.toThrow(IsolationError);
});

it("a kit of your own: saveDoc and findDoc write and read ORG#…#WS#… items, each workspace its own", async () => {
  const eng = { orgId: "acme", workspaceId: "eng" };
  await saveDoc(client, eng, "d1", "Roadmap");
  await expect(findDoc(client, eng, "d1")).resolves.toEqual({
    ...eng,
    docId: "d1",
    title: "Roadmap",
    entityType: "Doc",
    pk: "ORG#acme#WS#eng#DOC#d1",
    sk: "META",
  });
  await expect(findDoc(client, { ...eng, workspaceId: "sales" }, "d1")).resolves.toBeUndefined();
  await expect(saveDoc(client, { ...eng, workspaceId: "en#g" }, "d2", "x")).rejects.toThrow(
    /workspaceId must not contain/,
  );
});
