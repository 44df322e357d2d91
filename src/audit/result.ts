/**
 * The audit of one profile: inference, findings, baseline, and what the reports show.
 */
import { baselineKey } from "./baseline.js";
import type { Declarations } from "./declarations.js";
import { type Finding, findFindings } from "./findings.js";
import {
  corpusScope,
  defaultInferenceOptions,
  type Inference,
  type InferenceOptions,
  type Invariant,
  infer,
} from "./infer.js";
import { shapeValue } from "./key-shape.js";
import { type PastLimit, pastLimits } from "./merge.js";
import type { WrapperKind } from "./event.js";
import type { DepthCut, Profile, SkippedProfile } from "./profile.js";
import { type SkipReason, notEventReasons } from "./reader.js";
import { allRisks, type Risk } from "./risk.js";
import { type TypeView, dominant, linkedField } from "./type-view.js";

/** Counts for the report header and for `--format json`. */
export interface AuditSummary {
  readonly events: number;
  readonly eventTypes: number;
  readonly sources: number;
  readonly skippedLines: number;
  readonly skipped: SkippedProfile;
  /** Of the skipped, the valid JSON values that are not events (named by what they look like). */
  readonly notEvents: number;
  /** Wrappers opened (SQS, SNS, PutEvents requests, Lambda batches), by kind. */
  readonly unwrapped: Partial<Record<WrapperKind, number>>;
  /** Field occurrences deeper than `--max-depth`, not profiled, with an example path. */
  readonly depthCut: DepthCut;
  /**
   * Field occurrences past `profileLimits.fieldsPerType` field names of their type, not profiled, and those types
   * (`source › type`).
   */
  readonly fieldLimitCut: { readonly count: number; readonly eventTypes: readonly string[] };
  /**
   * The profile limits the profile holds more of than one run keeps: pieces profiled apart (`--workers`, shards)
   * each within them, merged (see `pastLimits`); the report may differ from one run's.
   */
  readonly pastLimits: readonly PastLimit[];
  readonly findings: Readonly<Record<Risk, number>>;
  /** Findings left out because the baseline already had them. */
  readonly baselined: number;
}

/** One key shape and the event types whose keys have it. */
export interface KeyShapeSummary {
  readonly key: string;
  readonly shape: string;
  readonly events: number;
  readonly eventTypes: readonly string[];
}

/** The field × event-type presence matrix of the HTML report (rates 0..1, one row per field). */
export interface PresenceMatrix {
  readonly fields: readonly {
    readonly id: string;
    readonly name: string;
    readonly invariant: boolean;
    readonly boundary: string | undefined;
  }[];
  readonly eventTypes: readonly { readonly source: string; readonly type: string; readonly count: number }[];
  readonly rates: readonly (readonly number[])[];
  /** Fields carried by a single type, left out of the matrix. */
  readonly omittedFields: number;
}

/** What one event type has and lacks, in the case study's terms. */
export interface TypeSketch {
  readonly source: string;
  readonly eventType: string;
  readonly count: number;
  readonly has: readonly string[];
  readonly missing: readonly string[];
  /** Its dominant key shape with field names in the placeholders, e.g. `TENANT#{tenant_id}#ROLE#{role}`. */
  readonly pattern: string | undefined;
}

/** The audit of one corpus: what the JSON, SARIF, text and HTML reports are made from. */
export interface AuditResult {
  readonly summary: AuditSummary;
  readonly invariants: readonly Invariant[];
  readonly keyShapes: readonly KeyShapeSummary[];
  readonly findings: readonly Finding[];
  /** A type that follows the whole pattern, shown as the example to compare against. */
  readonly reference: TypeSketch | undefined;
  /** One sketch per event type that has findings. */
  readonly sketches: readonly TypeSketch[];
  readonly matrix: PresenceMatrix;
}

/** Settings of one audit run. */
export interface AuditOptions {
  readonly inference: InferenceOptions;
  /**
   * Findings already known (from `parseBaseline`): bare fingerprints, or `baselineKey(fingerprint, risk)`
   * for each risk a known finding covers. They are left out of the result.
   */
  readonly baseline: ReadonlySet<string>;
  /** What the team declared (`declarationsOf`, `withHints`): boundaries, required fields, opt-outs. */
  readonly declarations?: Declarations;
}

const matrixMaxFields = 60;
const keyShapesMax = 60;

function patternOf(type: TypeView): string | undefined {
  const key = [...type.keys.values()].sort((left, right) => right.count - left.count)[0];
  const shape = key === undefined ? undefined : dominant(key.shapes);
  if (key === undefined || shape === undefined) return undefined;
  const parts = shape.split("#");
  return parts
    .map((part, index) => {
      const label = parts[index - 1];
      if (part !== shapeValue || label === undefined || label === shapeValue) return part;
      const field = linkedField(type, key.id, label);
      return field === undefined ? part : `{${dominant(field.names) ?? field.id}}`;
    })
    .join("#");
}

/** What the case study lists as "Has": the type's isolation boundaries, then the fields its keys carry. */
function sketchOf(type: TypeView, inference: Inference, findings: readonly Finding[]): TypeSketch {
  const shown = new Set<string>();
  for (const field of type.fields.values())
    if (inference.boundaries.has(field.id) && inference.invariants.some((invariant) => invariant.field === field.id))
      shown.add(field.id);
  for (const key of type.keys.values()) {
    for (const label of key.links.keys()) {
      const field = linkedField(type, key.id, label);
      if (field !== undefined) shown.add(field.id);
    }
  }
  const has = [...shown].map((id) => {
    const field = type.fields.get(id);
    return (field === undefined ? undefined : dominant(field.names)) ?? id;
  });
  const missing = findings.filter((item) => item.kind === "missing-field").map((item) => item.field);
  return { source: type.source, eventType: type.type, count: type.count, has, missing, pattern: patternOf(type) };
}

function keyShapesOf(inference: Inference): KeyShapeSummary[] {
  const shapes = new Map<string, { key: string; shape: string; events: number; eventTypes: string[] }>();
  for (const type of inference.types) {
    for (const key of type.keys.values()) {
      for (const [shape, count] of key.shapes) {
        const id = `${key.id}\u0000${shape}`;
        const summary = shapes.get(id) ?? {
          key: inference.names.get(key.id) ?? key.id,
          shape,
          events: 0,
          eventTypes: [],
        };
        summary.events += count;
        summary.eventTypes.push(type.type);
        shapes.set(id, summary);
      }
    }
  }
  return [...shapes.values()]
    .sort((left, right) => right.eventTypes.length - left.eventTypes.length || right.events - left.events)
    .slice(0, keyShapesMax);
}

function matrixOf(inference: Inference): PresenceMatrix {
  const carriers = new Map<string, number>();
  for (const type of inference.types)
    for (const id of type.fields.keys()) carriers.set(id, (carriers.get(id) ?? 0) + 1);
  const invariantIds = new Set(inference.invariants.map((invariant) => invariant.field));
  const candidates = [...carriers.keys()].filter((id) => invariantIds.has(id) || (carriers.get(id) ?? 0) > 1);
  // Boundaries first, then the other invariants, then the rest, each by how many types carry them.
  const rank = (id: string): number => (invariantIds.has(id) ? (inference.boundaries.has(id) ? 0 : 1) : 2);
  candidates.sort(
    (left, right) =>
      rank(left) - rank(right) || (carriers.get(right) ?? 0) - (carriers.get(left) ?? 0) || left.localeCompare(right),
  );
  const rows = candidates.slice(0, matrixMaxFields);
  return {
    fields: rows.map((id) => ({
      id,
      name: inference.names.get(id) ?? id,
      invariant: invariantIds.has(id),
      boundary: inference.boundaries.get(id)?.tag,
    })),
    eventTypes: inference.types.map((type) => ({ source: type.source, type: type.type, count: type.count })),
    rates: rows.map((id) => inference.types.map((type) => type.fields.get(id)?.rate ?? 0)),
    omittedFields: carriers.size - rows.length,
  };
}

/** The sketch of the busiest type with no findings that carries every corpus-wide invariant. */
function referenceOf(inference: Inference, flagged: ReadonlySet<TypeView>): TypeSketch | undefined {
  const corpusInvariants = inference.invariants.filter((invariant) => invariant.scope === corpusScope);
  const candidates = inference.types.filter(
    (type) => !flagged.has(type) && corpusInvariants.every((invariant) => type.fields.has(invariant.field)),
  );
  const best = candidates.sort((left, right) => right.count - left.count)[0];
  return best === undefined ? undefined : sketchOf(best, inference, []);
}

/**
 * Audits a profile: infers the pattern, finds what deviates, drops baselined findings and gathers what
 * the reports show.
 */
export function auditProfile(
  profile: Profile,
  options: AuditOptions = { inference: defaultInferenceOptions, baseline: new Set() },
): AuditResult {
  const inference = infer(profile, options.inference, options.declarations);
  const all = findFindings(inference, options.inference);
  const findings = all.filter(
    (item) =>
      !options.baseline.has(item.fingerprint) && !options.baseline.has(baselineKey(item.fingerprint, item.risk)),
  );
  const flagged = new Set(
    inference.types.filter((type) =>
      all.some((item) => item.eventType === type.type && item.source === type.source && item.risk !== "low"),
    ),
  );
  // Findings are sorted worst first, so the sketches come out in the order of each type's worst finding.
  const flaggedInOrder = new Set(
    findings.map(
      (item) => inference.types.find((type) => type.type === item.eventType && type.source === item.source) as TypeView,
    ),
  );
  const sketches = [...flaggedInOrder].map((type) =>
    sketchOf(
      type,
      inference,
      findings.filter((item) => item.eventType === type.type && item.source === type.source),
    ),
  );
  const counts = Object.fromEntries(
    allRisks.map((risk) => [risk, findings.filter((item) => item.risk === risk).length]),
  ) as Record<Risk, number>;
  return {
    summary: {
      events: profile.events,
      eventTypes: profile.types.length,
      sources: new Set(profile.types.map((type) => type.source)).size,
      skippedLines: profile.skipped.count,
      skipped: profile.skipped,
      notEvents: Object.entries(profile.skipped.byReason).reduce(
        (sum, [reason, amount]) => (notEventReasons.has(reason as SkipReason) ? sum + (amount ?? 0) : sum),
        0,
      ),
      unwrapped: profile.unwrapped,
      depthCut: profile.depthCut,
      fieldLimitCut: {
        count: profile.types.reduce((sum, type) => sum + type.dropped, 0),
        eventTypes: profile.types.filter((type) => type.dropped > 0).map((type) => `${type.source} › ${type.type}`),
      },
      pastLimits: pastLimits(profile),
      findings: counts,
      baselined: all.length - findings.length,
    },
    invariants: inference.invariants,
    keyShapes: keyShapesOf(inference),
    findings,
    reference: referenceOf(inference, flagged),
    sketches,
    matrix: matrixOf(inference),
  };
}
