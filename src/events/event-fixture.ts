/**
 * `assertValidEvents()`: the test-fixture side of the validator. Assert that a batch of emitted events is
 * valid in any test runner; on failure it throws with every violation (`✖ message` / `→ at path`) and with
 * `actual` / `expected` set, so vitest and jest print a diff of what each event got wrong.
 */
import { EventValidationError } from "../errors.js";
import { detailExample, indexedViolations, type EventBatchReport, type EventValidator } from "./event-validator.js";
import { invalidEventsMessage } from "../messages.js";

/**
 * Asserts that every event is valid and returns the batch report; else throws `EventValidationError` whose
 * message lists the violations and whose `actual` / `expected` give a per-event diff
 * (`"#1 RoleAssignmentCreated": { "detail.capsuleId": "critical event.missingField" }` against `{}`).
 *
 * @example
 * const emitted: unknown[] = [];
 * await assignRole({ publish: (event) => emitted.push(event) }, input);
 * assertValidEvents(validator, emitted);
 * @see docs/events.md
 */
export function assertValidEvents(validator: EventValidator, events: Iterable<unknown>): EventBatchReport {
  const report = validator.validateBatch(events);
  if (report.ok) return report;
  const violations = indexedViolations(report);
  // The message's example: what the first invalid event's type declares, in the validator's own words.
  const firstInvalid = report.results.find((result) => !result.ok)!.eventType;
  const actual: Record<string, Record<string, string>> = {};
  const expected: Record<string, Record<string, string>> = {};
  report.results.forEach(({ ok, eventType, violations: found }, index) => {
    if (ok) return;
    const label = `#${index} ${eventType ?? "(no type)"}`;
    expected[label] = {};
    actual[label] = Object.fromEntries(
      found.map(({ path, severity, code }) => [path || "(event)", `${severity} ${code}`]),
    );
  });
  const lines = violations.map(
    ({ index, message, path }) => `  #${index} ✖ ${message}${path === "" ? "" : `\n       → at ${path}`}`,
  );
  throw new EventValidationError(
    `${invalidEventsMessage(report.invalid, report.total, detailExample(validator, firstInvalid))}\n${lines.join("\n")}`,
    violations,
    { actual, expected },
  );
}
