/**
 * Bounded exponential backoff with full jitter (AWS's recommendation), for what the SDK does not retry itself:
 * a batch's unprocessed keys and items, and transactions cancelled only by throttling or a conflicting transaction.
 */

/** Attempts in all (the first one included) before giving up. */
export const maxAttempts = 8;
const baseMs = 25;
const capMs = 2_000;

/**
 * Waits before retry number `attempt` (1-based): a random delay up to `min(cap, base × 2^attempt)`.
 *
 * @example
 * for (let attempt = 1; pending.length > 0 && attempt < maxAttempts; attempt++) await backoff(attempt);
 */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * backoffCeiling(attempt)));
}

/**
 * The longest wait before retry number `attempt`, in milliseconds: doubling from 50, capped at 2 s.
 *
 * @example
 * backoffCeiling(1); //=> 50
 */
export function backoffCeiling(attempt: number): number {
  return Math.min(capMs, baseMs * 2 ** attempt);
}
