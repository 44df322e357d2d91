/**
 * Key-shaped values in an event's detail: strings that start with the isolation prefix `TENANT#t` or
 * `TENANT#t#CAPSULE#c` (as every partition key built by this library does). Their ids must be the detail's
 * own. The walk is bounded (values and depth), skips cycles and reads only own enumerable properties.
 */

/** The ids a key-shaped value must carry, by label. */
export interface DetailIds {
  readonly TENANT: string | undefined;
  readonly CAPSULE: string | undefined;
}

/** A key-shaped value whose id for `label` is not the detail's own. */
export interface KeyIdMismatch {
  readonly path: string;
  readonly label: keyof DetailIds;
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
const tenantStart = "TENANT#".length;
const capsulePrefix = "#CAPSULE#";

/**
 * Walks `detail` (at `path`) depth-first; `skip` holds paths not to compare (the ids themselves). Paths are
 * built only for nested objects and key-shaped values that disagree: most values cost one `typeof` and one
 * `startsWith`, a key that agrees a few comparisons in place.
 */
export function scanKeyValues(
  detail: object,
  path: string,
  ids: DetailIds,
  skip: ReadonlySet<string>,
  limits: ScanLimits,
): KeyScan {
  const walk: Walk = {
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
  readonly ids: DetailIds;
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
      if (!value.startsWith("TENANT#")) continue;
      const label = differingLabel(value, walk.ids);
      if (label === undefined) continue;
      const valuePath = `${holderPath}.${key}`;
      if (!walk.skip.has(valuePath)) walk.mismatches.push({ path: valuePath, label, keyId: segmentId(value, label) });
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
 * The label of the first isolation segment of a `TENANT#t[#CAPSULE#c…]` value that differs from the detail's
 * ids, or undefined. Compares in place: a value that agrees (the usual case) costs no string.
 */
function differingLabel(value: string, ids: DetailIds): keyof DetailIds | undefined {
  const tenantEnd = idEnd(value, tenantStart);
  if (ids.TENANT !== undefined && !idIs(value, tenantStart, tenantEnd, ids.TENANT)) return "TENANT";
  if (ids.CAPSULE === undefined || tenantEnd === value.length || !value.startsWith(capsulePrefix, tenantEnd))
    return undefined;
  const capsuleStart = tenantEnd + capsulePrefix.length;
  return idIs(value, capsuleStart, idEnd(value, capsuleStart), ids.CAPSULE) ? undefined : "CAPSULE";
}

/** The id a value's `label` segment names (for a mismatch's report). */
function segmentId(value: string, label: keyof DetailIds): string {
  const start = label === "TENANT" ? tenantStart : idEnd(value, tenantStart) + capsulePrefix.length;
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
