/**
 * The JSON report: the audit result as it is.
 */
import type { AuditResult } from "./result.js";

/**
 * The `--format json` report: `summary`, `invariants`, `keyShapes` and `findings[]` (each with `kind`,
 * `risk`, `eventType`, `source`, `field`, `message`, `fingerprint`, `location`).
 */
export function renderJson(result: AuditResult): string {
  const { summary, invariants, keyShapes, findings } = result;
  return `${JSON.stringify({ summary, invariants, keyShapes, findings }, null, 2)}\n`;
}
