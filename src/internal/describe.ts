/**
 * How messages quote what they were given: a value rendered short, and text cut to a length. Shared by the key
 * codec, scopes and the event validator, so that every message cuts the same way.
 */

/** `text` when at most `max` characters long, else its start and `...`, `max` characters in all. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * A short, quoted rendering of a bad value for messages: strings JSON-quoted, bigints with `n`, plain objects and
 * arrays as JSON (not `[object Object]`), functions as `a function`, 60 characters at most.
 */
export function describeValue(value: unknown): string {
  return truncate(
    typeof value === "string" || isPlain(value)
      ? jsonOf(value)
      : typeof value === "bigint"
        ? `${value}n`
        : typeof value === "function"
          ? "a function"
          : String(value),
    60,
  );
}

const isPlain = (value: unknown): boolean =>
  Array.isArray(value) ||
  (typeof value === "object" &&
    value !== null &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null));

/** JSON, or `String(value)` for what JSON cannot render (a cycle, a bigint inside). */
function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
