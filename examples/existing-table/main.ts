/**
 * Adopting an existing table whose items ElectroDB wrote, keyed `ORG#${orgId}#WS#${workspaceId}#…`, without
 * rewriting a key: `npm run example:existing-table` (DynamoDB Local on loopback, started here or the test run's).
 *
 * 1. A kit in the table's own words (org / workspace, ORG / WS), and an entity whose templates are the
 *    ElectroDB entity's key templates.
 * 2. Check, on the stored items, that the kit builds exactly the keys ElectroDB stored.
 * 3. Backfill `entityType` (ElectroDB marks its items with `__edb_e__` instead), one guarded update per item.
 * 4. Read and write through scopes: each workspace sees its own documents, verified; ElectroDB still reads the
 *    items the kit writes (`ignoreOwnership`), so both can run side by side during the move.
 */
import { pathToFileURL } from "node:url";
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity as ElectroEntity } from "electrodb";
import { z } from "zod";
import { defineIsolation, defineTable } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { connectLocalDynamo, startLocalDynamo, uniqueTableName } from "../../scripts/local-dynamodb.js";

export const LegacyTable = defineTable({
  name: uniqueTableName("legacy_docs"),
  pk: "pk",
  sk: "sk",
  indexes: { gsi1: { pk: "gsi1pk", sk: "gsi1sk" } },
});

/** The entity as ElectroDB declared it: its key templates are the table's key format. */
const legacyDocument = (client: DynamoDBDocumentClient) =>
  new ElectroEntity(
    {
      model: { entity: "document", version: "1", service: "docs" },
      attributes: {
        orgId: { type: "string", required: true },
        workspaceId: { type: "string", required: true },
        docId: { type: "string", required: true },
        title: { type: "string", required: true },
        status: { type: ["draft", "published"] as const, required: true },
      },
      indexes: {
        primary: {
          pk: {
            field: "pk",
            casing: "none",
            composite: ["orgId", "workspaceId"],
            template: "ORG#${orgId}#WS#${workspaceId}#DOCS",
          },
          sk: { field: "sk", casing: "none", composite: ["docId"], template: "DOC#${docId}" },
        },
        byStatus: {
          index: "gsi1",
          pk: {
            field: "gsi1pk",
            casing: "none",
            composite: ["orgId", "workspaceId", "status"],
            template: "ORG#${orgId}#WS#${workspaceId}#STATUS#${status}",
          },
          sk: { field: "gsi1sk", casing: "none", composite: ["docId"], template: "${docId}" },
        },
      },
    },
    { table: LegacyTable.name, client },
  );

// 1. The kit in the table's words, and the entity with the same templates.
export const { defineEntity, ids } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
export const Document = defineEntity({
  name: "Document",
  schema: z.object({
    orgId: ids.orgId(),
    workspaceId: ids.workspaceId(),
    docId: z.string(),
    title: z.string(),
    status: z.enum(["draft", "published"]),
  }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOCS",
  sk: "DOC#${docId}",
  indexes: { gsi1: { pk: "ORG#${orgId}#WS#${workspaceId}#STATUS#${status}", sk: "${docId}" } },
});

/** What the run showed, for the test that runs it. */
export interface ExampleResult {
  readonly legacyItems: number;
  readonly keysMatching: number;
  readonly backfilled: number;
  readonly engTitles: readonly string[];
  readonly salesPublished: readonly string[];
  readonly readByElectro: string | undefined;
}

/** Runs the example on DynamoDB Local: the one at `endpoint`, or one started (and stopped) here. */
export async function run(log: (line: string) => void = console.log, endpoint?: string): Promise<ExampleResult> {
  const local = endpoint === undefined ? await startLocalDynamo("dynamodb-local") : connectLocalDynamo(endpoint);
  try {
    await local.createTable(LegacyTable);
    const legacy = legacyDocument(local.documents);
    const written = [
      { orgId: "acme", workspaceId: "eng", docId: "d1", title: "Roadmap", status: "draft" },
      { orgId: "acme", workspaceId: "eng", docId: "d2", title: "Retro", status: "published" },
      { orgId: "acme", workspaceId: "sales", docId: "d1", title: "Pipeline", status: "published" },
    ] as const;
    for (const item of written) await legacy.put(item).go();
    log(`ElectroDB wrote ${written.length} documents`);

    // 2. Every stored key is the key the kit builds from the item's own attributes.
    const scan = async () =>
      (await local.documents.send(new ScanCommand({ TableName: LegacyTable.name, ConsistentRead: true }))).Items ?? [];
    const stored = await scan();
    const keyNames = ["pk", "sk", "gsi1pk", "gsi1sk"] as const;
    const matching = stored.filter((item) => {
      const built: Readonly<Record<string, string>> = Document.keys(Document.schema.parse(item));
      return keyNames.every((name) => built[name] === item[name]);
    });
    log(`${matching.length} of ${stored.length} stored items have exactly the keys the kit builds`);

    // 3. Backfill entityType, only on ElectroDB's documents and only once.
    let backfilled = 0;
    for (const item of matching) {
      await local.documents.send(
        new UpdateCommand({
          TableName: LegacyTable.name,
          Key: { pk: item["pk"], sk: item["sk"] },
          UpdateExpression: "SET entityType = :type",
          ConditionExpression: "#edb = :legacy AND attribute_not_exists(entityType)",
          ExpressionAttributeNames: { "#edb": "__edb_e__" },
          ExpressionAttributeValues: { ":type": Document.name, ":legacy": "document" },
        }),
      );
      backfilled++;
    }
    log(`entityType backfilled on ${backfilled} items`);

    // 4. Scoped reads and writes through the kit; ElectroDB still reads what the kit writes.
    const db = connect(local.documents, { table: LegacyTable });
    const acme = ids.orgId().parse("acme");
    const eng = db.entity(Document).scope({ orgId: acme, workspaceId: ids.workspaceId().parse("eng") });
    const sales = db.entity(Document).scope({ orgId: acme, workspaceId: ids.workspaceId().parse("sales") });
    await eng.put({
      orgId: acme,
      workspaceId: ids.workspaceId().parse("eng"),
      docId: "d3",
      title: "Hiring",
      status: "draft",
    });
    const engTitles: string[] = [];
    for await (const doc of eng.query({ consistent: true })) engTitles.push(doc.title);
    log(`eng sees ${engTitles.join(", ")}`);
    const salesPublished: string[] = [];
    for await (const doc of sales.query({ index: "gsi1", partition: { status: "published" } }))
      salesPublished.push(doc.title);
    log(`sales' published documents: ${salesPublished.join(", ")}`);
    const { data } = await legacy.get({ orgId: "acme", workspaceId: "eng", docId: "d3" }).go({ ignoreOwnership: true });
    log(`ElectroDB reads the kit's d3: ${data?.title}`);
    return {
      legacyItems: stored.length,
      keysMatching: matching.length,
      backfilled,
      engTitles,
      salesPublished,
      readByElectro: data?.title,
    };
  } finally {
    await local.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
