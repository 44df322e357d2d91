/**
 * Latency of the adapter's scoped put, update, transaction and batchGet against the raw DocumentClient sending the
 * same requests (same keys, same conditions, written by hand) to the same DynamoDB Local, in one run; ElectroDB
 * and dynamodb-toolbox doing the same operations on the same server in the same rounds. Each round times a burst
 * of requests of each side, rotating which goes first; the figure is the median of the per-round ratios (side ÷
 * raw), with their spread. Each side has its own items (its own sort keys), stored as that library stores them.
 * Target for capsule-entity: ≤ 1.1×. Run: `npm run bench:dynamodb` (`-- --write` updates
 * docs/benchmarks-dynamodb.md).
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import {
  BatchGetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { Entity as ElectroEntity, Service as ElectroService } from "electrodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, op, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { startLocalDynamo, uniqueTableName } from "../scripts/local-dynamodb.js";
import { toolboxCases } from "./dynamodb-toolbox.js";

const Note = defineEntity({
  name: "Note",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    noteId: z.string(),
    title: z.string(),
    views: z.number().int(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
});
const Table = defineTable({ name: uniqueTableName("bench"), pk: "PK", sk: "SK" });
const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const pk = "TENANT#t1#CAPSULE#c1#NOTES";

const rounds = 15;
const burst = 40;

/** The guard a hand-written write carries to match the scope's (this entity's item of this scope, or none). */
const ownedOrAbsent = {
  ConditionExpression:
    "attribute_not_exists(#pk) OR (#entityType = :entityType AND #tenantId = :tenantId AND #capsuleId = :capsuleId)",
  ExpressionAttributeNames: {
    "#pk": "PK",
    "#entityType": "entityType",
    "#tenantId": "tenantId",
    "#capsuleId": "capsuleId",
  },
  ExpressionAttributeValues: { ":entityType": "Note", ":tenantId": "t1", ":capsuleId": "c1" },
};

/** The contenders, in the order of the report's columns; `raw` is the baseline. */
const sides = ["capsule-entity", "raw", "ElectroDB", "dynamodb-toolbox"] as const;
type SideName = (typeof sides)[number];
/** One operation of each side; `index` picks the item (each side has its own: its own sort-key prefix). */
type Case = readonly [name: string, operations: Readonly<Record<SideName, (index: number) => Promise<unknown>>>];

/** ElectroDB's note: the same keys (templates, no casing), on the same table and client. */
function electroNote(documents: DynamoDBDocumentClient) {
  return new ElectroEntity(
    {
      model: { entity: "Note", version: "1", service: "bench" },
      attributes: {
        tenantId: { type: "string", required: true },
        capsuleId: { type: "string", required: true },
        noteId: { type: "string", required: true },
        title: { type: "string", required: true },
        views: { type: "number", required: true },
      },
      indexes: {
        primary: {
          pk: {
            field: "PK",
            casing: "none",
            composite: ["tenantId", "capsuleId"],
            template: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
          },
          sk: { field: "SK", casing: "none", composite: ["noteId"], template: "NOTE#${noteId}" },
        },
      },
    },
    { table: Table.name, client: documents },
  );
}

function cases(documents: DynamoDBDocumentClient): Case[] {
  const notes = connect(documents, { table: Table }).entity(Note).scope(ids);
  const db = connect(documents, { table: Table });
  const electro = electroNote(documents);
  const electroService = new ElectroService({ note: electro });
  const toolbox = toolboxCases(documents, Table.name, ids);
  const rawItem = (index: number) => ({
    PK: pk,
    SK: `NOTE#r${index}`,
    ...ids,
    noteId: `r${index}`,
    title: "T",
    views: 0,
    entityType: "Note",
  });
  const rawUpdate = (index: number) => ({
    TableName: Table.name,
    Key: { PK: pk, SK: `NOTE#r${index}` },
    UpdateExpression: "ADD #views :one",
    ConditionExpression:
      "attribute_exists(#pk) AND #entityType = :entityType AND #tenantId = :tenantId AND #capsuleId = :capsuleId",
    ExpressionAttributeNames: { ...ownedOrAbsent.ExpressionAttributeNames, "#views": "views" },
    ExpressionAttributeValues: { ...ownedOrAbsent.ExpressionAttributeValues, ":one": 1 },
  });
  const keys = Array.from({ length: 100 }, (_, index) => index);
  const electroKey = (noteId: string) => ({ ...ids, noteId });
  return [
    [
      "put",
      {
        "capsule-entity": (index) => notes.put({ ...ids, noteId: `n${index}`, title: "T", views: 0 }),
        raw: (index) =>
          documents.send(new PutCommand({ TableName: Table.name, Item: rawItem(index), ...ownedOrAbsent })),
        ElectroDB: (index) => electro.put({ ...electroKey(`e${index}`), title: "T", views: 0 }).go(),
        "dynamodb-toolbox": toolbox.put,
      },
    ],
    [
      "update (add 1, item returned)",
      {
        "capsule-entity": (index) => notes.update({ noteId: `n${index}` }, { views: op.add(1) }),
        raw: (index) => documents.send(new UpdateCommand({ ...rawUpdate(index), ReturnValues: "ALL_NEW" })),
        ElectroDB: (index) =>
          electro
            .patch(electroKey(`e${index}`))
            .add({ views: 1 })
            .go({ response: "all_new" }),
        "dynamodb-toolbox": toolbox.update,
      },
    ],
    [
      "transaction (put + update)",
      {
        "capsule-entity": (index) => {
          const tx = db.transaction(ids);
          tx.entity(Note)
            .put({ ...ids, noteId: `t${index}`, title: "T", views: 0 })
            .update({ noteId: `n${index}` }, { views: op.add(1) });
          return tx.commit();
        },
        raw: (index) =>
          documents.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: Table.name,
                    Item: { ...rawItem(index), SK: `NOTE#rt${index}`, noteId: `rt${index}` },
                    ...ownedOrAbsent,
                  },
                },
                { Update: rawUpdate(index) },
              ],
            }),
          ),
        ElectroDB: (index) =>
          electroService.transaction
            .write(({ note }) => [
              note.put({ ...electroKey(`et${index}`), title: "T", views: 0 }).commit(),
              note
                .patch(electroKey(`e${index}`))
                .add({ views: 1 })
                .commit(),
            ])
            .go(),
        "dynamodb-toolbox": toolbox.transaction,
      },
    ],
    [
      "batchGet (100 keys)",
      {
        "capsule-entity": () => notes.batchGet(keys.map((index) => ({ noteId: `n${index}` }))),
        raw: () =>
          documents.send(
            new BatchGetCommand({
              RequestItems: { [Table.name]: { Keys: keys.map((index) => ({ PK: pk, SK: `NOTE#r${index}` })) } },
            }),
          ),
        ElectroDB: () => electro.get(keys.map((index) => electroKey(`e${index}`))).go(),
        "dynamodb-toolbox": () => toolbox.batchGet(keys),
      },
    ],
  ];
}

async function time(operation: (index: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < burst; index++) await operation(index);
  return (performance.now() - started) / burst;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main(): Promise<void> {
  const local = await startLocalDynamo("dynamodb-local");
  try {
    await local.createTable(Table);
    const rows: string[] = [];
    for (const [name, operations] of cases(local.documents)) {
      // Warm-up: every side, which also stores the items the updates and reads need.
      for (const side of sides) await time(operations[side]);
      const ms = new Map<SideName, number[]>(sides.map((side) => [side, []]));
      const ratios = new Map<SideName, number[]>(sides.map((side) => [side, []]));
      for (let round = 0; round < rounds; round++) {
        // Rotate which side goes first, so that none always follows the same one.
        const order = sides.map((_, index) => sides[(index + round) % sides.length]!);
        const took = new Map<SideName, number>();
        for (const side of order) took.set(side, await time(operations[side]));
        for (const side of sides) {
          ms.get(side)!.push(took.get(side)!);
          ratios.get(side)!.push(took.get(side)! / took.get("raw")!);
        }
      }
      const cell = (side: SideName): string => {
        const sorted = [...ratios.get(side)!].sort((left, right) => left - right);
        return side === "raw"
          ? `${median(ms.get(side)!).toFixed(2)} ms`
          : `${median(ms.get(side)!).toFixed(2)} ms, ${median(sorted).toFixed(2)}× (${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)}×)`;
      };
      rows.push(`| ${name} | ${sides.map(cell).join(" | ")} |`);
      process.stderr.write(
        `${name}: ${sides.map((side) => `${side} ${median(ratios.get(side)!).toFixed(2)}×`).join(", ")}\n`,
      );
    }
    const report = [
      "# DynamoDB adapter latency",
      "",
      `Written by \`npm run bench:dynamodb -- --write\` (bench/dynamodb.ts). DynamoDB Local (in memory) on this machine, ` +
        `${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}; ${rounds} rounds of ${burst} sequential requests per side, ` +
        "rotating which side goes first. The raw side sends the same requests as capsule-entity (same keys and guard " +
        "conditions) written by hand, without validation or read-back; ElectroDB (`put`, `patch().add()`, " +
        "`service.transaction.write`, batch `get`) and dynamodb-toolbox (`PutItemCommand`, `UpdateItemCommand` with `$add`, " +
        "`executeTransactWrite`, `BatchGetCommand`) do the same operations with their own defaults (no scope guard on their " +
        "puts; ElectroDB's patch checks that the item exists). Each cell: median ms per request, median ratio to raw in " +
        "the same round, and the spread of that ratio. Target for capsule-entity: ≤ 1.1×.",
      "",
      `| operation | ${sides.join(" | ")} |`,
      `|---|${sides.map(() => "---").join("|")}|`,
      ...rows,
    ].join("\n");
    if (process.argv.includes("--write"))
      writeFileSync(new URL("../docs/benchmarks-dynamodb.md", import.meta.url), `${report}\n`);
    console.log(report);
  } finally {
    await local.stop();
  }
}

await main();
