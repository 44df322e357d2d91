/**
 * Key-shaped values in an event's detail: strings that start with the isolation prefix of the event's
 * vocabulary, `TENANT#t` or `TENANT#t#CAPSULE#c` for the default kit, `ORG#o#WS#w` for an org/workspace kit (as
 * every partition key built by this library does). Their ids must be the detail's own. The walk is bounded
 * (values and depth), skips cycles and reads only own enumerable properties.
 */

/**
 * The labels of the prefix a key-shaped value starts with, outermost first, and the strings the scan looks for,
 * built once per event type ({@link keyPrefix}), not per event.
 *
 * @example
 * keyPrefix(["ORG", "WS"]); //=> { labels: ["ORG", "WS"], start: "ORG#", links: ["#WS#"] }
 */
export interface KeyPrefix {
  readonly labels: readonly string[];
  /** `TENANT#`: what a key-shaped value starts with. */
  readonly start: string;
  /** `#CAPSULE#`: what joins each level after the first to the id before it. */
  readonly links: readonly string[];
}
export function keyPrefix(labels: readonly string[]): KeyPrefix {
  return { labels, start: `${labels[0]}#`, links: labels.slice(1).map((label) => `#${label}#`) };
}

/** A key-shaped value whose id for the level at `level` (its index, outermost 0) is not the detail's own. */
export interface KeyIdMismatch {
  readonly path: string;
  readonly level: number;
  readonly label: string;
  readonly keyId: string;
}

/** How much of a detail the scan reads. */
export interface ScanLimits {
  readonly values: number;
  readonly depth: number;
}

/** What the scan found, and whether it read everything. */
export interface KeyScan {
  readonly mismatches: readonly KeyIdMismatch[];
  readonly complete: boolean;
}

const { hasOwnProperty } = Object.prototype;

/**
 * Walks `detail` (at `path`) depth-first; `skip` holds paths not to compare (the ids themselves). Paths are
 * built only for nested objects and key-shaped values that disagree: most values cost one `typeof` and one
 * `startsWith`, a key that agrees a few comparisons in place.
 */
export function scanKeyValues(
  detail: object,
  path: string,
  prefix: KeyPrefix,
  ids: readonly (string | undefined)[],
  skip: ReadonlySet<string>,
  limits: ScanLimits,
): KeyScan {
  const walk: Walk = {
    prefix,
    ids,
    skip,
    depthLimit: limits.depth,
    budget: limits.values,
    seen: undefined,
    mismatches: [],
    complete: true,
  };
  walk.complete = walkObject(walk, detail, path, 0);
  return walk;
}

/** The state of one scan, and its result (one object: no closure, no allocation per value). */
interface Walk extends KeyScan {
  readonly prefix: KeyPrefix;
  /** The detail's id per level of the prefix (`undefined`: the detail has none, that level is not compared). */
  readonly ids: readonly (string | undefined)[];
  readonly skip: ReadonlySet<string>;
  readonly depthLimit: number;
  budget: number;
  seen: Set<object> | undefined;
  readonly mismatches: KeyIdMismatch[];
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
  for (const key in holder) {
    if (!hasOwnProperty.call(holder, key)) continue;
    const value: unknown = (holder as Record<string, unknown>)[key];
    if (typeof value === "string") {
      if (!value.startsWith(walk.prefix.start)) continue;
      const level = differingLevel(walk, value);
      if (level === -1) continue;
      const valuePath = `${holderPath}.${key}`;
      if (!walk.skip.has(valuePath))
        walk.mismatches.push({
          path: valuePath,
          level,
          label: walk.prefix.labels[level]!,
          keyId: segmentId(walk, value, level),
        });
    } else if (typeof value === "object" && value !== null) {
      if (depth + 1 >= walk.depthLimit) return false;
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
  for (const key in holder) if (hasOwnProperty.call(holder, key)) count++;
  return count;
}

/**
 * The index of the first level whose id segment in a `TENANT#t[#CAPSULE#c…]` value differs from the detail's
 * id, or -1. Follows the levels while each is joined by its label (`TENANT#t1#MEMBERS` stops after the tenant).
 * Compares in place: a value that agrees (the usual case) costs no string.
 */
function differingLevel(walk: Walk, value: string): number {
  const { start: first, links } = walk.prefix;
  let start = first.length;
  for (let level = 0; ; level++) {
    const end = idEnd(value, start);
    const id = walk.ids[level];
    if (id !== undefined && !idIs(value, start, end, id)) return level;
    const link = links[level];
    if (link === undefined || end === value.length || !value.startsWith(link, end)) return -1;
    start = end + link.length;
  }
}

/** The id a value's segment for `level` names (for a mismatch's report). */
function segmentId(walk: Walk, value: string, level: number): string {
  let start = walk.prefix.start.length;
  for (let index = 0; index < level; index++) start = idEnd(value, start) + walk.prefix.links[index]!.length;
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
