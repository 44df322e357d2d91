/**
 * Generated item corpora for `audit-table --entities` (issue 16): tables of a one-level kit (accounts, an index by
 * customer) and of the default two-level kit (tenants and capsules, two indexes, a tenant-level entity), a few
 * tenants each with items of every entity, and faults of each finding kind planted at random: an unknown entity type,
 * a partition key cut short, an id that disagrees with its key, an index key in another tenant's partition, an
 * attribute naming another tenant. Written to DynamoDB Local and exported from it as DynamoDB's export to S3 lays
 * it out (gzip DynamoDB JSON lines), the scan and the export report exactly the planted findings, with their counts.
 * Without definitions, the same inference as for events over generated tables of four to seven entity types with
 * one- or two-level keys: the types planted without their tenant attribute are HIGH, those planted with items whose
 * isolation attribute disagrees with their keys CRITICAL, and nothing else.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { type Table, defineTable } from "capsule-entity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Member, Note, PlatformTable } from "../../examples/audit-table/entities.js";
import { runInProcess } from "../../scripts/cli-in-process.js";
import {
  type LocalDynamo,
  localCredentials,
  localDynamo,
  scanAll,
  uniqueTableName,
} from "../../scripts/test-dynamodb.js";
import { Customer, Invoice, LedgerTable } from "../audit/fixtures/one-level-entities.js";
import type { TableFindingKind, TableReport } from "../audit/table-check.js";
import { runAuditTable } from "./audit-table-command.js";

type Item = Record<string, unknown>;

/** A finding as the test plans it: kind, entity type, attribute. */
type Planted = readonly [kind: TableFindingKind, entityType: string, attribute: string];

/** A kit's table, its definitions module, its items and how each fault is planted in one of them. */
interface Kit {
  readonly name: string;
  readonly module: string;
  readonly table: Table;
  /** An item of each entity of `tenant`, the `index`th. */
  readonly items: (tenant: string, index: number) => readonly Item[];
  /** A planted fault: the item to store, and the finding it makes. */
  readonly faults: Readonly<
    Record<TableFindingKind, (tenant: string, other: string, index: number) => [Item, Planted]>
  >;
}

const oneLevel: Kit = {
  name: "one-level kit",
  module: resolve("src/audit/fixtures/one-level-entities.ts"),
  table: LedgerTable,
  items: (account, index) => [
    Invoice.toItem({
      accountId: account,
      invoiceId: `i${index}`,
      customerId: `c${index % 3}`,
      memo: `memo ${index}`,
    } as never),
    Customer.toItem({ accountId: account, customerId: `c${index}`, name: `Customer ${index}` } as never),
  ],
  faults: {
    "unknown-entity-type": (account, _, index) => [
      { PK: `ACCT#${account}#REFUNDS`, SK: `REFUND#r${index}`, entityType: "Refund" },
      ["unknown-entity-type", "Refund", "entityType"],
    ],
    "key-does-not-round-trip": (account, _, index) => [
      { ...invoice(account, `cut${index}`), pk: `ACCT#${account}` },
      ["key-does-not-round-trip", "Invoice", "PK"],
    ],
    "id-disagrees-with-key": (account, _, index) => [
      { ...invoice(account, `moved${index}`), invoiceId: `elsewhere${index}` },
      ["id-disagrees-with-key", "Invoice", "invoiceId"],
    ],
    "index-key-other-partition": (account, other, index) => [
      { ...invoice(account, `leak${index}`), gsi1pk: `ACCT#${other}#CUSTOMER#c0` },
      ["index-key-other-partition", "Invoice", "GSI1PK"],
    ],
    "names-another-tenant": (account, other, index) => [
      { ...invoice(account, `shared${index}`), memo: other },
      ["names-another-tenant", "Invoice", "memo"],
    ],
  },
};

function invoice(account: string, id: string): Item {
  return Invoice.toItem({ accountId: account, invoiceId: id, customerId: "c0", memo: "memo" } as never);
}

function note(tenant: string, id: string, title = `Title ${id}`): Item {
  return Note.toItem({ tenantId: tenant, capsuleId: "c1", noteId: id, title, status: "draft" } as never);
}

const twoLevel: Kit = {
  name: "two-level kit",
  module: resolve("examples/audit-table/entities.ts"),
  table: PlatformTable,
  items: (tenant, index) => [
    Note.toItem({
      tenantId: tenant,
      capsuleId: `c${index % 2}`,
      noteId: `n${index}`,
      title: `Title ${index}`,
      status: index % 3 === 0 ? "published" : "draft",
    } as never),
    Member.toItem({ tenantId: tenant, memberId: `m${index}`, email: `m${index}@example.com` } as never),
  ],
  faults: {
    "unknown-entity-type": (tenant, _, index) => [
      { PK: `TENANT#${tenant}#GHOSTS`, SK: `GHOST#g${index}`, entityType: "Ghost" },
      ["unknown-entity-type", "Ghost", "entityType"],
    ],
    "key-does-not-round-trip": (tenant, _, index) => [
      { ...note(tenant, `cut${index}`), pk: `TENANT#${tenant}#CAPSULE#c1` },
      ["key-does-not-round-trip", "Note", "PK"],
    ],
    "id-disagrees-with-key": (tenant, _, index) => [
      { ...note(tenant, `moved${index}`), capsuleId: "c9" },
      ["id-disagrees-with-key", "Note", "capsuleId"],
    ],
    "index-key-other-partition": (tenant, other, index) => [
      { ...note(tenant, `leak${index}`), gsi1pk: `TENANT#${other}#CAPSULE#c1#STATUS#draft` },
      ["index-key-other-partition", "Note", "GSI1PK"],
    ],
    "names-another-tenant": (tenant, other, index) => [
      // The title is in an index's sort key: given as such, not only as an attribute (that would be a disagreement).
      note(tenant, `shared${index}`, other),
      ["names-another-tenant", "Note", "title"],
    ],
  },
};

const kinds: readonly TableFindingKind[] = [
  "unknown-entity-type",
  "key-does-not-round-trip",
  "id-disagrees-with-key",
  "index-key-other-partition",
  "names-another-tenant",
];

/** A corpus: its tenants, items per tenant, and how many of each fault to plant (and in which tenants). */
const corpusSpec = fc.record({
  tenants: fc.integer({ min: 2, max: 4 }),
  itemsPerTenant: fc.integer({ min: 1, max: 6 }),
  faults: fc.array(fc.record({ kind: fc.constantFrom(...kinds), tenant: fc.nat(), other: fc.nat() }), { maxLength: 8 }),
});
type CorpusSpec = typeof corpusSpec extends fc.Arbitrary<infer Spec> ? Spec : never;

/** The stored items (physical attribute names) of a spec, and the findings planted, with their counts, sorted. */
function corpusOf(kit: Kit, spec: CorpusSpec, run: number) {
  const tenants = Array.from({ length: spec.tenants }, (_, index) => `r${run}-t${index}`);
  const logical: Item[] = tenants.flatMap((tenant) =>
    Array.from({ length: spec.itemsPerTenant }, (_, index) => kit.items(tenant, index)).flat(),
  );
  const counts = new Map<string, number>();
  spec.faults.forEach((fault, index) => {
    const tenant = tenants[fault.tenant % tenants.length]!;
    // Another tenant than the item's own.
    const other = tenants[(fault.tenant + 1 + (fault.other % (tenants.length - 1))) % tenants.length]!;
    const [item, planted] = kit.faults[fault.kind](tenant, other, index);
    logical.push(item);
    const key = JSON.stringify(planted);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const physical = logical.map((item) =>
    Object.fromEntries(Object.entries(item).map(([name, value]) => [kit.table.attributes[name] ?? name, value])),
  );
  const planted = [...counts].map(([key, count]) => [...(JSON.parse(key) as Planted), count]).sort();
  return { items: physical, planted };
}

const found = (report: TableReport) =>
  report.findings.map(({ kind, entityType, attribute, count }) => [kind, entityType, attribute, count]).sort();

let local: LocalDynamo;
let directory: string;
localCredentials();
beforeAll(async () => {
  local = await localDynamo("dynamodb-local");
  directory = await mkdtemp(join(tmpdir(), "audit-table-property-"));
});
afterAll(async () => {
  await local.stop();
  await rm(directory, { recursive: true, force: true });
});

/**
 * The JSON reports of `audit-table` (with `options`) over `items` written to a new table of DynamoDB Local: scanned
 * in two segments, and read from an export generated from the table (gzip DynamoDB JSON lines). Each run must succeed.
 */
async function reportsOf(items: readonly Item[], keys: { pk: string; sk: string }, options: readonly string[]) {
  const table = defineTable({ name: uniqueTableName("audit_generated"), ...keys });
  await local.createTable(table);
  for (const item of items) await local.documents.send(new PutCommand({ TableName: table.name, Item: item }));
  const exported = join(directory, `${table.name}.json.gz`);
  const scanned = await scanAll(local, table.name);
  await writeFile(exported, gzipSync(scanned.map((item) => JSON.stringify({ Item: item })).join("\n") + "\n"));
  const common = [...options, "--format", "json", "--fail-on", "none"];
  const live = ["--table", table.name, "--endpoint", local.endpoint, "--region", "local", "--segments", "2"];
  const reports: string[] = [];
  for (const argv of [
    [...live, ...common],
    [exported, ...common],
  ]) {
    const { code, stdout, stderr } = await runInProcess(runAuditTable, argv);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    reports.push(stdout);
  }
  return reports;
}

describe("generated item corpora, audit-table --entities", () => {
  for (const kit of [oneLevel, twoLevel])
    it(`report exactly the planted findings, scanned and exported (${kit.name})`, { timeout: 300_000 }, async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(corpusSpec, async (spec) => {
          run += 1;
          const { items, planted } = corpusOf(kit, spec, run);
          const keys = { pk: kit.table.attributes["pk"] ?? "PK", sk: kit.table.attributes["sk"] ?? "SK" };
          for (const stdout of await reportsOf(items, keys, ["--entities", kit.module]))
            expect(found(JSON.parse(stdout) as TableReport)).toEqual(planted);
        }),
        { numRuns: 6, seed: 1605 },
      );
    });
});

/** A table without definitions: its levels (field and key label, outermost first), types, and the faults planted. */
const inferredSpec = fc.record({
  levels: fc.constantFrom(
    [["accountId", "ACCT"]] as const,
    [
      ["tenantId", "TENANT"],
      ["capsuleId", "CAPSULE"],
    ] as const,
  ),
  types: fc.array(fc.constantFrom("lacks", "disagrees", "sound", "sound"), { minLength: 4, maxLength: 7 }),
  tenants: fc.integer({ min: 3, max: 5 }),
});
type InferredSpec = typeof inferredSpec extends fc.Arbitrary<infer Spec> ? Spec : never;
const typeNames = ["Note", "Task", "File", "Comment", "Label", "Board", "Sprint"];
const itemsPerType = 20;

/**
 * The items of a spec (plain attributes) and the findings planted: a type drawn `lacks` (at most a third of them,
 * the rest sound) has no outermost level attribute; one drawn `disagrees` has every fifth item's innermost level
 * attribute differ from its key.
 */
function inferredCorpusOf(spec: InferredSpec, run: number) {
  const items: Item[] = [];
  const planted: string[][] = [];
  const lacking = Math.floor(spec.types.length / 3);
  let lacks = 0;
  spec.types.forEach((drawn, typeIndex) => {
    const type = typeNames[typeIndex]!;
    const fault = drawn === "lacks" && lacks++ >= lacking ? "sound" : drawn;
    const [outer] = spec.levels[0];
    const [inner] = spec.levels[spec.levels.length - 1]!;
    if (fault === "lacks") planted.push(["high", "missing-field", type, outer]);
    // One disagreement per key that holds the level's segment: PK and GSI1PK.
    if (fault === "disagrees") planted.push(...["PK", "GSI1PK"].map(() => ["critical", "key-mismatch", type, inner]));
    for (let index = 0; index < itemsPerType; index++) {
      const ids = spec.levels.map(
        ([, label], level) => `${label.toLowerCase()}${run}-${(index + level) % (spec.tenants + level)}`,
      );
      const prefix = spec.levels.map(([, label], level) => `${label}#${ids[level]}`).join("#");
      const item: Item = {
        PK: `${prefix}#${type.toUpperCase()}S`,
        SK: `${type.toUpperCase()}#${type[0]}${index}`,
        GSI1PK: `${prefix}#${type.toUpperCase()}_BY_DAY#d${index % 3}`,
        entityType: type,
        [`${type.toLowerCase()}Id`]: `${type[0]}${index}`,
      };
      spec.levels.forEach(([field], level) => (item[field] = ids[level]));
      if (fault === "lacks") delete item[outer];
      if (fault === "disagrees" && index % 5 === 0) item[inner] = "elsewhere";
      items.push(item);
    }
  });
  return { items, planted: planted.sort() };
}

describe("generated item corpora, audit-table without definitions", () => {
  it("report exactly the planted gaps and disagreements, scanned and exported", { timeout: 300_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(inferredSpec, async (spec) => {
        run += 1;
        const { items, planted } = inferredCorpusOf(spec, run);
        for (const stdout of await reportsOf(items, { pk: "PK", sk: "SK" }, [])) {
          const { findings } = JSON.parse(stdout) as {
            findings: { risk: string; kind: string; eventType: string; field: string }[];
          };
          expect(findings.map(({ risk, kind, eventType, field }) => [risk, kind, eventType, field]).sort()).toEqual(
            planted,
          );
        }
      }),
      { numRuns: 8, seed: 1606 },
    );
  });
});
