/** Counts and lists in the words every message of the audit uses (reports, notes, input errors). */
/**
 * `1 event`, `2,847 events`, `2 batches` (a noun whose plural is not `-s` is given it).
 * @example count(2847, "event") //=> "2,847 events"
 */
export function count(amount: number, noun: string, plural = `${noun}s`): string {
  return `${amount.toLocaleString("en-US")} ${amount === 1 ? noun : plural}`;
}

/**
 * The first three names, and how many more.
 * @example listed(["a", "b", "c", "d"]) //=> "a, b, c, … (1 more)"
 */
export function listed(names: readonly string[]): string {
  return names.slice(0, 3).join(", ") + (names.length > 3 ? `, … (${names.length - 3} more)` : "");
}
