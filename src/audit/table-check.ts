/**
 * `audit-table --entities`: checks each stored item against the declared entities. Items whose keys do not parse
 * with their template, ids that disagree with key segments, index keys that point into another partition, unknown
 * entity types, and items whose attributes name another tenant of the table. The checker's state is plain data that
 * merges (`mergeTableChecks`): each export file or Scan segment is checked apart, on any thread, and the states merge
 * in a fixed order into the report of one checker.
 */
import type { Entity } from "../entity/define-entity.js";
import type { ResolvedIsolation } from "../entity/isolation.js";
import { readPath as readOwnPath } from "../internal/read-path.js";
import type { Table } from "../access/table.js";
import type { Risk } from "./risk.js";
import { riskRank } from "./risk.js";
import { count } from "./words.js";
import type { ItemLocation, ItemSink } from "./table-source.js";
import type { SkipReason } from "./reader.js";

/** What is wrong with an item. */
export type TableFindingKind =
  | "unknown-entity-type"
  | "key-does-not-round-trip"
  | "id-disagrees-with-key"
  | "index-key-other-partition"
  | "names-another-tenant";

/**
 * One kind of problem of one entity type at one attribute, with how many items have it and the first few. An item
 * counts once per finding; for `names-another-tenant`, once per other tenant it names there (`mentions`).
 */
export interface TableFinding {
  readonly kind: TableFindingKind;
  readonly risk: Risk;
  readonly entityType: string;
  /** The attribute (a key attribute, or the path of the field) the finding is about. */
  readonly attribute: string;
  readonly count: number;
  readonly samples: readonly Sample[];
}

/** Where an item with a problem is, and what the problem is. */
type Sample = ItemLocation & { readonly message: string };

/** The outcome of checking a table's items. */
export interface TableReport {
  readonly items: number;
  /** Items per entity type (as stored in `entityType`, declared or not), by name. */
  readonly types: Readonly<Record<string, number>>;
  readonly notItems: { readonly count: number; readonly samples: readonly Sample[] };
  /** Worst first, then by kind, entity type and attribute. */
  readonly findings: readonly TableFinding[];
  /**
   * Mentions of values not remembered (more than `pendingValues` distinct values were waiting to turn out tenant
   * ids): `names-another-tenant` may count fewer than there are. 0 on most tables.
   */
  readonly mentionsNotRemembered: number;
}

/**
 * What a checker has seen, as plain data (structured-cloneable, so it crosses threads): the counts and findings, the
 * tenant ids met in partition keys, and the short values of items that may yet turn out to be another tenant's id.
 * Merged with `mergeTableChecks`; read with `tableReport`.
 */
export interface TableCheckState {
  items: number;
  readonly types: Map<string, number>;
  readonly notItems: { count: number; readonly samples: Sample[] };
  /** By kind, entity type and attribute (`findingId`). */
  readonly findings: Map<string, MutableFinding>;
  readonly tenants: Set<string>;
  /** The mentions of values that are no known tenant id yet. */
  readonly pending: PendingMentions;
  mentionsNotRemembered: number;
}

/** A finding while items are read. */
interface MutableFinding extends Omit<TableFinding, "count" | "samples"> {
  count: number;
  readonly samples: Sample[];
}

/**
 * Mentions of values that may yet turn out tenant ids, in columns rather than an object per mention: a table's items
 * hold many distinct short values (ids, titles), and a state crosses threads by structured clone, whose cost is per
 * object. One row per value, entity type and path; a value's rows are chained by `next` (-1 ends the chain).
 */
interface PendingMentions {
  /** Value → its first row. */
  readonly first: Map<string, number>;
  /** The distinct `entityType\0path` of the rows, and where each is in it. */
  readonly keys: string[];
  readonly keyIndex: Map<string, number>;
  /** Per row: its key, how many mentions, the next row of its value. */
  readonly key: number[];
  readonly count: number[];
  readonly next: number[];
  /** `sampleLimit` slots per row, the first `min(count, sampleLimit)` used: file, line, the item's own tenant. */
  readonly files: string[];
  readonly lines: number[];
  readonly owners: string[];
}

/** The mentions of one value at one path of one entity type, in partitions of the tenants of `samples`. */
interface Mention {
  readonly entityType: string;
  readonly path: string;
  readonly count: number;
  readonly samples: readonly (ItemLocation & { readonly tenant: string })[];
}

function noPendingMentions(): PendingMentions {
  return {
    first: new Map(),
    keys: [],
    keyIndex: new Map(),
    key: [],
    count: [],
    next: [],
    files: [],
    lines: [],
    owners: [],
  };
}

/** The mentions of `value` held, row by row. */
function* heldMentions(pending: PendingMentions, value: string): Generator<Mention> {
  for (let row = pending.first.get(value) ?? -1; row !== -1; row = pending.next[row] as number) {
    // An entity's name has no NUL; an attribute path may.
    const id = pending.keys[pending.key[row] as number] as string;
    const entityType = id.slice(0, id.indexOf("\u0000"));
    const path = id.slice(entityType.length + 1);
    const count = pending.count[row] as number;
    const samples = [];
    for (let slot = row * sampleLimit; slot < row * sampleLimit + Math.min(count, sampleLimit); slot++)
      samples.push({
        file: pending.files[slot] as string,
        line: pending.lines[slot] as number,
        tenant: pending.owners[slot] as string,
      });
    yield { entityType, path, count, samples };
  }
}

const sampleLimit = 3;
/** The most distinct values remembered while they may yet turn out tenant ids, so memory stays bounded. */
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

/** The key of a finding in `TableCheckState.findings`. */
const findingId = (kind: TableFindingKind, entityType: string, attribute: string): string =>
  `${kind}\u0000${entityType}\u0000${attribute}`;

/**
 * A state with nothing seen: the identity of `mergeTableChecks`.
 * @example mergeTableChecks(emptyTableCheck(), state) // the same counts and findings as state
 */
export function emptyTableCheck(): TableCheckState {
  return {
    items: 0,
    types: new Map(),
    notItems: { count: 0, samples: [] },
    findings: new Map(),
    tenants: new Set(),
    pending: noPendingMentions(),
    mentionsNotRemembered: 0,
  };
}

/** Counts `count` more items of the finding, keeping the first samples. */
function addFinding(
  state: TableCheckState,
  kind: TableFindingKind,
  entityType: string,
  attribute: string,
  count: number,
  samples: readonly Sample[],
): void {
  const id = findingId(kind, entityType, attribute);
  let finding = state.findings.get(id);
  if (finding === undefined) {
    finding = { kind, risk: riskOf[kind], entityType, attribute, count: 0, samples: [] };
    state.findings.set(id, finding);
  }
  finding.count += count;
  for (const sample of samples) if (finding.samples.length < sampleLimit) finding.samples.push(sample);
}

/** The mentions of `other`, now known to be a tenant id: `names-another-tenant` findings. */
function resolveMentions(state: TableCheckState, other: string, mentions: Iterable<Mention>): void {
  for (const { entityType, path, count, samples } of mentions) {
    const messages = samples.map(({ file, line, tenant }) => ({
      file,
      line,
      message: `${path} is ${JSON.stringify(other)}, another tenant's id, in a partition of tenant ${JSON.stringify(tenant)}`,
    }));
    addFinding(state, "names-another-tenant", entityType, path, count, messages);
  }
}

/** The index of the key `entityType\0path` in the pending mentions' keys, added when new. */
function keyOf(pending: PendingMentions, id: string): number {
  let key = pending.keyIndex.get(id);
  if (key === undefined) {
    key = pending.keys.push(id) - 1;
    pending.keyIndex.set(id, key);
  }
  return key;
}

/**
 * The row of `value` and `key`, added when new; -1 when the value is new and `pendingValues` are held already (its
 * mentions are then counted in `mentionsNotRemembered` by the caller).
 */
function rowOf(pending: PendingMentions, value: string, key: number): number {
  const first = pending.first.get(value);
  for (let row = first ?? -1; row !== -1; row = pending.next[row] as number) if (pending.key[row] === key) return row;
  if (first === undefined && pending.first.size >= pendingValues) return -1;
  const row = pending.key.push(key) - 1;
  pending.count.push(0);
  pending.next.push(first ?? -1);
  pending.first.set(value, row);
  for (let slot = 0; slot < sampleLimit; slot++) {
    pending.files.push("");
    pending.lines.push(0);
    pending.owners.push("");
  }
  return row;
}

/** Remembers one mention of `value` until it turns out a tenant id (or the end), while fewer than `pendingValues`. */
function remember(state: TableCheckState, value: string, id: string, location: ItemLocation, tenant: string): void {
  const pending = state.pending;
  const row = rowOf(pending, value, keyOf(pending, id));
  if (row === -1) {
    state.mentionsNotRemembered += 1;
    return;
  }
  const held = pending.count[row] as number;
  if (held < sampleLimit) {
    const slot = row * sampleLimit + held;
    pending.files[slot] = location.file;
    pending.lines[slot] = location.line;
    pending.owners[slot] = tenant;
  }
  pending.count[row] = held + 1;
}

/** Adds the rows `source` holds for `value` to the rows `target` holds (keys mapped by `keys`). */
function holdRows(target: TableCheckState, source: PendingMentions, value: string, keys: readonly number[]): void {
  const pending = target.pending;
  for (let row = source.first.get(value) ?? -1; row !== -1; row = source.next[row] as number) {
    const count = source.count[row] as number;
    const at = rowOf(pending, value, keys[source.key[row] as number] as number);
    if (at === -1) {
      target.mentionsNotRemembered += count;
      continue;
    }
    const held = pending.count[at] as number;
    for (let index = 0; index < Math.min(count, sampleLimit - held); index++) {
      const [from, to] = [row * sampleLimit + index, at * sampleLimit + held + index];
      pending.files[to] = source.files[from] as string;
      pending.lines[to] = source.lines[from] as number;
      pending.owners[to] = source.owners[from] as string;
    }
    pending.count[at] = held + count;
  }
}

/** Records a tenant id met in a partition key: the mentions of it remembered so far become findings. */
function learnTenant(state: TableCheckState, tenant: string): void {
  if (state.tenants.has(tenant)) return;
  state.tenants.add(tenant);
  if (!state.pending.first.has(tenant)) return;
  resolveMentions(state, tenant, heldMentions(state.pending, tenant));
  state.pending.first.delete(tenant);
}

/**
 * Adds what `source` has seen to `target`, which it changes and returns (a state the caller owns, from
 * `emptyTableCheck()`): `mergeTableChecks(target, source)` without the copy, for merging states as they come in.
 * @example const total = emptyTableCheck(); for (const state of states) mergeTableCheckInto(total, await state);
 */
export function mergeTableCheckInto(target: TableCheckState, source: TableCheckState): TableCheckState {
  target.items += source.items;
  for (const [type, count] of source.types) target.types.set(type, (target.types.get(type) ?? 0) + count);
  target.notItems.count += source.notItems.count;
  for (const sample of source.notItems.samples)
    if (target.notItems.samples.length < sampleLimit) target.notItems.samples.push(sample);
  for (const { kind, entityType, attribute, count, samples } of source.findings.values())
    addFinding(target, kind, entityType, attribute, count, samples);
  target.mentionsNotRemembered += source.mentionsNotRemembered;
  for (const tenant of source.tenants) learnTenant(target, tenant);
  const keys = source.pending.keys.map((id) => keyOf(target.pending, id));
  for (const value of source.pending.first.keys()) {
    if (target.tenants.has(value)) resolveMentions(target, value, heldMentions(source.pending, value));
    else holdRows(target, source.pending, value, keys);
  }
  return target;
}

/**
 * Two checkers' states as one, `left`'s items first: the counts add up, samples are `left`'s then `right`'s (the
 * first three), and a value one side held back is another tenant's id when either side met that tenant. Counts do
 * not depend on how the items were split (unless `mentionsNotRemembered`); merged in a fixed order (file order,
 * segment order), the samples do not either. The inputs are not changed.
 * @example const state = states.reduce(mergeTableChecks, emptyTableCheck()); tableReport(state)
 */
export function mergeTableChecks(left: TableCheckState, right: TableCheckState): TableCheckState {
  return mergeTableCheckInto(mergeTableCheckInto(emptyTableCheck(), left), right);
}

/**
 * The states in their order as one (what `states.reduce(mergeTableChecks, emptyTableCheck())` gives, each state
 * copied once).
 * @example mergeAllTableChecks(await Promise.all(segmentStates))
 */
export function mergeAllTableChecks(states: readonly TableCheckState[]): TableCheckState {
  return states.reduce(mergeTableCheckInto, emptyTableCheck());
}

/**
 * The report of a state: findings worst first, entity types by name.
 * @example tableReport(checker.state()).findings
 */
export function tableReport(state: TableCheckState): TableReport {
  const order = (finding: TableFinding): string =>
    `${riskRank(finding.risk)}\u0000${finding.kind}\u0000${finding.entityType}\u0000${finding.attribute}`;
  const findings = [...state.findings.values()]
    .map((finding) => ({ ...finding, samples: [...finding.samples] }))
    .sort((left, right) => (order(left) < order(right) ? -1 : order(left) > order(right) ? 1 : 0));
  const types = Object.create(null) as Record<string, number>;
  for (const name of [...state.types.keys()].sort()) types[name] = state.types.get(name) as number;
  return {
    items: state.items,
    types,
    notItems: { count: state.notItems.count, samples: [...state.notItems.samples] },
    findings,
    mentionsNotRemembered: state.mentionsNotRemembered,
  };
}

/**
 * Where an entity's partition ids sit, outermost first (the first is the tenant's): the default kit's tenant and
 * capsule fields, or the level fields of a `defineIsolation` kit (`accountId`; `orgId`, `workspaceId`).
 */
function isolationPaths(entity: Entity): readonly string[] {
  const { tenant, capsule, fields } = entity.isolation as ResolvedIsolation;
  if (fields !== undefined) return Object.values(fields);
  return [tenant, capsule].filter((path): path is string => path !== undefined);
}

/**
 * Checks items one at a time (an {@link ItemSink}); `report()` gives the findings, `state()` what merges with other
 * checkers' (see `mergeTableChecks`).
 * @example const checker = new TableChecker([Note, Member], PlatformTable);
 * await readExportItems(inputs, checker);
 * checker.report().findings;
 */
export class TableChecker implements ItemSink {
  private readonly checked = emptyTableCheck();
  private readonly entities = new Map<string, Entity>();
  private readonly physical: Readonly<Record<string, string>>;
  /** The findings the current item has counted in (an item counts once per finding). */
  private readonly counted = new Set<string>();
  private location: ItemLocation | undefined;

  constructor(entities: readonly Entity[], table?: Table) {
    for (const entity of entities) this.entities.set(entity.name, entity);
    this.physical = table?.attributes ?? {};
  }

  notAnItem(location: ItemLocation, _reason: SkipReason | "not-an-item", message: string): void {
    const { notItems } = this.checked;
    notItems.count += 1;
    if (notItems.samples.length < sampleLimit) notItems.samples.push({ ...location, message });
  }

  item(item: Record<string, unknown>, location: ItemLocation): void {
    this.checked.items += 1;
    this.counted.clear();
    this.location = location;
    const type = item["entityType"];
    const typeName = typeof type === "string" ? type : "(none)";
    this.checked.types.set(typeName, (this.checked.types.get(typeName) ?? 0) + 1);
    const entity = typeof type === "string" ? this.entities.get(type) : undefined;
    if (entity === undefined) {
      const declared = [...this.entities.keys()].sort().join(", ");
      this.add(
        "unknown-entity-type",
        typeName,
        "entityType",
        `entityType ${JSON.stringify(type ?? null)} is none of the declared entities (${declared})`,
      );
      return;
    }
    const tenant = this.checkKeys(entity, item);
    if (tenant !== undefined) this.checkMentions(entity, item, tenant, location);
  }

  /** Checks every key the entity declares; returns the tenant of the item's partition, when it has one. */
  private checkKeys(entity: Entity, item: Record<string, unknown>): string | undefined {
    const levels = isolationPaths(entity);
    const tenantPath = levels[0];
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
          `${stored} ${JSON.stringify(value ?? null)} does not parse as ${template}: ${(error as Error).message}`,
        );
        continue;
      }
      if (tenantPath !== undefined && attribute.endsWith("pk")) {
        const identity = JSON.stringify(levels.map((path) => readPath(parsed, path)));
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
            `${path} is ${JSON.stringify(own ?? null)}, but ${stored} ${JSON.stringify(value)} says ${JSON.stringify(keyValue)}`,
          );
      }
    }
    return tenant;
  }

  /**
   * Any short string attribute (keys and every level's isolation field aside) equal to another tenant's id, now or once that
   * tenant's partition keys are met. Each (path, value) of an item counts once.
   */
  private checkMentions(entity: Entity, item: Record<string, unknown>, tenant: string, location: ItemLocation): void {
    learnTenant(this.checked, tenant);
    const skipped = new Set(["entityType", ...Object.keys(entity.templates).map((key) => this.physical[key] ?? key)]);
    const seen = new Set<string>();
    // Every level's id is bound to the keys (checked there): a capsule named as another tenant (`demo`) is no mention.
    const levelPaths = new Set(isolationPaths(entity));
    const visit = (value: unknown, path: string, depth: number): void => {
      if (typeof value === "string") {
        if (value === tenant || value.length > maxLeafLength || levelPaths.has(path)) return;
        const id = `${path}\u0000${value}`;
        if (seen.has(id)) return;
        seen.add(id);
        if (this.checked.tenants.has(value)) {
          const mention = { entityType: entity.name, path, count: 1, samples: [{ ...location, tenant }] };
          resolveMentions(this.checked, value, [mention]);
        } else remember(this.checked, value, `${entity.name}\u0000${path}`, location, tenant);
      } else if (typeof value === "object" && value !== null && depth < maxLeafDepth) {
        for (const [key, inner] of Object.entries(value)) {
          if (depth === 0 && skipped.has(key)) continue;
          visit(inner, path === "" ? key : Array.isArray(value) ? `${path}[]` : `${path}.${key}`, depth + 1);
        }
      }
    };
    visit(item, "", 0);
  }

  /** Counts the current item in a finding, once. */
  private add(kind: TableFindingKind, entityType: string, attribute: string, message: string): void {
    const id = findingId(kind, entityType, attribute);
    if (this.counted.has(id)) return;
    this.counted.add(id);
    addFinding(this.checked, kind, entityType, attribute, 1, [{ ...(this.location as ItemLocation), message }]);
  }

  /** What the checker has seen, to merge with other checkers' (the checker goes on adding to it). */
  state(): TableCheckState {
    return this.checked;
  }

  /** The findings so far, worst first. */
  report(): TableReport {
    return tableReport(this.checked);
  }
}

/**
 * The report as text: a summary line, notes, then each finding as `✖ message` / `→ at location`.
 * @example renderTableText(checker.report())
 */
export function renderTableText(report: TableReport): string {
  const types = Object.keys(report.types).length;
  const lines = [`audit-table: ${report.items} items of ${types} entity types, ${report.findings.length} findings`];
  if (report.notItems.count > 0) {
    const first = report.notItems.samples[0];
    lines.push(
      `note: ${count(report.notItems.count, "line")} ${report.notItems.count === 1 ? "was not an item" : "were not items"}, the first at ${first?.file}:${first?.line} (${first?.message})`,
    );
  }
  if (report.mentionsNotRemembered > 0)
    lines.push(
      `note: ${report.mentionsNotRemembered} mentions of values were not remembered (over ${pendingValues.toLocaleString("en-US")} distinct values waited to turn out tenant ids): names-another-tenant may count fewer than there are`,
    );
  for (const finding of report.findings) {
    const unit = finding.kind === "names-another-tenant" ? "mentions" : "items";
    lines.push(
      "",
      `✖ ${finding.risk.toUpperCase()} ${finding.kind}: ${finding.entityType} ${finding.attribute} (${finding.count} ${unit})`,
    );
    for (const sample of finding.samples) lines.push(`  ${sample.message}`, `  → at ${sample.file}:${sample.line}`);
  }
  return `${lines.join("\n")}\n`;
}
