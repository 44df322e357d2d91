/**
 * A `table` option that is neither a table name nor a `defineTable()` value (a JavaScript caller's empty string,
 * `null`, a number, an object of another shape), given to every path that takes one: the command builder's
 * `scope(ids, { table })`, and `connect(client, { table })` then `.entity(E)`, `.collection([…])`,
 * `.transaction(ids)` and `.transactGet(ids, …)`. Each is refused with `[table.invalid]` before any request, as
 * the entity's own `table:` is; never a command without a `TableName`, a `TypeError`, or DynamoDB's own error.
 * The client points at a closed port: a request that went out would fail with `[dynamodb.request]`.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Note = defineEntity({
  name: "Note",
  table: defineTable({ name: "notes_table", pk: "PK", sk: "SK" }),
  schema: z.object({ ...ids, noteId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
  sk: "NOTE#${noteId}",
});
const Comment = defineEntity({
  name: "Comment",
  table: Note.table,
  schema: z.object({ ...ids, noteId: z.string(), commentId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
  sk: "NOTE#${noteId}#COMMENT#${commentId}",
});
const scope = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const closed = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: "http://127.0.0.1:9",
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  }),
);

const invalid: readonly unknown[] = ["", null, 42, true, {}, { name: "notes_table" }, [], () => "notes_table"];

/** Each path that takes a table option, run to its first request (a read, so nothing would be written). */
const paths: Record<string, (table: unknown) => Promise<unknown>> = {
  "Note.scope(ids, { table })": async (table) => Note.scope(scope, { table: table as never }).get({ noteId: "n1" }),
  "connect(…).entity(Note).scope(ids).get": (table) =>
    connect(closed, { table: table as never })
      .entity(Note as never)
      .scope(scope as never)
      .get({ noteId: "n1" } as never),
  "connect(…).entity(Note).unscopedScan": (table) =>
    collect(
      connect(closed, { table: table as never })
        .entity(Note as never)
        .unscopedScan({ reason: "a report" } as never),
    ),
  "connect(…).collection([Note, Comment]).scope(ids).query": (table) =>
    collect(
      connect(closed, { table: table as string })
        .collection([Note, Comment])
        .scope(scope)
        .query({} as never),
    ),
  "connect(…).transaction(ids).entity(Note)": async (table) => {
    const tx = connect(closed, { table: table as never }).transaction(scope);
    tx.entity(Note as never).put({ ...scope, noteId: "n1" } as never);
    return tx.commit();
  },
  "connect(…).transactGet(ids, …)": (table) =>
    connect(closed, { table: table as never }).transactGet(scope, (tx) => [
      tx.entity(Note as never).get({ noteId: "n1" } as never),
    ]),
};

describe("a table option that is neither a table name nor a defineTable() value", () => {
  for (const [path, run] of Object.entries(paths))
    for (const table of invalid)
      it(`${path} with table ${typeof table === "function" ? "a function" : JSON.stringify(table)} is [table.invalid] before any request`, async () => {
        await expect((async () => run(table))()).rejects.toThrow(
          /^\[table\.invalid\] table .* is neither a table name nor a defineTable\(\) value \|/,
        );
      });
});
