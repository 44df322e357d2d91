/**
 * Generated definitions and the events they describe (issue 16, "What you declared"): event types of the default kit
 * and of `defineIsolation` kits (one and three levels), at every level and `global`, their isolation fields at the top
 * of the detail or one level down (`context`), type names shared by two sources, with or without keys built from the
 * type's own levels (`TENANT#…#ITEM#…`: an outer level's keys lack the inner labels), entities of drawn levels exported
 * beside them. One type's events then lose one of
 * the isolation fields its definition declares: that type is CRITICAL, naming the field, and nothing else is HIGH or
 * worse; a field a type declared it goes without (an outer level's inner fields, a global type's every field) is
 * never a finding.
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineEvent, defineIsolation, tenantId } from "../index.js";
import { type AuditResult, auditInputs, declarationsOf, defaultInferenceOptions } from "./index.js";

/** A kit as the generator sees it: its level names and fields, outermost first, and how to define an event of it. */
interface Kit {
  readonly name: string;
  readonly levels: readonly {
    readonly name: string;
    readonly field: string;
    readonly label: string;
    readonly id: () => z.ZodType;
  }[];
  readonly define: (input: Readonly<Record<string, unknown>>) => unknown;
  readonly defineEntity: (input: Readonly<Record<string, unknown>>) => unknown;
}

// The definitions are generated, so their literal types are not known here: the kits' `defineEvent` is called through
// a signature that takes any input (the runtime checks each definition as the compiler would).
type LooseDefine = (input: Readonly<Record<string, unknown>>) => unknown;

const threeLevels = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
    { name: "project", field: "projectId", label: "PRJ" },
  ],
});
const oneLevel = defineIsolation({ levels: [{ name: "account", field: "accountId", label: "ACCT" }] });

// Issue 16's example, a module declaring only tenant-level types: the default kit's OrganizationPlanChanged and the
// three-level kit's OrgRenamed, each declared at the outer level.
const OrganizationPlanChanged = defineEvent({
  type: "OrganizationPlanChanged",
  source: "billing",
  isolation: { level: "tenant", reason: "a plan is the tenant's" },
  detail: z.object({ tenantId: tenantId(), plan: z.string() }),
});
const OrgRenamed = threeLevels.defineEvent({
  type: "OrgRenamed",
  source: "billing",
  isolation: { level: "org", reason: "an org's name" },
  detail: z.object({ orgId: threeLevels.ids.orgId(), name: z.string() }),
});

const kits: readonly Kit[] = [
  {
    name: "default",
    levels: [
      { name: "tenant", field: "tenantId", label: "TENANT", id: tenantId },
      { name: "capsule", field: "capsuleId", label: "CAPSULE", id: capsuleId },
    ],
    define: defineEvent as unknown as LooseDefine,
    defineEntity: (input) => (defineEntity as unknown as LooseDefine)({ table: "platform_data", ...input }),
  },
  {
    name: "three levels",
    levels: [
      { name: "org", field: "orgId", label: "ORG", id: threeLevels.ids.orgId },
      { name: "workspace", field: "workspaceId", label: "WS", id: threeLevels.ids.workspaceId },
      { name: "project", field: "projectId", label: "PRJ", id: threeLevels.ids.projectId },
    ],
    define: threeLevels.defineEvent as unknown as LooseDefine,
    defineEntity: threeLevels.defineEntity as unknown as LooseDefine,
  },
  {
    name: "one level",
    levels: [{ name: "account", field: "accountId", label: "ACCT", id: oneLevel.ids.accountId }],
    define: oneLevel.defineEvent as unknown as LooseDefine,
    defineEntity: oneLevel.defineEntity as unknown as LooseDefine,
  },
];

const typeNames = ["Created", "Updated", "Archived", "Shared", "Exported"];
const sources = ["app.documents", "app.billing"];

/** One generated event type: its name and source, its level (`levels.length` = global), where its ids sit. */
interface TypeSpec {
  readonly name: string;
  readonly source: string;
  readonly level: number;
  readonly nested: boolean;
  readonly events: number;
}

const typeSpec = (kit: Kit): fc.Arbitrary<TypeSpec> =>
  fc.record({
    name: fc.constantFrom(...typeNames),
    source: fc.constantFrom(...sources),
    level: fc.nat(kit.levels.length),
    nested: fc.boolean(),
    events: fc.integer({ min: 6, max: 14 }),
  });

/** A generated corpus: the kit, its types (unique by name and source), the type whose events drop a field, and which. */
const corpus = fc
  .nat(kits.length - 1)
  .chain((kitIndex) => {
    const kit = kits[kitIndex]!;
    return fc.record({
      kit: fc.constant(kit),
      types: fc.uniqueArray(typeSpec(kit), {
        minLength: 3,
        maxLength: 7,
        selector: (type) => `${type.source} ${type.name}`,
      }),
      drop: fc.nat(),
      field: fc.nat(),
      keyed: fc.boolean(),
      // Entities exported beside the events, at drawn levels (`levels.length`: global).
      entities: fc.uniqueArray(fc.nat(kit.levels.length), { maxLength: kit.levels.length + 1 }),
    });
  })
  .filter(({ kit, types }) => types.some((type) => type.level < kit.levels.length));

/** The fields a type of `level` carries, outermost first (none for a global type). */
const fieldsAt = (kit: Kit, level: number): string[] =>
  kit.levels.slice(0, Math.min(level + 1, kit.levels.length)).map((each) => each.field);

function definition(kit: Kit, type: TypeSpec): unknown {
  const global = type.level === kit.levels.length;
  const ids = Object.fromEntries(kit.levels.slice(0, type.level + 1).map((level) => [level.field, level.id()]));
  const detail = z.object({ ...(type.nested ? { context: z.object(ids) } : ids), itemId: z.string() });
  const level = global ? "global" : kit.levels[type.level]!.name;
  const isolation = type.level >= kit.levels.length - 1 && !global ? {} : { isolation: { level, reason: "by design" } };
  return kit.define({
    type: type.name,
    source: type.source,
    detail: global ? z.object({ itemId: z.string() }) : detail,
    ...isolation,
  });
}

/** An entity of `kit` at `level` (`levels.length`: global), keyed by its levels' segments then its own id. */
function entityAt(kit: Kit, level: number): unknown {
  const levels = kit.levels.slice(0, level < kit.levels.length ? level + 1 : 0);
  const schema = z.object({ ...Object.fromEntries(levels.map((each) => [each.field, each.id()])), docId: z.string() });
  const pk = [...levels.map((each) => `${each.label}#\${${each.field}}`), "DOC#${docId}"].join("#");
  const name = `Doc${level}`;
  const inner = level === kit.levels.length - 1;
  const isolation = inner
    ? {}
    : { isolation: { level: level === kit.levels.length ? "global" : kit.levels[level]!.name, reason: "by design" } };
  return kit.defineEntity({ name, schema, pk, sk: "METADATA", ...isolation });
}

/** The events of a type: ids from a few tenants (each inner id under one outer), `dropped` left out of every event. */
function eventsOf(kit: Kit, type: TypeSpec, index: number, dropped: string | undefined, keyed = false): unknown[] {
  return Array.from({ length: type.events }, (_, event) => {
    const tenant = (event + index) % 3;
    const ids: Record<string, string> = {};
    const segments: string[] = [];
    // A global type's events carry no ids (`slice` to a level past the last: all of them, hence the bound).
    for (const [depth, level] of kit.levels.slice(0, type.level < kit.levels.length ? type.level + 1 : 0).entries()) {
      const id = `${"t".repeat(depth + 1)}-${tenant}-${event % (depth + 1)}`;
      if (level.field !== dropped) ids[level.field] = id;
      segments.push(`${level.label}#${id}`);
    }
    const itemId = `${type.name}-${index}-${event}`;
    // Keyed: the item's key, its own levels' segments first (a global type's, none).
    const key = keyed ? { pk: [...segments, `ITEM#${itemId}`].join("#") } : {};
    const detail = { ...(type.nested ? { context: ids } : ids), itemId, ...key };
    return { source: type.source, "detail-type": type.name, detail };
  });
}

async function audit(events: readonly unknown[], definitions: Readonly<Record<string, unknown>>): Promise<AuditResult> {
  return auditInputs(
    [
      {
        name: "declared.ndjson",
        chunks: Readable.from([Buffer.from(events.map((event) => JSON.stringify(event)).join("\n"))]),
      },
    ],
    { audit: { inference: defaultInferenceOptions, baseline: new Set(), declarations: declarationsOf(definitions) } },
  );
}

const leaf = (field: string): string => field.split(".").at(-1)!;

describe("declared entities, generated", () => {
  it("makes a type that drops a declared isolation field CRITICAL, naming it, and never reports a declared opt-out", async () => {
    await fc.assert(
      fc.asyncProperty(corpus, async ({ kit, types, drop, field, keyed, entities }) => {
        const owing = types.filter((type) => type.level < kit.levels.length);
        const dropper = owing[drop % owing.length]!;
        const own = fieldsAt(kit, dropper.level);
        const dropped = own[field % own.length]!;
        const definitions = Object.fromEntries([
          ...types.map((type, index) => [`Event${index}`, definition(kit, type)] as const),
          ...entities.map((level) => [`Entity${level}`, entityAt(kit, level)] as const),
        ]);
        const events = types.flatMap((type, index) =>
          eventsOf(kit, type, index, type === dropper ? dropped : undefined, keyed),
        );
        const result = await audit(events, definitions);
        const at = (type: TypeSpec) => (finding: AuditResult["findings"][number]) =>
          finding.eventType === type.name && finding.source === type.source;
        const critical = result.findings.filter((finding) => finding.risk === "critical");
        expect(
          critical.map((finding) => [finding.source, finding.eventType, leaf(finding.field), finding.kind]),
        ).toEqual([[dropper.source, dropper.name, dropped, "missing-field"]]);
        expect(critical[0]!.message).toContain("which its definition declares as its isolation field");
        const serious = result.findings.filter((finding) => finding.risk === "high" && !at(dropper)(finding));
        expect(serious).toEqual([]);
        // What a type goes without on purpose is no finding of any risk.
        for (const type of types) {
          const carried = new Set(fieldsAt(kit, type.level));
          const optedOut = kit.levels
            .map((level) => level.field)
            .filter((each) => type.level === kit.levels.length || !carried.has(each));
          const about = result.findings.filter(
            (finding) => at(type)(finding) && optedOut.includes(leaf(finding.field)),
          );
          expect(about).toEqual([]);
        }
      }),
      { numRuns: 150, seed: 16 },
    );
  });
  it("reads a definition that names its source for that source's events only (a type name two sources share)", async () => {
    const [, threeLevelKit] = kits as [Kit, Kit, Kit];
    const documents = { name: "Created", source: "app.documents", level: 0, nested: false, events: 12 };
    const billing = { name: "Created", source: "app.billing", level: 1, nested: true, events: 12 };
    const shared = { name: "Shared", source: "app.documents", level: 0, nested: false, events: 12 };
    // In either order: before, the last definition of `Created` spoke for both sources' events (the documents' org-level
    // `Created` CRITICAL for lacking the billing `Created`'s workspaceId, or the billing one's workspaceId an opt-out).
    for (const types of [
      [documents, billing, shared],
      [billing, documents, shared],
    ]) {
      const definitions = Object.fromEntries(
        types.map((type, index) => [`Event${index}`, definition(threeLevelKit, type)]),
      );
      const events = types.flatMap((type, index) => eventsOf(threeLevelKit, type, index, undefined));
      expect((await audit(events, definitions)).findings).toEqual([]);
      const lacking = types.flatMap((type, index) =>
        eventsOf(threeLevelKit, type, index, type === billing ? "workspaceId" : undefined),
      );
      const found = (await audit(lacking, definitions)).findings.map((each) => [each.risk, each.source, each.field]);
      expect(found).toEqual([["critical", "app.billing", "workspaceId"]]);
    }
    // A global definition of one source silences nothing of another's type of that name.
    const [defaultKit] = kits as [Kit];
    const global = { name: "Created", source: "app.billing", level: 2, nested: false, events: 12 };
    const capsule = { name: "Created", source: "app.documents", level: 1, nested: false, events: 12 };
    const others = { name: "Shared", source: "app.documents", level: 1, nested: false, events: 12 };
    const types = [capsule, others, global];
    const definitions = Object.fromEntries(types.map((type, index) => [`Event${index}`, definition(defaultKit, type)]));
    const events = types.flatMap((type, index) =>
      eventsOf(defaultKit, type, index, type === capsule ? "capsuleId" : undefined),
    );
    const found = (await audit(events, definitions)).findings.map((each) => [
      each.risk,
      each.source,
      each.eventType,
      each.field,
    ]);
    expect(found).toEqual([["critical", "app.documents", "Created", "capsuleId"]]);
  });

  it("names a declared field that no event carries as the definition writes it, not by its normalised id", async () => {
    const [defaultKit] = kits as [Kit];
    const created = { name: "Created", source: "app", level: 1, nested: true, events: 8 };
    const purged = { name: "Purged", source: "app", level: 2, nested: false, events: 8 };
    const definitions = { Created: definition(defaultKit, created), Purged: definition(defaultKit, purged) };
    const events = [...eventsOf(defaultKit, created, 0, "tenantId"), ...eventsOf(defaultKit, purged, 1, undefined)];
    const [finding, ...others] = (await audit(events, definitions)).findings;
    expect(others).toEqual([]);
    expect([finding?.risk, finding?.field]).toEqual(["critical", "tenantId"]);
    expect(finding?.message).toBe(
      "Created lacks tenantId, which its definition declares as its isolation field: its events are not what the code says",
    );
  });
  it("takes a type declared at an outer level out of the inner levels' keyed boundaries, though no definition names their field", async () => {
    // The module declares only the tenant-level OrganizationPlanChanged (issue 16's example): the capsule boundary is
    // learned from the other types' keys (`CAPSULE#` segments), its field named by no definition.
    for (const [definition, [outer, inner], labels] of [
      [OrganizationPlanChanged, ["tenantId", "capsuleId"], ["TENANT", "CAPSULE"]],
      [OrgRenamed, ["orgId", "workspaceId"], ["ORG", "WS"]],
    ] as const) {
      const events = Array.from({ length: 40 }, (_, index) => {
        const [tenant, capsule] = [`t${index % 4}`, `c${index % 4}-${index % 2}`];
        const own = ["DocCreated", "DocShared", "RoleAssigned", "UserInvited"].map((type) => ({
          source: "app",
          "detail-type": type,
          detail: {
            [outer]: tenant,
            [inner]: capsule,
            id: `${type}-${index}`,
            pk: `${labels[0]}#${tenant}#${labels[1]}#${capsule}#${type.toUpperCase()}#${index}`,
          },
        }));
        const plan = { [outer]: tenant, plan: "pro", pk: `${labels[0]}#${tenant}#PLAN` };
        return [...own, { source: "billing", "detail-type": definition.type, detail: plan }];
      }).flat();
      const found = (await audit(events, { definition })).findings.filter((each) => each.risk === "high");
      expect(found).toEqual([]);
    }
  });
  it("takes a type declared at an outer level out of the inner levels' boundaries learned from partitions, with no key at all", async () => {
    // The same module, a corpus with no key-shaped value: the inner level (the capsule, a kit's workspace) is learned as
    // a boundary because each document's and user's id goes with one value of it, and it lies inside the declared outer
    // field (each of its values goes with one tenant). A global type goes without it too, and without the outer one.
    const PriceListed = defineEvent({
      type: "PriceListed",
      source: "billing",
      isolation: { level: "global", reason: "one price list for everyone" },
      detail: z.object({ plan: z.string() }),
    });
    for (const [definition, [outer, inner]] of [
      [OrganizationPlanChanged, ["tenantId", "capsuleId"]],
      [OrgRenamed, ["orgId", "workspaceId"]],
    ] as const) {
      const events = Array.from({ length: 60 }, (_, index) => {
        const [tenant, capsule] = [`t${index % 5}`, `c${index % 5}-${index % 3}`];
        const [doc, user] = [`d${index % 5}-${index % 3}-${index % 4}`, `u${index % 5}-${index % 3}-${index % 2}`];
        const own = (
          [
            ["DocCreated", { docId: doc, userId: user }],
            ["DocShared", { docId: doc, userId: user }],
            ["RoleAssigned", { userId: user, role: "admin" }],
            ["UserInvited", { userId: user, email: `${user}@example.com` }],
          ] as const
        ).map(([type, ids]) => ({
          source: "app",
          "detail-type": type,
          detail: { [outer]: tenant, [inner]: capsule, ...ids },
        }));
        const plan = { source: "billing", "detail-type": definition.type, detail: { [outer]: tenant, plan: "pro" } };
        const price = { source: "billing", "detail-type": "PriceListed", detail: { plan: "pro", amount: index % 7 } };
        return [...own, plan, price];
      }).flat();
      const learned = await audit(events, {});
      // Without the module, both types lack the inner boundary learned from partitions (the global one the outer too).
      const high = learned.findings.filter((each) => each.risk === "high");
      expect(high.map((each) => `${each.eventType} ${each.field}`).sort()).toEqual(
        [`${definition.type} ${inner}`, `PriceListed ${inner}`, `PriceListed ${outer}`].sort(),
      );
      const found = (await audit(events, { definition, PriceListed })).findings.filter((each) => each.risk === "high");
      expect(found).toEqual([]);
    }
  });
});
