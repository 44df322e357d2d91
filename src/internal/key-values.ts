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

/**
 * Walks `detail` (at `path`) depth-first; `skip` holds paths not to compare (the ids themselves). Paths are
 * built only for key-shaped values and nested objects: most values cost one `typeof` and one `startsWith`.
 */
export function scanKeyValues(detail: object, path: string, ids: DetailIds, skip: ReadonlySet<string>, limits: ScanLimits): KeyScan {
  const walk: Walk = { ids, skip, depthLimit: limits.depth, budget: limits.values, seen: undefined, mismatches: [], complete: true };
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

/** False when a limit stopped the walk. */
function walkObject(walk: Walk, holder: object, holderPath: string, depth: number): boolean {
  const keys = Object.keys(holder);
  if ((walk.budget -= keys.length) < 0) return false;
  for (const key of keys) {
    const value: unknown = (holder as Record<string, unknown>)[key];
    if (typeof value === "string") {
      if (!value.startsWith("TENANT#")) continue;
      const valuePath = `${holderPath}.${key}`;
      const mismatch = walk.skip.has(valuePath) ? undefined : compareIds(value, walk.ids);
      if (mismatch !== undefined) walk.mismatches.push({ path: valuePath, ...mismatch });
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

/** The first isolation segment of a `TENANT#t[#CAPSULE#c…]` value that differs from the detail's ids. */
function compareIds(value: string, ids: DetailIds): Omit<KeyIdMismatch, "path"> | undefined {
  const tenantEnd = value.indexOf("#", 7);
  const tenant = tenantEnd === -1 ? value.slice(7) : value.slice(7, tenantEnd);
  if (ids.TENANT !== undefined && tenant !== ids.TENANT) return { label: "TENANT", keyId: tenant };
  if (ids.CAPSULE === undefined || tenantEnd === -1 || !value.startsWith("CAPSULE#", tenantEnd + 1)) return undefined;
  const capsuleStart = tenantEnd + 9;
  const capsuleEnd = value.indexOf("#", capsuleStart);
  const capsule = capsuleEnd === -1 ? value.slice(capsuleStart) : value.slice(capsuleStart, capsuleEnd);
  return capsule === ids.CAPSULE ? undefined : { label: "CAPSULE", keyId: capsule };
}
