/**
 * Inference: learns from a profile, with no rules given and no words of the domain, which fields related
 * event types carry (invariants) and which fields are isolation boundaries.
 */
import { getOrInsert } from "../internal/get-or-insert.js";
import { type ByDeclaredType, type Declarations, noDeclarations } from "./declarations.js";
import { arraySegment, fieldIdOf, genericLeaves, normalizeFieldName, pathSeparator } from "./field-name.js";
import { type Profile, envelopePrefix } from "./profile.js";
import { type FieldView, type TypeView, dominant, viewType } from "./type-view.js";

/** Inference thresholds. Nothing here, or anywhere in inference, knows a field or label by name. */
export interface InferenceOptions {
  /** The fewest event types that must carry a field (or key label) before it counts as an invariant. */
  readonly minSupport: number;
  /** The share of related event types that must carry it (0..1). */
  readonly minShare: number;
  /** A field this steady (typical presence rate in the types carrying it) is expected in every event. */
  readonly steadyRate: number;
}

/** Sane defaults: 3 types, 60% of the related types, steady at 98%. */
export const defaultInferenceOptions: InferenceOptions = { minSupport: 3, minShare: 0.6, steadyRate: 0.98 };

/**
 * What makes a field a boundary, strongest first: declared in entity definitions, named by `--boundary`, its
 * values are a labelled key segment, its values partition the other ids (each of their values co-occurs with
 * one of its values), its values are segments of ARNs or paths.
 */
export type BoundaryEvidence = "declared" | "hint" | "key" | "partition" | "path";

/** A field learned (or declared) to be an isolation boundary. */
export interface Boundary {
  readonly field: string;
  readonly evidence: BoundaryEvidence;
  /** The key label whose segments its values fill (evidence `key`). */
  readonly label: string | undefined;
  /** Event types in which the evidence was seen. */
  readonly types: number;
  /** Share of the comparable cases that agreed: key segments equal to it, ids it determines, paths holding it. */
  readonly rate: number;
  /** The fields whose values it partitions (evidence `partition`), by field id. */
  readonly partitions: readonly string[];
  /**
   * The sources it was learned in when it shows only within them (a source that keeps its tenant in a field of its
   * own: `account` in a payment provider's events, `org.id` in a partner's); absent when it holds corpus-wide.
   */
  readonly sources?: readonly string[];
  /**
   * The boundary it lies inside (evidence `partition`), when it was learned without the crossing ids that boundary
   * owns: a workspace inside its organisation, whose users work in several of its workspaces.
   */
  readonly within?: string;
  /** The evidence in words (see `describeBoundary`), for reports; empty until names are known. */
  readonly description: string;
  /** The evidence in a few words, for tables: `TENANT# key segment`, `partitions other ids`. */
  readonly tag: string;
}

/** The short form of a boundary's evidence, for tables and badges. */
function tagOf(boundary: Pick<Boundary, "evidence" | "label">): string {
  switch (boundary.evidence) {
    case "declared":
      return "declared";
    case "hint":
      return "--boundary";
    case "key":
      return `${boundary.label ?? ""}# key segment`;
    case "partition":
      return "partitions other ids";
    case "path":
      return "in ARNs and paths";
  }
}

/**
 * The evidence of a boundary, in words, for reports.
 * @example describeBoundary({ evidence: "key", label: "TENANT", types: 5, ... }, names)
 * //=> "its values are the TENANT# segment of keys in 5 event types"
 */
export function describeBoundary(
  boundary: Omit<Boundary, "description" | "tag">,
  names: ReadonlyMap<string, string>,
): string {
  switch (boundary.evidence) {
    case "declared":
      return "declared as an isolation field by the entity definitions";
    case "hint":
      return "named by --boundary";
    case "key":
      return `its values are the ${boundary.label ?? ""}# segment of keys in ${boundary.types} event types`;
    case "partition": {
      const shown = boundary.partitions.slice(0, 3).map((id) => names.get(id) ?? id);
      const more = boundary.partitions.length > 3 ? ` and ${boundary.partitions.length - 3} more` : "";
      const within = boundary.within === undefined ? "" : `, inside ${names.get(boundary.within) ?? boundary.within}`;
      return `each value of ${shown.join(", ")}${more} goes with one value of it${within}, across ${boundary.types} event types${inSources(boundary)}`;
    }
    case "path":
      return `its values are segments of ARNs or paths in ${boundary.types} event types${inSources(boundary)}`;
  }
}

/** ` of SOURCE` for a boundary learned within sources, else nothing. */
function inSources(boundary: Pick<Boundary, "sources">): string {
  return boundary.sources === undefined
    ? ""
    : ` of ${boundary.sources.map((source) => source || "(no source)").join(", ")}`;
}

/**
 * The boundary `field` is in `scope` (the corpus, or a source). A corpus-wide one holds everywhere. One learned within
 * sources holds in every source's scope, where the field is one field whatever source carries it (the app's and the
 * control plane's `tenantId`, learned in the one, is a boundary of the other), but not corpus-wide: a source that
 * never carries it is not judged by it.
 * @example boundaryIn(inference.boundaries, "account", "aws.partner/stripe.com/ed_1") // the boundary, learned there
 */
export function boundaryIn(
  boundaries: ReadonlyMap<string, Boundary>,
  field: string,
  scope: string,
): Boundary | undefined {
  const boundary = boundaries.get(field);
  return boundary?.sources === undefined || scope !== corpusScope ? boundary : undefined;
}

/** How widely a field (or key label) is carried within a scope: the whole corpus or one source. */
export interface Support {
  /** `*` for the whole corpus, else a source name. */
  readonly scope: string;
  readonly carriers: number;
  readonly types: number;
  readonly share: number;
}

/** A field carried by most related event types. */
export interface Invariant extends Support {
  readonly field: string;
  readonly name: string;
  /** Median presence rate in the types that carry it. */
  readonly typicalRate: number;
  readonly boundary: Boundary | undefined;
}

/** A key label carried, enclosing the rest of the key, by most event types that have key-shaped values in `key`. */
export interface MajorityLabel extends Support {
  readonly key: string;
  readonly keyName: string;
  readonly label: string;
  /** The boundary field whose values fill this label's segments, if one was learned. */
  readonly boundary: Boundary | undefined;
}

/** What inference learned from a profile. */
export interface Inference {
  readonly types: readonly TypeView[];
  readonly names: ReadonlyMap<string, string>;
  /** The path of every field id as most often written (`repository.owner.id`). */
  readonly paths: ReadonlyMap<string, string>;
  readonly boundaries: ReadonlyMap<string, Boundary>;
  readonly invariants: readonly Invariant[];
  readonly labels: readonly MajorityLabel[];
  /** Declared: event type, then source → the field ids its definition requires (see `declaredFor`). */
  readonly required: ByDeclaredType<ReadonlySet<string>>;
  /**
   * Declared: event type, then source → the boundary field ids it goes without on purpose, those of the boundaries
   * learned from the key labels of the levels it goes without included.
   */
  readonly optOuts: ByDeclaredType<ReadonlySet<string>>;
  /** Declared: event type, then source → the key labels of the levels it goes without. */
  readonly optOutLabels: ByDeclaredType<ReadonlySet<string>>;
}

/** The whole-corpus scope name. */
export const corpusScope = "*";

/** A share of key segments under which a field is not taken for a boundary. */
const boundaryMatchRate = 0.5;
/** A label must enclose more of the key in this share of its keys for its field to be a boundary. */
const boundaryEnclosingRate = 0.5;
/** A field must fill this share of its matched segments under one label (entity ids fill many labels). */
const boundaryLabelDominance = 0.9;
/** A label is carried by a type when at least this share of its key values have it. */
const labelCarriedRate = 0.5;
/** A partition boundary has at least this many distinct values in the sample (one or two is a flag, not a tenant). */
const partitionMinValues = 3;
/** A field it partitions has this many times its distinct values (a field of the same grain is a synonym). */
const partitionFinerBy = 2;
/** A field's values seen twice or more with the candidate: fewer than this and the field is not judged. */
const partitionMinTested = 5;
/** Of those, the share that must go with a single value of the candidate. */
const partitionHeld = 0.95;
/** The fields it partitions must weigh this share of the finer fields judged. */
const partitionScore = 0.8;
/** And be at least this many. */
const partitionMinFields = 2;
/** Fields carried by fewer events than this in the types that have them are optional, not invariants. */
const invariantTypicalRate = 0.5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The display name of every field id (its most frequent spelling across the corpus), or its path's. */
function namesOf(
  types: readonly TypeView[],
  spellings: (field: FieldView) => ReadonlyMap<string, number>,
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const type of types) {
    for (const field of type.fields.values()) {
      const names = getOrInsert(counts, field.id, () => new Map<string, number>());
      for (const [name, count] of spellings(field)) names.set(name, (names.get(name) ?? 0) + count);
    }
  }
  return new Map([...counts].map(([id, names]) => [id, dominant(names) ?? id] as const));
}

/**
 * A field is an isolation boundary when, across the corpus, its values keep showing up as one labelled
 * key segment that encloses the rest of the key: in at least `minSupport` types, mostly under that one
 * label, and mostly equal to it. An item's own id, the key's last segment, is no boundary.
 */
function learnBoundaries(types: readonly TypeView[], options: InferenceOptions): Map<string, Boundary> {
  const totals = new Map<string, Map<string, { match: number; differ: number; types: Set<TypeView> }>>();
  for (const type of types) {
    for (const key of type.keys.values()) {
      for (const [label, links] of key.links) {
        // Only a segment the key goes on past is a partition; the last one is the item's own id.
        if ((key.enclosingRates.get(label) ?? 0) < boundaryEnclosingRate) continue;
        for (const [field, link] of links) {
          const byLabel = getOrInsert(
            totals,
            field,
            () => new Map<string, { match: number; differ: number; types: Set<TypeView> }>(),
          );
          const total = getOrInsert(byLabel, label, () => ({ match: 0, differ: 0, types: new Set<TypeView>() }));
          total.match += link.match;
          total.differ += link.differ;
          if (link.match > 0) total.types.add(type);
        }
      }
    }
  }
  const boundaries = new Map<string, Boundary>();
  for (const [field, byLabel] of totals) {
    let allMatches = 0;
    let best: [string, { match: number; differ: number; types: Set<TypeView> }] | undefined;
    for (const entry of byLabel) {
      allMatches += entry[1].match;
      if (best === undefined || entry[1].match > best[1].match) best = entry;
    }
    if (best === undefined) continue;
    const [label, total] = best;
    const rate = total.match / (total.match + total.differ);
    if (
      total.types.size >= options.minSupport &&
      total.match >= boundaryLabelDominance * allMatches &&
      rate >= boundaryMatchRate
    ) {
      boundaries.set(
        field,
        boundaryOf({ field, evidence: "key", label, types: total.types.size, rate, partitions: [] }),
      );
    }
  }
  return boundaries;
}

/** A boundary without its words yet (they need the corpus's names, see `infer`). */
export function boundaryOf(evidence: Omit<Boundary, "description" | "tag">): Boundary {
  return { ...evidence, description: "", tag: tagOf(evidence) };
}

/** A field's values in the sampled rows: how often each value occurs, and the types carrying the field. */
interface ValueStats {
  readonly values: Map<string, number>;
  readonly types: Set<TypeView>;
}

function valueStatsOf(types: readonly TypeView[]): Map<string, ValueStats> {
  const stats = new Map<string, ValueStats>();
  for (const type of types) {
    // `forEach`, not `for…of` with destructuring: an audit runs this once, mostly before it is optimised, where each
    // `[field, value]` entry is an array allocated (docs/benchmarks-audit.md, the inference's first run).
    const count = (value: string, field: string): void => {
      const entry = getOrInsert(stats, field, newValueStats);
      entry.values.set(value, (entry.values.get(value) ?? 0) + 1);
      entry.types.add(type);
    };
    for (const row of type.rows) row.forEach(count);
  }
  return stats;
}

// The factories of getOrInsert in the loops over every sampled value, made once instead of once per value.
const newValueStats = (): ValueStats => ({ values: new Map(), types: new Set() });
const newTallies = (): Map<string, Tally> => new Map();
const newValues = (): Set<string> => new Set();

/** Of a field's values seen twice or more with another (`tested`), those that go with a single value of it (`held`). */
interface Dependency {
  tested: number;
  held: number;
  /** The distinct values of the other field among those tested. */
  targets: number;
}

/** How often a value was seen (in rows), and whether always with the same value (`target`) of the other field. */
interface Tally {
  target: string;
  rows: number;
  single: boolean;
  /**
   * The row that last counted it (`dependenciesInto`: a value counts once per row); 0 in `dependenciesFrom`, so that
   * the tallies of both have one map and the loop of `dependencyOf` is not deoptimised by the second ("wrong map").
   */
  row: number;
}

/** The dependency the tallies of one field's values show: those seen twice or more are tested. */
function dependencyOf(tallies: readonly (Tally | undefined)[]): Dependency {
  let tested = 0;
  let held = 0;
  const targets = new Set<string>();
  for (const tally of tallies) {
    if (tally === undefined || tally.rows < 2) continue;
    tested += 1;
    targets.add(tally.target);
    // An addition for every tested tally, so that it has its feedback before the first single one comes.
    held += tally.single ? 1 : 0;
  }
  return { tested, held, targets: targets.size };
}

/**
 * Which fields `field` determines, in one pass over the rows: for every other field, is each value of `field` seen
 * with a single value of it? (A customer determines its account, a sender its login.)
 */
function dependenciesFrom(types: readonly TypeView[], field: string): Map<string, Dependency> {
  const seen = new Map<string, Map<string, Tally>>();
  // The row's value of `field`, for `note` (a row's entries are visited by `forEach`, as in `valueStatsOf`).
  let own = "";
  const note = (value: string, other: string): void => {
    if (other === field) return;
    const byValue = getOrInsert(seen, other, newTallies);
    const tally = byValue.get(own);
    if (tally === undefined) byValue.set(own, { target: value, rows: 1, single: true, row: 0 });
    else {
      tally.rows += 1;
      if (tally.target !== value) tally.single = false;
    }
  };
  for (const type of types) {
    for (const row of type.rows) {
      const value = row.get(field);
      if (value === undefined) continue;
      own = value;
      row.forEach(note);
    }
  }
  const result = new Map<string, Dependency>();
  // A packed array, as `dependenciesInto` gives: a Map's iterator here made the loop of `dependencyOf` see two maps
  // ("wrong map": both functions compiled again in the inference's first run).
  for (const [other, byValue] of seen) result.set(other, dependencyOf([...byValue.values()]));
  return result;
}

/**
 * How strongly `field` determines every other field, in one pass over the rows: is each value of the other field
 * seen with a single value of `field`? (A tenant determines its users and documents.) A value counts wherever it
 * recurs, under any field name, once per row: an owned customer's id as `object.id` in the customer's own event and
 * as `customer` in an invoice is one customer seen twice. Read per field name, a type's own id in a small sample
 * recurred too seldom to be judged (docs/audit.md, the multi-source corpus at 8 to 25 events a type).
 */
function dependenciesInto(types: readonly TypeView[], field: string): Map<string, Dependency> {
  const byValue = new Map<string, Tally>();
  const valuesOf = new Map<string, Set<string>>();
  let own = "";
  let row = 0;
  const note = (value: string, other: string): void => {
    if (other === field) return;
    getOrInsert(valuesOf, other, newValues).add(value);
    const tally = byValue.get(value);
    if (tally === undefined) byValue.set(value, { target: own, rows: 1, single: true, row });
    else if (tally.row !== row) {
      tally.row = row;
      tally.rows += 1;
      if (tally.target !== own) tally.single = false;
    }
  };
  for (const type of types) {
    for (const values of type.rows) {
      const value = values.get(field);
      row += 1;
      if (value === undefined) continue;
      own = value;
      values.forEach(note);
    }
  }
  const result = new Map<string, Dependency>();
  for (const [other, values] of valuesOf) {
    // Pushed, not `map`ped: `map` makes a holey array, whose map is not the packed one `dependenciesFrom` gives.
    const tallies: (Tally | undefined)[] = [];
    for (const value of values) tallies.push(byValue.get(value));
    result.set(other, dependencyOf(tallies));
  }
  return result;
}

/** The dependency holds: enough values tested (`partitionMinTested`), `partitionHeld` of them with a single value. */
function holds(dependency: Pick<Dependency, "tested" | "held">): boolean {
  return dependency.tested >= partitionMinTested && dependency.held >= partitionHeld * dependency.tested;
}

/** `dependenciesFrom`, memoized per field: what each field determines, asked once. */
function determinedBy(types: readonly TypeView[]): (field: string) => Map<string, Dependency> {
  const answers = new Map<string, Map<string, Dependency>>();
  return (field) => getOrInsert(answers, field, () => dependenciesFrom(types, field));
}

/**
 * Whether a field names something (a user, a customer, a repository) rather than measures it (an amount, a time, a
 * status): its values determine another field of `partitionMinValues` values or more (a customer its account, a
 * sender its login). A measure's value recurs by chance under every tenant, user and document, so it determines
 * none, and is no evidence against a partition: only a field naming something that crosses the candidate's values
 * (a person acting on many repositories) shows the candidate is not a boundary. Memoized per field.
 */
function namesSomething(from: (field: string) => Map<string, Dependency>): (field: string) => boolean {
  const answers = new Map<string, boolean>();
  return (field) =>
    getOrInsert(answers, field, () =>
      [...from(field).values()].some((dependency) => dependency.targets >= partitionMinValues && holds(dependency)),
    );
}

/**
 * Whether a field with more values than the candidate in the sample is finer than it, though not `partitionFinerBy`
 * times: most of the candidate's values seen twice or more with it go with several of its values (a tenant with
 * several invoices), which a synonym of the candidate (its name, of the same grain) never does. A type's own id in a
 * small sample has hardly more values than the tenants: 30 invoices of 20 tenants.
 */
function spreads(dependency: Dependency | undefined): boolean {
  return dependency !== undefined && dependency.tested >= partitionMinTested && dependency.held * 2 < dependency.tested;
}

/**
 * The segments of an ARN or a path that enclose more of it (`arn:aws:s3:::b/t-1/x` → `arn`, `aws`, `s3`, …, `b`,
 * `t-1`): the last one is the resource itself (`/users/42`), no partition, as for keys.
 */
function enclosingSegments(value: string): string[] {
  return value.startsWith("arn:") || value.charCodeAt(0) === 0x2f ? value.split(/[/:]/).slice(0, -1) : [];
}

/** What `learnPartitions` asks of a corpus's rows, each answer memoized: one pass over the rows per field asked. */
interface RowFacts {
  readonly stats: ReadonlyMap<string, ValueStats>;
  /** What each value of the field goes with (`dependenciesFrom`). */
  readonly from: (field: string) => Map<string, Dependency>;
  /** What goes with each value of the field (`dependenciesInto`). */
  readonly into: (field: string) => Map<string, Dependency>;
  /** The field names something (see `namesSomething`). */
  readonly namesAThing: (field: string) => boolean;
}

function rowFactsOf(types: readonly TypeView[]): RowFacts {
  const from = determinedBy(types);
  const answers = new Map<string, Map<string, Dependency>>();
  return {
    stats: valueStatsOf(types),
    from,
    into: (field) => getOrInsert(answers, field, () => dependenciesInto(types, field)),
    namesAThing: namesSomething(from),
  };
}

/**
 * `other` is finer than `field`: `partitionFinerBy` times its values, or more values and spread under its values (see
 * `spreads`).
 */
function isFiner(facts: RowFacts, field: string, other: string): boolean {
  const values = facts.stats.get(field)?.values.size ?? 0;
  const otherValues = facts.stats.get(other)?.values.size ?? 0;
  return otherValues >= partitionFinerBy * values || (otherValues > values && spreads(facts.from(field).get(other)));
}

/** The partition evidence for a candidate: the fields it partitions, their weight, and the weight of those crossing it. */
interface PartitionEvidence {
  readonly partitions: readonly string[];
  readonly held: number;
  readonly crossed: number;
}

/**
 * The partition evidence for `field` (see `learnPartitions`), leaving out the crossing fields `excused` says are no
 * evidence against it (an outer boundary's own ids, for a candidate inside it).
 */
function partitionEvidence(facts: RowFacts, field: string, excused: (other: string) => boolean): PartitionEvidence {
  let held = 0;
  let crossed = 0;
  const partitions: string[] = [];
  // The finer fields seen too seldom to be judged one by one (each a type's own id in a small sample) are judged
  // together: their values seen twice or more, pooled, must go with a single value of the candidate as one field's.
  // Fields carried by the same types (an object's id, name and URL) see the same events: they pool as one group, its
  // most tested field, or one pair of events would count once per synonym.
  const sparse: { readonly field: string; readonly agrees: boolean; readonly weight: number }[] = [];
  const groups = new Map<string, { tested: number; held: number }>();
  for (const [other, dependency] of facts.into(field)) {
    if (dependency.tested === 0 || !isFiner(facts, field, other)) continue;
    const stat = facts.stats.get(other) as ValueStats;
    if (dependency.tested < partitionMinTested) {
      const agrees = dependency.held === dependency.tested;
      // As one by one, a measure it does not determine is no evidence either way.
      if (!agrees && (!facts.namesAThing(other) || excused(other))) continue;
      sparse.push({ field: other, agrees, weight: stat.types.size });
      const group = getOrInsert(groups, typesKey(stat.types), () => ({ tested: 0, held: 0 }));
      if (dependency.tested > group.tested || (dependency.tested === group.tested && dependency.held < group.held)) {
        group.tested = dependency.tested;
        group.held = dependency.held;
      }
    } else if (holds(dependency)) {
      held += stat.types.size;
      partitions.push(other);
    } else if (facts.namesAThing(other) && !excused(other)) crossed += stat.types.size;
  }
  let pooled = { tested: 0, held: 0 };
  for (const group of groups.values())
    pooled = { tested: pooled.tested + group.tested, held: pooled.held + group.held };
  // The pool needs `partitionMinTested` values, or any number beside a field judged alone that holds. Then, as one by
  // one, the fields that agree count for the candidate when the pool holds; when it does not, the fields naming
  // something that cross its values count against it.
  if (pooled.tested >= (partitions.length > 0 ? 1 : partitionMinTested)) {
    const poolHolds = pooled.held >= partitionHeld * pooled.tested;
    for (const { field: other, agrees, weight } of sparse) {
      if (poolHolds && agrees) {
        held += weight;
        partitions.push(other);
      } else if (!poolHolds && !agrees) crossed += weight;
    }
  }
  return { partitions, held, crossed };
}

/**
 * The evidence makes a partition boundary: `partitionMinFields` fields partitioned (`minFields` for one inside another
 * boundary, see `learnPartitions`), weighing `partitionScore` of the fields judged.
 */
function partitionHolds(evidence: PartitionEvidence, minFields = partitionMinFields): boolean {
  return (
    evidence.partitions.length >= minFields && evidence.held >= partitionScore * (evidence.held + evidence.crossed)
  );
}

/**
 * The boundary among `outers` that `field` lies inside: each of its values seen twice goes with one value of the
 * outer (`partitionHeld`), and it is finer (a workspace inside its organisation, not a synonym of it).
 */
function outerOf(facts: RowFacts, field: string, outers: Iterable<string>): string | undefined {
  for (const outer of outers) {
    const dependency = facts.from(field).get(outer);
    if (dependency !== undefined && holds(dependency) && isFiner(facts, outer, field)) return outer;
  }
  return undefined;
}

/**
 * Boundaries learned without key labels, from the sampled values (see `SampleRow`). A candidate is a field
 * carried by `minSupport` types and `minShare` of all types, with at least `partitionMinValues` values, some of
 * them recurring in two types. It is a boundary by *partition* when it determines the other ids: for each field
 * finer than it (`partitionFinerBy` times its values, or more values and spread under its values, see `spreads`),
 * every value seen twice goes with one value of it (`partitionHeld`), and the fields it determines weigh (in types
 * carrying them) `partitionScore` of all the fields finer than it that were tested, leaving out the measures among
 * those it does not determine (see `namesSomething`): a tenant determines its users, documents and subscribers; a
 * repository does not determine the people acting on it. A field with fewer than `partitionMinTested` values seen
 * twice is judged in a pool with the other such fields (a small sample of types that each carry their own id). It is
 * a boundary by *path* when its values are segments of the ARNs or paths of other fields in `minSupport` types.
 * A candidate that is neither, but lies inside a boundary (known, or learned here; see `outerOf`), is judged again
 * without the crossing fields the outer boundary owns: an organisation's users work in several of its workspaces,
 * which says nothing against the workspaces, while a repository's contributors, owned by no boundary, still count
 * against the repository.
 */
function learnPartitions(
  types: readonly TypeView[],
  options: InferenceOptions,
  known: ReadonlyMap<string, Boundary>,
): Map<string, Boundary> {
  const facts = rowFactsOf(types);
  const boundaries = new Map<string, Boundary>();
  const partitionBoundary = (field: string, support: Support, evidence: PartitionEvidence, within?: string) =>
    boundaryOf({
      field,
      evidence: "partition",
      label: undefined,
      types: support.carriers,
      rate: evidence.held / (evidence.held + evidence.crossed),
      partitions: evidence.partitions,
      ...(within === undefined ? {} : { within }),
    });
  const unlearned: { readonly field: string; readonly support: Support }[] = [];
  for (const [field, candidate] of facts.stats) {
    // The envelope's account and region enclose every ARN and split any multi-account corpus: a boundary only when
    // declared or named (`--boundary account`), for the designs with an account per tenant.
    if (known.has(field) || field.startsWith(envelopePrefix) || candidate.values.size < partitionMinValues) continue;
    const support = supportOf(corpusScope, types, (type) => candidate.types.has(type));
    if (!isSupported(support, options) || !recursAcrossTypes(types, field)) continue;
    const evidence = partitionEvidence(facts, field, () => false);
    if (partitionHolds(evidence)) boundaries.set(field, partitionBoundary(field, support, evidence));
    else {
      const path = pathBoundary(facts, field, options);
      if (path !== undefined) boundaries.set(field, path);
      else unlearned.push({ field, support });
    }
  }
  for (const { field, support } of unlearned) {
    const outer = outerOf(facts, field, [...known.keys(), ...boundaries.keys()]);
    if (outer === undefined) continue;
    const owned = facts.into(outer);
    const ownedByOuter = (other: string): boolean => {
      const dependency = owned.get(other);
      return dependency !== undefined && holds(dependency);
    };
    const evidence = partitionEvidence(facts, field, ownedByOuter);
    // Inside its outer boundary, one field it partitions is enough when `minSupport` types carry it (a workspace's
    // pages): the pages moved, a second field, recur too seldom in some samples to be judged finer.
    const minFields = evidence.held >= options.minSupport ? 1 : partitionMinFields;
    if (partitionHolds(evidence, minFields)) boundaries.set(field, partitionBoundary(field, support, evidence, outer));
  }
  return boundaries;
}

/**
 * The path evidence for `field`: its values are enclosing segments of the ARNs or paths of finer fields in
 * `minSupport` types and half the types carrying it. Only a path finer than the candidate counts: an object's own URL
 * (`/users/{id}`) names nothing it belongs to.
 */
function pathBoundary(facts: RowFacts, field: string, options: InferenceOptions): Boundary | undefined {
  const candidate = facts.stats.get(field) as ValueStats;
  const finer = (other: string): boolean =>
    (facts.stats.get(other)?.values.size ?? 0) >= partitionFinerBy * candidate.values.size;
  const inPaths = new Set<TypeView>();
  let rows = 0;
  // Whether a finer field of the row holds a path with the row's `value` of the candidate (see `valueStatsOf` for
  // why `forEach`).
  let value = "";
  let found = false;
  const search = (text: string, other: string): void => {
    if (!found && other !== field && finer(other) && enclosingSegments(text).includes(value)) found = true;
  };
  for (const type of candidate.types) {
    for (const row of type.rows) {
      const own = row.get(field);
      if (own === undefined) continue;
      rows += 1;
      value = own;
      found = false;
      row.forEach(search);
      if (found) inPaths.add(type);
    }
  }
  if (inPaths.size < options.minSupport || inPaths.size * 2 < candidate.types.size || rows === 0) return undefined;
  return boundaryOf({
    field,
    evidence: "path",
    label: undefined,
    types: inPaths.size,
    rate: inPaths.size / candidate.types.size,
    partitions: [],
  });
}

/**
 * Partition and path boundaries learned within each source of a corpus of several (with `minSupport` types or more),
 * for fields no corpus-wide evidence made boundaries: sources that keep the tenant in a field of their own (the app's
 * `tenantId`, a payment provider's `account`, a partner's `org.id`) each show it only among their own types, too
 * few for `minShare` of the corpus. A field learned in two sources holds in both.
 */
function learnSourcePartitions(
  types: readonly TypeView[],
  options: InferenceOptions,
  known: ReadonlyMap<string, Boundary>,
): Map<string, Boundary> {
  const learned = new Map<string, Boundary>();
  const bySource = typesBySource(types);
  if (bySource.size < 2) return learned;
  for (const [source, members] of bySource) {
    if (members.length < options.minSupport) continue;
    for (const [field, boundary] of learnPartitions(members, options, known)) {
      const sources = [...(learned.get(field)?.sources ?? []), source];
      learned.set(field, { ...(learned.get(field) ?? boundary), sources });
    }
  }
  return learned;
}

/** The event types carrying a field, as a key: the same for fields carried by the same types. */
function typesKey(carriers: ReadonlySet<TypeView>): string {
  return [...carriers]
    .map((type) => `${type.source}\u0000${type.type}`)
    .sort()
    .join("\u0001");
}

/** True when some value of `field` occurs in two event types: it names something they share. */
function recursAcrossTypes(types: readonly TypeView[], field: string): boolean {
  const firstType = new Map<string, TypeView>();
  for (const type of types) {
    for (const row of type.rows) {
      const value = row.get(field);
      if (value === undefined) continue;
      const first = firstType.get(value);
      if (first === undefined) firstType.set(value, type);
      else if (first !== type) return true;
    }
  }
  return false;
}

/**
 * Fields that are items' own ids: their values mostly fill the last labelled segment of keys (`ORDER#o1`
 * at the end). They are carried by every event type of their entity, so an entity with many event types
 * in a small source would otherwise pass for a source-wide invariant.
 */
function learnItemIds(types: readonly TypeView[]): Set<string> {
  const innermost = new Map<string, number>();
  const enclosing = new Map<string, number>();
  for (const type of types) {
    for (const key of type.keys.values()) {
      for (const [label, links] of key.links) {
        const counts = (key.enclosingRates.get(label) ?? 0) < boundaryEnclosingRate ? innermost : enclosing;
        for (const [field, link] of links) counts.set(field, (counts.get(field) ?? 0) + link.match);
      }
    }
  }
  return new Set(
    [...innermost]
      .filter(([field, matches]) => matches > 0 && matches > (enclosing.get(field) ?? 0))
      .map(([field]) => field),
  );
}

/**
 * Fields a partition boundary determines and that are no boundary themselves: ids of what a tenant owns (its users,
 * documents, customers). Which types carry them follows what each type is about (an invoice names its customer, the
 * customer's own event names it as `id`), as for items' own ids, so they are no invariant: a type without them is
 * no gap. An inner boundary (a workspace a tenant owns, itself determining documents) stays one.
 */
function ownedIds(boundaries: ReadonlyMap<string, Boundary>): Set<string> {
  const owned = [...boundaries.values()].flatMap((boundary) => boundary.partitions);
  return new Set(owned.filter((field) => !boundaries.has(field)));
}

/** Event types grouped by source, in their order. */
export function typesBySource(types: readonly TypeView[]): Map<string, TypeView[]> {
  const bySource = new Map<string, TypeView[]>();
  for (const type of types) getOrInsert(bySource, type.source, () => []).push(type);
  return bySource;
}

/** The scopes related types are compared in: the corpus, and each source when there are several. */
function scopesOf(types: readonly TypeView[]): Map<string, readonly TypeView[]> {
  const scopes = new Map<string, TypeView[]>([[corpusScope, [...types]]]);
  const bySource = typesBySource(types);
  if (bySource.size > 1) for (const [source, members] of bySource) scopes.set(source, members);
  return scopes;
}

function supportOf(scope: string, members: readonly TypeView[], carries: (type: TypeView) => boolean): Support {
  const carriers = members.filter(carries).length;
  return { scope, carriers, types: members.length, share: members.length === 0 ? 0 : carriers / members.length };
}

function isSupported(support: Support, options: InferenceOptions): boolean {
  return support.carriers >= options.minSupport && support.share >= options.minShare;
}

function findInvariants(
  scopes: ReadonlyMap<string, readonly TypeView[]>,
  names: ReadonlyMap<string, string>,
  boundaries: ReadonlyMap<string, Boundary>,
  /** Items' own ids and the ids a tenant owns: no invariants. */
  itemIds: ReadonlySet<string>,
  options: InferenceOptions,
): Invariant[] {
  const invariants: Invariant[] = [];
  const corpusWide = new Set<string>();
  for (const [scope, members] of scopes) {
    const fieldIds = new Set(members.flatMap((type) => [...type.fields.keys()]));
    for (const field of fieldIds) {
      const boundary = boundaryIn(boundaries, field, scope);
      // A source's own invariant is judged apart from the corpus's only when it is a boundary there alone.
      if (scope !== corpusScope && corpusWide.has(field) && boundary?.sources === undefined) continue;
      if (itemIds.has(field)) continue;
      // The envelope's fields are the transport's: expected of every event only when they are a boundary.
      if (field.startsWith(envelopePrefix) && boundary === undefined) continue;
      const support = supportOf(scope, members, (type) => type.fields.has(field));
      if (!isSupported(support, options)) continue;
      // An object that wraps fields (`context`, `metadata`) is judged by its fields, which may sit elsewhere.
      if (members.filter((type) => type.fields.get(field)?.container === true).length * 2 > support.carriers) continue;
      const typicalRate = median(members.flatMap((type) => type.fields.get(field)?.rate ?? []));
      if (typicalRate < invariantTypicalRate) continue;
      if (scope === corpusScope) corpusWide.add(field);
      invariants.push({
        ...support,
        field,
        name: names.get(field) ?? field,
        typicalRate,
        boundary,
      });
    }
  }
  return invariants;
}

function findMajorityLabels(
  scopes: ReadonlyMap<string, readonly TypeView[]>,
  names: ReadonlyMap<string, string>,
  boundaries: ReadonlyMap<string, Boundary>,
  options: InferenceOptions,
): MajorityLabel[] {
  const boundaryByLabel = new Map([...boundaries.values()].map((boundary) => [boundary.label, boundary] as const));
  const labels: MajorityLabel[] = [];
  const corpusWide = new Set<string>();
  for (const [scope, members] of scopes) {
    const keyIds = new Set(members.flatMap((type) => [...type.keys.keys()]));
    for (const key of keyIds) {
      const keyed = members.filter((type) => type.keys.has(key));
      const labelNames = new Set(keyed.flatMap((type) => [...(type.keys.get(key)?.enclosingRates.keys() ?? [])]));
      for (const label of labelNames) {
        if (scope !== corpusScope && corpusWide.has(`${key}#${label}`)) continue;
        // Carried as a partition: the label of each item's own id, last in its keys, is no pattern to follow.
        const support = supportOf(
          scope,
          keyed,
          (type) => (type.keys.get(key)?.enclosingRates.get(label) ?? 0) >= labelCarriedRate,
        );
        if (!isSupported(support, options)) continue;
        if (scope === corpusScope) corpusWide.add(`${key}#${label}`);
        labels.push({ ...support, key, keyName: names.get(key) ?? key, label, boundary: boundaryByLabel.get(label) });
      }
    }
  }
  return labels;
}

/**
 * How a field named by the team (`--entities` fields, `--boundary`) resolves to a field id of a corpus whose field ids
 * are `known`: by the identity its path has there (`installation.id` stays qualified where `id` is generic, `tenantId`
 * is one field at any depth, `links[].url` keeps its array), and `account` is the envelope's when no payload field has
 * that name.
 */
function namedFieldId(known: ReadonlySet<string>, generic: ReadonlySet<string>): (name: string) => string {
  return (name) => {
    // `links[].url`: an array's elements keep their segment, as in the profile's paths (`links.[].url`).
    const segments = name.replaceAll(arraySegment, pathSeparator + arraySegment).split(pathSeparator);
    const path = segments.map((segment) => (segment === arraySegment ? segment : normalizeFieldName(segment)));
    const id = fieldIdOf(path.join(pathSeparator), generic);
    return known.has(id) || !known.has(envelopePrefix + id) ? id : envelopePrefix + id;
  };
}

/**
 * The names among `names` (`--boundary` hints) that no field of the profile is known by, as `infer` resolves them:
 * a misspelt hint bounds nothing.
 * @example unknownFieldNames(profile, ["tenantld", "tenantId"]) //=> ["tenantld"]
 */
export function unknownFieldNames(profile: Profile, names: readonly string[]): string[] {
  const generic = genericLeaves(profile.types.map((type) => Object.keys(type.fields)));
  const known = new Set(
    profile.types.flatMap((type) => Object.keys(type.fields).map((path) => fieldIdOf(path, generic))),
  );
  const idOf = namedFieldId(known, generic);
  return names.filter((name) => !known.has(idOf(name)));
}

/**
 * The declared opt-outs with, for each type, the learned boundaries of the levels it goes without: those learned from
 * the key labels of those levels (a tenant-level type and a `CAPSULE#` boundary whose field no definition names), and
 * those learned from partitions or paths that lie inside one of its own declared fields (each of their values seen
 * twice goes with one value of it, and there are more of them: a capsule inside its tenant, not a synonym of it). A
 * type that declares no field of its own (a global one) goes without every boundary.
 */
function withInnerLevels(
  optOuts: ByDeclaredType<ReadonlySet<string>>,
  labels: ByDeclaredType<readonly string[]>,
  required: ByDeclaredType<ReadonlySet<string>>,
  boundaries: ReadonlyMap<string, Boundary>,
  types: readonly TypeView[],
): ByDeclaredType<ReadonlySet<string>> {
  const byLabel = new Map<string, string[]>();
  for (const boundary of boundaries.values())
    if (boundary.label !== undefined) getOrInsert(byLabel, boundary.label, () => []).push(boundary.field);
  const learned = [...boundaries.values()].filter(
    (boundary) => boundary.evidence === "partition" || boundary.evidence === "path",
  );
  const all = new Set(boundaries.keys());
  const into = new Map<string, Map<string, Dependency>>();
  const inside = (boundary: Boundary, own: string): boolean => {
    const dependency = getOrInsert(into, own, () => dependenciesInto(types, own)).get(boundary.field);
    return dependency !== undefined && holds(dependency) && dependency.targets < dependency.tested;
  };
  const result = new Map<string, Map<string | undefined, ReadonlySet<string>>>();
  for (const [type, bySource] of labels)
    for (const [source, without] of bySource) {
      const fields = new Set(optOuts.get(type)?.get(source));
      for (const label of without) for (const field of byLabel.get(label) ?? []) fields.add(field);
      const own = [...(required.get(type)?.get(source) ?? [])];
      if (own.length === 0) for (const field of all) fields.add(field);
      else if (without.length > 0)
        for (const boundary of learned) if (own.some((field) => inside(boundary, field))) fields.add(boundary.field);
      getOrInsert(result, type, () => new Map()).set(source, fields);
    }
  return result;
}

/**
 * Learns, with no rules given, which fields related event types carry (invariants, with support), which
 * fields are isolation boundaries (their values are labelled key segments), and which key labels most
 * keys have.
 */
export function infer(
  profile: Profile,
  options: InferenceOptions = defaultInferenceOptions,
  declarations: Declarations = noDeclarations,
): Inference {
  const generic = genericLeaves(profile.types.map((type) => Object.keys(type.fields)));
  const cutDepth = profile.depthCut.count > 0 ? profile.settings?.maxDepth : undefined;
  const types = profile.types.map((type) => viewType(type, generic, cutDepth));
  const paths = namesOf(types, (field) => field.paths);
  // A generic leaf is shown with its parent, as it is known (`sender.id`); the others by their leaf (`tenantId`).
  const names = new Map(
    [...namesOf(types, (field) => field.names)].map(([id, name]) => {
      const path = paths.get(id) ?? name;
      const qualified = id.includes(pathSeparator) && !id.includes(arraySegment);
      return [id, qualified ? path.split(pathSeparator).slice(-2).join(pathSeparator) : name] as const;
    }),
  );
  const idOf = namedFieldId(new Set(types.flatMap((type) => [...type.fields.keys()])), generic);
  const keyed = learnBoundaries(types, options);
  const learned = learnPartitions(types, options, keyed);
  const stated = new Map<string, Boundary>();
  for (const [name, evidence] of declarations.boundaries) {
    const field = idOf(name);
    // A declared field that no event carries is named as the definitions write it (`tenantId`), not by its id.
    if (!names.has(field))
      names.set(field, name.split(pathSeparator).slice(-field.split(pathSeparator).length).join(pathSeparator));
    // It keeps the key label its values fill and the ids it partitions, when the corpus shows them: its key segments
    // are still compared with it (a key naming another tenant is CRITICAL), a key lacking the label still lacks a
    // boundary, and the ids it owns (users, pages) are still no invariants.
    const label = keyed.get(field)?.label;
    const partitions = learned.get(field)?.partitions ?? [];
    stated.set(field, boundaryOf({ field, evidence, label, types: 0, rate: 1, partitions }));
  }
  const boundaries = new Map<string, Boundary>();
  // Declared and hinted boundaries override what was learned; key labels come before partitions and paths, and what
  // holds corpus-wide before what holds within sources.
  for (const [field, boundary] of [
    ...learnSourcePartitions(types, options, new Map([...learned, ...keyed])),
    ...learned,
    ...keyed,
    ...stated,
  ])
    boundaries.set(field, { ...boundary, description: describeBoundary(boundary, names) });
  const resolved = (byType: ByDeclaredType<readonly string[]>): ByDeclaredType<ReadonlySet<string>> =>
    new Map(
      [...byType].map(
        ([type, bySource]) =>
          [
            type,
            new Map([...bySource].map(([source, fields]) => [source, new Set(fields.map(idOf))] as const)),
          ] as const,
      ),
    );
  const required = resolved(declarations.required);
  const scopes = scopesOf(types);
  return {
    types,
    names,
    paths,
    boundaries,
    invariants: findInvariants(
      scopes,
      names,
      boundaries,
      new Set([...learnItemIds(types), ...ownedIds(boundaries)]),
      options,
    ),
    labels: findMajorityLabels(scopes, names, boundaries, options),
    required,
    optOuts: withInnerLevels(resolved(declarations.optOuts), declarations.optOutLabels, required, boundaries, types),
    optOutLabels: new Map(
      [...declarations.optOutLabels].map(
        ([type, bySource]) =>
          [type, new Map([...bySource].map(([source, labels]) => [source, new Set(labels)] as const))] as const,
      ),
    ),
  };
}
