/**
 * Field names and paths: how fields are compared across event types and spellings.
 */
/**
 * Field names compared case- and separator-insensitively: `capsule_id`, `capsuleId`, `CapsuleID` and
 * `capsule-id` all normalize to `capsuleid`. Spellings are kept elsewhere for reporting.
 * @example normalizeFieldName("Capsule_ID") //=> "capsuleid"
 */
export function normalizeFieldName(name: string): string {
  // Only letters and digits survive, so a key can never forge a path separator or an array segment.
  const normalized = name.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();
  return normalized === "" ? "_" : normalized;
}

/** The separator between the segments of a normalized field path (`context.capsuleid`). */
export const pathSeparator = ".";

/** The segment that stands for "any element" of an array in a field path (`items[]`). */
export const arraySegment = "[]";

/**
 * The identity a field is compared by across event types: a field at top level or one level down is
 * known by its normalized name alone (`capsule_id` and `context.capsuleId` are the same field, as in
 * the entity rules); deeper or array paths keep their whole normalized path.
 * @example fieldIdOf("context.capsuleid") //=> "capsuleid"
 */
export function fieldIdOf(normalizedPath: string): string {
  const segments = normalizedPath.split(pathSeparator);
  if (segments.length > 2 || segments.includes(arraySegment)) return normalizedPath;
  return segments[segments.length - 1] ?? normalizedPath;
}

/** The last segment of a dotted path as written (`context.capsuleId` → `capsuleId`). */
export function leafOf(path: string): string {
  const at = path.lastIndexOf(pathSeparator);
  return at === -1 ? path : path.slice(at + 1);
}
