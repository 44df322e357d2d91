/**
 * `createEventValidator()`: checks events against their declared types and against related types. It never
 * throws on an event, whatever it is: every problem, including input that is not an event at all or that
 * throws while being read, comes back as a violation with a code, a severity, a path and a catalog message.
 */
import { z } from "zod";
import { EntityDefinitionError } from "../errors.js";
import type { EventDefinition } from "./event-definition.js";
import { relatedRequirements, requiredPaths, type RelatedOptions, type RelatedRequirement } from "./event-relations.js";
import { describeValue, truncate } from "../internal/describe.js";
import { readPath } from "../internal/read-path.js";
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
  type CatalogCodes,
  type EventFieldRole,
} from "../messages.js";
import {
  compileKeyScan,
  idAt,
  scanKeyValues,
  topLevelAgrees,
  type KeyScanSpec,
  type ScanLimits,
} from "../internal/key-values.js";
import { prefixLevels } from "../entity/isolation.js";
import { isObjectSchema } from "../internal/zod-shape.js";

/**
 * How serious a violation is. `critical`: an isolation boundary is missing or contradicted.
 *
 * @example
 * createEventValidationHandler({ validator, failOn: "critical" satisfies Severity })
 */
export type Severity = "critical" | "high" | "medium" | "low";

/**
 * The codes a violation can have; each has its message in the catalog (docs/errors.md).
 *
 * @example
 * result.violations.filter((found) => found.code === ("event.missingField" satisfies EventViolationCode))
 */
export type EventViolationCode = CatalogCodes<
  | "event.notAnEvent"
  | "event.unreadable"
  | "event.unknownType"
  | "event.missingField"
  | "event.invalidField"
  | "event.relatedFieldMissing"
  | "event.keyMismatch"
  | "event.scanIncomplete"
>;

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
  /** Most severe first; for a valid event, one shared frozen empty array. */
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

/** An isolation id's place in the event, and the label its level has in keys. */
interface IdPath {
  readonly label: string;
  readonly path: string;
  readonly keys: readonly string[];
}

/** Everything the validator precomputes for one declared type. */
interface Compiled {
  readonly definition: EventDefinition;
  /** The envelope schema, and the same for flat events (`type` instead of `detail-type`). */
  readonly envelope: z.ZodType;
  readonly flat: z.ZodType;
  /** Required detail paths (`detail.` prefixed) and their roles, for missing-detail expansion. */
  readonly required: readonly (readonly [string, EventFieldRole])[];
  /**
   * Fields related types require, with their paths inside `detail` split once (`split` is slow on a hot path)
   * and their `detail.`-prefixed paths and parents built once, not per event.
   */
  readonly related: readonly (RelatedRequirement & {
    readonly keys: readonly string[];
    readonly detailPath: string;
    readonly parent: string;
  })[];
  /**
   * Where the level ids sit (the tenant's and capsule's, a kit's levels' down to the event's), outermost first:
   * `detail.`-prefixed path, and keys inside `detail`. Empty for a global event.
   */
  readonly levels: readonly IdPath[];
  /** The key scan, compiled for the levels' labels and ids; none for a global event. */
  readonly scan: KeyScanSpec | undefined;
  readonly roles: ReadonlyMap<string, EventFieldRole>;
  /** The detail's fields (isolation, then key fields first), and its isolation fields alone: for messages' examples. */
  readonly fields: string;
  readonly ids: string;
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
  const events: unknown = options.events;
  const types = new Set<string>();
  // A non-array is refused like an array holding something that is not a definition.
  for (const definition of Array.isArray(events) ? (events as unknown[]) : [undefined]) {
    if (!isEventDefinition(definition)) {
      throw new EntityDefinitionError(
        invalidEventOptionMessage(
          "events",
          "an array of event definitions made by defineEvent() or Entity.event()",
          eventsExample(events),
        ),
      );
    }
    if (types.has(definition.type)) {
      throw new EntityDefinitionError(
        invalidEventOptionMessage(
          "events",
          `event definitions with distinct types (${JSON.stringify(definition.type)} appears twice)`,
          eventsExample(events),
        ),
      );
    }
    types.add(definition.type);
  }
  const requirements = relatedRequirements(options.events, options.related);
  const compiled = new Map(
    options.events.map((definition) => [
      definition.type,
      compile(definition, requirements.get(definition.type) ?? [], limits),
    ]),
  );
  // The examples of messages about input that names no declared type: the first declared type and its fields.
  // With none declared, neutral ones: the validator knows no vocabulary to word them in.
  const [first] = compiled.values();
  const notAnEvent = (received: string): string =>
    notAnEventMessage(received, first?.definition.type ?? "EntityCreated", first?.fields ?? "id, …");
  const declared = first?.definition.type ?? 'Entity.event("Created")';

  const validate = (event: unknown): EventValidationResult => {
    let eventType: string | null = null;
    try {
      if (!isObject(event))
        return result(null, [violation("event.notAnEvent", "high", null, "", notAnEvent(describeInput(event)))]);
      // Constant-key reads: a keyed read with a variable key costs more than the rest of this function. Own
      // properties are tested with `Object.prototype.hasOwnProperty.call`, spelled out: `Object.hasOwn` took
      // ≈ 5 % of validate()'s time here (same-process A/B, bench/events.ts), this form next to nothing.
      const envelope = Object.prototype.hasOwnProperty.call(event, "detail-type");
      if (!envelope && !Object.prototype.hasOwnProperty.call(event, "type")) {
        return result(null, [
          violation("event.notAnEvent", "high", null, "", notAnEvent('an object without "detail-type" or "type"')),
        ]);
      }
      const typePath = envelope ? "detail-type" : "type";
      const type: unknown = envelope ? (event as EventFields)["detail-type"] : (event as EventFields).type;
      if (typeof type !== "string") {
        return result(null, [
          violation(
            "event.notAnEvent",
            "high",
            null,
            typePath,
            notAnEvent(`${typePath} is ${describeInput(type)}, not a string`),
          ),
        ]);
      }
      eventType = truncate(type, maxTypeLength);
      const target = compiled.get(type);
      if (target === undefined) {
        return result(eventType, [
          violation(
            "event.unknownType",
            "high",
            eventType,
            typePath,
            unknownEventTypeMessage(describeValue(type), typePath, declared),
          ),
        ]);
      }
      return result(eventType, check(target, event, envelope));
    } catch (error) {
      return result(eventType, [
        violation(
          "event.unreadable",
          "high",
          eventType,
          "",
          unreadableEventMessage(eventType ?? "the event", problemOf(error)),
        ),
      ]);
    }
  };

  const check = (target: Compiled, event: object, envelope: boolean): readonly EventViolation[] => {
    const { definition } = target;
    const type = definition.type;
    let violations: EventViolation[] | undefined;
    const outcome = validateWith(envelope ? target.envelope : target.flat, event);
    const { issues } = outcome;
    const detail = Object.prototype.hasOwnProperty.call(event, "detail") ? (event as EventFields).detail : undefined;
    let missing: Set<string> | undefined;
    if (issues !== undefined) {
      missing = new Set();
      for (const [path, { keys, problems }] of groupIssues(issues)) {
        const present = readPath(event, keys) !== undefined;
        if (path === "detail" && !isObject(detail)) {
          // No detail object: report every required field it should have had, the isolation ones critical.
          if (present || target.required.length === 0)
            (violations ??= []).push(fieldViolation(target, path, "field", present, problems, missing));
          for (const [field, role] of target.required)
            (violations ??= []).push(fieldViolation(target, field, role, false, "", missing));
          continue;
        }
        (violations ??= []).push(
          fieldViolation(target, path, target.roles.get(path) ?? "field", present, problems, missing),
        );
      }
    }
    if (!isObject(detail)) return violations ?? noViolations;

    for (const requirement of target.related) {
      const path = requirement.detailPath;
      if (missing?.has(requirement.parent) === true || readPath(detail, requirement.keys) !== undefined) continue;
      (missing ??= new Set()).add(path);
      (violations ??= []).push(
        violation(
          "event.relatedFieldMissing",
          "medium",
          type,
          path,
          relatedFieldMessage(type, path, requirement.related),
        ),
      );
    }

    // The ids: from zod's output when the event is valid (its objects are zod's own: nothing inherited), else
    // from the input's own properties.
    const parsed = issues === undefined ? (outcome.value as { readonly detail: object }).detail : undefined;
    // Most details are flat and their key-shaped values (if any) agree: one pass over the top level settles them.
    const spec = target.scan;
    if (spec === undefined || topLevelAgrees(spec, detail, parsed)) return violations ?? noViolations;
    // Straight-line, no closure, no array.
    const id0 = idAt(spec.id0, detail, parsed);
    const id1 = idAt(spec.id1, detail, parsed);
    const id2 = idAt(spec.id2, detail, parsed);
    if (id0 === undefined && id1 === undefined && id2 === undefined) return violations ?? noViolations;
    const scan = scanKeyValues(spec, detail, "detail", id0, id1, id2);
    if (scan.mismatches !== undefined)
      for (const mismatch of scan.mismatches) {
        (violations ??= []).push(
          violation(
            "event.keyMismatch",
            "critical",
            type,
            mismatch.path,
            keyIdMismatchMessage(
              type,
              mismatch.path,
              mismatch.label,
              describeValue(mismatch.keyId),
              target.levels[mismatch.level]!.path,
              describeValue(mismatch.id),
              definition.entity ?? "Entity",
            ),
          ),
        );
      }
    if (!scan.complete) {
      (violations ??= []).push(
        violation(
          "event.scanIncomplete",
          "low",
          type,
          "detail",
          scanIncompleteMessage(type, `${limits.values} values, depth ${limits.depth}`, target.ids),
        ),
      );
    }
    return violations ?? noViolations;
  };

  const validateBatch = (events: Iterable<unknown>): EventBatchReport => {
    const results: EventValidationResult[] = [];
    try {
      for (const event of events) results.push(validate(event));
    } catch (error) {
      results.push(
        result(null, [
          violation(
            "event.unreadable",
            "high",
            null,
            `[${results.length}]`,
            unreadableEventMessage("the batch", problemOf(error)),
          ),
        ]),
      );
    }
    return summarize(results);
  };

  const validator: EventValidator = Object.freeze({
    types: Object.freeze([...compiled.keys()]),
    validate,
    validateBatch,
  });
  detailExamples.set(validator, (type) => {
    const target = (type === null ? undefined : compiled.get(type)) ?? first;
    return target === undefined ? undefined : `${target.definition.type} detail: { ${target.fields} }`;
  });
  return validator;
}

/** Per validator made by {@link createEventValidator}: a declared type's detail, for examples. */
const detailExamples = new WeakMap<EventValidator, (type: string | null) => string | undefined>();

/**
 * An example of what an event of `type` carries, from the validator's declared types (the first one when `type`
 * is not declared): `DocumentCreated detail: { orgId, workspaceId, docId, actorId }`; for a validator not made by
 * {@link createEventValidator}, the type alone.
 *
 * @example
 * detailExample(validator, "DocumentCreated"); //=> "DocumentCreated detail: { orgId, workspaceId, docId, actorId }"
 */
export function detailExample(validator: EventValidator, type: string | null): string {
  return detailExamples.get(validator)?.(type) ?? `${type ?? "each event"} with the detail its type declares`;
}

// ── per type, once ──────────────────────────────────────────────────────────────────────────────────────

function compile(definition: EventDefinition, related: readonly RelatedRequirement[], limits: ScanLimits): Compiled {
  // The prefix names each level's label and path in any vocabulary: `TENANT#${tenantId}#CAPSULE#${ctx.capsuleId}`.
  const prefix = definition.isolation.prefix;
  const levels = (prefix === undefined ? [] : prefixLevels(prefix)).map(({ label, path }): IdPath => ({
    label,
    path: `detail.${path}`,
    keys: path.split("."),
  }));
  const roles = new Map<string, EventFieldRole>(definition.keyFields.map((path) => [`detail.${path}`, "key field"]));
  for (const id of levels) {
    // A missing parent of a nested isolation field (`detail.context`) takes the isolation with it.
    roles
      .set(id.path, "isolation field")
      .set(parentOf(id.path), parentOf(id.path) === "detail" ? "field" : "isolation field");
  }
  const envelopeShape = (definition.envelope as unknown as z.ZodObject).shape;
  const { "detail-type": type, ...rest } = envelopeShape;
  return {
    definition,
    envelope: definition.envelope,
    flat: z.object({ ...rest, type: type!, source: rest["source"]!.optional() }),
    required: [...requiredPaths(definition.detail.shape)].map(
      (path) => [`detail.${path}`, roles.get(`detail.${path}`) ?? "field"] as const,
    ),
    related: related.map((requirement) => {
      const detailPath = `detail.${requirement.path}`;
      return { ...requirement, keys: requirement.path.split("."), detailPath, parent: parentOf(detailPath) };
    }),
    levels,
    scan:
      levels.length === 0
        ? undefined
        : compileKeyScan(
            levels.map((level) => level.label),
            levels.map((level) => level.keys),
            new Set(levels.map((level) => level.path)),
            limits,
          ),
    roles,
    fields: exampleFields([
      ...levels.map((level) => level.keys[0]!),
      ...definition.keyFields,
      ...requiredPaths(definition.detail.shape),
    ]),
    ids: exampleFields(levels.map((level) => level.keys[0]!)),
  };
}

/**
 * The example of a refused `events` option: the declared types among those given (`events: [DocumentCreated,
 * DocumentShared]`), else how definitions are made.
 */
function eventsExample(events: unknown): string {
  const given = new Set((Array.isArray(events) ? (events as unknown[]) : []).filter(isEventDefinition).map(typeOf));
  return given.size === 0
    ? 'events: [Entity.event("Created"), defineEvent({ type, detail })]'
    : `events: [${[...given].slice(0, 2).join(", ")}]`;
}
const typeOf = (definition: EventDefinition): string => definition.type;

/** The distinct top-level fields of detail paths, at most four, for an example: `orgId, workspaceId, docId, …`. */
function exampleFields(paths: readonly string[]): string {
  const tops = [...new Set(paths.map((path) => path.split(".")[0]!))];
  return tops.length > 4 ? `${tops.slice(0, 4).join(", ")}, …` : tops.join(", ");
}

// ── reading hostile input ───────────────────────────────────────────────────────────────────────────────

/** Whether a value is an event definition as compileEvent makes them (plain JS callers may pass anything). */
function isEventDefinition(value: unknown): value is EventDefinition {
  const candidate = value as Partial<EventDefinition> | null | undefined;
  return (
    typeof candidate?.type === "string" &&
    isObjectSchema(candidate.detail) &&
    isObjectSchema(candidate.envelope) &&
    typeof candidate.isolation === "object"
  );
}

/** The fields the validator reads by name. */
interface EventFields {
  readonly "detail-type"?: unknown;
  readonly type?: unknown;
  readonly detail?: unknown;
}

/** A plain object or class instance, not an array. */
function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("."));
}

function describeInput(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return "an object";
  return typeof value === "function" ? "a function" : `${typeof value} ${describeValue(value)}`;
}

/** What was thrown, described without trusting it (its prototype, name or message may throw in turn). */
function problemOf(error: unknown): string {
  try {
    const text =
      error instanceof Error ? `${String(error.name)}: ${String(error.message)}` : `thrown ${describeInput(error)}`;
    return truncate(text, 120);
  } catch {
    return "thrown a value that cannot be described";
  }
}

// ── violations ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Parses through the Standard Schema interface: `{ value }` or `{ issues }`, each issue with its message (the
 * validator reports them all).
 */
function validateWith(schema: z.ZodType, value: unknown): StandardResult {
  const outcome = schema["~standard"].validate(value);
  if (outcome instanceof Promise) {
    // validate() turns a throwing getter or proxy trap into a rejected promise; surface that error here.
    outcome.then(ignore, ignore);
    schema.safeParse(value);
    throw new Error("reading a property threw");
  }
  return outcome;
}
type StandardResult = Exclude<ReturnType<z.ZodType["~standard"]["validate"]>, Promise<unknown>>;
type StandardIssue = NonNullable<StandardResult["issues"]>[number];
function ignore(): void {}

const maxKeyLength = 60;
const maxPathLength = 240;
const maxProblemLength = 300;

/** Issues grouped by dotted path (one violation per field), with the path's keys and the problems joined. */
function groupIssues(
  issues: readonly StandardIssue[],
): Map<string, { readonly keys: readonly string[]; problems: string }> {
  const grouped = new Map<string, { readonly keys: readonly string[]; problems: string }>();
  for (const issue of issues) {
    const keys = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment));
    // Input keys can be any length and zod lists unknown keys in its message: both are cut for the report.
    const path = truncate(keys.map((key) => truncate(key, maxKeyLength)).join("."), maxPathLength);
    const group = grouped.get(path);
    if (group === undefined) grouped.set(path, { keys, problems: truncate(issue.message, maxProblemLength) });
    else if (group.problems.length < maxProblemLength)
      group.problems = truncate(`${group.problems}; ${issue.message}`, maxProblemLength);
  }
  return grouped;
}

const fieldSeverity: Readonly<Record<EventFieldRole, Severity>> = {
  "isolation field": "critical",
  "key field": "high",
  field: "medium",
};

/** A missing or invalid field; missing paths are recorded so related checks do not repeat them. */
function fieldViolation(
  target: Compiled,
  path: string,
  role: EventFieldRole,
  present: boolean,
  problems: string,
  missing: Set<string>,
): EventViolation {
  const { type } = target.definition;
  if (present)
    return violation(
      "event.invalidField",
      fieldSeverity[role],
      type,
      path,
      invalidEventFieldMessage(type, path, role, problems),
    );
  missing.add(path);
  return violation(
    "event.missingField",
    fieldSeverity[role],
    type,
    path,
    missingEventFieldMessage(type, path, role, target.fields),
  );
}

function violation(
  code: EventViolationCode,
  severity: Severity,
  eventType: string | null,
  path: string,
  message: string,
): EventViolation {
  return { code, severity, eventType, path, message };
}

/** The violations of every valid event: one frozen empty array, not one per event. */
const noViolations: readonly EventViolation[] = Object.freeze([]);

const severityRank: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** The result, most severe violations first (stable within a severity). */
function result(eventType: string | null, violations: readonly EventViolation[]): EventValidationResult {
  if (violations.length > 1) (violations as EventViolation[]).sort(bySeverity);
  return { ok: violations.length === 0, eventType, violations };
}
function bySeverity(a: EventViolation, b: EventViolation): number {
  return severityRank[a.severity] - severityRank[b.severity];
}

// ── batches ─────────────────────────────────────────────────────────────────────────────────────────────

function summarize(results: readonly EventValidationResult[]): EventBatchReport {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const byType: Record<string, { total: number; valid: number; invalid: number; violations: Record<string, number> }> =
    Object.create(null);
  let valid = 0;
  for (const { ok, eventType, violations } of results) {
    const summary = (byType[eventType ?? noType] ??= {
      total: 0,
      valid: 0,
      invalid: 0,
      violations: Object.create(null) as Record<string, number>,
    });
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
  return {
    ok: valid === results.length,
    total: results.length,
    valid,
    invalid: results.length - valid,
    bySeverity,
    byType,
    results,
  };
}

/** A violation with the index of its event in a batch. */
export interface IndexedViolation extends EventViolation {
  readonly index: number;
}

/** Every violation of a batch with its event's index, most severe first (stable by index within a severity). */
export function indexedViolations(report: EventBatchReport): IndexedViolation[] {
  return report.results
    .flatMap(({ violations }, index) => violations.map((found) => ({ index, ...found })))
    .sort(bySeverity);
}

/** Whether a severity is at least as serious as a threshold. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] <= severityRank[threshold];
}
