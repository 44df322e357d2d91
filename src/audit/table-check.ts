/**
 * `audit-table --entities`: checks each stored item against the declared entities. Items whose keys do not parse
 * with their template, ids that disagree with key segments, index keys that point into another partition, unknown
 * entity types, and items whose attributes name another tenant of the table.
 */
import type { Entity } from "../entity/define-entity.js";
import { readPath as readOwnPath } from "../internal/read-path.js";
import type { Table } from "../access/table.js";
import type { Risk } from "./risk.js";
import { riskRank } from "./risk.js";
import type { ItemLocation, ItemSink } from "./table-source.js";
import type { SkipReason } from "./reader.js";

/** What is wrong with an item. */
export type TableFindingKind =
  | "unknown-entity-type"
  | "key-does-not-round-trip"
  | "id-disagrees-with-key"
  | "index-key-other-partition"
  | "names-another-tenant";

/** One kind of problem of one entity type at one attribute, with how many items have it and the first few. */
export interface TableFinding {
  readonly kind: TableFindingKind;
  readonly risk: Risk;
  readonly entityType: string;
  /** The attribute (a key attribute, or the path of the field) the finding is about. */
  readonly attribute: string;
  count: number;
  readonly samples: (ItemLocation & { readonly message: string })[];
}

/** A finding while items are read, with the location of the item that last counted, so an item counts once. */
interface OpenFinding extends TableFinding {
  last: ItemLocation | undefined;
}

/** The outcome of checking a table's items. */
export interface TableReport {
  readonly items: number;
  /** Items per entity type (as stored in `entityType`, declared or not). */
  readonly types: Readonly<Record<string, number>>;
  readonly notItems: { count: number; readonly samples: (ItemLocation & { readonly message: string })[] };
  /** Worst first, then by kind, entity type and attribute. */
  readonly findings: readonly TableFinding[];
}

const sampleLimit = 3;
/** Values remembered per not-yet-known tenant id, and the most remembered, so memory stays bounded. */
const pendingPerValue = 8;
const pendingValues = 100_000;
const maxLeafDepth = 6;
const maxLeafLength = 128;

const riskOf: Readonly<Record<TableFindingKind, Risk>> = {
  "index-key-other-partition": "critical",
  "id-disagrees-with-key": "high",
  "names-another-tenant": "high",
  "key-does-not-round-trip": "high",
  "unknown-entity-type": "medium",
};

interface PendingMention {
  readonly tenant: string;
  readonly entityType: string;
  readonly path: string;
  readonly location: ItemLocation;
}

/** A duck-typed entity, as a module of definitions exports it (`defineEntity`'s result). */
export function isEntity(value: unknown): value is Entity {
  const candidate = value as Partial<Entity> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.name === "string" &&
    typeof candidate.parseKey === "function" &&
    typeof candidate.templates === "object" &&
    typeof candidate.isolation === "object"
  );
}

/** A duck-typed table (`defineTable`'s result). */
export function isTable(value: unknown): value is Table {
  const candidate = value as Partial<Table> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.name === "string" &&
    typeof candidate.attributes === "object" &&
    Array.isArray(candidate.indexes)
  );
}

/** The value at a dotted path, through own properties only (an attribute named `constructor` is not a method). */
const readPath = (value: unknown, path: string): unknown => readOwnPath(value, path.split("."));

/** The leaves of a parsed key (`{ context: { tenantId: "t1" } }` → `["context.tenantId", "t1"]`). */
function* leaves(value: Readonly<Record<string, unknown>>, prefix = ""): Generator<[string, unknown]> {
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof inner === "object" && inner !== null) yield* leaves(inner as Record<string, unknown>, path);
    else yield [path, inner];
  }
}

/**
 * Checks items one at a time (an {@link ItemSink}); `report()` gives the findings.
 * @example const checker = new TableChecker([Note, Member], PlatformTable);
 * await readExportItems(inputs, checker);
 * checker.report().findings;
 */
export class TableChecker implements ItemSink {
  private items = 0;
  private readonly types = Object.create(null) as Record<string, number>;
  private readonly notItems: TableReport["notItems"] = { count: 0, samples: [] };
  private readonly findings = new Map<string, OpenFinding>();
  private readonly entities = new Map<string, Entity>();
  private readonly physical: Readonly<Record<string, string>>;
  /** Tenant ids seen in partition keys. */
  private readonly tenants = new Set<string>();
  /** Short string values of items, by value, until that value turns out to be a tenant id (or never). */
  private readonly pending = new Map<string, PendingMention[]>();

  constructor(entities: readonly Entity[], table?: Table) {
    for (const entity of entities) this.entities.set(entity.name, entity);
    this.physical = table?.attributes ?? {};
  }

  notAnItem(location: ItemLocation, _reason: SkipReason | "not-an-item", message: string): void {
    this.notItems.count += 1;
    if (this.notItems.samples.length < sampleLimit) this.notItems.samples.push({ ...location, message });
  }

  item(item: Record<string, unknown>, location: ItemLocation): void {
    this.items += 1;
    const type = item["entityType"];
    const typeName = typeof type === "string" ? type : "(none)";
    this.types[typeName] = (this.types[typeName] ?? 0) + 1;
    const entity = typeof type === "string" ? this.entities.get(type) : undefined;
    if (entity === undefined) {
      const declared = [...this.entities.keys()].join(", ");
      this.add(
        "unknown-entity-type",
        typeName,
        "entityType",
        location,
        `entityType ${JSON.stringify(type ?? null)} is none of the declared entities (${declared})`,
      );
      return;
    }
    const tenant = this.checkKeys(entity, item, location);
    if (tenant !== undefined) this.checkMentions(entity, item, tenant, location);
  }

  /** Checks every key the entity declares; returns the tenant of the item's partition, when it has one. */
  private checkKeys(entity: Entity, item: Record<string, unknown>, location: ItemLocation): string | undefined {
    const { tenant: tenantPath, capsule: capsulePath } = entity.isolation;
    let partition: string | undefined;
    let tenant: string | undefined;
    for (const [attribute, template] of Object.entries(entity.templates)) {
      const stored = this.physical[attribute] ?? attribute;
      const value = item[stored];
      if (value === undefined && attribute !== "pk") continue; // a sparse index: the item is not in it
      let parsed: Record<string, unknown>;
      try {
        if (typeof value !== "string")
          throw new Error(value === undefined ? "it is missing" : `it is a ${typeof value}`);
        parsed = entity.parseKey(value, attribute) as Record<string, unknown>;
      } catch (error) {
        this.add(
          "key-does-not-round-trip",
          entity.name,
          stored,
          location,
          `${stored} ${JSON.stringify(value ?? null)} does not parse as ${template}: ${(error as Error).message}`,
        );
        continue;
      }
      if (tenantPath !== undefined && attribute.endsWith("pk")) {
        const identity = JSON.stringify([
          readPath(parsed, tenantPath),
          capsulePath === undefined ? null : readPath(parsed, capsulePath),
        ]);
        if (attribute === "pk") {
          partition = identity;
          const owner = readPath(parsed, tenantPath);
          tenant = typeof owner === "string" ? owner : undefined;
        } else if (partition !== undefined && identity !== partition) {
          // The index key's ids are another partition's: that, not each id that differs, is the finding.
          this.add(
            "index-key-other-partition",
            entity.name,
            stored,
            location,
            `${stored} ${JSON.stringify(value)} lies in the partition of ${identity}, the item's pk in that of ${partition}`,
          );
          continue;
        }
      }
      for (const [path, keyValue] of leaves(parsed)) {
        const own = readPath(item, path);
        if (own !== keyValue)
          this.add(
            "id-disagrees-with-key",
            entity.name,
            path,
            location,
            `${path} is ${JSON.stringify(own ?? null)}, but ${stored} ${JSON.stringify(value)} says ${JSON.stringify(keyValue)}`,
          );
      }
    }
    return tenant;
  }

  /** Any short string attribute (keys and isolation fields aside) equal to another tenant's id. */
  private checkMentions(entity: Entity, item: Record<string, unknown>, tenant: string, location: ItemLocation): void {
    if (!this.tenants.has(tenant)) {
      this.tenants.add(tenant);
      // Items read before this tenant's first partition key may have named it.
      for (const mention of this.pending.get(tenant) ?? []) this.mention(mention, tenant);
      this.pending.delete(tenant);
    }
    const skipped = new Set(["entityType", ...Object.keys(entity.templates).map((key) => this.physical[key] ?? key)]);
    const visit = (value: unknown, path: string, depth: number): void => {
      if (typeof value === "string") {
        if (value === tenant || value.length > maxLeafLength || path === entity.isolation.tenant) return;
        const mention = { tenant, entityType: entity.name, path, location };
        if (this.tenants.has(value)) this.mention(mention, value);
        else this.remember(value, mention);
      } else if (typeof value === "object" && value !== null && depth < maxLeafDepth) {
        for (const [key, inner] of Object.entries(value)) {
          if (depth === 0 && skipped.has(key)) continue;
          visit(inner, path === "" ? key : Array.isArray(value) ? `${path}[]` : `${path}.${key}`, depth + 1);
        }
      }
    };
    visit(item, "", 0);
  }

  private remember(value: string, mention: PendingMention): void {
    const list = this.pending.get(value);
    if (list === undefined) {
      if (this.pending.size < pendingValues) this.pending.set(value, [mention]);
    } else if (list.length < pendingPerValue) list.push(mention);
  }

  private mention(mention: PendingMention, other: string): void {
    this.add(
      "names-another-tenant",
      mention.entityType,
      mention.path,
      mention.location,
      `${mention.path} is ${JSON.stringify(other)}, another tenant's id, in a partition of tenant ${JSON.stringify(mention.tenant)}`,
    );
  }

  private add(
    kind: TableFindingKind,
    entityType: string,
    attribute: string,
    location: ItemLocation,
    message: string,
  ): void {
    const id = `${kind}\u0000${entityType}\u0000${attribute}`;
    let finding = this.findings.get(id);
    if (finding === undefined) {
      finding = { kind, risk: riskOf[kind], entityType, attribute, count: 0, samples: [], last: undefined };
      this.findings.set(id, finding);
    }
    // Each item's location is one object, whatever it is found with: an item counts once per finding.
    if (finding.last === location) return;
    finding.last = location;
    finding.count += 1;
    if (finding.samples.length < sampleLimit) finding.samples.push({ ...location, message });
  }

  /** The findings so far, worst first. */
  report(): TableReport {
    const order = (finding: TableFinding): string =>
      `${riskRank(finding.risk)}\u0000${finding.kind}\u0000${finding.entityType}\u0000${finding.attribute}`;
    const findings = [...this.findings.values()]
      .map(({ last: _, ...finding }) => finding)
      .sort((left, right) => (order(left) < order(right) ? -1 : order(left) > order(right) ? 1 : 0));
    return { items: this.items, types: { ...this.types }, notItems: this.notItems, findings };
  }
}

/**
 * The report as text: a summary line, then each finding as `✖ message` / `→ at location`.
 * @example renderTableText(checker.report())
 */
export function renderTableText(report: TableReport): string {
  const types = Object.keys(report.types).length;
  const lines = [`audit-table: ${report.items} items of ${types} entity types, ${report.findings.length} findings`];
  if (report.notItems.count > 0) {
    const first = report.notItems.samples[0];
    lines.push(
      `note: ${report.notItems.count} lines were not items, the first at ${first?.file}:${first?.line} (${first?.message})`,
    );
  }
  for (const finding of report.findings) {
    lines.push(
      "",
      `✖ ${finding.risk.toUpperCase()} ${finding.kind}: ${finding.entityType} ${finding.attribute} (${finding.count} items)`,
    );
    for (const sample of finding.samples) lines.push(`  ${sample.message}`, `  → at ${sample.file}:${sample.line}`);
  }
  return `${lines.join("\n")}\n`;
}
