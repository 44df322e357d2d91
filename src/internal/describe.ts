/**
 * How messages quote what they were given: a value rendered short, and text cut to a length. Shared by the key
 * codec, scopes and the event validator, so that every message cuts the same way.
 */

/** `text` when at most `max` characters long, else its start and `...`, `max` characters in all. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** A short, quoted rendering of a bad value for messages: strings JSON-quoted, bigints with `n`, 60 characters at most. */
export function describeValue(value: unknown): string {
  return truncate(
    typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : String(value),
    60,
  );
}
