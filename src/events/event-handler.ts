/**
 * `createEventValidationHandler()`: an EventBridge-consumer Lambda handler that validates every event it
 * receives, logs each violation as one structured JSON line, counts events and violations (a CloudWatch
 * embedded-metric line per invocation, and running totals per container), and never drops an event silently.
 */
import { EventValidationError } from "../errors.js";
import {
  atLeast,
  indexedViolations,
  type EventBatchReport,
  type EventValidator,
  type Severity,
} from "./event-validator.js";
import { eventsRejectedMessage } from "../messages.js";

/**
 * Options of {@link createEventValidationHandler}.
 *
 * @example
 * createEventValidationHandler({ validator, failOn: "critical", log: (line) => process.stdout.write(`${line}\n`) })
 */
export interface EventHandlerOptions {
  readonly validator: EventValidator;
  /** Where the JSON lines go. Default: `console.log`, which Lambda sends to CloudWatch Logs. A logger that throws fails the invocation. */
  readonly log?: (line: string) => void;
  /**
   * Fail the invocation (throw `EventValidationError`, after logging) when a violation is at least this severe,
   * so EventBridge retries the event and then sends it to the target's dead-letter queue. Default: never fail.
   */
  readonly failOn?: Severity;
  /** CloudWatch namespace of the embedded metrics in the summary line; `false` leaves them out. Default `"CapsuleEntity/Events"`. */
  readonly metricNamespace?: string | false;
}

/**
 * Counts since the handler was created: over all invocations of one warm Lambda container.
 *
 * @example
 * handler.totals; //=> { events: 40, valid: 39, invalid: 1, bySeverity: { critical: 1, high: 0, medium: 0, low: 0 } }
 */
export interface EventHandlerTotals {
  readonly events: number;
  readonly valid: number;
  readonly invalid: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

/**
 * What an invocation resolves to: the batch report without the per-event results (a synchronous invoker such
 * as EventBridge Pipes receives it, and a Lambda response is limited to 6 MB).
 *
 * @example
 * await handler(event); //=> { ok: false, total: 1, valid: 0, invalid: 1, bySeverity: { critical: 1, … }, byType: { … } }
 */
export type EventHandlerSummary = Omit<EventBatchReport, "results">;

/**
 * The Lambda handler: one EventBridge envelope per invocation (an EventBridge rule target), or an array of
 * them (an EventBridge Pipes batch). Resolves to the batch summary.
 *
 * @example
 * export const handler = createEventValidationHandler({ validator });
 */
export interface EventValidationHandler {
  (event: unknown): Promise<EventHandlerSummary>;
  readonly totals: EventHandlerTotals;
}

/**
 * Creates an EventBridge-consumer Lambda handler that validates events.
 *
 * @example
 * // examples/lambda/handler.ts
 * export const handler = createEventValidationHandler({
 *   validator: createEventValidator({ events: [RoleAssignmentCreated, AccountCreated] }),
 *   failOn: "critical",
 * });
 * @see docs/events.md
 */
export function createEventValidationHandler(options: EventHandlerOptions): EventValidationHandler {
  const { validator, failOn } = options;
  const log = options.log ?? ((line: string): void => console.log(line));
  const namespace = options.metricNamespace ?? "CapsuleEntity/Events";
  const totals = { events: 0, valid: 0, invalid: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 } };

  const handle = async (input: unknown): Promise<EventHandlerSummary> => {
    let events: unknown[];
    try {
      events = Array.isArray(input) ? input : [input];
    } catch {
      events = [input]; // a revoked proxy: validate() reports it as unreadable
    }
    const report = validator.validateBatch(events);
    const violations = indexedViolations(report);
    for (const found of violations) {
      log(
        JSON.stringify({
          level: atLeast(found.severity, "high") ? "error" : "warn",
          logger: "capsule-entity",
          ...found,
          ...envelopeIds(events[found.index]),
        }),
      );
    }
    totals.events += report.total;
    totals.valid += report.valid;
    totals.invalid += report.invalid;
    for (const severity of Object.keys(totals.bySeverity) as Severity[])
      totals.bySeverity[severity] += report.bySeverity[severity];
    log(JSON.stringify(summaryLine(report, namespace)));

    const rejected = failOn === undefined ? [] : violations.filter((found) => atLeast(found.severity, failOn));
    const first = rejected[0];
    if (first !== undefined) {
      const invalid = new Set(rejected.map((found) => found.index)).size;
      throw new EventValidationError(
        eventsRejectedMessage(
          invalid,
          report.total,
          failOn!,
          `${first.eventType ?? "an event"} ${first.code} at ${first.path || "the event"}`,
        ),
        rejected,
      );
    }
    const { results: _results, ...summary } = report;
    return summary;
  };
  return Object.assign(handle, { totals });
}

/** The envelope's `id` and `source`, when they are strings, so a logged violation leads back to its event. */
function envelopeIds(event: unknown): { eventId?: string; source?: string } {
  const ids: { eventId?: string; source?: string } = {};
  try {
    if (typeof event !== "object" || event === null) return ids;
    const id = Object.hasOwn(event, "id") ? (event as { id: unknown }).id : undefined;
    const source = Object.hasOwn(event, "source") ? (event as { source: unknown }).source : undefined;
    if (typeof id === "string") ids.eventId = id.slice(0, 200);
    if (typeof source === "string") ids.source = source.slice(0, 200);
  } catch {
    // An event that throws when read was already reported as event.unreadable; its ids stay out of the line.
  }
  return ids;
}

/** At most this many event types are listed in a summary line. */
const maxTypesLogged = 50;

/** One line per invocation: the counts, as CloudWatch embedded metrics unless turned off. */
function summaryLine(report: EventBatchReport, namespace: string | false): Record<string, unknown> {
  const metrics = {
    EventsValidated: report.total,
    EventsInvalid: report.invalid,
    CriticalViolations: report.bySeverity.critical,
    HighViolations: report.bySeverity.high,
    MediumViolations: report.bySeverity.medium,
    LowViolations: report.bySeverity.low,
  };
  const line = {
    level: report.ok ? "info" : "warn",
    logger: "capsule-entity",
    message: `${report.total} events validated, ${report.invalid} invalid`,
    ...metrics,
    // A batch of many distinct (possibly hostile) types must not blow the line past CloudWatch's event size.
    byType:
      Object.keys(report.byType).length <= maxTypesLogged
        ? report.byType
        : `${Object.keys(report.byType).length} event types (see the violation lines)`,
  };
  if (namespace === false) return line;
  return {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [[]],
          Metrics: Object.keys(metrics).map((name) => ({ Name: name, Unit: "Count" })),
        },
      ],
    },
    ...line,
  };
}
