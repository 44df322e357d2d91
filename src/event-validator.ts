/**
 * `createEventValidator()`: checks events against their declared types and against related types. It never
 * throws on an event, whatever it is: every problem, including input that is not an event at all or that
 * throws while being read, comes back as a violation with a code, a severity, a path and a catalog message.
 */
import { z } from "zod";
import { EntityDefinitionError } from "./errors.js";
import type { EventDefinition } from "./event-definition.js";
import { relatedRequirements, requiredPaths, type RelatedOptions, type RelatedRequirement } from "./event-relations.js";
import { describeValue } from "./key-codec.js";
import {
  invalidEventFieldMessage,
  invalidEventOptionMessage,
  keyIdMismatchMessage,
  missingEventFieldMessage,
  notAnEventMessage,
  relatedFieldMessage,
  scanIncompleteMessage,
  unknownEventTypeMessage,
  unreadableEventMessage,
  type EventFieldRole,
} from "./messages.js";
import { scanKeyValues, type DetailIds, type ScanLimits } from "./internal/key-values.js";

/** How serious a violation is. `critical`: an isolation boundary is missing or contradicted. */
export type Severity = "critical" | "high" | "medium" | "low";

/** The codes a violation can have; each has its message in the catalog (docs/errors.md). */
export type EventViolationCode =
  | "event.notAnEvent"
  | "event.unreadable"
  | "event.unknownType"
  | "event.missingField"
  | "event.invalidField"
  | "event.relatedFieldMissing"
  | "event.keyMismatch"
  | "event.scanIncomplete";

/**
 * One problem with one event.
 *
 * @example
 * //=> { code: "event.missingField", severity: "critical", eventType: "RoleAssignmentCreated",
 * //     path: "detail.capsuleId", message: "[event.missingField] RoleAssignmentCreated has no detail.capsuleId, …" }
 */
export interface EventViolation {
  readonly code: EventViolationCode;
  readonly severity: Severity;
  /** The event's type as it claims it (known or not), or `null` when it has none. */
  readonly eventType: string | null;
  /** Dotted path in the event as given: `detail.capsuleId`, `detail-type`, `source`; `""` for the whole input. */
  readonly path: string;
  readonly message: string;
}

/**
 * What {@link EventValidator.validate} returns: `ok` when there is no violation.
 *
 * @example
 * validator.validate({ type: "RoleAssignmentCreated", detail: { tenantId: "t1", capsuleId: "c1", id: "r1" } });
 * //=> { ok: true, eventType: "RoleAssignmentCreated", violations: [] }
 */
export interface EventValidationResult {
  readonly ok: boolean;
  readonly eventType: string | null;
  readonly violations: readonly EventViolation[];
}

/**
 * Per event type in a batch: how many events, how many valid, violations by code.
 *
 * @example
 * report.byType["RoleAssignmentCreated"]; //=> { total: 12, valid: 11, invalid: 1, violations: { "event.missingField": 1 } }
 */
export interface EventTypeSummary {
  readonly total: number;
  readonly valid: number;
  readonly invalid: number;
  readonly violations: Readonly<Record<string, number>>;
}

/**
 * What {@link EventValidator.validateBatch} returns. `byType` and the count records have no prototype, so
 * any event type (even `__proto__`) is a plain key; events without a type are counted under `(none)`.
 *
 * @example
 * const report = validator.validateBatch(events);
 * report.ok; report.bySeverity.critical; report.byType["RoleAssignmentCreated"]?.invalid;
 */
export interface EventBatchReport {
  readonly ok: boolean;
  readonly total: number;
  readonly valid: number;
  readonly invalid: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byType: Readonly<Record<string, EventTypeSummary>>;
  /** One result per event, in order. */
  readonly results: readonly EventValidationResult[];
}

/**
 * Options of {@link createEventValidator}.
 *
 * @example
 * createEventValidator({ events: [RoleAssignmentCreated, AccountCreated], related: { groups: [["AccountCreated", "SessionStarted"]] } })
 */
export interface EventValidatorOptions {
  /** The declared event types; types must be distinct. */
  readonly events: readonly EventDefinition[];
  /** Which types are related (same entity and same source by default). */
  readonly related?: RelatedOptions;
  /** How much of a detail the key-value scan reads: `values` (default 10,000) and nesting `depth` (default 32). */
  readonly scan?: { readonly values?: number; readonly depth?: number };
}

/**
 * Validates events. Made by {@link createEventValidator}.
 *
 * @example
 * const { ok, violations } = validator.validate(event);
 */
export interface EventValidator {
  /** The declared event types. */
  readonly types: readonly string[];
  /** Validates one EventBridge envelope or flat `{ type, detail }` event. Never throws. */
  validate(event: unknown): EventValidationResult;
  /** Validates many events and summarizes them per type and severity. Never throws. */
  validateBatch(events: Iterable<unknown>): EventBatchReport;
}

/** The label under which events without a type are counted. */
const noType = "(none)";
/** Event types from input are cut to this length in results and logs. */
const maxTypeLength = 200;

/** Everything the validator precomputes for one declared type. */
interface Compiled {
  readonly definition: EventDefinition;
  /** The envelope schema, and the same for flat events (`type` instead of `detail-type`). */
  readonly envelope: z.ZodType;
  readonly flat: z.ZodType;
  /** Required detail paths (`detail.` prefixed) and their roles, for missing-detail expansion. */
  readonly required: readonly (readonly [string, EventFieldRole])[];
  readonly related: readonly RelatedRequirement[];
  /** Isolation id paths in `detail` (`detail.` prefixed) by key label. */
  readonly ids: readonly (readonly ["TENANT" | "CAPSULE", string])[];
  readonly idPaths: ReadonlySet<string>;
  readonly roles: ReadonlyMap<string, EventFieldRole>;
}

/**
 * Creates a validator for a set of event types.
 *
 * @example
 * const validator = createEventValidator({ events: [RoleAssignmentCreated, AccountCreated, SessionStarted] });
 * validator.validate({ "detail-type": "RoleAssignmentCreated", source: "auth", detail: { tenantId: "t1", id: "r1" } });
 * //=> { ok: false, eventType: "RoleAssignmentCreated", violations: [{ code: "event.missingField", severity: "critical", path: "detail.capsuleId", … }] }
 * @see docs/events.md
 */
export function createEventValidator(options: EventValidatorOptions): EventValidator {
  const limits: ScanLimits = { values: options.scan?.values ?? 10_000, depth: options.scan?.depth ?? 32 };
  const requirements = relatedRequirements(options.events, options.related);
  const compiled = new Map<string, Compiled>();
  for (const definition of options.events) {
    if (compiled.has(definition.type)) {
      throw new EntityDefinitionError(
        invalidEventOptionMessage("events", `event definitions with distinct types (${JSON.stringify(definition.type)} appears twice)`, "events: [RoleAssignmentCreated, AccountCreated]"),
      );
    }
    compiled.set(definition.type, compile(definition, requirements.get(definition.type) ?? []));
  }

  const validate = (event: unknown): EventValidationResult => {
    let eventType: string | null = null;
    try {
      const read = readEvent(event);
      if ("violation" in read) return result(null, [read.violation]);
      eventType = read.type.length > maxTypeLength ? `${read.type.slice(0, maxTypeLength - 3)}...` : read.type;
      const target = compiled.get(read.type);
      if (target === undefined) {
        return result(eventType, [violation("event.unknownType", "high", eventType, read.typePath, unknownEventTypeMessage(describeValue(read.type), read.typePath))]);
      }
      return result(eventType, check(target, event as object, read.typePath === "detail-type"));
    } catch (error) {
      return result(eventType, [violation("event.unreadable", "high", eventType, "", unreadableEventMessage(eventType ?? "the event", problemOf(error)))]);
    }
  };

  const check = (target: Compiled, event: object, envelope: boolean): EventViolation[] => {
    const { definition } = target;
    const type = definition.type;
    const violations: EventViolation[] = [];
    const parsed = (envelope ? target.envelope : target.flat).safeParse(event);
    const detail = own(event, "detail");
    const missing = new Set<string>();
    if (!parsed.success) {
      for (const [path, problems] of groupIssues(parsed.error.issues)) {
        const present = valueAt(event, path) !== undefined;
        if (path === "detail" && !isObject(detail)) {
          // No detail object: report every required field it should have had, the isolation ones critical.
          if (present || target.required.length === 0) violations.push(fieldViolation(type, path, "field", present, problems, missing));
          for (const [field, role] of target.required) violations.push(fieldViolation(type, field, role, false, "", missing));
          continue;
        }
        violations.push(fieldViolation(type, path, target.roles.get(path) ?? "field", present, problems, missing));
      }
    }
    if (!isObject(detail)) return violations;

    for (const requirement of target.related) {
      const path = `detail.${requirement.path}`;
      if (missing.has(parentOf(path)) || valueAt(event, path) !== undefined) continue;
      missing.add(path);
      violations.push(violation("event.relatedFieldMissing", "medium", type, path, relatedFieldMessage(type, path, requirement.related)));
    }

    const ids: { TENANT?: string; CAPSULE?: string } = {};
    for (const [label, path] of target.ids) {
      const id = valueAt(event, path);
      if (typeof id === "string") ids[label] = id;
    }
    if (ids.TENANT === undefined && ids.CAPSULE === undefined) return violations;
    const scan = scanKeyValues(detail, "detail", ids satisfies DetailIds, target.idPaths, limits);
    for (const mismatch of scan.mismatches) {
      const idPath = target.ids.find(([label]) => label === mismatch.label)![1];
      violations.push(
        violation(
          "event.keyMismatch",
          "critical",
          type,
          mismatch.path,
          keyIdMismatchMessage(type, mismatch.path, mismatch.label, describeValue(mismatch.keyId), idPath, describeValue(ids[mismatch.label]), definition.entity ?? "Entity"),
        ),
      );
    }
    if (!scan.complete) {
      violations.push(violation("event.scanIncomplete", "low", type, "detail", scanIncompleteMessage(type, `${limits.values} values, depth ${limits.depth}`)));
    }
    return violations;
  };

  const validateBatch = (events: Iterable<unknown>): EventBatchReport => {
    const results: EventValidationResult[] = [];
    try {
      for (const event of events) results.push(validate(event));
    } catch (error) {
      results.push(result(null, [violation("event.unreadable", "high", null, `[${results.length}]`, unreadableEventMessage("the batch", problemOf(error)))]));
    }
    return summarize(results);
  };

  return Object.freeze({ types: Object.freeze([...compiled.keys()]), validate, validateBatch });
}

// ── per type, once ──────────────────────────────────────────────────────────────────────────────────────

function compile(definition: EventDefinition, related: readonly RelatedRequirement[]): Compiled {
  const { isolation } = definition;
  const ids: (readonly ["TENANT" | "CAPSULE", string])[] = [];
  if (isolation.tenant !== undefined) ids.push(["TENANT", `detail.${isolation.tenant}`]);
  if (isolation.capsule !== undefined) ids.push(["CAPSULE", `detail.${isolation.capsule}`]);
  const roles = new Map<string, EventFieldRole>(definition.keyFields.map((path) => [`detail.${path}`, "key field"]));
  // A missing parent of a nested isolation field (`detail.context`) takes the isolation with it.
  for (const [, path] of ids) roles.set(path, "isolation field").set(parentOf(path), parentOf(path) === "detail" ? "field" : "isolation field");
  const envelopeShape = (definition.envelope as unknown as z.ZodObject).shape;
  const { "detail-type": type, ...rest } = envelopeShape;
  return {
    definition,
    envelope: definition.envelope,
    flat: z.object({ ...rest, type: type!, source: rest["source"]!.optional() }),
    required: [...requiredPaths(definition.detail.shape)].map((path) => [`detail.${path}`, roles.get(`detail.${path}`) ?? "field"] as const),
    related,
    ids,
    idPaths: new Set(ids.map(([, path]) => path)),
    roles,
  };
}

// ── reading hostile input ───────────────────────────────────────────────────────────────────────────────

/** The claimed type and where it was read from, or why the input is not an event. */
function readEvent(event: unknown): { readonly type: string; readonly typePath: string } | { readonly violation: EventViolation } {
  if (!isObject(event)) return { violation: violation("event.notAnEvent", "high", null, "", notAnEventMessage(describeInput(event))) };
  const typePath = Object.hasOwn(event, "detail-type") ? "detail-type" : Object.hasOwn(event, "type") ? "type" : undefined;
  if (typePath === undefined) {
    return { violation: violation("event.notAnEvent", "high", null, "", notAnEventMessage('an object without "detail-type" or "type"')) };
  }
  const type = own(event, typePath);
  if (typeof type !== "string") {
    return { violation: violation("event.notAnEvent", "high", null, typePath, notAnEventMessage(`${typePath} is ${describeInput(type)}, not a string`)) };
  }
  return { type, typePath };
}

/** A plain object or class instance, not an array. */
function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own property, never one inherited from a (possibly polluted) prototype. */
function own(holder: object, key: string): unknown {
  return Object.hasOwn(holder, key) ? (holder as Record<string, unknown>)[key] : undefined;
}

/** The value at a dotted path, through own properties only. */
function valueAt(root: object, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split(".")) value = typeof value === "object" && value !== null ? own(value, key) : undefined;
  return value;
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("."));
}

function describeInput(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || value === undefined) return String(value);
  return typeof value === "object" || typeof value === "function" ? `a ${typeof value}` : `${typeof value} ${describeValue(value)}`;
}

function problemOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${describeInput(error)}`;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

// ── violations ──────────────────────────────────────────────────────────────────────────────────────────

/** zod's issues grouped by dotted path (one violation per field), problems joined. */
function groupIssues(issues: readonly z.core.$ZodIssue[]): Map<string, string> {
  const grouped = new Map<string, string>();
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    const previous = grouped.get(path);
    grouped.set(path, previous === undefined ? issue.message : `${previous}; ${issue.message}`);
  }
  return grouped;
}

const fieldSeverity: Readonly<Record<EventFieldRole, Severity>> = { "isolation field": "critical", "key field": "high", field: "medium" };

/** A missing or invalid field; missing paths are recorded so related checks do not repeat them. */
function fieldViolation(type: string, path: string, role: EventFieldRole, present: boolean, problems: string, missing: Set<string>): EventViolation {
  if (present) return violation("event.invalidField", fieldSeverity[role], type, path, invalidEventFieldMessage(type, path, role, problems));
  missing.add(path);
  return violation("event.missingField", fieldSeverity[role], type, path, missingEventFieldMessage(type, path, role));
}

function violation(code: EventViolationCode, severity: Severity, eventType: string | null, path: string, message: string): EventViolation {
  return { code, severity, eventType, path, message };
}

const severityRank: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** The result, most severe violations first (stable within a severity). */
function result(eventType: string | null, violations: EventViolation[]): EventValidationResult {
  return { ok: violations.length === 0, eventType, violations: violations.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]) };
}

// ── batches ─────────────────────────────────────────────────────────────────────────────────────────────

function summarize(results: readonly EventValidationResult[]): EventBatchReport {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const byType: Record<string, { total: number; valid: number; invalid: number; violations: Record<string, number> }> = Object.create(null);
  let valid = 0;
  for (const { ok, eventType, violations } of results) {
    const summary = (byType[eventType ?? noType] ??= { total: 0, valid: 0, invalid: 0, violations: Object.create(null) as Record<string, number> });
    summary.total++;
    if (ok) {
      valid++;
      summary.valid++;
    } else summary.invalid++;
    for (const { code, severity } of violations) {
      bySeverity[severity]++;
      summary.violations[code] = (summary.violations[code] ?? 0) + 1;
    }
  }
  return { ok: valid === results.length, total: results.length, valid, invalid: results.length - valid, bySeverity, byType, results };
}

/** A violation with the index of its event in a batch. */
export interface IndexedViolation extends EventViolation {
  readonly index: number;
}

/** Every violation of a batch with its event's index, most severe first (stable by index within a severity). */
export function indexedViolations(report: EventBatchReport): IndexedViolation[] {
  return report.results
    .flatMap(({ violations }, index) => violations.map((found) => ({ index, ...found })))
    .sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

/** Whether a severity is at least as serious as a threshold. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] <= severityRank[threshold];
}
