/**
 * The profiler: one pass over the events, in bounded memory, into a mergeable profile of every event type.
 */
import { BottomK, type HashedRow, type SampleCeilings } from "./bottom-k.js";
import {
  type EventRejection,
  TapeEvent,
  type WrapperKind,
  envelopeFields,
  toAuditEvent,
  wrapperRejection,
} from "./event.js";
import { arraySegment, normalizeFieldName, pathSeparator } from "./field-name.js";
import {
  ByteTape,
  arrayEnd,
  arrayStart,
  falseToken,
  keyToken,
  nullToken,
  numberToken,
  objectStart,
  stringToken,
  trueToken,
} from "./byte-tape.js";
import type { InputFingerprint } from "./input-fingerprint.js";
import { KeyScratch, mayBeKeyShaped, rangeMix } from "./key-shape.js";
import type { RecordSink, SkipReason } from "./reader.js";

/** The kinds of JSON value a field is seen with. */
export type ValueKind = "string" | "number" | "boolean" | "null" | "object" | "array";

/** A place in the corpus: input name and 1-based line. */
export interface CorpusLocation {
  readonly file: string;
  readonly line: number;
}

/** Presence of one normalized field path in one event type. */
export interface FieldProfile {
  /** Events of the type that carry the field (at least once). */
  count: number;
  kinds: Partial<Record<ValueKind, number>>;
  /** Paths as written in the events (`context.capsuleId`), with their occurrence counts. */
  spellings: Record<string, number>;
}

/** An event whose key segment matched none of its own fields, with one field value it differs from. */
export interface DifferSample extends CorpusLocation {
  readonly segment: string;
  readonly value: string;
}

/** How often a labelled key segment carried a field's value (`match`) or, finding none, differed (`differ`). */
export interface LinkProfile {
  match: number;
  differ: number;
  samples: DifferSample[];
}

/** The key-shaped values of one field path in one event type. */
export interface KeyProfile {
  /** Events whose value of this field was key-shaped. */
  count: number;
  /** `TENANT#{}#CAPSULE#{}` → events. */
  shapes: Record<string, number>;
  /** label → field path → link counts. */
  links: Record<string, Record<string, LinkProfile>>;
}

/** Everything seen of one event type. */
export interface TypeProfile {
  readonly source: string;
  readonly type: string;
  count: number;
  first: CorpusLocation;
  /** Keyed by normalized field path (`context.capsuleid`, `items[].sku`). */
  fields: Record<string, FieldProfile>;
  /** Keyed by the normalized path of the field holding the key (`pk`, `keys.gsi1pk`). */
  keys: Record<string, KeyProfile>;
  /** Field occurrences not profiled because the type reached the per-type field limit. */
  dropped: number;
  /** Sorted by hash, at most `profileLimits.rowsPerType`. */
  rows: SampleRow[];
}

/**
 * A sample of one event's scalar values (strings and whole numbers, by normalized field path), kept by bottom-k
 * sampling on `hash`: the rows of the smallest hashes are kept, so the sample of merged shards is the sample of the
 * whole corpus, whatever the grouping. Inference reads which values occur together (see `learnPartitions`).
 */
export interface SampleRow {
  readonly hash: number;
  readonly values: Readonly<Record<string, string>>;
}

/** Field occurrences left out because they are deeper than `--max-depth`, with the first such path. */
export interface DepthCut {
  count: number;
  example: string;
}

/** Lines that were not events. */
export interface SkippedProfile {
  count: number;
  byReason: Partial<Record<SkipReason, number>>;
  /** The first few, with where they are. */
  samples: (CorpusLocation & { readonly reason: SkipReason })[];
}

/**
 * What the audit learns from a corpus: a plain JSON document that merges associatively (see
 * `mergeProfiles`), so shards can be profiled anywhere and combined. See docs/audit.md, "Shards and baselines".
 */
export interface Profile {
  readonly format: typeof profileFormat;
  readonly version: typeof profileVersion;
  events: number;
  skipped: SkippedProfile;
  /** Events found inside wrappers (SQS, SNS, PutEvents requests, Lambda batches), by wrapper. */
  unwrapped: Partial<Record<WrapperKind, number>>;
  depthCut: DepthCut;
  /** Sorted by source, then type. */
  types: TypeProfile[];
  /** What it was made with; `null` in a profile of no input (`emptyProfile`) and in a piece of one, which merge with any. */
  settings: ProfileSettings | null;
  /** The inputs it counts, in order: `audit merge` and `--profile` count each once. */
  inputs: InputFingerprint[];
}

/**
 * The settings that change what a profile holds: profiles merge only when made with the same (see `mergeProfiles`).
 * `limits` are `profileLimits`, the same in every run of one capsule-entity version.
 */
export interface ProfileSettings {
  readonly maxDepth: number;
  readonly maxLineLength: number;
  readonly limits: Readonly<Record<string, number>>;
}

/** The `format` tag of a profile document. */
export const profileFormat = "capsule-entity-audit-profile";
/**
 * The version of the profile document: its layout, and the skip reasons and wrapper kinds it may name. A new skip
 * reason or wrapper kind is a new version (see `profileVocabulary` in profile-file.ts), so that an older reader
 * refuses the file as written by a newer capsule-entity instead of failing on a name it does not know.
 */
export const profileVersion = 4;

/**
 * The first character of an envelope field's path (`$account`): normalized names have letters and digits only, so
 * an envelope field never merges with a payload field of the same name. Inference knows them by it.
 */
export const envelopePrefix = "$";

/** Profiling limits. */
export interface ProfilerOptions {
  /** How deep nested objects are followed (1 = top-level fields only). */
  readonly maxDepth: number;
}

/** Default profiling limits. */
export const defaultProfilerOptions: ProfilerOptions = { maxDepth: 4 };

/** Bounds that keep memory flat on hostile input (random keys, huge arrays, endless event types). */
export const profileLimits = {
  fieldsPerType: 1000,
  types: 10_000,
  arrayElements: 32,
  labelsPerKey: 64,
  shapesPerKey: 256,
  leafLength: 128,
  differSamples: 3,
  skippedSamples: 100,
  rowsPerType: 128,
  /** How deep wrappers may nest (an SNS notification in an SQS message in a Lambda batch is 3). */
  wrapperDepth: 4,
} as const;

/** A record with no prototype: keys come from the data, so `__proto__` must stay an ordinary key. */
export function dataRecord<TValue>(): Record<string, TValue> {
  return Object.create(null) as Record<string, TValue>;
}

const kindNames: readonly ValueKind[] = ["string", "number", "boolean", "null", "object", "array"];

class FieldAccumulator {
  count = 0;
  /** The event stamp that last counted this field, so an event counts once however often it carries it. */
  seen = 0;
  readonly kinds: Record<ValueKind, number> = { string: 0, number: 0, boolean: 0, null: 0, object: 0, array: 0 };
  key: KeyAccumulator | undefined;
  constructor(
    readonly path: string,
    /** The field's place in its type's fields: where its links sit in a `LinkTable`. */
    readonly id: number,
  ) {}
}

/** A link's counts while profiling: a class, so that the profile's plain `LinkProfile` objects never share its map. */
class LinkCounts implements LinkProfile {
  match = 0;
  differ = 0;
  readonly samples: DifferSample[] = [];
}

/** The links of one key label, by field: an array indexed by field id, and the fields in the order first linked. */
class LinkTable {
  private readonly byId: (LinkCounts | undefined)[] = [];
  readonly fields: FieldAccumulator[] = [];

  of(field: FieldAccumulator): LinkCounts {
    let link = this.byId[field.id];
    if (link === undefined) {
      link = new LinkCounts();
      this.byId[field.id] = link;
      this.fields.push(field);
    }
    return link;
  }
}

class PathNode {
  readonly children = new Map<string, PathNode>();
  /** The node of this field's array elements (`items[]`), apart from `children` since any string can be a key. */
  elements: PathNode | undefined;
  count = 0;
  /** The object of a tape that last named this key (see `Profiler.resolveObject`): a key named twice is seen by it. */
  objectStamp = 0;
  /**
   * The child whose key came first in the last object resolved here, and for a child, the sibling whose key came
   * after its own (see `childAt`): most events of a type write their keys in one order, so each key is compared in
   * place with one node's, or with the next few along the chain when optional keys are missing.
   */
  firstChild: PathNode | undefined;
  nextSibling: PathNode | undefined;
  constructor(
    /** The key as written (`capsuleId`; `[]` for array elements). */
    readonly key: string,
    readonly spelling: string,
    readonly field: FieldAccumulator | undefined,
    readonly depth: number,
  ) {}
}

class KeyAccumulator {
  count = 0;
  seen = 0;
  /**
   * Shape counts by the shape's hash, so the shape text is built once per shape, not once per event. Shapes whose
   * 32-bit hashes collide are chained through `next` and told apart by their text (`KeyScratch.shapeIs`).
   */
  readonly shapes = new Map<number, ShapeEntry>();
  /** The entries in `shapes`, chains included. */
  shapeCount = 0;
  /** The shape of the last event, found again without a map lookup when the next one has the same. */
  last: ShapeEntry | undefined;
  lastHash = 0;
  /** Label slots, found by a linear scan: a key has a handful of labels, and a fresh label string costs a hash. */
  readonly labels: string[] = [];
  readonly links: LinkTable[] = [];

  /**
   * The links of the label of the scratch's segment `segment` (compared in place), or undefined once the key has more
   * labels than a real key ever has.
   */
  linksOf(scratch: KeyScratch, segment: number): LinkTable | undefined {
    const labels = this.labels;
    for (let index = 0; index < labels.length; index++)
      if (scratch.labelIs(segment, labels[index] as string)) return this.links[index];
    if (labels.length >= profileLimits.labelsPerKey) return undefined;
    const links = new LinkTable();
    labels.push(scratch.label(segment));
    this.links.push(links);
    return links;
  }
}

/** One shape of a key field: its text, its count and, by segment, the label's links (found once per shape). */
interface ShapeEntry {
  readonly shape: string;
  readonly parts: number;
  count: number;
  /** The links of segment i's label (undefined past `labelsPerKey`); filled on the shape's first event. */
  readonly links: (LinkTable | undefined)[];
  /** Whether `links` is filled. */
  linked: boolean;
  /** The next shape of the same hash (a collision), if any. */
  readonly next: ShapeEntry | undefined;
}

/** A row of the sample as held while profiling (its hash apart, see `BottomK`): the event's leaves, in visit order. */
interface HeldRow {
  readonly fields: readonly FieldAccumulator[];
  readonly values: readonly (string | number)[];
}

class TypeAccumulator {
  count = 0;
  dropped = 0;
  /** The bottom-k sample of the rows (see `SampleRow`). */
  readonly rows: BottomK<HeldRow>;
  readonly root = new PathNode("", "", undefined, 0);
  /** The envelope's fields, apart from the payload's (see `envelopePrefix`), in the order first seen. */
  readonly envelope = new Map<string, PathNode>();
  /** The same nodes by their place in `envelopeFields`. */
  readonly envelopeNodes: (PathNode | undefined)[] = [];
  readonly fields = new Map<string, FieldAccumulator>();
  constructor(
    readonly source: string,
    readonly type: string,
    /** Where the type was first seen; the profile's `first` is built at the end (see `Profiler.typeOf`). */
    readonly firstFile: string,
    readonly firstLine: number,
    rowCeiling: number,
  ) {
    this.rows = new BottomK<HeldRow>(profileLimits.rowsPerType, rowCeiling);
  }
}

/**
 * Builds a profile from records, one at a time, in bounded memory: per event type, the presence and
 * value kinds of every field path, the shapes of key-shaped values, and which fields' values appear as
 * which labelled key segments.
 */
export class Profiler {
  private events = 0;
  // The skipped lines and the depth cut are counted in fields of the profiler and made objects in `toProfile`: an
  // object literal of the profiler's output that shares its first fields with one of these (`{ count, … }`), built
  // for the first time in `toProfile`, would change their map's fields and deoptimise the code that counts in them.
  private skippedCount = 0;
  private readonly skippedByReason: Partial<Record<SkipReason, number>> = {};
  private readonly skippedSamples: SkippedProfile["samples"] = [];
  private readonly unwrapped: Partial<Record<WrapperKind, number>> = {};
  private depthCutCount = 0;
  private depthCutExample = "";
  private readonly types = new Map<string, Map<string, TypeAccumulator>>();
  private typeCount = 0;
  private stamp = 0;
  private file = "";
  // Per-event scratch space, reused so that profiling allocates nothing per event in the steady state.
  // The arrays start in the elements kind they end in (see `scratchArray`).
  private readonly leafFields: FieldAccumulator[] = scratchArray();
  /** Strings, and whole numbers kept as numbers (made strings only for a sampled row or a key sample). */
  private readonly leafValues: (string | number)[] = scratchArray();
  /**
   * For a leaf read from a tape, the token of its string, made a string only when it is needed (`leafValue`): a
   * sampled row, a key segment of the same mix, a differing link's sample. -1 for a value in `leafValues`.
   */
  private leafTokens = new Int32Array(scratchLength);
  /** Each leaf's mix (`rangeMix` of a string, the bits of a number): what the row hash mixes, and a key segment's first test. */
  private leafMixes = new Int32Array(scratchLength);
  private leafCount = 0;
  /** The row hash of the leaves collected so far (see `sampleRow`). */
  private rowHash = 0;
  private readonly keyFields: FieldAccumulator[] = scratchArray();
  private readonly keyScratches: KeyScratch[] = scratchArray();
  private keyCount = 0;

  /** The objects of the tapes resolved so far (see `resolveObject`). */
  private objectStamp = 0;
  /** Lines `addBytes` refused in a row. */
  private refusedInRow = 0;
  /** The visits resolved of the line being profiled (see `resolveValue`). */
  private visitCount = 0;

  /**
   * `ceilings`: what the thread learnt of the sample from the parts of the corpus it profiled before this one.
   * `fromBytes`: whether lines are profiled from their bytes when they can be (`addBytes`); false profiles every line
   * from `JSON.parse`'s value, the reference the bytes' profile is tested against.
   */
  constructor(
    private readonly options: ProfilerOptions = defaultProfilerOptions,
    private readonly ceilings?: SampleCeilings | undefined,
    private readonly fromBytes = true,
  ) {}

  /**
   * A sink for `readRecords` that attributes records and skipped lines to the named input, their line numbers shifted
   * by `lineOffset` (the lines before a range of the file).
   */
  sinkFor(file: string, lineOffset = 0): RecordSink {
    return new ProfilerSink(this, file, lineOffset);
  }

  /** Profiles one record of the input `file` (a `ProfilerSink`'s entry). */
  addRecord(file: string, value: unknown, line: number): void {
    this.file = file;
    this.add(value, line);
  }

  /**
   * Profiles one line of the input `file` from its bytes (`bytes[start, end)`, no line break), as `addRecord` profiles
   * its `JSON.parse` value, into the same profile, without decoding the line or building the value: false, with
   * nothing counted, when it leaves the line to the decoder, `JSON.parse` and `addRecord`. It reads the line into a
   * tape (see `ByteTape`) and the tape as an event (see `TapeEvent`), then resolves every value to its known path node
   * in the order `visit` meets them (`resolveObject`) and only then counts them (`countValue`): a line with a key not
   * seen before in its place, a key given twice, or anything else the object path would read otherwise, is handed back
   * before anything is counted.
   */
  addBytes(file: string, bytes: Uint8Array, start: number, end: number, line: number): boolean {
    if (!this.fromBytes) return false;
    // A corpus whose lines the tape mostly leaves to `JSON.parse` (each event with keys never seen, text that is not
    // ASCII) would pay the tape on top of the object path: after `backoffAfter` refusals in a row, only one line in
    // `backoffStride` is tried until one is taken.
    const refused = this.refusedInRow;
    if (refused >= backoffAfter && refused % backoffStride !== 0) {
      this.refusedInRow = refused + 1;
      return false;
    }
    const taken = this.profileBytes(file, bytes, start, end, line);
    this.refusedInRow = taken ? 0 : refused + 1;
    return taken;
  }

  /** `addBytes` without the back-off. */
  private profileBytes(file: string, bytes: Uint8Array, start: number, end: number, line: number): boolean {
    const tape = sharedTape;
    // At the type limit, `typeOf` counts a skipped line: `addRecord` is left to count it once.
    if (this.typeCount >= profileLimits.types) return false;
    if (!tape.read(bytes, start, end) || !sharedEvent.read(tape)) return false;
    const event = sharedEvent;
    this.file = file;
    // A type made here and then handed back is the one `addRecord` finds: made from the same line.
    const type = this.typeOf(event.source, event.type, line);
    this.visitCount = 0;
    if (type === undefined || !this.resolveObject(type.root, event.payload, event.omittedType, event.omittedSource))
      return false;
    const envelope = event.envelope;
    for (let index = 0; index < envelope.length; index++) {
      const value = envelope[index] as number;
      if (value === -1) continue;
      const node = type.envelopeNodes[index];
      if (node === undefined || !this.resolveValue(node, value, false)) return false;
    }
    this.startEvent(type);
    // The values in the order `visit` meets them, each counted on its own (a container's contents follow it).
    const count = this.visitCount;
    for (let visit = 0; visit < count; visit++)
      this.countValue(visitNodes[visit] as PathNode, visitTokens[visit] as number, visitInArray[visit] === 1);
    this.endEvent(type, line);
    return true;
  }

  /** Counts a line the reader skipped. */
  recordSkip(reason: SkipReason, file: string, line: number): void {
    this.skippedCount += 1;
    this.skippedByReason[reason] = (this.skippedByReason[reason] ?? 0) + 1;
    if (this.skippedSamples.length < profileLimits.skippedSamples) this.skippedSamples.push({ file, line, reason });
  }

  /**
   * A record that is no event, named by its wrapper, but a batch's elements by what they are themselves (a batch says
   * nothing of them). Apart from `add`, which every event runs, to keep it small.
   */
  private skipRecord(rejection: EventRejection, line: number, wrapper: WrapperKind | undefined): void {
    const plain = (rejection === "not-an-object" || rejection === "no-event-type") && wrapper !== "lambda-batch";
    this.recordSkip(plain && wrapper !== undefined ? wrapperRejection[wrapper] : rejection, this.file, line);
  }

  /** Profiles one record; `wrapper` is the wrapper it came out of, whose name a content that is no event gets. */
  private add(value: unknown, line: number, wrapper?: WrapperKind, depth = 0): void {
    const event = toAuditEvent(value);
    if (typeof event === "string") {
      this.skipRecord(event, line, wrapper);
      return;
    }
    if ("wrapper" in event) {
      if (depth >= profileLimits.wrapperDepth) {
        this.recordSkip("wrappers-too-deep", this.file, line);
        return;
      }
      this.unwrapped[event.wrapper] = (this.unwrapped[event.wrapper] ?? 0) + 1;
      for (const inner of event.inner) this.add(inner, line, event.wrapper, depth + 1);
      return;
    }
    const type = this.typeOf(event.source, event.type, line);
    if (type === undefined) return;
    this.startEvent(type);
    this.walk(type, type.root, event.payload, event.envelopeKeys);
    if (event.envelope !== undefined) this.walkEnvelope(type, event.envelope);
    this.endEvent(type, line);
  }

  private startEvent(type: TypeAccumulator): void {
    this.events += 1;
    this.stamp += 1;
    type.count += 1;
    this.leafCount = 0;
    this.rowHash = rowHashSeed;
    this.keyCount = 0;
  }

  private endEvent(type: TypeAccumulator, line: number): void {
    if (this.keyCount > 0) this.linkKeys(line);
    if (this.leafCount > 0) this.sampleRow(type);
  }

  /** Keeps this event's scalar values if their hash is among the type's `rowsPerType` smallest. */
  private sampleRow(type: TypeAccumulator): void {
    // An FNV-1a-style mix of each value's `rangeMix` (a number: its bits), in event order (see `collectLeaf`),
    // deterministic, so every shard samples the same events, and cheap, since it runs for every event.
    const hash = (this.rowHash ^ (this.rowHash >>> 15)) >>> 0;
    if (!type.rows.wants(hash)) return;
    // The leaves are copied as they are; the row's record is built only for the rows still kept at the end.
    const count = this.leafCount;
    for (let leaf = 0; leaf < count; leaf++) this.leafValue(leaf);
    type.rows.add(hash, { fields: this.leafFields.slice(0, count), values: this.leafValues.slice(0, count) });
  }

  private typeOf(source: string, name: string, line: number): TypeAccumulator | undefined {
    // Not the shared `getOrInsert`: its call of the factory, polymorphic across the audit, deoptimised this code
    // when another caller's factory reached it.
    let bySource = this.types.get(source);
    if (bySource === undefined) {
      bySource = new Map();
      this.types.set(source, bySource);
    }
    let type = bySource.get(name);
    if (type === undefined) {
      if (this.typeCount >= profileLimits.types) {
        this.recordSkip("type-limit", this.file, line);
        return undefined;
      }
      this.typeCount += 1;
      const ceiling = this.ceilings?.of(source, name) ?? Number.POSITIVE_INFINITY;
      // No location object here: the first one built after `add` is optimised (a skipped line's, a differing key
      // segment's, all `{ file, line, … }`) would change the fields of the map they share and deoptimise `add`.
      type = new TypeAccumulator(source, name, this.file, line, ceiling);
      bySource.set(name, type);
    }
    return type;
  }

  private walk(
    type: TypeAccumulator,
    parent: PathNode,
    object: Readonly<Record<string, unknown>>,
    omitted: readonly string[],
  ): void {
    for (const key in object) {
      if (omitted.length > 0 && omitted.includes(key)) continue;
      const node = parent.children.get(key) ?? this.keyChild(type, parent, key);
      if (node !== undefined) this.visit(type, node, object[key], false);
    }
  }

  /** Envelope fields sit at the top level under `envelopePrefix`: never the payload's field of the same name. */
  private walkEnvelope(type: TypeAccumulator, record: Readonly<Record<string, unknown>>): void {
    for (let index = 0; index < envelopeFields.length; index++) {
      const key = envelopeFields[index] as (typeof envelopeFields)[number];
      const value = record[key];
      if (value === undefined) continue;
      let node = type.envelopeNodes[index];
      if (node === undefined) {
        node = this.child(type, type.root, key, envelopePrefix + key);
        if (node === undefined) continue;
        type.envelope.set(key, node);
        type.envelopeNodes[index] = node;
      }
      this.visit(type, node, value, false);
    }
  }

  /** Counts an occurrence of `node`, and of its field once per event; the field. */
  private occurrence(node: PathNode): FieldAccumulator {
    const field = node.field as FieldAccumulator;
    if (field.seen !== this.stamp) {
      field.seen = this.stamp;
      field.count += 1;
    }
    node.count += 1;
    return field;
  }

  private visit(type: TypeAccumulator, node: PathNode, value: unknown, inArray: boolean): void {
    const field = this.occurrence(node);
    const kinds = field.kinds;
    if (typeof value === "string") {
      kinds.string += 1;
      if (value.length <= profileLimits.leafLength && (!inArray || isPathLike(value))) this.collectString(field, value);
    } else if (typeof value === "number") {
      kinds.number += 1;
      if (!inArray && Number.isSafeInteger(value))
        this.collectLeaf(field, value, (value | 0) ^ ((value / 0x100000000) | 0));
    } else if (typeof value === "boolean") kinds.boolean += 1;
    else if (value === null) kinds.null += 1;
    else if (Array.isArray(value)) {
      kinds.array += 1;
      if (value.length === 0) return;
      if (node.depth >= this.options.maxDepth) {
        this.cut(node.spelling + arraySegment, 1);
        return;
      }
      const elements = (node.elements ??= this.child(type, node, arraySegment, arraySegment));
      if (elements === undefined) return;
      const length = Math.min(value.length, profileLimits.arrayElements);
      for (let index = 0; index < length; index++) this.visit(type, elements, value[index], true);
    } else {
      kinds.object += 1;
      if (node.depth < this.options.maxDepth) this.walk(type, node, value as Record<string, unknown>, noKeysOmitted);
      else for (const key in value as Record<string, unknown>) this.cut(node.spelling + pathSeparator + key, 1);
    }
  }

  /**
   * Finds the path node of every value of the tape's object at `start` (a walk's `object`; `omitted*`: key tokens
   * left out, or -1), and of the values in them, as `walk` and `visit` go, into the visits (`visitNodes`), counting
   * nothing: false when a key has no node yet (`walk` makes it), a key is given twice (`JSON.parse` keeps the last
   * value, at the first key's place), an array has no element node yet, or a cut object has a key twice.
   */
  private resolveObject(parent: PathNode, start: number, omittedType: number, omittedSource: number): boolean {
    const tape = sharedTape;
    const stamp = ++this.objectStamp;
    let previous: PathNode | undefined;
    for (let key = start + 1; tape.kinds[key] === keyToken; key = tape.after(key + 1)) {
      if (key === omittedType || key === omittedSource) continue;
      const node = childAt(parent, previous, tape, key);
      if (node === undefined || node.objectStamp === stamp) return false;
      previous = node;
      node.objectStamp = stamp;
      if (!this.resolveValue(node, key + 1, false)) return false;
    }
    return true;
  }

  /** `resolveObject` for the value at `token` of `node` (an array's element when `inArray`), visited first. */
  private resolveValue(node: PathNode, token: number, inArray: boolean): boolean {
    const tape = sharedTape;
    const kind = tape.kinds[token];
    const visit = this.visitCount;
    if (visit === visitLength) return false;
    visitNodes[visit] = node;
    visitTokens[visit] = token;
    visitInArray[visit] = inArray ? 1 : 0;
    this.visitCount = visit + 1;
    if (kind === objectStart) {
      if (node.depth < this.options.maxDepth) return this.resolveObject(node, token, -1, -1);
      return cutKeys(tape, token) !== -1;
    }
    if (kind !== arrayStart || tape.kinds[token + 1] === arrayEnd || node.depth >= this.options.maxDepth) return true;
    const elements = node.elements;
    if (elements === undefined) return false;
    let element = token + 1;
    for (let index = 0; index < profileLimits.arrayElements && tape.kinds[element] !== arrayEnd; index++) {
      if (!this.resolveValue(elements, element, true)) return false;
      element = tape.after(element);
    }
    return true;
  }

  /** `visit` of the tape's value at `token`, but for its contents: they follow it in the visits. */
  private countValue(node: PathNode, token: number, inArray: boolean): void {
    const field = this.occurrence(node);
    const kinds = field.kinds;
    const tape = sharedTape;
    const kind = tape.kinds[token];
    if (kind === stringToken) {
      kinds.string += 1;
      const start = tape.starts[token] as number;
      const end = tape.ends[token] as number;
      if (end - start <= profileLimits.leafLength && (!inArray || tape.pathLike(token)))
        this.collectTape(field, tape, token);
    } else if (kind === numberToken) {
      kinds.number += 1;
      if (inArray) return;
      const value = tape.numberAt(token);
      if (Number.isSafeInteger(value)) this.collectLeaf(field, value, (value | 0) ^ ((value / 0x100000000) | 0));
    } else if (kind === trueToken || kind === falseToken) kinds.boolean += 1;
    else if (kind === nullToken) kinds.null += 1;
    else if (kind === arrayStart) {
      kinds.array += 1;
      if (tape.kinds[token + 1] === arrayEnd) return;
      if (node.depth >= this.options.maxDepth) {
        this.cut(node.spelling + arraySegment, 1);
        return;
      }
    } else {
      kinds.object += 1;
      if (node.depth >= this.options.maxDepth) {
        const count = cutKeys(tape, token);
        if (count > 0) this.cut(node.spelling + pathSeparator + tape.stringAt(token + 1), count);
      }
    }
  }

  /** Counts field occurrences left unprofiled by `maxDepth`, keeping the first path as the example. */
  private cut(path: string, count: number): void {
    if (this.depthCutCount === 0) this.depthCutExample = path;
    this.depthCutCount += count;
  }

  private collectString(field: FieldAccumulator, value: string): void {
    if (mayBeKeyShaped(value) && this.nextKey().scan(value)) this.keepKey(field);
    else this.collectLeaf(field, value, rangeMix(value, 0, value.length));
  }

  /** `collectString` of the tape's string at `token`, scanned as a key in place (no string made for it). */
  private collectTape(field: FieldAccumulator, tape: ByteTape, token: number): void {
    if (
      tape.mayBeKey(token) &&
      this.nextKey().scanBytes(tape.bytes, tape.starts[token] as number, tape.ends[token] as number)
    )
      this.keepKey(field);
    else this.collectLeaf(field, "", tape.mix(token), token);
  }

  /** The scratch that the event's next key-shaped value is scanned into. */
  private nextKey(): KeyScratch {
    return (this.keyScratches[this.keyCount] ??= new KeyScratch());
  }

  /** Keeps the value just scanned into `nextKey()` as the event's next key, a value of `field`. */
  private keepKey(field: FieldAccumulator): void {
    this.keyFields[this.keyCount] = field;
    this.keyCount += 1;
  }

  /** The value of leaf `leaf`, made a string from the tape if it was left there (see `leafTokens`). */
  private leafValue(leaf: number): string | number {
    const token = this.leafTokens[leaf] as number;
    if (token === -1) return this.leafValues[leaf] as string | number;
    const value = sharedTape.stringAt(token);
    this.leafValues[leaf] = value;
    this.leafTokens[leaf] = -1;
    return value;
  }

  /** Keeps a leaf with its mix: a string's `rangeMix`, a whole number's bits; `token`: see `leafTokens`. */
  private collectLeaf(field: FieldAccumulator, value: string | number, mix: number, token = -1): void {
    const leaf = this.leafCount;
    if (leaf === this.leafMixes.length) {
      const grown = new Int32Array(leaf * 2);
      grown.set(this.leafMixes);
      this.leafMixes = grown;
      const tokens = new Int32Array(leaf * 2);
      tokens.set(this.leafTokens);
      this.leafTokens = tokens;
    }
    this.leafFields[leaf] = field;
    this.leafValues[leaf] = value;
    this.leafTokens[leaf] = token;
    this.leafMixes[leaf] = mix;
    this.rowHash = Math.imul(this.rowHash ^ mix, 0x01000193);
    this.leafCount = leaf + 1;
  }

  private keyChild(type: TypeAccumulator, parent: PathNode, key: string): PathNode | undefined {
    const node = this.child(type, parent, key, normalizeFieldName(key));
    if (node !== undefined) parent.children.set(key, node);
    return node;
  }

  private child(type: TypeAccumulator, parent: PathNode, key: string, segment: string): PathNode | undefined {
    const parentPath = parent.field?.path;
    const path = parentPath === undefined ? segment : parentPath + pathSeparator + segment;
    let field = type.fields.get(path);
    if (field === undefined) {
      if (type.fields.size >= profileLimits.fieldsPerType) {
        type.dropped += 1;
        return undefined;
      }
      field = new FieldAccumulator(path, type.fields.size);
      type.fields.set(path, field);
    }
    const spelling =
      parent.spelling === ""
        ? key
        : key === arraySegment
          ? parent.spelling + key
          : parent.spelling + pathSeparator + key;
    return new PathNode(key, spelling, field, parent.depth + 1);
  }

  /** Relates each labelled key segment of this event to the event's own fields with the same value. */
  private linkKeys(line: number): void {
    for (let keyIndex = 0; keyIndex < this.keyCount; keyIndex++) {
      const keyField = this.keyFields[keyIndex] as FieldAccumulator;
      const scratch = this.keyScratches[keyIndex] as KeyScratch;
      const key = (keyField.key ??= new KeyAccumulator());
      if (key.seen !== this.stamp) {
        key.seen = this.stamp;
        key.count += 1;
      }
      const shape = this.countShape(key, scratch);
      if (shape !== undefined && !shape.linked) {
        for (let segment = 0; segment < scratch.segmentCount; segment++)
          shape.links.push(key.linksOf(scratch, segment));
        shape.linked = true;
      }
      for (let segment = 0; segment < scratch.segmentCount; segment++) {
        // A shape's segments have the same labels in every event: their links are looked up once per shape.
        const links = shape === undefined ? key.linksOf(scratch, segment) : shape.links[segment];
        if (links === undefined || this.matchSegment(links, scratch, segment)) continue;
        // Only a segment that matches nothing is compared field by field: the usual event pays nothing.
        const value = scratch.value(segment);
        for (let leaf = 0; leaf < this.leafCount; leaf++) {
          const link = links.of(this.leafFields[leaf] as FieldAccumulator);
          link.differ += 1;
          if (link.samples.length < profileLimits.differSamples) {
            link.samples.push({ file: this.file, line, segment: value, value: String(this.leafValue(leaf)) });
          }
        }
      }
    }
  }

  /** Counts the scratch's shape; its entry, or undefined past `shapesPerKey` shapes. */
  private countShape(key: KeyAccumulator, scratch: KeyScratch): ShapeEntry | undefined {
    const last = key.last;
    if (last !== undefined && key.lastHash === scratch.hash && isShape(last, scratch)) {
      last.count += 1;
      return last;
    }
    const first = key.shapes.get(scratch.hash);
    let entry = first;
    while (entry !== undefined && !isShape(entry, scratch)) entry = entry.next;
    if (entry === undefined) {
      if (key.shapeCount >= profileLimits.shapesPerKey) return undefined;
      entry = { shape: scratch.shape(), parts: scratch.partCount, count: 0, links: [], linked: false, next: first };
      key.shapes.set(scratch.hash, entry);
      key.shapeCount += 1;
    }
    entry.count += 1;
    key.last = entry;
    key.lastHash = scratch.hash;
    return entry;
  }

  /** Counts a match for each leaf of the event whose value is the segment's, compared in place. */
  private matchSegment(links: LinkTable, scratch: KeyScratch, segment: number): boolean {
    let matched = false;
    const mix = scratch.valueMix(segment);
    const mixes = this.leafMixes;
    const count = this.leafCount;
    for (let leaf = 0; leaf < count; leaf++) {
      // Most leaves differ in their mix: only the others are compared.
      if (mixes[leaf] !== mix) continue;
      const token = this.leafTokens[leaf] as number;
      if (token !== -1) {
        if (!scratch.valueIsOnTape(segment, sharedTape, token)) continue;
      } else {
        const value = this.leafValues[leaf];
        if (typeof value !== "string" || !scratch.valueIs(segment, value)) continue;
      }
      matched = true;
      links.of(this.leafFields[leaf] as FieldAccumulator).match += 1;
    }
    return matched;
  }

  /** The profile of everything added so far. */
  toProfile(): Profile {
    const types: TypeProfile[] = [];
    for (const bySource of this.types.values()) {
      for (const type of bySource.values()) types.push(typeProfileOf(type));
    }
    types.sort(compareTypes);
    return {
      format: profileFormat,
      version: profileVersion,
      events: this.events,
      skipped: {
        count: this.skippedCount,
        byReason: { ...this.skippedByReason },
        samples: [...this.skippedSamples],
      },
      unwrapped: { ...this.unwrapped },
      depthCut: { count: this.depthCutCount, example: this.depthCutExample },
      types,
      // A piece of a run: who reads the inputs (`profileInputs`, the workers) records them and the settings.
      settings: null,
      inputs: [],
    };
  }
}

/**
 * What `Profiler.sinkFor` gives: a class, so that the sinks of every input and range share their methods. Closures
 * made per input were a new call target at the reader's optimised call site on each range a thread read after its
 * first, and deoptimised the reading loop with all it had inlined.
 */
class ProfilerSink implements RecordSink {
  constructor(
    private readonly profiler: Profiler,
    private readonly file: string,
    private readonly lineOffset: number,
  ) {}

  record(value: unknown, line: number): void {
    this.profiler.addRecord(this.file, value, line + this.lineOffset);
  }

  recordBytes(bytes: Uint8Array, start: number, end: number, line: number): boolean {
    return this.profiler.addBytes(this.file, bytes, start, end, line + this.lineOffset);
  }

  badLine(reason: SkipReason, line: number): void {
    this.profiler.recordSkip(reason, this.file, line + this.lineOffset);
  }
}

/**
 * A scratch array of `scratchLength` slots (`undefined` until written) whose elements may be any value from the start.
 * A `[]` starts as an array of small integers, changes kind (its map) on its first object and grows with each new
 * slot: a new profiler's (each range's, each batch's) did both after the thread's code that writes into them was
 * optimised for the arrays of an earlier one, and deoptimised it ("wrong map", then "out of bounds").
 */
function scratchArray<TElement>(): TElement[] {
  return new Array<TElement | undefined>(scratchLength).fill(undefined) as TElement[];
}

/** Scratch slots for an event's leaves and keys, as many as `Profiler.leafMixes` starts with: most events have fewer. */
const scratchLength = 64;

/** Whether `entry` is the scratch's shape: the part count first, then the text, compared in place. */
function isShape(entry: ShapeEntry, scratch: KeyScratch): boolean {
  return entry.parts === scratch.partCount && scratch.shapeIs(entry.shape);
}

/** The keys a nested object's walk leaves out: none (one array for all of them, not one per object). */
const noKeysOmitted: readonly string[] = Object.freeze([]);

/** The row hash before the first leaf (FNV-1a's offset basis). */
const rowHashSeed = 0x811c9dc5;

/** An ARN or a path (`arn:aws:s3:::bucket/t-1/x`, `/tenants/t-1`): kept from arrays too, for its segments. */
function isPathLike(value: string): boolean {
  return value.startsWith("arn:") || value.charCodeAt(0) === 0x2f;
}

/**
 * The tape and the event a line is read into (see `Profiler.addBytes`), one for the thread: reading a line is
 * synchronous, and a profiler is made per input range or batch.
 */
const sharedTape = new ByteTape();
const sharedEvent = new TapeEvent();
/** See `Profiler.addBytes`. */
const backoffAfter = 64;
const backoffStride = 16;
/** The values of a tape's event in the order `visit` meets them, with their nodes (see `Profiler.resolveValue`). */
const visitLength = 1 << 14;
const visitNodes: (PathNode | undefined)[] = new Array<PathNode | undefined>(visitLength).fill(undefined);
const visitTokens = new Int32Array(visitLength);
const visitInArray = new Uint8Array(visitLength);

/**
 * The child of `parent` of the tape's key `key`, which follows the child `previous` in its object (undefined for the
 * first); undefined when there is none yet. The sibling chain is followed up to `chainSkips` links past the hint before
 * the key is made a string and looked up: a key absent from some events of a type (an optional field) then costs one
 * more comparison, and the chain keeps the order of the events that have it, where relinking it made a string and a
 * lookup each time an event with the key followed one without (on the bench corpus, 38,313 of 40 MB's keys, 403 now).
 */
function childAt(parent: PathNode, previous: PathNode | undefined, tape: ByteTape, key: number): PathNode | undefined {
  let hint = previous === undefined ? parent.firstChild : previous.nextSibling;
  for (let skip = 0; hint !== undefined && skip <= chainSkips; skip++, hint = hint.nextSibling)
    if (tape.is(key, hint.key)) return hint;
  const node = parent.children.get(tape.stringAt(key));
  if (node === undefined) return undefined;
  if (previous === undefined) parent.firstChild = node;
  else previous.nextSibling = node;
  return node;
}

/** How many links past its hint `childAt` follows the sibling chain. */
const chainSkips = 2;

/**
 * The number of distinct keys of the tape's object at `start`, which `visit` cuts at `maxDepth` (`JSON.parse` keeps one
 * of each), or -1 when a key is given twice (then left to `JSON.parse`): compared pairwise up to `pairwiseKeys` keys,
 * since cuts are rare and small, and in a set from there (pairwise, a cut object of 16,000 keys took 10 s a line).
 */
function cutKeys(tape: ByteTape, start: number): number {
  let count = 0;
  let seen: Set<string> | undefined;
  for (let key = start + 1; tape.kinds[key] === keyToken; key = tape.after(key + 1)) {
    const name = tape.stringAt(key);
    if (seen !== undefined) {
      if (seen.has(name)) return -1;
      seen.add(name);
    } else {
      for (let other = start + 1; other < key; other = tape.after(other + 1)) if (tape.is(other, name)) return -1;
      if (count === pairwiseKeys) {
        seen = new Set([name]);
        for (let other = start + 1; other < key; other = tape.after(other + 1)) seen.add(tape.stringAt(other));
      }
    }
    count += 1;
  }
  return count;
}

/** See `cutKeys`. */
const pairwiseKeys = 16;

/** Orders event types by source, then type name. */
export function compareTypes(
  left: { readonly source: string; readonly type: string },
  right: { readonly source: string; readonly type: string },
): number {
  return left.source < right.source
    ? -1
    : left.source > right.source
      ? 1
      : left.type < right.type
        ? -1
        : left.type > right.type
          ? 1
          : 0;
}

function typeProfileOf(type: TypeAccumulator): TypeProfile {
  const fields = dataRecord<FieldProfile>();
  const keys = dataRecord<KeyProfile>();
  for (const field of type.fields.values()) {
    const kinds: Partial<Record<ValueKind, number>> = {};
    for (const kind of kindNames) if (field.kinds[kind] > 0) kinds[kind] = field.kinds[kind];
    fields[field.path] = { count: field.count, kinds, spellings: dataRecord() };
    if (field.key !== undefined) keys[field.path] = keyProfileOf(field.key);
  }
  collectSpellings(type.root, fields, type.envelope);
  return {
    source: type.source,
    type: type.type,
    count: type.count,
    first: { file: type.firstFile, line: type.firstLine },
    fields,
    keys,
    dropped: type.dropped,
    rows: type.rows.sorted().map(sampleRowOf),
  };
}

/** A held row as the profile gives it: each field's first value, as a string. */
function sampleRowOf({ hash, row }: HashedRow<HeldRow>): SampleRow {
  const values = dataRecord<string>();
  const fields = row.fields;
  for (let leaf = 0; leaf < fields.length; leaf++)
    values[(fields[leaf] as FieldAccumulator).path] ??= String(row.values[leaf]);
  return { hash, values };
}

function collectSpellings(
  node: PathNode,
  fields: Record<string, FieldProfile>,
  envelope?: Map<string, PathNode>,
): void {
  const own = envelope === undefined ? [...node.children.values()] : [...node.children.values(), ...envelope.values()];
  const children = node.elements === undefined ? own : [...own, node.elements];
  for (const child of children) {
    const field = fields[(child.field as FieldAccumulator).path] as FieldProfile;
    field.spellings[child.spelling] = (field.spellings[child.spelling] ?? 0) + child.count;
    collectSpellings(child, fields);
  }
}

function keyProfileOf(key: KeyAccumulator): KeyProfile {
  const shapes = dataRecord<number>();
  for (const first of key.shapes.values()) {
    for (let entry: ShapeEntry | undefined = first; entry !== undefined; entry = entry.next)
      shapes[entry.shape] = (shapes[entry.shape] ?? 0) + entry.count;
  }
  const links = dataRecord<Record<string, LinkProfile>>();
  for (const [index, label] of key.labels.entries()) {
    const table = key.links[index] as LinkTable;
    const fields = dataRecord<LinkProfile>();
    for (const field of table.fields) {
      const link = table.of(field);
      fields[field.path] = { match: link.match, differ: link.differ, samples: [...link.samples] };
    }
    links[label] = fields;
  }
  return { count: key.count, shapes, links };
}
