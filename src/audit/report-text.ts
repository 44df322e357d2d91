/**
 * The text report: what matters first, in the shape of the case study.
 */
import { type Finding, percent, scopeText } from "./findings.js";
import { type CorpusLocation, profileLimits } from "./profile.js";
import { readingNotes } from "./report-notes.js";
import { count } from "./words.js";
import type { SkipReason } from "./reader.js";
import type { AuditResult, TypeSketch } from "./result.js";
import { allRisks, type Risk } from "./risk.js";

/** Text report settings. */
export interface TextReportOptions {
  /** ANSI colours (a terminal that did not set NO_COLOR). */
  readonly color: boolean;
}

/** Why a line or value was skipped, in words; the ones that are valid JSON name what the value looks like. */
const skipText: Readonly<Record<SkipReason, string>> = {
  "invalid-json": "invalid JSON",
  binary: "binary data or invalid UTF-8",
  "line-too-long": "line over the size limit",
  "not-an-object": "a JSON value that is not an object",
  "no-event-type": "a JSON object with no event type (detail-type, type, eventType or event_type)",
  "invalid-detail": "an event whose detail (or CloudEvents data) is neither an object nor a JSON string of one",
  "sqs-record": "an SQS record whose body is not an event",
  "sns-notification": "an SNS notification whose message is not an event",
  "put-events-entry": "a PutEvents entry whose Detail is not a JSON object",
  "kinesis-record": "a Kinesis record whose data is not an event (base64 of a JSON object)",
  "firehose-record": "a Firehose record whose data is not an event (base64 of a JSON object)",
  "dynamodb-stream-record": "a DynamoDB stream record, not an event (audit the table instead)",
  "dynamodb-export-item": "a DynamoDB export item, not an event (audit it with capsule-entity audit-table)",
  "s3-notification": "an S3 event notification, not an application event",
  "cloudwatch-logs": "CloudWatch Logs subscription data, not an event (audit the log events' messages instead)",
  "wrappers-too-deep": `wrappers nested more than ${profileLimits.wrapperDepth} deep (SNS in SQS in SNS in …): not opened`,
  "type-limit": "a new event type past the limit of distinct types",
  "truncated-input": "input ends early (cut or corrupt gzip, unterminated array)",
};

const riskReason: Readonly<Record<Risk, string>> = {
  critical: "key segments disagree with the event's own isolation ids",
  high: "security isolation boundary violation",
  medium: "deviates from the pattern of related event types",
  low: "naming drift",
};

const riskColors: Readonly<Record<Risk, string>> = {
  critical: "\u001b[1;35m",
  high: "\u001b[31m",
  medium: "\u001b[33m",
  low: "\u001b[2m",
};
const resetColor = "\u001b[0m";
const badLinesShown = 20;
const shapesShown = 8;

function at(location: CorpusLocation): string {
  return `${location.file}:${location.line}`;
}

/** The text of one finding: `✖ message` then `→ at path`, as zod's prettifyError prints. */
function findingLines(finding: Finding, paint: (risk: Risk, text: string) => string): string[] {
  const path = [finding.source || "(no source)", finding.eventType, finding.field].join(" › ");
  return [
    `${paint(finding.risk, `✖ [${finding.risk.toUpperCase()}]`)} ${finding.message}`,
    `  → at ${path} (${at(finding.location)})`,
  ];
}

function sketchLines(sketch: TypeSketch, mark: string): string[] {
  const lines = [
    `${sketch.eventType} event (${sketch.source || "no source"}, ${count(sketch.count, "event")}):`,
    `${mark} Has: ${sketch.has.join(", ") || "—"}`,
  ];
  if (sketch.missing.length > 0) lines.push(`${mark} Missing: ${sketch.missing.join(", ")}`);
  if (sketch.pattern !== undefined) lines.push(`${mark} Pattern: ${sketch.pattern}`);
  return lines;
}

function patternLines(result: AuditResult): string[] {
  const lines = ["Inferred pattern (no rules given)"];
  if (result.invariants.length === 0)
    lines.push("  no field is carried by enough related event types to count as an invariant");
  for (const invariant of result.invariants) {
    const boundary = invariant.boundary === undefined ? "" : ` isolation boundary → ${invariant.boundary.tag}`;
    const optional = invariant.typicalRate < 1 ? `, in ~${percent(invariant.typicalRate)} of their events` : "";
    const support = `${invariant.carriers}/${scopeText(invariant)} (${percent(invariant.share)})${optional}`;
    lines.push(`  ${invariant.name.padEnd(18)} ${support.padEnd(42)}${boundary}`.trimEnd());
  }
  if (result.keyShapes.length > 0) lines.push("", "Key shapes (most widespread first)");
  for (const shape of result.keyShapes.slice(0, shapesShown)) {
    lines.push(
      `  ${`${shape.key}: ${shape.shape}`.padEnd(44)} ${shape.eventTypes.length} event type${shape.eventTypes.length === 1 ? "" : "s"}, ${shape.events} events`,
    );
  }
  if (result.keyShapes.length > shapesShown)
    lines.push(`  … ${result.keyShapes.length - shapesShown} more shapes (see --format json or html)`);
  return lines;
}

/**
 * The flagged types, worst first: a type with a CRITICAL or HIGH finding gets the case study's whole block; the
 * others (deviations from the pattern on fields that are no boundary) one line per finding, after them.
 */
function findingBlocks(result: AuditResult, paint: (risk: Risk, text: string) => string): string[] {
  const lines: string[] = [];
  let lowerShown = false;
  for (const sketch of result.sketches) {
    const own = result.findings.filter((item) => item.eventType === sketch.eventType && item.source === sketch.source);
    const worst = own[0]?.risk ?? "low";
    const serious = worst === "critical" || worst === "high";
    if (!serious) {
      if (!lowerShown) lines.push("", "Lower risk: deviations on fields that are no isolation boundary");
      lowerShown = true;
      for (const finding of own) lines.push(...findingLines(finding, paint));
      continue;
    }
    lines.push("", ...sketchLines(sketch, "❌"));
    for (const finding of own) lines.push(...findingLines(finding, paint));
    const boundaries = own
      .filter((item) => item.kind === "missing-field" && item.risk === "high")
      .map((item) => item.field);
    if (boundaries.length > 0)
      lines.push(`INCONSISTENCY: ${sketch.eventType} operations are not isolated by ${boundaries.join(", ")}`);
    lines.push(`RISK LEVEL: ${paint(worst, worst.toUpperCase())} (${riskReason[worst]})`);
  }
  return lines;
}

/** The first thing to read: the event types at HIGH or worse, or that there are none. */
function leadLine(result: AuditResult): string {
  const serious = [
    ...new Set(
      result.findings
        .filter((finding) => finding.risk === "critical" || finding.risk === "high")
        .map((finding) => finding.eventType),
    ),
  ];
  const others =
    result.findings.length - result.findings.filter((finding) => serious.includes(finding.eventType)).length;
  return serious.length === 0
    ? `No isolation finding at HIGH or worse${others === 0 ? "" : ` (${count(others, "lower-risk finding")} below)`}`
    : `HIGH or worse in ${count(serious.length, "event type")}: ${serious.join(", ")}`;
}

/** What the reader did beyond reading events: wrappers opened, fields cut by `--max-depth` or a type's limit (warnings). */
function readingLines(result: AuditResult): string[] {
  const notes = readingNotes(result.summary);
  return [
    ...(notes.unwrapped === undefined ? [] : [notes.unwrapped]),
    ...(notes.depthCut === undefined ? [] : [`⚠ ${notes.depthCut}`]),
    ...(notes.fieldLimitCut === undefined ? [] : [`⚠ ${notes.fieldLimitCut}`]),
    ...(notes.pastLimits === undefined ? [] : [`⚠ ${notes.pastLimits}`]),
  ];
}

function badLineLines(result: AuditResult): string[] {
  const skipped = result.summary.skipped;
  if (skipped.count === 0) return [];
  const notEvents = result.summary.notEvents;
  const lines = [
    "",
    `Skipped: ${count(skipped.count - notEvents, "bad line")}, ${count(notEvents, "valid JSON value")} that ${notEvents === 1 ? "is" : "are"} not an event (never fatal)`,
  ];
  for (const sample of skipped.samples.slice(0, badLinesShown))
    lines.push(`✖ ${skipText[sample.reason]}`, `  → at ${at(sample)}`);
  if (skipped.count > badLinesShown)
    lines.push(`  … ${skipped.count - Math.min(badLinesShown, skipped.samples.length)} more`);
  return lines;
}

/** C0 and C1 controls, line and paragraph separators, bidi overrides: what could drive or reorder a terminal. */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The result with every string from the corpus (types, sources, fields, key shapes, file names) showing its
 * control characters as `\u001b`-style escapes: a hostile event type cannot erase, hide or forge report lines.
 */
function withoutControls(result: AuditResult): AuditResult {
  return JSON.parse(JSON.stringify(result), (_key, value: unknown) =>
    typeof value === "string"
      ? value.replace(controlCharacters, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
      : value,
  ) as AuditResult;
}

/**
 * The report in the shape of the case study (background/, section 2.2): the inferred pattern with a
 * type that follows it, then per flagged type what it has, what it lacks, the pattern it breaks, each
 * finding as `✖ message` / `→ at path`, and the risk level.
 */
export function renderText(corpusResult: AuditResult, options: TextReportOptions): string {
  const result = withoutControls(corpusResult);
  const paint = (risk: Risk, text: string): string =>
    options.color ? `${riskColors[risk]}${text}${resetColor}` : text;
  const summary = result.summary;
  const lines = [
    `capsule-entity audit: ${count(summary.events, "event")} · ${count(summary.eventTypes, "event type")} · ${count(summary.sources, "source")} · ${count(summary.skippedLines - summary.notEvents, "bad line")} · ${count(summary.notEvents, "value")} not ${summary.notEvents === 1 ? "an event" : "events"}`,
    leadLine(result),
    ...readingLines(result),
    "",
    ...patternLines(result),
  ];
  if (result.reference !== undefined) lines.push("", "Follows the pattern:", ...sketchLines(result.reference, "✅"));
  lines.push(...findingBlocks(result, paint), ...badLineLines(result), "");
  const counts = allRisks.map((risk) => paint(risk, `${summary.findings[risk]} ${risk}`)).join(", ");
  const baselined = summary.baselined === 0 ? "" : ` (${summary.baselined} known from the baseline not shown)`;
  lines.push(`Findings: ${counts} in ${count(result.sketches.length, "event type")}${baselined}`);
  const serious = [
    ...new Set(
      result.findings
        .filter((finding) => finding.risk === "critical" || finding.risk === "high")
        .map((finding) => finding.eventType),
    ),
  ];
  if (serious.length > 0) lines.push(`HIGH or worse: ${serious.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/**
 * A skip reason in words.
 * @example describeSkip("sqs-record") //=> "an SQS record whose body is not an event"
 */
export function describeSkip(reason: SkipReason): string {
  return skipText[reason];
}
