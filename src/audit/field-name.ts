/**
 * Field names and paths: how fields are compared across event types and spellings.
 */
/**
 * Field names compared case- and separator-insensitively: `capsule_id`, `capsuleId`, `CapsuleID` and
 * `capsule-id` all normalize to `capsuleid`. Spellings are kept elsewhere for reporting. A sign before a leading
 * digit is a token, not a separator: `+1` and `-1` stay apart.
 * @example normalizeFieldName("Capsule_ID") //=> "capsuleid"
 */
export function normalizeFieldName(name: string): string {
  const sign = /^[+-](?=\p{N})/u.test(name) ? name.charAt(0) : "";
  // Only letters and digits survive (and that sign), so a key can never forge a path separator or an array segment.
  const normalized = sign + name.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();
  return normalized === "" ? "_" : normalized;
}

/** The separator between the segments of a normalized field path (`context.capsuleid`). */
export const pathSeparator = ".";

/** The segment that stands for "any element" of an array in a field path (`items[]`). */
export const arraySegment = "[]";

/**
 * The identity a field is compared by across event types and sources: its leaf name, at any depth
 * (`capsule_id`, `context.capsuleId` and `meta.owner.capsuleId` are one field), unless the leaf is generic (it
 * sits under several parents in one event, as `id` under `sender` and `repository`): then it is qualified by its
 * parent (`sender.id`, `repository.id`). Paths through arrays keep their whole normalized path.
 * @example fieldIdOf("meta.owner.capsuleid", new Set()) //=> "capsuleid"
 * fieldIdOf("repository.owner.id", new Set(["id"])) //=> "owner.id"
 */
export function fieldIdOf(normalizedPath: string, generic: ReadonlySet<string>): string {
  const segments = normalizedPath.split(pathSeparator);
  if (segments.includes(arraySegment)) return normalizedPath;
  const leaf = segments[segments.length - 1] ?? normalizedPath;
  const parent = segments[segments.length - 2];
  return parent !== undefined && generic.has(leaf) ? parent + pathSeparator + leaf : leaf;
}

/**
 * The generic leaves of a corpus: leaf names that sit under two or more parents within one event type (`id` under
 * `sender`, `repository` and `issue`). Learned from the paths alone, with no list of names.
 * @example genericLeaves([["sender.id", "repository.id", "tenantid"]]) //=> Set { "id" }
 */
export function genericLeaves(pathsByType: Iterable<Iterable<string>>): Set<string> {
  const generic = new Set<string>();
  for (const paths of pathsByType) {
    const parentOf = new Map<string, string>();
    for (const path of paths) {
      if (path.includes(arraySegment)) continue;
      const at = path.lastIndexOf(pathSeparator);
      const leaf = path.slice(at + 1);
      const parent = at === -1 ? "" : path.slice(0, at);
      const known = parentOf.get(leaf);
      if (known === undefined) parentOf.set(leaf, parent);
      else if (known !== parent) generic.add(leaf);
    }
  }
  return generic;
}

/** The last segment of a dotted path as written (`context.capsuleId` → `capsuleId`). */
export function leafOf(path: string): string {
  const at = path.lastIndexOf(pathSeparator);
  return at === -1 ? path : path.slice(at + 1);
}
