import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tableDefinitions } from "./table-check-task.js";
import * as definitions from "../../examples/audit-table/entities.js";
import {
  TableChecker,
  isEntity,
  type TableCheckState,
  type TableReport,
  emptyTableCheck,
  mergeTableChecks,
  renderTableText,
  tableReport,
} from "./table-check.js";

const { Member, Note, PlatformTable } = definitions;
// The entities as `audit-table --entities` takes them from a module's exports.
const entities = Object.values(definitions as Record<string, unknown>).filter(isEntity);
const newChecker = (): TableChecker => new TableChecker(entities, PlatformTable);

/** An entity's item under the table's physical key names. */
function stored(item: Record<string, unknown>): Record<string, unknown> {
  const physical: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) physical[PlatformTable.attributes[name as "pk"] ?? name] = value;
  return physical;
}

const tenants = ["t0", "t1", "t2", "t3", "t4"];

/** What an item of the generated table is: a note with or without one planted problem, or a member. */
const itemArbitrary = fc.record({
  tenant: fc.constantFrom(...tenants),
  capsule: fc.constantFrom("c0", "c1"),
  note: fc.nat(5),
  defect: fc.constantFrom("none", "none", "moved", "index", "cut", "ghost", "member"),
  // A short value that may be another tenant's id, or its own, or no id at all.
  mention: fc.option(fc.constantFrom(...tenants, "draft", "x-1"), { nil: undefined }),
});

type GeneratedItem = typeof itemArbitrary extends fc.Arbitrary<infer T> ? T : never;

function itemOf({ tenant, capsule, note, defect, mention }: GeneratedItem): Record<string, unknown> {
  const extra = mention === undefined ? {} : { sharedWith: [mention, mention] };
  if (defect === "member")
    return { ...stored(Member.toItem({ tenantId: tenant, memberId: `m${note}`, email: "e" } as never)), ...extra };
  const base = stored(
    Note.toItem({ tenantId: tenant, capsuleId: capsule, noteId: `n${note}`, title: "T", status: "draft" } as never),
  );
  const other = tenants[(tenants.indexOf(tenant) + 1) % tenants.length] as string;
  const planted: Record<string, Record<string, unknown>> = {
    none: {},
    moved: { capsuleId: capsule === "c0" ? "c1" : "c0" },
    index: { GSI1PK: `TENANT#${other}#CAPSULE#${capsule}#STATUS#draft` },
    cut: { PK: `TENANT#${tenant}` },
    ghost: { entityType: "Ghost" },
  };
  return { ...base, ...planted[defect], ...extra };
}

/** The items checked in `parts` (cut where the cuts say), one checker each, merged in order. */
function checkedInParts(items: readonly Record<string, unknown>[], cuts: readonly number[]): TableCheckState {
  const bounds = [0, ...[...new Set(cuts.map((cut) => cut % (items.length + 1)))].sort((a, b) => a - b), items.length];
  const states: TableCheckState[] = [];
  for (let part = 0; part + 1 < bounds.length; part++) {
    const checker = newChecker();
    items
      .slice(bounds[part], bounds[part + 1])
      .forEach((item, index) => checker.item(item, { file: `part ${part}`, line: index + 1 }));
    states.push(checker.state());
  }
  return states.reduce(mergeTableChecks, emptyTableCheck());
}

const counts = (report: TableReport) =>
  report.findings.map(({ kind, entityType, attribute, count, samples }) => ({
    kind,
    entityType,
    attribute,
    count,
    samples: samples.length,
  }));

describe("the table checker's isolation ids", () => {
  it("are never mentions of another tenant: a capsule may bear a tenant's name (tenant acme's capsule demo)", () => {
    // Tenants and capsules named from one pool, so that a capsule often bears another tenant's id; nothing planted.
    const names = ["demo", "main", "prod", "acme"];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names), fc.nat(3)), {
          minLength: 1,
          maxLength: 30,
        }),
        (drawn) => {
          const checker = newChecker();
          drawn.forEach(([tenant, capsule, note], index) =>
            checker.item(
              stored(
                Note.toItem({
                  tenantId: tenant,
                  capsuleId: capsule,
                  noteId: `n${note}`,
                  title: "T",
                  status: "draft",
                } as never),
              ),
              { file: "table", line: index + 1 },
            ),
          );
          expect(checker.report().findings).toEqual([]);
        },
      ),
      { seed: 1616, numRuns: 200 },
    );
  });
});

describe("the table checker's state merges", () => {
  it("into the counts of one checker, however the items are cut and whichever part meets a tenant first", () => {
    fc.assert(
      fc.property(
        fc.array(itemArbitrary, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (generated, cuts) => {
          const items = generated.map(itemOf);
          const whole = tableReport(checkedInParts(items, []));
          const cut = tableReport(checkedInParts(items, cuts));
          expect(counts(cut)).toEqual(counts(whole));
          expect({ ...cut, findings: [] }).toEqual({ ...whole, findings: [] });
          // Merged in the reverse order, the counts are the same too (only the samples' order may differ).
          const reversed = tableReport(
            [...items].reverse().reduce((state, item, index) => {
              const checker = newChecker();
              checker.item(item, { file: "reversed", line: index + 1 });
              return mergeTableChecks(state, checker.state());
            }, emptyTableCheck()),
          );
          expect(counts(reversed)).toEqual(counts(whole));
        },
      ),
      { seed: 1607, numRuns: 200 },
    );
  });

  it("counts a mention met before its tenant, in another part, once per other tenant named", () => {
    const mentioning = { ...itemOf({ tenant: "t1", capsule: "c0", note: 1, defect: "none", mention: "t9" }) };
    mentioning["also"] = { owner: "t8" };
    const early = newChecker();
    early.item(mentioning, { file: "segment 1/2", line: 1 });
    expect(early.report().findings).toEqual([]);
    const late = newChecker();
    for (const tenant of ["t9", "t8"])
      late.item(itemOf({ tenant, capsule: "c1", note: 2, defect: "none", mention: undefined }), {
        file: "segment 2/2",
        line: 1,
      });
    const report = tableReport(mergeTableChecks(early.state(), late.state()));
    expect(report.findings.map(({ attribute, count }) => ({ attribute, count }))).toEqual([
      { attribute: "also.owner", count: 1 },
      { attribute: "sharedWith[]", count: 1 },
    ]);
    expect(report.findings[1]?.samples).toEqual([
      {
        file: "segment 1/2",
        line: 1,
        message: 'sharedWith[] is "t9", another tenant\'s id, in a partition of tenant "t1"',
      },
    ]);
    expect(renderTableText(report)).toContain("✖ HIGH names-another-tenant: Note sharedWith[] (1 mentions)");
    // The states are data: a structured clone (what a worker posts) merges the same.
    expect(tableReport(mergeTableChecks(structuredClone(early.state()), structuredClone(late.state())))).toEqual(
      report,
    );
  });

  it("says when it held back more values than it remembers, instead of undercounting in silence", () => {
    const checker = newChecker();
    for (let index = 0; index <= 100_000; index++) {
      const item = itemOf({ tenant: "t1", capsule: "c0", note: 1, defect: "none", mention: undefined });
      checker.item({ ...item, label: `v${index}` }, { file: "big", line: index + 1 });
    }
    const report = checker.report();
    // The note's own noteId, title and status (its capsuleId is an isolation id, bound to its keys), then 100,001
    // labels: 100,004 values, 4 over the limit.
    expect(report.mentionsNotRemembered).toBe(4);
    expect(renderTableText(report)).toContain(
      "note: 4 mentions of values were not remembered (over 100,000 distinct values waited to turn out tenant ids)",
    );
  });
});

describe("tableDefinitions", () => {
  it("takes the module's entities and its table, the one named when it exports several", async () => {
    const directory = await mkdtemp(join(tmpdir(), "table-definitions-"));
    try {
      // Duck-typed exports, as a built module of definitions has them.
      const module = join(directory, "definitions.mjs");
      await writeFile(
        module,
        [
          "export const Note = { name: 'Note', parseKey() {}, templates: {}, isolation: {} };",
          "export const a = { name: 'table_a', attributes: {}, indexes: [] };",
          "export const b = { name: 'table_b', attributes: {}, indexes: [] };",
        ].join("\n"),
      );
      const named = await tableDefinitions(module, "table_b");
      expect([named.entities.map((entity) => entity.name), named.table?.name]).toEqual([["Note"], "table_b"]);
      await expect(tableDefinitions(module, undefined)).rejects.toThrow(
        "the --entities module exports 2 tables (table_a, table_b): scan one of them with --table, or check export files against a module that exports only their table",
      );
      const none = join(directory, "none.mjs");
      await writeFile(none, "export const a = { name: 'table_a', attributes: {}, indexes: [] };\n");
      await expect(tableDefinitions(none, undefined)).rejects.toThrow(
        `--entities ${none} exports no entity (defineEntity)`,
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
