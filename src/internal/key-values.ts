/**
 * Key-shaped values in an event's detail: strings that start with the isolation prefix of the event's
 * vocabulary, `TENANT#t` or `TENANT#t#CAPSULE#c` for the default kit, `ORG#o#WS#w` for an org/workspace kit (as
 * every partition key built by this library does). Their ids must be the detail's own. The walk is bounded
 * (values and depth), skips cycles and reads only own enumerable properties.
 *
 * Everything that depends only on the event type (labels, the strings looked for, the paths to skip, the
 * limits) is compiled once per type ({@link compileKeyScan}). Most details hold no key-shaped value and no nested
 * object: {@link mayHoldKeys} tells them apart in one pass over the top level, without an allocation, before the
 * validator reads the detail's ids. The scan proper takes those ids as one to three arguments and follows the
 * levels in straight-line code, so that an event costs no array and no loop over levels (bench/events.ts).
 *
 * Own properties are tested with `Object.prototype.hasOwnProperty.call` spelled out at each use: TurboFan turns
 * it into a map check inside `for…in`, but not through a module-level alias once a bundler has rewritten that
 * alias's `const` into a `var` (esbuild does): the scan then took 2.5× the time.
 */

/**
 * What a scan for one event type looks for, compiled once per type by {@link compileKeyScan}.
 *
 * @example
 * compileKeyScan(["ORG", "WS"], skip, limits); //=> { labels: ["ORG", "WS"], start: "ORG#", link1: "#WS#", link2: undefined, … }
 */
export interface KeyScanSpec {
  readonly labels: readonly string[];
  /** `TENANT#`: what a key-shaped value starts with. */
  readonly start: string;
  /** `#CAPSULE#`: what joins the second level to the first level's id; undefined for a one-level prefix. */
  readonly link1: string | undefined;
  /** What joins the third level to the second's id; undefined for fewer than three levels. */
  readonly link2: string | undefined;
  /** Paths not to compare (the ids themselves). */
  readonly skip: ReadonlySet<string>;
  readonly limits: ScanLimits;
}

/** How much of a detail the scan reads. */
export interface ScanLimits {
  readonly values: number;
  readonly depth: number;
}

/**
 * The scan of one event type's details: its labels (one to three, outermost first), the paths not to compare
 * and the limits.
 *
 * @example
 * const spec = compileKeyScan(["TENANT", "CAPSULE"], new Set(["detail.tenantId", "detail.capsuleId"]), { values: 10_000, depth: 32 });
 */
export function compileKeyScan(labels: readonly string[], skip: ReadonlySet<string>, limits: ScanLimits): KeyScanSpec {
  return {
    labels,
    start: `${labels[0]}#`,
    link1: labels[1] === undefined ? undefined : `#${labels[1]}#`,
    link2: labels[2] === undefined ? undefined : `#${labels[2]}#`,
    skip,
    limits,
  };
}

/** A key-shaped value whose id for the level at `level` (its index, outermost 0) is not the detail's own. */
export interface KeyIdMismatch {
  readonly path: string;
  readonly level: number;
  readonly label: string;
  /** The id the value names, and the detail's own for that level. */
  readonly keyId: string;
  readonly id: string;
}

/** What the scan found, and whether it read everything. */
export interface KeyScan {
  /** Undefined when every key-shaped value agrees (the usual case: no array per event). */
  readonly mismatches: readonly KeyIdMismatch[] | undefined;
  readonly complete: boolean;
}

/**
 * Whether a scan of `detail` could find anything or stop at a limit: false when its top level holds no
 * key-shaped string and no object, within the values limit, so that the scan would read just that level, find
 * nothing and be complete (the usual event: no ids to read, no scan). True means only "scan it".
 *
 * @example
 * mayHoldKeys(spec, { tenantId: "t1", capsuleId: "c1", plan: "pro" }); //=> false
 * mayHoldKeys(spec, { tenantId: "t1", pk: "TENANT#t1#CAPSULE#c1#ACCOUNT#a1" }); //=> true
 */
export function mayHoldKeys(spec: KeyScanSpec, detail: object): boolean {
  const { start } = spec;
  let count = 0;
  for (const key in detail) {
    if (!Object.prototype.hasOwnProperty.call(detail, key)) continue;
    count++;
    const value: unknown = (detail as Record<string, unknown>)[key];
    if (typeof value === "string" ? value.startsWith(start) : typeof value === "object" && value !== null) return true;
  }
  // Written so that a limit that is not a number (NaN) says "scan it" too.
  return !(count <= spec.limits.values);
}

/**
 * Walks `detail` (at `path`) depth-first, comparing key-shaped values with the detail's ids per level, outermost
 * first (`undefined`: the detail has none for that level, which is then not compared; levels past the spec's are
 * ignored). Paths are built only for nested objects and key-shaped values that disagree: most values cost one
 * `typeof` and one `startsWith`, a key that agrees a few comparisons in place.
 */
export function scanKeyValues(
  spec: KeyScanSpec,
  detail: object,
  path: string,
  id0: string | undefined,
  id1: string | undefined,
  id2: string | undefined,
): KeyScan {
  const walk: Walk = {
    spec,
    start: spec.start,
    id0,
    id1,
    id2,
    budget: spec.limits.values,
    seen: undefined,
    mismatches: undefined,
    complete: true,
  };
  walk.complete = walkObject(walk, detail, path, 0);
  return walk;
}

/** The state of one scan, and its result (one object: no closure, no allocation per value). */
interface Walk extends KeyScan {
  readonly spec: KeyScanSpec;
  /** `spec.start`, read once per object by the walk (the one test every string value takes). */
  readonly start: string;
  /** The detail's id per level (`undefined`: the detail has none, that level is not compared). */
  readonly id0: string | undefined;
  readonly id1: string | undefined;
  readonly id2: string | undefined;
  budget: number;
  seen: Set<object> | undefined;
  mismatches: KeyIdMismatch[] | undefined;
  complete: boolean;
}

/**
 * False when a limit stopped the walk. The own enumerable properties are read with `for…in` filtered by
 * `hasOwnProperty`, the same keys in the same order as `Object.keys`: V8 reads each value through the
 * object's enumeration cache, where `holder[key]` over a key array is a generic lookup per value (most of
 * the scan's time). The values are counted first, so a holder over the budget is not read.
 */
function walkObject(walk: Walk, holder: object, holderPath: string, depth: number): boolean {
  if ((walk.budget -= ownKeyCount(holder)) < 0) return false;
  const { start } = walk;
  for (const key in holder) {
    if (!Object.prototype.hasOwnProperty.call(holder, key)) continue;
    const value: unknown = (holder as Record<string, unknown>)[key];
    if (typeof value === "string") {
      if (!value.startsWith(start)) continue;
      const level = differingLevel(walk, value);
      if (level === -1) continue;
      const valuePath = `${holderPath}.${key}`;
      if (!walk.spec.skip.has(valuePath))
        (walk.mismatches ??= []).push({
          path: valuePath,
          level,
          label: walk.spec.labels[level]!,
          keyId: segmentId(walk.spec, value, level),
          id: (level === 0 ? walk.id0 : level === 1 ? walk.id1 : walk.id2)!,
        });
    } else if (typeof value === "object" && value !== null) {
      if (depth + 1 >= walk.spec.limits.depth) return false;
      walk.seen ??= new Set([holder]);
      if (walk.seen.has(value)) continue;
      walk.seen.add(value);
      if (!walkObject(walk, value, `${holderPath}.${key}`, depth + 1)) return false;
    }
  }
  return true;
}

/** `Object.keys(holder).length`, counted on the same enumeration-cache path as the walk, without an array. */
function ownKeyCount(holder: object): number {
  let count = 0;
  for (const key in holder) if (Object.prototype.hasOwnProperty.call(holder, key)) count++;
  return count;
}

/**
 * The index of the first level whose id segment in a `TENANT#t[#CAPSULE#c…]` value differs from the detail's
 * id, or -1. Follows the levels while each is joined by its label (`TENANT#t1#MEMBERS` stops after the tenant).
 * Straight-line over the three levels a prefix can have, comparing in place: a value that agrees (the usual case)
 * costs no string.
 */
function differingLevel(walk: Walk, value: string): number {
  const { link1, link2 } = walk.spec;
  let start = walk.start.length;
  let end = idEnd(value, start);
  if (walk.id0 !== undefined && !idIs(value, start, end, walk.id0)) return 0;
  if (!linked(value, end, link1)) return -1;
  start = end + link1.length;
  end = idEnd(value, start);
  if (walk.id1 !== undefined && !idIs(value, start, end, walk.id1)) return 1;
  if (!linked(value, end, link2)) return -1;
  start = end + link2.length;
  end = idEnd(value, start);
  return walk.id2 !== undefined && !idIs(value, start, end, walk.id2) ? 2 : -1;
}

/** Whether the id segment ending at `end` is followed by the next level's `link` (`#CAPSULE#`). */
function linked(value: string, end: number, link: string | undefined): link is string {
  return link !== undefined && end !== value.length && value.startsWith(link, end);
}

/** The id a value's segment for `level` names (for a mismatch's report). */
function segmentId(spec: KeyScanSpec, value: string, level: number): string {
  let start = spec.start.length;
  if (level > 0) start = idEnd(value, start) + spec.link1!.length;
  if (level > 1) start = idEnd(value, start) + spec.link2!.length;
  return value.slice(start, idEnd(value, start));
}

/** Where the id segment starting at `start` ends: the next `#`, or the end of the value. */
function idEnd(value: string, start: number): number {
  const end = value.indexOf("#", start);
  return end === -1 ? value.length : end;
}

/** Whether `value[start, end)` is `id`, without taking it out. */
function idIs(value: string, start: number, end: number, id: string): boolean {
  return end - start === id.length && value.startsWith(id, start);
}
