/**
 * Inference: learns from a profile, with no rules given and no words of the domain, which fields related
 * event types carry (invariants) and which fields are isolation boundaries.
 */
import { getOrInsert } from "../internal/get-or-insert.js";
import type { Profile } from "./profile.js";
import { type TypeView, dominant, viewType } from "./type-view.js";

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

/** A field learned to be an isolation boundary: its values are the `label` segment of keys. */
export interface Boundary {
  readonly field: string;
  readonly label: string;
  /** Event types in which the field's values appeared as that segment. */
  readonly types: number;
  /** Share of the comparable key segments whose value was the field's own. */
  readonly rate: number;
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
  readonly boundaries: ReadonlyMap<string, Boundary>;
  readonly invariants: readonly Invariant[];
  readonly labels: readonly MajorityLabel[];
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
/** Fields carried by fewer events than this in the types that have them are optional, not invariants. */
const invariantTypicalRate = 0.5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The display name of every field id: its most frequent spelling across the corpus. */
function namesOf(types: readonly TypeView[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const type of types) {
    for (const field of type.fields.values()) {
      const names = getOrInsert(counts, field.id, () => new Map<string, number>());
      for (const [name, count] of field.names) names.set(name, (names.get(name) ?? 0) + count);
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
      boundaries.set(field, { field, label, types: total.types.size, rate });
    }
  }
  return boundaries;
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
  itemIds: ReadonlySet<string>,
  options: InferenceOptions,
): Invariant[] {
  const invariants: Invariant[] = [];
  const corpusWide = new Set<string>();
  for (const [scope, members] of scopes) {
    const fieldIds = new Set(members.flatMap((type) => [...type.fields.keys()]));
    for (const field of fieldIds) {
      if ((scope !== corpusScope && corpusWide.has(field)) || itemIds.has(field)) continue;
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
        boundary: boundaries.get(field),
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
 * Learns, with no rules given, which fields related event types carry (invariants, with support), which
 * fields are isolation boundaries (their values are labelled key segments), and which key labels most
 * keys have.
 */
export function infer(profile: Profile, options: InferenceOptions = defaultInferenceOptions): Inference {
  const types = profile.types.map(viewType);
  const names = namesOf(types);
  const boundaries = learnBoundaries(types, options);
  const scopes = scopesOf(types);
  return {
    types,
    names,
    boundaries,
    invariants: findInvariants(scopes, names, boundaries, learnItemIds(types), options),
    labels: findMajorityLabels(scopes, names, boundaries, options),
  };
}
