/**
 * capsule-entity/dynamodb end to end, against AWS's DynamoDB Local on loopback (started here, or the test run's):
 * `npm run example:dynamodb`. Two capsules of one tenant keep notes in one table; one capsule's reads never
 * see the other's, a conditional update and a transaction keep the scope's guards, and an item planted across
 * the boundary is refused, not returned.
 */
import { pathToFileURL } from "node:url";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, IsolationError, leadingKeysPolicy, tenantId } from "capsule-entity";
import { connect, TransactionCanceledError } from "capsule-entity/dynamodb";
import { connectLocalDynamo, startLocalDynamo } from "../../scripts/local-dynamodb.js";

export const PlatformTable = defineTable({
  name: "platform_data",
  pk: "PK",
  sk: "SK",
  indexes: {
    gsi1: { pk: "GSI1PK", sk: "GSI1SK" },
    // A cheaper index holding the keys only: its queries return partial items, or full ones with hydrate.
    byStatus: { pk: "STATUS_PK", sk: "STATUS_SK", projection: "KEYS_ONLY" },
  },
});

export const Note = defineEntity({
  name: "Note",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    noteId: z.string(),
    title: z.string(),
    status: z.enum(["draft", "published"]),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: {
    gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${title}#${noteId}" },
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY_STATUS#${status}", sk: "NOTE#${noteId}" },
  },
});

/** What the run showed, for the test that runs it. */
export interface ExampleResult {
  readonly c1Notes: readonly string[];
  readonly c10Notes: readonly string[];
  readonly published: readonly string[];
  readonly filtered: readonly string[];
  readonly drafts: readonly string[];
  readonly pages: number;
  readonly plantedRefused: boolean;
  readonly conditionRefused: string;
  readonly cancelled: readonly string[];
}

/** Runs the example on DynamoDB Local: the one at `endpoint`, or one started (and stopped) here. */
export async function run(log: (line: string) => void = console.log, endpoint?: string): Promise<ExampleResult> {
  const local = endpoint === undefined ? await startLocalDynamo("dynamodb-local") : connectLocalDynamo(endpoint);
  try {
    await local.createTable(PlatformTable);
    const db = connect(local.documents, { table: PlatformTable });
    const t1 = tenantId().parse("acme");
    const [c1, c10] = [capsuleId().parse("c1"), capsuleId().parse("c10")];
    const c1Notes = db.entity(Note).scope({ tenantId: t1, capsuleId: c1 });
    const c10Notes = db.entity(Note).scope({ tenantId: t1, capsuleId: c10 });

    for (const [index, title] of ["Roadmap", "Retro", "Hiring plan", "Budget"].entries()) {
      await c1Notes.put({ tenantId: t1, capsuleId: c1, noteId: `n${index + 1}`, title, status: "draft" });
    }
    await c10Notes.put({ tenantId: t1, capsuleId: c10, noteId: "n1", title: "c10's own note", status: "draft" });
    const published = await c1Notes.update({ noteId: "n2" }, { status: "published" });
    log(`updated ${published.noteId}: status ${published.status}, GSI1PK rebuilt as ${published.gsi1pk}`);

    let pages = 0;
    const titles: string[] = [];
    for await (const page of c1Notes.pages({ pageSize: 2 })) {
      pages++;
      titles.push(...page.items.map((note) => note.title));
    }
    log(`c1 sees ${titles.length} notes in ${pages} pages: ${titles.join(", ")}`);
    const c10Titles: string[] = [];
    for await (const note of c10Notes.query({})) c10Titles.push(note.title);
    log(`c10 sees ${c10Titles.length} note: ${c10Titles.join(", ")} (c1 is a prefix of c10; neither sees the other)`);

    const publishedTitles: string[] = [];
    for await (const note of c1Notes.query({ index: "gsi1", partition: { status: "published" } }))
      publishedTitles.push(note.title);
    log(`published in c1, through gsi1: ${publishedTitles.join(", ")}`);

    // A typed filter: drafts whose title starts with "R"; limit counts the items the filter keeps.
    const filtered: string[] = [];
    for await (const note of c1Notes.query({
      filter: (f) => f.and(f.eq("status", "draft"), f.beginsWith("title", "R")),
      limit: 5,
    }))
      filtered.push(note.title);
    log(`drafts in c1 starting with R: ${filtered.join(", ")}`);

    // Through the KEYS_ONLY index: partial items (keys and the fields they are built from), then hydrated.
    const draftIds: string[] = [];
    for await (const entry of c1Notes.query({ index: "byStatus", partition: { status: "draft" } }))
      draftIds.push(entry.noteId);
    const drafts: string[] = [];
    for await (const note of c1Notes.query({ index: "byStatus", partition: { status: "draft" }, hydrate: true }))
      drafts.push(note.title);
    log(`drafts through byStatus: ${draftIds.join(", ")}; hydrated: ${drafts.join(", ")}`);

    // A conditional update: the condition is ANDed with the scope's guard, its values are placeholders.
    await c1Notes.update({ noteId: "n1" }, { title: "Roadmap v2" }, { condition: (c) => c.eq("status", "draft") });
    const conditionRefused = await c1Notes
      .update({ noteId: "n4" }, { title: "Budget v2" }, { condition: (c) => c.eq("status", "published") })
      .then(
        () => "applied",
        (error: Error & { code?: string }) => error.code ?? error.message,
      );
    log(`conditional update of n1 applied; of n4 (a draft, not published): ${conditionRefused}`);

    // A transaction: publish n3 and add n5 atomically; then one that cancels, naming the failed item and why.
    const tx = db.transaction({ tenantId: t1, capsuleId: c1 });
    tx.entity(Note)
      .update({ noteId: "n3" }, { status: "published" }, { condition: (c) => c.eq("status", "draft") })
      .put({ tenantId: t1, capsuleId: c1, noteId: "n5", title: "Offsite", status: "draft" }, { ifNotExists: true });
    await tx.commit({ token: "example-publish-n3" });
    log(`transaction of ${tx.size} items committed: n3 published, n5 added`);
    const failing = db.transaction({ tenantId: t1, capsuleId: c1 });
    failing
      .entity(Note)
      .put({ tenantId: t1, capsuleId: c1, noteId: "n1", title: "again", status: "draft" }, { ifNotExists: true })
      .update({ noteId: "n6" }, { title: "nowhere" });
    const cancelled = await failing.commit().then(
      () => [],
      (error: unknown) => {
        if (!(error instanceof TransactionCanceledError)) throw error;
        return error.failures.map((failure) => `${failure.operation} ${String(failure.key["SK"])}: ${failure.reason}`);
      },
    );
    log(`transaction cancelled, nothing written: ${cancelled.join("; ")}`);

    // A bug elsewhere (or raw write access) stores c10's note under c1's partition key.
    await local.documents.send(
      new PutCommand({
        TableName: PlatformTable.name,
        Item: {
          ...c10Notes.commands.put({ tenantId: t1, capsuleId: c10, noteId: "n9", title: "planted", status: "draft" })
            .Item,
          PK: "TENANT#acme#CAPSULE#c1#NOTES",
        },
      }),
    );
    let plantedRefused = false;
    try {
      for await (const note of c1Notes.query({})) log(`  never printed for the planted item: ${note.title}`);
    } catch (error) {
      plantedRefused = error instanceof IsolationError;
      log(`planted item refused: ${(error as Error).message.slice(0, 120)}…`);
    }

    const policy = leadingKeysPolicy({
      table: PlatformTable,
      region: "eu-west-1",
      accountId: "123456789012",
      tenantId: { principalTag: "tenantId" },
      capsuleId: { principalTag: "capsuleId" },
    });
    log(
      `IAM LeadingKeys for a capsule principal: ${JSON.stringify(policy.Statement[0].Condition["ForAllValues:StringLike"])}`,
    );
    return {
      c1Notes: titles,
      c10Notes: c10Titles,
      published: publishedTitles,
      filtered,
      drafts,
      pages,
      plantedRefused,
      conditionRefused,
      cancelled,
    };
  } finally {
    await local.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
