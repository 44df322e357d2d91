/**
 * Every way of naming a table that renames its keys (`PK`/`SK`, `G1PK`/`G1SK`), crossed with every path that meets
 * DynamoDB, on DynamoDB Local: items written by ten paths (the entity's own `defineTable()` with no option, a
 * connection's table for an entity without one, the command builders' commands sent raw, `toItem()` put raw,
 * transactions, batches) are each read back by twelve paths (scope query and get, an index query, `batchGet`,
 * `transactGet`, a collection, `page`, both `unscopedScan`s, a raw Scan through `fromItem`, a raw Get through the
 * entity's `item` schema), from both of two scopes (c1, c10). Each read returns exactly the items of its scope that
 * the model says, with the keys under the entity's names; none is missing from the index or stored twice.
 */
import { GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";

const Table = defineTable({
  name: uniqueTableName("table-paths"),
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "G1PK", sk: "G1SK" } },
});
const definition = {
  name: "Note",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string(), tag: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${noteId}" } },
} as const;
/** The entity naming its table, and the same entity without one (given the table by each path). */
const Own = defineEntity({ ...definition, table: Table });
const Plain = defineEntity(definition);

const t1 = tenantId().parse("t1");
const scopes = ["c1", "c10"].map((id) => ({ tenantId: t1, capsuleId: capsuleId().parse(id) }));
type Ids = (typeof scopes)[number];

describe("every way of naming a renaming table × every path, on DynamoDB Local", () => {
  let local: LocalDynamo;
  beforeAll(async () => {
    local = await localDynamo("dynamodb-local");
    await local.createTable(Table);
    return () => local.stop();
  });
  const raw = () => local.documents;
  const own = () => connect(raw());
  const given = () => connect(raw(), { table: Table });

  /** The write paths: each stores the note `noteId` of `scope`. */
  const writes: Record<string, (scope: Ids, noteId: string) => Promise<unknown>> = {
    "own table, scope.put": (scope, noteId) =>
      own()
        .entity(Own)
        .scope(scope)
        .put({ ...scope, noteId, tag: "red" }),
    "connection's table, scope.put": (scope, noteId) =>
      given()
        .entity(Plain)
        .scope(scope)
        .put({ ...scope, noteId, tag: "red" }),
    "connection's table for an entity with its own, scope.put": (scope, noteId) =>
      given()
        .entity(Own)
        .scope(scope)
        .put({ ...scope, noteId, tag: "red" }),
    "own table, builder's put sent raw": (scope, noteId) =>
      raw().send(new PutCommand(Own.scope(scope).put({ ...scope, noteId, tag: "red" }) as never)),
    "scope option, builder's put sent raw": (scope, noteId) =>
      raw().send(new PutCommand(Plain.scope(scope, { table: Table }).put({ ...scope, noteId, tag: "red" }) as never)),
    "own table, toItem put raw": (scope, noteId) =>
      raw().send(new PutCommand({ TableName: Table.name, Item: Own.toItem({ ...scope, noteId, tag: "red" }) })),
    "toItem with the table, put raw": (scope, noteId) =>
      raw().send(
        new PutCommand({
          TableName: Table.name,
          Item: Plain.toItem({ ...scope, noteId, tag: "red" }, { table: Table }),
        }),
      ),
    "own table, transaction": async (scope, noteId) => {
      const tx = own().transaction(scope);
      tx.entity(Own).put({ ...scope, noteId, tag: "red" });
      await tx.commit();
    },
    "connection's table, transaction": async (scope, noteId) => {
      const tx = given().transaction(scope);
      tx.entity(Plain).put({ ...scope, noteId, tag: "red" });
      await tx.commit();
    },
    "connection's table, batchPut": (scope, noteId) =>
      given()
        .entity(Plain)
        .scope(scope)
        .batchPut([{ ...scope, noteId, tag: "red" }]),
  };
  const noteIds = Object.keys(writes).map((_, at) => `n${at}`);

  beforeAll(async () => {
    for (const scope of scopes)
      for (const [at, write] of Object.values(writes).entries()) await write(scope, noteIds[at]!);
  });

  /** The read paths: each returns the notes of `scope` it reads. */
  const reads: Record<string, (scope: Ids) => Promise<readonly object[]>> = {
    "own table, query": (scope) => collect(own().entity(Own).scope(scope).query({})),
    "connection's table, query": (scope) => collect(given().entity(Plain).scope(scope).query({})),
    "connection's table, index query": (scope) =>
      collect(
        given()
          .entity(Plain)
          .scope(scope)
          .query({ index: "gsi1", partition: { tag: "red" } }),
      ),
    "own table, index page": async (scope) =>
      (
        await own()
          .entity(Own)
          .scope(scope)
          .page({ index: "gsi1", partition: { tag: "red" } })
      ).items,
    "own table, get": async (scope) =>
      (await Promise.all(noteIds.map((noteId) => own().entity(Own).scope(scope).get({ noteId })))).filter(
        (note) => note !== undefined,
      ),
    "connection's table, batchGet": async (scope) =>
      (
        await given()
          .entity(Plain)
          .scope(scope)
          .batchGet(noteIds.map((noteId) => ({ noteId })))
      ).filter((note) => note !== undefined),
    "own table, transactGet": async (scope) =>
      (await own().transactGet(scope, (tx) => noteIds.map((noteId) => tx.entity(Own).get({ noteId })))).filter(
        (note) => note !== undefined,
      ),
    "connection's table, collection": (scope) => collect(given().collection([Plain]).scope(scope).query()),
    "own table, unscopedScan": async (scope) =>
      (await collect(own().entity(Own).unscopedScan({ reason: "every path reads back" }))).filter(
        (note) => note.capsuleId === scope.capsuleId,
      ),
    "connection's table, unscopedScan of the index": async (scope) =>
      (await collect(given().entity(Plain).unscopedScan({ reason: "every path reads back", index: "gsi1" }))).filter(
        (note) => note.capsuleId === scope.capsuleId,
      ),
    "raw Scan, fromItem": async (scope) =>
      ((await raw().send(new ScanCommand({ TableName: Table.name }))).Items ?? [])
        .map((item) => Own.fromItem(item))
        .filter((note) => note.capsuleId === scope.capsuleId),
    "raw Get, item schema": async (scope) =>
      (
        await Promise.all(
          noteIds.map(async (noteId) => {
            const key = Own.scope(scope).get({ noteId }).Key;
            const { Item } = await raw().send(new GetCommand({ TableName: Table.name, Key: key }));
            return Item === undefined ? undefined : Own.item.parse(Item);
          }),
        )
      ).filter((note) => note !== undefined),
  };

  for (const [path, read] of Object.entries(reads))
    it(`${path} returns each scope's ten notes, written by every path, keys under the entity's names`, async () => {
      for (const scope of scopes) {
        const notes = (await read(scope)) as readonly Record<string, unknown>[];
        expect(notes.map((note) => note["noteId"]).sort()).toEqual([...noteIds].sort());
        for (const note of notes) {
          expect(note).toMatchObject({ ...scope, tag: "red", entityType: "Note", pk: expect.any(String) });
          expect(note).toHaveProperty("gsi1pk", `TENANT#t1#CAPSULE#${scope.capsuleId}#TAG#red`);
          for (const physical of ["PK", "SK", "G1PK", "G1SK"]) expect(note).not.toHaveProperty(physical);
        }
      }
    });

  it("every stored item carries exactly the table's key attributes, none under the entity's names", async () => {
    const items = (await raw().send(new ScanCommand({ TableName: Table.name }))).Items ?? [];
    expect(items).toHaveLength(noteIds.length * scopes.length);
    for (const item of items) {
      for (const physical of ["PK", "SK", "G1PK", "G1SK"]) expect(item).toHaveProperty(physical);
      for (const logical of ["pk", "sk", "gsi1pk", "gsi1sk"]) expect(item).not.toHaveProperty(logical);
    }
  });
});
