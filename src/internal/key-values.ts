/**
 * Key-shaped values in an event's detail: strings that start with the isolation prefix of the event's
 * vocabulary, `TENANT#t` or `TENANT#t#CAPSULE#c` for the default kit, `ORG#o#WS#w` for an org/workspace kit (as
 * every partition key built by this library does). Their ids must be the detail's own. The walk is bounded
 * (values and depth), skips cycles and reads only own enumerable properties.
 *
 * Everything that depends only on the event type (labels, the strings looked for, where the ids sit, the paths
 * to skip, the limits) is compiled once per type ({@link compileKeyScan}). Most details are flat (no nested
 * object) and every key-shaped value they hold agrees: {@link topLevelAgrees} settles them in one pass over the
 * top level, without an allocation, reading the detail's ids only at the first key-shaped value. Any other detail
 * goes to the scan proper ({@link scanKeyValues}), which starts over from the top: the pass never reports
 * anything itself, so the findings are the scan's alone. The scan takes the ids as one to three arguments and
 * follows the levels in straight-line code, so that an event costs no array and no loop over levels
 * (bench/events.ts).
 *
 * Own properties are tested with `Object.prototype.hasOwnProperty.call` spelled out at each use: TurboFan turns
 * it into a map check inside `for…in`, but not through a module-level alias once a bundler has rewritten that
 * alias's `const` into a `var` (esbuild does): the scan then took 2.5× the time.
 */
import { readPath } from "./read-path.js";

/**
 * What a scan for one event type looks for, compiled once per type by {@link compileKeyScan}.
 *
 * @example
 * compileKeyScan(["ORG", "WS"], [["orgId"], ["workspaceId"]], skip, limits); //=> { labels: ["ORG", "WS"], start: "ORG#", link1: "#WS#", link2: undefined, … }
 */
export interface KeyScanSpec {
  readonly labels: readonly string[];
  /** Where each level's id sits inside the detail (its keys), outermost first; undefined past the levels. */
  readonly id0: readonly string[] | undefined;
  readonly id1: readonly string[] | undefined;
  readonly id2: readonly string[] | undefined;
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
 * The scan of one event type's details: its labels (one to three, outermost first), where each level's id sits
 * in the detail (same order), the paths not to compare and the limits.
 *
 * @example
 * const spec = compileKeyScan(["TENANT", "CAPSULE"], [["tenantId"], ["capsuleId"]], new Set(["detail.tenantId", "detail.capsuleId"]), { values: 10_000, depth: 32 });
 */
export function compileKeyScan(
  labels: readonly string[],
  ids: readonly (readonly string[])[],
  skip: ReadonlySet<string>,
  limits: ScanLimits,
): KeyScanSpec {
  return {
    labels,
    id0: ids[0],
    id1: ids[1],
    id2: ids[2],
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
 * Whether `detail` is settled without a scan: true when its top level holds no object, within the values limit,
 * and every key-shaped string in it agrees with the detail's ids (so that the scan would read just that level,
 * find nothing and be complete: the usual event). The ids are read only at the first key-shaped string, from
 * zod's output when the detail passed its schema (`parsed`), else from the detail's own properties. False means
 * only "scan it": the pass stops at the first object or disagreeing key, and the scan starts over.
 *
 * @example
 * topLevelAgrees(spec, { tenantId: "t1", capsuleId: "c1", plan: "pro" }, undefined); //=> true
 * topLevelAgrees(spec, { tenantId: "t1", pk: "TENANT#t2#CAPSULE#c1" }, undefined); //=> false
 */
export function topLevelAgrees(spec: KeyScanSpec, detail: object, parsed: object | undefined): boolean {
  const { start } = spec;
  let count = 0;
  let read = false;
  let id0: string | undefined;
  let id1: string | undefined;
  let id2: string | undefined;
  for (const key in detail) {
    if (!Object.prototype.hasOwnProperty.call(detail, key)) continue;
    count++;
    const value: unknown = (detail as Record<string, unknown>)[key];
    if (typeof value === "string") {
      if (!value.startsWith(start)) continue;
      if (!read) {
        read = true;
        id0 = idAt(spec.id0, detail, parsed);
        id1 = idAt(spec.id1, detail, parsed);
        id2 = idAt(spec.id2, detail, parsed);
      }
      if (differingLevel(spec, value, id0, id1, id2) !== -1) return false;
    } else if (typeof value === "object" && value !== null) return false;
  }
  // Written so that a limit that is not a number (NaN) says "scan it" too.
  return count <= spec.limits.values;
}

/**
 * A level's id in the detail, when it is a string: read along `keys` (undefined: no such level) from zod's output
 * when the detail passed its schema (`parsed`: plain objects zod built, so plain reads), else through the
 * detail's own properties.
 *
 * @example
 * idAt(["ctx", "orgId"], { ctx: { orgId: "o1" } }, undefined); //=> "o1"
 */
export function idAt(
  keys: readonly string[] | undefined,
  detail: object,
  parsed: object | undefined,
): string | undefined {
  if (keys === undefined) return undefined;
  let id: unknown;
  if (parsed === undefined) id = readPath(detail, keys);
  else {
    id = parsed;
    for (const key of keys) id = (id as Record<string, unknown>)[key];
  }
  return typeof id === "string" ? id : undefined;
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
      const level = differingLevel(walk.spec, value, walk.id0, walk.id1, walk.id2);
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
function differingLevel(
  spec: KeyScanSpec,
  value: string,
  id0: string | undefined,
  id1: string | undefined,
  id2: string | undefined,
): number {
  const { link1, link2 } = spec;
  const start0 = spec.start.length;
  const end0 = idEnd(value, start0);
  if (id0 !== undefined && !idIs(value, start0, end0, id0)) return 0;
  if (link1 === undefined || end0 === value.length) return -1;
  // Each next segment is read where it would start if its label followed, and the labels are checked only before
  // a difference is reported: a key that agrees (the usual case) costs no label comparison past the first.
  const start1 = end0 + link1.length;
  const end1 = idEnd(value, start1);
  if (id1 !== undefined && !idIs(value, start1, end1, id1)) return linked(value, end0, link1) ? 1 : -1;
  if (link2 === undefined || end1 === value.length) return -1;
  const start2 = end1 + link2.length;
  const end2 = idEnd(value, start2);
  return id2 !== undefined &&
    !idIs(value, start2, end2, id2) &&
    linked(value, end0, link1) &&
    linked(value, end1, link2)
    ? 2
    : -1;
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
