/**
 * Key-shaped values in an event's detail: strings that start with the isolation prefix `TENANT#t` or
 * `TENANT#t#CAPSULE#c` (as every partition key built by this library does). Their ids must be the detail's
 * own. The walk is bounded (values and depth), skips cycles and reads only own enumerable properties.
 */

/** The ids a key-shaped value must carry, by label. */
export interface DetailIds {
  readonly TENANT?: string;
  readonly CAPSULE?: string;
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

/** Walks `detail` (at `path`) breadth-first; `skip` holds paths not to compare (the ids themselves). */
export function scanKeyValues(detail: object, path: string, ids: DetailIds, skip: ReadonlySet<string>, limits: ScanLimits): KeyScan {
  const mismatches: KeyIdMismatch[] = [];
  const queue: (readonly [object, string, number])[] = [[detail, path, 0]];
  let seen: Set<object> | undefined;
  let budget = limits.values;
  for (let index = 0; index < queue.length; index++) {
    const [holder, holderPath, depth] = queue[index]!;
    for (const key of Object.keys(holder)) {
      if (--budget < 0) return { mismatches, complete: false };
      const value: unknown = (holder as Record<string, unknown>)[key];
      const valuePath = `${holderPath}.${key}`;
      if (typeof value === "string") {
        if (value.startsWith("TENANT#") && !skip.has(valuePath)) {
          const mismatch = compareIds(value, ids);
          if (mismatch !== undefined) mismatches.push({ path: valuePath, ...mismatch });
        }
      } else if (typeof value === "object" && value !== null) {
        if (depth + 1 >= limits.depth) return { mismatches, complete: false };
        seen ??= new Set([detail]);
        if (!seen.has(value)) {
          seen.add(value);
          queue.push([value, valuePath, depth + 1]);
        }
      }
    }
  }
  return { mismatches, complete: true };
}

/** The first isolation segment of a `TENANT#t[#CAPSULE#c…]` value that differs from the detail's ids. */
function compareIds(value: string, ids: DetailIds): Omit<KeyIdMismatch, "path"> | undefined {
  const [, tenant, label, capsule] = value.split("#", 4);
  if (ids.TENANT !== undefined && tenant !== ids.TENANT) return { label: "TENANT", keyId: tenant ?? "" };
  if (ids.CAPSULE !== undefined && label === "CAPSULE" && capsule !== ids.CAPSULE) return { label: "CAPSULE", keyId: capsule ?? "" };
  return undefined;
}
