/**
 * Latency of the adapter's scoped put, update, transaction and batchGet against the raw DocumentClient sending the
 * same requests (same keys, same conditions, written by hand) to the same DynamoDB Local, in one run. Each round
 * times a burst of requests of each side, alternating which goes first; the figure is the median of the per-round
 * ratios (scoped ÷ raw), with their spread. Target: ≤ 1.1×. Run: `npm run bench:dynamodb` (`-- --write` updates
 * docs/benchmarks-dynamodb.md). ElectroDB is not measured here (not wired to DynamoDB Local in this bench).
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
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, op, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { startLocalDynamo, uniqueTableName } from "../scripts/local-dynamodb.js";

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

type Case = readonly [
  name: string,
  scoped: (index: number) => Promise<unknown>,
  raw: (index: number) => Promise<unknown>,
];

function cases(documents: DynamoDBDocumentClient): Case[] {
  const notes = connect(documents, { table: Table }).entity(Note).scope(ids);
  const db = connect(documents, { table: Table });
  const rawItem = (index: number) => ({
    PK: pk,
    SK: `NOTE#n${index}`,
    ...ids,
    noteId: `n${index}`,
    title: "T",
    views: 0,
    entityType: "Note",
  });
  const rawUpdate = (index: number) => ({
    TableName: Table.name,
    Key: { PK: pk, SK: `NOTE#n${index}` },
    UpdateExpression: "ADD #views :one",
    ConditionExpression:
      "attribute_exists(#pk) AND #entityType = :entityType AND #tenantId = :tenantId AND #capsuleId = :capsuleId",
    ExpressionAttributeNames: { ...ownedOrAbsent.ExpressionAttributeNames, "#views": "views" },
    ExpressionAttributeValues: { ...ownedOrAbsent.ExpressionAttributeValues, ":one": 1 },
  });
  const keys = Array.from({ length: 100 }, (_, index) => index);
  return [
    [
      "put",
      (index) => notes.put({ ...ids, noteId: `n${index}`, title: "T", views: 0 }),
      (index) => documents.send(new PutCommand({ TableName: Table.name, Item: rawItem(index), ...ownedOrAbsent })),
    ],
    [
      "update (op.add, item returned and verified)",
      (index) => notes.update({ noteId: `n${index}` }, { views: op.add(1) }),
      (index) => documents.send(new UpdateCommand({ ...rawUpdate(index), ReturnValues: "ALL_NEW" })),
    ],
    [
      "transaction (put + update)",
      (index) => {
        const tx = db.transaction(ids);
        tx.entity(Note)
          .put({ ...ids, noteId: `t${index}`, title: "T", views: 0 })
          .update({ noteId: `n${index}` }, { views: op.add(1) });
        return tx.commit();
      },
      (index) =>
        documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: Table.name,
                  Item: { ...rawItem(index), SK: `NOTE#t${index}`, noteId: `t${index}` },
                  ...ownedOrAbsent,
                },
              },
              { Update: rawUpdate(index) },
            ],
          }),
        ),
    ],
    [
      "batchGet (100 keys, verified)",
      () => notes.batchGet(keys.map((index) => ({ noteId: `n${index}` }))),
      () =>
        documents.send(
          new BatchGetCommand({
            RequestItems: { [Table.name]: { Keys: keys.map((index) => ({ PK: pk, SK: `NOTE#n${index}` })) } },
          }),
        ),
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
    for (const [name, scoped, raw] of cases(local.documents)) {
      // Warm-up: both sides, which also stores the items the updates and reads need.
      await time(scoped);
      await time(raw);
      await time(scoped);
      const ratios: number[] = [];
      const scopedMs: number[] = [];
      const rawMs: number[] = [];
      for (let round = 0; round < rounds; round++) {
        let scopedTime: number;
        let rawTime: number;
        if (round % 2 === 0) {
          scopedTime = await time(scoped);
          rawTime = await time(raw);
        } else {
          rawTime = await time(raw);
          scopedTime = await time(scoped);
        }
        scopedMs.push(scopedTime);
        rawMs.push(rawTime);
        ratios.push(scopedTime / rawTime);
      }
      const sorted = [...ratios].sort((left, right) => left - right);
      rows.push(
        `| ${name} | ${median(scopedMs).toFixed(2)} | ${median(rawMs).toFixed(2)} | ${median(ratios).toFixed(2)}× | ${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)}× |`,
      );
      process.stderr.write(`${name}: ${median(ratios).toFixed(2)}×\n`);
    }
    const report = [
      "# DynamoDB adapter latency",
      "",
      `Written by \`npm run bench:dynamodb -- --write\` (bench/dynamodb.ts). DynamoDB Local (in memory) on this machine, ` +
        `${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}; ${rounds} rounds of ${burst} sequential requests per side, ` +
        "alternating which side goes first. The raw side sends the same requests (same keys and guard conditions) written by hand, " +
        "without validation or read-back. Target: ≤ 1.1×.",
      "",
      "| operation | scoped ms / request | raw ms / request | scoped ÷ raw (median) | spread |",
      "|---|---|---|---|---|",
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
