/**
 * A two-level kit (org / workspace) against planted items, on DynamoDB Local, for the paths the level matrices
 * (levels.generated, levels-writes.generated: single reads and writes) and the default kit's isolation matrix leave
 * to others: batchGet, transactGet, collection queries, pages, batchPut / batchDelete and transactions. Two orgs
 * whose ids are prefixes of each other (o1, o10) × two workspaces (w1, w10) hold real docs and comments; then,
 * planted under o1/w1's keys: a doc carrying o10's ids (the whole item), a doc whose workspaceId is w10's, a
 * comment of o10 in the collection's partition. Generated: every read path × every scope: a read that reaches a
 * plant throws `IsolationError`, every other returns exactly its own scope's items; every write path of o1/w1 (at
 * the planted keys and at fresh ones) either is refused or lands in o1/w1's partition: the items of every other
 * scope are byte for byte what they were.
 */
import { PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineIsolation, defineTable, IsolationError } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const { defineEntity, ids } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const levelIds = { orgId: ids.orgId(), workspaceId: ids.workspaceId() };
const thread = "ORG#${orgId}#WS#${workspaceId}#THREAD";
const Doc = defineEntity({
  name: "Doc",
  schema: z.object({ ...levelIds, docId: z.string(), title: z.string() }),
  pk: thread,
  sk: "DOC#${docId}",
});
const Comment = defineEntity({
  name: "Comment",
  schema: z.object({ ...levelIds, docId: z.string(), commentId: z.string(), text: z.string() }),
  pk: thread,
  sk: "DOC#${docId}#C#${commentId}",
});
const Table = defineTable({ name: uniqueTableName("kit_plants"), pk: "PK", sk: "SK" });

const orgs = ["o1", "o10"];
const workspaces = ["w1", "w10"];
type Scope = { readonly orgId: string; readonly workspaceId: string };
const scopes: readonly Scope[] = orgs.flatMap((orgId) => workspaces.map((workspaceId) => ({ orgId, workspaceId })));
const parse = (scope: Scope) => ({
  orgId: ids.orgId().parse(scope.orgId),
  workspaceId: ids.workspaceId().parse(scope.workspaceId),
});
const name = (scope: Scope) => `${scope.orgId}/${scope.workspaceId}`;
const target: Scope = { orgId: "o1", workspaceId: "w1" };
const partitionOf = (scope: Scope) => `ORG#${scope.orgId}#WS#${scope.workspaceId}#THREAD`;

/** Raw items planted under o1/w1's keys, one at a time. */
const plants: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  "a doc of o10 (whole item) at o1/w1's key": {
    PK: partitionOf(target),
    SK: "DOC#planted",
    entityType: "Doc",
    orgId: "o10",
    workspaceId: "w1",
    docId: "planted",
    title: "PLANTED",
  },
  "a doc whose workspaceId disagrees with its key": {
    PK: partitionOf(target),
    SK: "DOC#planted",
    entityType: "Doc",
    orgId: "o1",
    workspaceId: "w10",
    docId: "planted",
    title: "PLANTED",
  },
  "a comment of o10 in o1/w1's collection partition": {
    PK: partitionOf(target),
    SK: "DOC#d1#C#planted",
    entityType: "Comment",
    orgId: "o10",
    workspaceId: "w1",
    docId: "d1",
    commentId: "planted",
    text: "PLANTED",
  },
};

describe("a two-level kit's batch, transaction and collection paths against planted items (DynamoDB Local)", () => {
  const dynamo = localTable(Table);
  const docs = (scope: Scope) => dynamo.db.entity(Doc).scope(parse(scope));
  const comments = (scope: Scope) => dynamo.db.entity(Comment).scope(parse(scope));

  /** Every read path of a scope, each returning the items it read. */
  const reads: Readonly<Record<string, (scope: Scope) => Promise<readonly Readonly<Record<string, unknown>>[]>>> = {
    "batchGet docs": async (scope) =>
      (await docs(scope).batchGet([{ docId: "d1" }, { docId: "planted" }])).filter((doc) => doc !== undefined),
    "transactGet docs": async (scope) =>
      (
        await dynamo.db.transactGet(parse(scope), (tx) => [
          tx.entity(Doc).get({ docId: "d1" }),
          tx.entity(Doc).get({ docId: "planted" }),
        ])
      ).filter((doc) => doc !== undefined),
    "collection query": (scope) => collect(dynamo.db.collection([Doc, Comment]).scope(parse(scope)).query()),
    "collection pages (pageSize 1)": async (scope) =>
      (await collect(dynamo.db.collection([Doc, Comment]).scope(parse(scope)).pages({ pageSize: 1 }))).flatMap(
        (page) => page.items,
      ),
    "comments pages (pageSize 1)": async (scope) =>
      (await collect(comments(scope).pages({ pageSize: 1 }))).flatMap((page) => page.items),
    "docs page (limit 5)": async (scope) => (await docs(scope).page({ limit: 5 })).items,
  };

  const snapshot = async (): Promise<Map<string, string>> => {
    const { Items = [] } = await dynamo.local.documents.send(new ScanCommand({ TableName: Table.name }));
    return new Map(Items.map((item) => [`${String(item["PK"])} ${String(item["SK"])}`, JSON.stringify(item)]));
  };
  const others = (items: Map<string, string>) =>
    [...items].filter(([key]) => !key.startsWith(`${partitionOf(target)} `)).sort();

  beforeAll(async () => {
    for (const scope of scopes) {
      await docs(scope).put({ ...parse(scope), docId: "d1", title: `doc of ${name(scope)}` });
      await comments(scope).put({ ...parse(scope), docId: "d1", commentId: "c1", text: `comment of ${name(scope)}` });
    }
  });

  for (const [readName, read] of Object.entries(reads))
    for (const scope of scopes)
      it(`${readName} of ${name(scope)} returns its own doc and comment only (no plant)`, async () => {
        const items = await read(scope);
        expect(items.length).toBeGreaterThan(0);
        for (const item of items)
          expect([item["orgId"], item["workspaceId"]]).toEqual([scope.orgId, scope.workspaceId]);
      });

  for (const [plantName, plant] of Object.entries(plants))
    describe(`planted: ${plantName}`, () => {
      beforeAll(async () => {
        await dynamo.local.documents.send(new PutCommand({ TableName: Table.name, Item: plant }));
      });

      for (const [readName, read] of Object.entries(reads))
        for (const scope of scopes)
          it(`${readName} of ${name(scope)}: refused where it reaches the plant, else exactly its own`, async () => {
            const outcome = await read(scope).then(
              (items) => items,
              (error: unknown) => error,
            );
            if (outcome instanceof Error) {
              expect(outcome).toBeInstanceOf(IsolationError);
              expect(name(scope)).toBe(name(target));
            } else
              for (const item of outcome as readonly Readonly<Record<string, unknown>>[]) {
                expect([item["orgId"], item["workspaceId"]]).toEqual([scope.orgId, scope.workspaceId]);
                expect(JSON.stringify(item)).not.toContain("PLANTED");
              }
          });

      it("is reached, and refused, by o1/w1's reads that read its key (the matrix is not vacuous)", async () => {
        const refused: string[] = [];
        for (const [readName, read] of Object.entries(reads))
          await read(target).catch((error: unknown) => {
            expect(error).toBeInstanceOf(IsolationError);
            refused.push(readName);
          });
        expect(refused.length).toBeGreaterThan(0);
      });

      /** Every write path of o1/w1, at the plant's key and at a fresh one. */
      const writes: Readonly<Record<string, () => Promise<unknown>>> = {
        "batchPut at the plant's key": () =>
          docs(target).batchPut([{ ...parse(target), docId: "planted", title: "o1's" }]),
        "batchDelete at the plant's key": () => docs(target).batchDelete([{ docId: "planted" }]),
        "transaction put at the plant's key": async () => {
          const tx = dynamo.db.transaction(parse(target));
          tx.entity(Doc).put({ ...parse(target), docId: "planted", title: "o1's" });
          await tx.commit();
        },
        "transaction update and delete at the plant's keys": async () => {
          const tx = dynamo.db.transaction(parse(target));
          tx.entity(Doc).update({ docId: "planted" }, { title: "o1's" });
          tx.entity(Comment).delete({ docId: "d1", commentId: "planted" });
          await tx.commit();
        },
        "batchPut of fresh items": () =>
          docs(target).batchPut([
            { ...parse(target), docId: "fresh1", title: "new" },
            { ...parse(target), docId: "fresh2", title: "new" },
          ]),
      };
      for (const [writeName, write] of Object.entries(writes))
        it(`${writeName} by o1/w1 leaves every other scope's items as they were`, async () => {
          const before = await snapshot();
          await write().catch(() => undefined);
          const after = await snapshot();
          expect(others(after)).toEqual(others(before));
          // And it never wrote anything outside o1/w1's partition.
          for (const key of after.keys())
            if (!before.has(key)) expect(key.startsWith(`${partitionOf(target)} `)).toBe(true);
          // Put the plant back for the next write (a batch write carries no condition: it may replace the plant).
          await dynamo.local.documents.send(new PutCommand({ TableName: Table.name, Item: plant }));
        });
    });
});
