/**
 * Merging profiles: shards profiled anywhere combine into the profile of the whole corpus.
 */
import { AuditInputError } from "./input-error.js";
import { type InputFingerprint, overlappingInputs } from "./input-fingerprint.js";
import {
  type FieldProfile,
  type KeyProfile,
  type LinkProfile,
  type Profile,
  type ProfileSettings,
  profileFormat,
  profileLimits,
  profileVersion,
  type SampleRow,
  type SkippedProfile,
  type TypeProfile,
  compareTypes,
  dataRecord,
} from "./profile.js";

/** The profile of an empty corpus: the identity of `mergeProfiles`. */
export function emptyProfile(): Profile {
  return {
    format: profileFormat,
    version: profileVersion,
    events: 0,
    skipped: { count: 0, byReason: {}, samples: [] },
    unwrapped: {},
    depthCut: { count: 0, example: "" },
    types: [],
    settings: null,
    inputs: [],
  };
}

/** A setting two profiles were made with differently: an option of the command line, or a limit of the version. */
export interface SettingDifference {
  /** `--max-depth`, `--max-line-length`, or a `profileLimits` name. */
  readonly setting: string;
  readonly isOption: boolean;
  /** The setting's value in each profile (a limit one version has and the other has not is `undefined`). */
  readonly left: number | undefined;
  readonly right: number | undefined;
}

const options: readonly (readonly [keyof Omit<ProfileSettings, "limits">, string])[] = [
  ["maxDepth", "--max-depth"],
  ["maxLineLength", "--max-line-length"],
];

/**
 * The first setting two profiles were made with differently, or undefined if they merge. A profile of no input
 * (settings `null`) merges with any.
 * @example settingDifference({ maxDepth: 4, … }, { maxDepth: 2, … }) //=> { setting: "--max-depth", isOption: true, left: 4, right: 2 }
 */
export function settingDifference(
  left: ProfileSettings | null,
  right: ProfileSettings | null,
): SettingDifference | undefined {
  if (left === null || right === null) return undefined;
  for (const [key, setting] of options)
    if (left[key] !== right[key]) return { setting, isOption: true, left: left[key], right: right[key] };
  for (const setting of new Set([...Object.keys(left.limits), ...Object.keys(right.limits)]))
    if (left.limits[setting] !== right.limits[setting])
      return { setting, isOption: false, left: left.limits[setting], right: right.limits[setting] };
  return undefined;
}

/**
 * A setting's value in words.
 * @example settingText(difference, 2) //=> "--max-depth 2"; for a limit, "the profile limit fieldsPerType 1000"
 */
export function settingText(difference: SettingDifference, value: number | undefined): string {
  return `${difference.isOption ? "" : "the profile limit "}${difference.setting} ${value ?? "(none)"}`;
}

/**
 * Why profiles named `leftName` and `rightName` do not merge, and how to fix it.
 * @example differentSettings(difference, "a.profile.json", "b.profile.json")
 * //=> "b.profile.json was profiled with --max-depth 2 and a.profile.json with --max-depth 4: profiles merge only when …"
 */
export function differentSettings(difference: SettingDifference, leftName: string, rightName: string): string {
  const fix = difference.isOption
    ? `re-profile the corpus of ${rightName} with ${difference.setting} ${difference.left}, or that of ${leftName} with ${difference.setting} ${difference.right}`
    : "they were made by different capsule-entity versions: re-profile both corpora with one";
  return `${rightName} was profiled with ${settingText(difference, difference.right)} and ${leftName} with ${settingText(difference, difference.left)}: profiles merge only when made with the same settings (${fix})`;
}

/** A profile limit that a merged profile holds more of than one run keeps (see `pastLimits`). */
export interface PastLimit {
  readonly limit: "types" | "fieldsPerType" | "shapesPerKey" | "labelsPerKey";
  /** What one run keeps at most: the limit's value. */
  readonly allowed: number;
  /** The most the merged profile holds, in one of `where`. */
  readonly held: number;
  /** Where it holds more than `allowed`: event types (`app › T0`), key fields (`app › T0 › pk`), or none for `types`. */
  readonly where: readonly string[];
}

/**
 * The profile limits a merged profile holds more of than one run over the whole corpus keeps. Each piece (a
 * `--workers` thread's range or batch, a shard) is profiled within the limits on its own, and the merge keeps the
 * union: 1,203 field names of a type where one run keeps the first 1,000. Only a merge can hold more than a limit,
 * and a merge within every limit is the profile one run makes (the pieces merge in order: what one run would have cut
 * is what the first pieces left no room for), so a report of a profile past none is exact; one past a limit may
 * differ from one run's.
 * @example pastLimits(merged) //=> [{ limit: "fieldsPerType", allowed: 1000, held: 1203, where: ["app › T0"] }]
 */
export function pastLimits(profile: Profile): PastLimit[] {
  const past: PastLimit[] = [];
  const note = (limit: PastLimit["limit"], held: readonly (readonly [string, number])[]): void => {
    const allowed = profileLimits[limit];
    const over = held.filter(([, amount]) => amount > allowed);
    if (over.length > 0)
      past.push({ limit, allowed, held: Math.max(...over.map(([, amount]) => amount)), where: over.map(([at]) => at) });
  };
  if (profile.types.length > profileLimits.types) note("types", [["", profile.types.length]]);
  const named = (type: TypeProfile): string => `${type.source} › ${type.type}`;
  note(
    "fieldsPerType",
    profile.types.map((type) => [named(type), Object.keys(type.fields).length] as const),
  );
  const keys = profile.types.flatMap((type) =>
    Object.entries(type.keys).map(([path, key]) => [`${named(type)} › ${path}`, key] as const),
  );
  note(
    "shapesPerKey",
    keys.map(([at, key]) => [at, Object.keys(key.shapes).length] as const),
  );
  note(
    "labelsPerKey",
    keys.map(([at, key]) => [at, Object.keys(key.links).length] as const),
  );
  return past;
}

/**
 * Combines the profiles of two shards into the profile of both. Associative, so shards can be profiled
 * on any batch engine and merged in any grouping; counts are exact, samples keep the first few in
 * argument order. Neither argument is modified. Each side was profiled within the profile limits, and the merge keeps
 * the union, which may be past a limit one run over both keeps (`pastLimits`, a warning in every report). Profiles made with different settings (`--max-depth`, …) are refused
 * (`AuditInputError`), and so is an input both count (the same name, size and edges): its events would count twice.
 * @example mergeProfiles(mergeProfiles(a, b), c) // deep-equals mergeProfiles(a, mergeProfiles(b, c))
 */
export function mergeProfiles(left: Profile, right: Profile): Profile {
  const difference = settingDifference(left.settings, right.settings);
  if (difference !== undefined)
    throw new AuditInputError(differentSettings(difference, "the first profile", "the second profile"));
  refuseSharedInputs(left.inputs, right.inputs);
  return {
    format: profileFormat,
    version: profileVersion,
    events: left.events + right.events,
    skipped: mergeSkipped(left.skipped, right.skipped),
    unwrapped: sums(left.unwrapped, right.unwrapped),
    depthCut: {
      count: left.depthCut.count + right.depthCut.count,
      example: left.depthCut.example === "" ? right.depthCut.example : left.depthCut.example,
    },
    types: mergeTypes(left.types, right.types),
    settings: left.settings ?? right.settings,
    inputs: [...left.inputs, ...right.inputs],
  };
}

/** Refuses an input the two sides both count (`sameInput`): merged, its events would count twice. */
function refuseSharedInputs(left: readonly InputFingerprint[], right: readonly InputFingerprint[]): void {
  if (left.length === 0 || right.length === 0) return;
  const key = (input: InputFingerprint): string => `${input.bytes} ${input.edges} ${input.name}`;
  const counted = new Set(left.map(key));
  const shared = right.find((input) => counted.has(key(input)));
  if (shared === undefined) return;
  const fresh = right.filter((input) => !counted.has(key(input))).map((input) => input.name);
  throw new AuditInputError(overlappingInputs("the second profile", shared.name, "the first profile", fresh));
}

function sumInto<TKey extends string>(
  target: Partial<Record<TKey, number>>,
  source: Partial<Record<TKey, number>>,
): void {
  for (const key in source) target[key] = (target[key] ?? 0) + (source[key] ?? 0);
}

function sums<TKey extends string>(
  left: Partial<Record<TKey, number>>,
  right: Partial<Record<TKey, number>>,
): Record<TKey, number> {
  const result = dataRecord<number>() as Record<TKey, number>;
  sumInto(result, left);
  sumInto(result, right);
  return result;
}

function firstOf<TItem>(left: readonly TItem[], right: readonly TItem[], limit: number): TItem[] {
  return [...left, ...right].slice(0, limit);
}

function mergeSkipped(left: SkippedProfile, right: SkippedProfile): SkippedProfile {
  return {
    count: left.count + right.count,
    byReason: sums(left.byReason, right.byReason),
    samples: firstOf(left.samples, right.samples, profileLimits.skippedSamples),
  };
}

/** Merges two record maps key by key, copying entries present on one side only. */
function mergeRecords<TValue>(
  left: Readonly<Record<string, TValue>>,
  right: Readonly<Record<string, TValue>>,
  merge: (left: TValue | undefined, right: TValue) => TValue,
): Record<string, TValue> {
  const result = dataRecord<TValue>();
  for (const key in left) result[key] = merge(undefined, left[key] as TValue);
  for (const key in right) result[key] = merge(result[key], right[key] as TValue);
  return result;
}

function mergeField(left: FieldProfile | undefined, right: FieldProfile): FieldProfile {
  return {
    count: (left?.count ?? 0) + right.count,
    kinds: sums(left?.kinds ?? {}, right.kinds),
    spellings: sums(left?.spellings ?? {}, right.spellings),
  };
}

function mergeLink(left: LinkProfile | undefined, right: LinkProfile): LinkProfile {
  return {
    match: (left?.match ?? 0) + right.match,
    differ: (left?.differ ?? 0) + right.differ,
    samples: firstOf(left?.samples ?? [], right.samples, profileLimits.differSamples),
  };
}

function mergeKey(left: KeyProfile | undefined, right: KeyProfile): KeyProfile {
  return {
    count: (left?.count ?? 0) + right.count,
    shapes: sums(left?.shapes ?? {}, right.shapes),
    links: mergeRecords(left?.links ?? {}, right.links, (mine, theirs) => mergeRecords(mine ?? {}, theirs, mergeLink)),
  };
}

function mergeType(left: TypeProfile | undefined, right: TypeProfile): TypeProfile {
  return {
    source: right.source,
    type: right.type,
    count: (left?.count ?? 0) + right.count,
    first: left?.first ?? right.first,
    fields: mergeRecords(left?.fields ?? {}, right.fields, mergeField),
    keys: mergeRecords(left?.keys ?? {}, right.keys, mergeKey),
    dropped: (left?.dropped ?? 0) + right.dropped,
    rows: left === undefined ? right.rows.slice(0, profileLimits.rowsPerType) : mergeRows(left.rows, right.rows),
  };
}

/**
 * The bottom-k sample of the union: the rows of the smallest hashes of both, each hash once (the left's row). A
 * merge-join of two lists sorted by distinct hashes (as the profiler makes them, and `parseProfile` checks), without
 * spreading them into one, and only when both sides have the type: an empty list (`[]`, another array map than a
 * side's rows) deoptimised this function ("wrong map") when it met one.
 */
function mergeRows(left: readonly SampleRow[], right: readonly SampleRow[]): SampleRow[] {
  const rows: SampleRow[] = [];
  let leftIndex = 0;
  let rightIndex = 0;
  while (rows.length < profileLimits.rowsPerType) {
    const mine = left[leftIndex];
    const theirs = right[rightIndex];
    if (mine !== undefined && (theirs === undefined || mine.hash <= theirs.hash)) {
      rows.push(mine);
      leftIndex += 1;
      if (theirs?.hash === mine.hash) rightIndex += 1;
    } else if (theirs !== undefined) {
      rows.push(theirs);
      rightIndex += 1;
    } else break;
  }
  return rows;
}

/** Merge-joins two type lists sorted by `compareTypes`. */
function mergeTypes(left: readonly TypeProfile[], right: readonly TypeProfile[]): TypeProfile[] {
  const result: TypeProfile[] = [];
  let leftIndex = 0;
  let rightIndex = 0;
  while (leftIndex < left.length || rightIndex < right.length) {
    const mine = left[leftIndex];
    const theirs = right[rightIndex];
    const order = mine === undefined ? 1 : theirs === undefined ? -1 : compareTypes(mine, theirs);
    if (order < 0 && mine !== undefined) {
      result.push(mergeType(undefined, mine));
      leftIndex += 1;
    } else if (order > 0 && theirs !== undefined) {
      result.push(mergeType(undefined, theirs));
      rightIndex += 1;
    } else if (mine !== undefined && theirs !== undefined) {
      result.push(mergeType(mine, theirs));
      leftIndex += 1;
      rightIndex += 1;
    }
  }
  return result;
}
