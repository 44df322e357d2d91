/**
 * Type views: an event type's profile with its paths collapsed to field identities, ready for inference.
 */
import { getOrInsert } from "../internal/get-or-insert.js";
import { arraySegment, fieldIdOf, leafOf, pathSeparator } from "./field-name.js";
import { enclosingLabelsOfShape, labelsOfShape } from "./key-shape.js";
import type { CorpusLocation, DifferSample, TypeProfile } from "./profile.js";

/** One field of one event type, known by its field id (see `fieldIdOf`). */
export interface FieldView {
  readonly id: string;
  /** Events carrying it; when several paths share the id, the largest count (a lower bound of the union). */
  readonly count: number;
  /** Share of the type's events carrying it. */
  readonly rate: number;
  /** Leaf spellings as written (`capsule_id`, `CapsuleID`) with occurrence counts. */
  readonly names: ReadonlyMap<string, number>;
  /** Full paths as written (`context.capsuleId`) with occurrence counts. */
  readonly paths: ReadonlyMap<string, number>;
  /** Mostly an object: a container whose own fields are what matters. */
  readonly container: boolean;
}

/** Link counts between one key label and one field, summed over the field's paths. */
export interface LinkView {
  match: number;
  differ: number;
  readonly samples: DifferSample[];
}

/** The key-shaped values of one field (by field id) in one event type. */
export interface KeyView {
  readonly id: string;
  readonly count: number;
  readonly shapes: ReadonlyMap<string, number>;
  /** label → share of the key values carrying it. */
  readonly labelRates: ReadonlyMap<string, number>;
  /** label → share of the key values in which it encloses more of the key (see `enclosingLabelsOfShape`). */
  readonly enclosingRates: ReadonlyMap<string, number>;
  /** label → field id → link counts. */
  readonly links: ReadonlyMap<string, ReadonlyMap<string, LinkView>>;
}

/** An event type with its fields and keys collapsed to field ids, ready for inference. */
export interface TypeView {
  readonly source: string;
  readonly type: string;
  readonly count: number;
  readonly first: CorpusLocation;
  readonly fields: ReadonlyMap<string, FieldView>;
  readonly keys: ReadonlyMap<string, KeyView>;
  /** The sampled rows, by field id (see `SampleRow`). */
  readonly rows: readonly ReadonlyMap<string, string>[];
  /**
   * The objects and arrays its events hold at `--max-depth`, whose fields were not read (`route.tenancy.owner.scope`):
   * a field it seems to lack may be under one of them. Empty when the profile's depth cut is.
   */
  readonly cut: readonly string[];
}

function add(map: Map<string, number>, key: string, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

/** The most frequent key of a count map (ties: the first seen). */
export function dominant(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

function fieldsOf(profile: TypeProfile, generic: ReadonlySet<string>): Map<string, FieldView> {
  const building = new Map<
    string,
    { count: number; objects: number; values: number; names: Map<string, number>; paths: Map<string, number> }
  >();
  for (const [path, field] of Object.entries(profile.fields)) {
    const view = getOrInsert(building, fieldIdOf(path, generic), () => ({
      count: 0,
      objects: 0,
      values: 0,
      names: new Map<string, number>(),
      paths: new Map<string, number>(),
    }));
    // A field sent as null is not carried (`capsule_id: null` isolates nothing). Outside arrays a path has one
    // value per event, so its null kind counts events.
    view.count = Math.max(
      view.count,
      path.includes(arraySegment) ? field.count : field.count - (field.kinds.null ?? 0),
    );
    view.objects += field.kinds.object ?? 0;
    for (const kind of Object.values(field.kinds)) view.values += kind;
    for (const [spelling, count] of Object.entries(field.spellings)) {
      add(view.names, leafOf(spelling), count);
      add(view.paths, spelling, count);
    }
  }
  const fields = new Map<string, FieldView>();
  for (const [id, { count, objects, values, names, paths }] of building) {
    if (count === 0) continue;
    fields.set(id, {
      id,
      count,
      names,
      paths,
      rate: profile.count === 0 ? 0 : count / profile.count,
      container: objects * 2 > values,
    });
  }
  return fields;
}

function keysOf(profile: TypeProfile, generic: ReadonlySet<string>): Map<string, KeyView> {
  const keys = new Map<
    string,
    { count: number; shapes: Map<string, number>; links: Map<string, Map<string, LinkView>> }
  >();
  for (const [path, key] of Object.entries(profile.keys)) {
    const view = getOrInsert(keys, fieldIdOf(path, generic), () => ({
      count: 0,
      shapes: new Map<string, number>(),
      links: new Map<string, Map<string, LinkView>>(),
    }));
    view.count = Math.max(view.count, key.count);
    for (const [shape, count] of Object.entries(key.shapes)) add(view.shapes, shape, count);
    for (const [label, byField] of Object.entries(key.links)) {
      const links = getOrInsert(view.links, label, () => new Map<string, LinkView>());
      for (const [fieldPath, link] of Object.entries(byField)) {
        const existing = getOrInsert(links, fieldIdOf(fieldPath, generic), (): LinkView => ({
          match: 0,
          differ: 0,
          samples: [],
        }));
        existing.match += link.match;
        existing.differ += link.differ;
        existing.samples.push(...link.samples);
      }
    }
  }
  const views = new Map<string, KeyView>();
  for (const [id, view] of keys) {
    const total = [...view.shapes.values()].reduce((sum, count) => sum + count, 0);
    const rates = (labelsOf: (shape: string) => string[]): Map<string, number> => {
      const events = new Map<string, number>();
      for (const [shape, count] of view.shapes) for (const label of new Set(labelsOf(shape))) add(events, label, count);
      return new Map([...events].map(([label, count]) => [label, count / total] as const));
    };
    views.set(id, {
      id,
      count: view.count,
      shapes: view.shapes,
      labelRates: rates(labelsOfShape),
      enclosingRates: rates(enclosingLabelsOfShape),
      links: view.links,
    });
  }
  return views;
}

/**
 * Collapses a type profile's paths to field ids, `generic` being the corpus's generic leaves (`genericLeaves`);
 * `cutDepth` is the profile's `--max-depth` when it cut fields (see `TypeView.cut`).
 */
export function viewType(profile: TypeProfile, generic: ReadonlySet<string>, cutDepth?: number): TypeView {
  return {
    source: profile.source,
    type: profile.type,
    count: profile.count,
    first: profile.first,
    fields: fieldsOf(profile, generic),
    keys: keysOf(profile, generic),
    rows: rowsOf(profile, generic),
    cut: cutDepth === undefined ? [] : cutAt(profile, cutDepth),
  };
}

/** The paths of `depth` segments that hold objects or arrays in some of the type's events: their fields were cut. */
function cutAt(profile: TypeProfile, depth: number): string[] {
  return Object.entries(profile.fields)
    .filter(
      ([path, field]) =>
        (field.kinds.object ?? 0) + (field.kinds.array ?? 0) > 0 && path.split(pathSeparator).length === depth,
    )
    .map(([path]) => dominant(new Map(Object.entries(profile.fields[path]?.spellings ?? {}))) ?? path);
}

/** The sampled rows by field id; a type's rows share their paths, so each path's id is worked out once. */
function rowsOf(profile: TypeProfile, generic: ReadonlySet<string>): Map<string, string>[] {
  const ids = new Map<string, string>();
  return profile.rows.map((row) => {
    const values = new Map<string, string>();
    for (const path in row.values) {
      let id = ids.get(path);
      if (id === undefined) {
        id = fieldIdOf(path, generic);
        ids.set(path, id);
      }
      values.set(id, row.values[path] as string);
    }
    return values;
  });
}

/** The field of `type` whose values most often fill the `label` segment of key `key`, if any. */
export function linkedField(type: TypeView, key: string, label: string): FieldView | undefined {
  const links = type.keys.get(key)?.links.get(label);
  if (links === undefined) return undefined;
  let best: string | undefined;
  let bestMatch = 0;
  for (const [fieldId, link] of links) {
    if (link.match > bestMatch) {
      best = fieldId;
      bestMatch = link.match;
    }
  }
  return best === undefined ? undefined : type.fields.get(best);
}
