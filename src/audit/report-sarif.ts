/**
 * The SARIF 2.1.0 report, for code-scanning tools.
 */
import { readFileSync } from "node:fs";
import { sarifFingerprint } from "./baseline.js";
import { findingKinds, type Finding, type FindingKind } from "./findings.js";
import { readingNotes } from "./report-notes.js";
import type { AuditResult } from "./result.js";
import type { Risk } from "./risk.js";

interface RuleText {
  readonly name: string;
  /** The usual risk of the kind, for the rule's default level and security severity. */
  readonly risk: Risk;
  readonly short: string;
  readonly help: string;
}

/** One rule per finding kind, with the help text code scanning shows beside each alert. */
const sarifRules: Readonly<Record<FindingKind, RuleText>> = {
  "missing-field": {
    name: "MissingInvariantField",
    risk: "high",
    short: "An event type lacks a field that most related event types carry",
    help: "Related event types (same source, or the whole corpus) carry this field; this one never does. When the field is an isolation boundary (its values are a labelled segment of keys such as CAPSULE#<id>), the entity behind the event is probably not isolated: add the field to the entity and to its partition key.",
  },
  "intermittent-field": {
    name: "IntermittentInvariantField",
    risk: "medium",
    short: "An event type carries an always-present field only some of the time",
    help: "Related event types carry this field in every event; this one omits it from some. Find the code path that emits the event without it.",
  },
  "key-missing-label": {
    name: "KeyMissingMajorityLabel",
    risk: "high",
    short: "Key-shaped values lack a segment that most keys of the same field have",
    help: "Most event types' keys in this field have the labelled segment (e.g. CAPSULE#<id>); this type's keys do not, so its items live outside that partition boundary. Put the segment in the key template.",
  },
  "key-mismatch": {
    name: "KeySegmentDisagreesWithField",
    risk: "critical",
    short: "A key segment disagrees with the event's own isolation field",
    help: "The key says one tenant or capsule while the event's own field says another: an item written under another partition than its owner. Build keys from the entity's own attributes only.",
  },
  "naming-drift": {
    name: "FieldNamingDrift",
    risk: "low",
    short: "A field is spelled differently from the rest of its service",
    help: "Case- and separator-insensitively the same field, spelled differently (capsule_id, capsuleId, CapsuleID). Consumers that match names exactly miss it. Use the spelling of the rest of the service.",
  },
};

const sarifLevel: Readonly<Record<Risk, "error" | "warning" | "note">> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

/** GitHub code scanning's scale: 9.0+ critical, 7.0+ high, 4.0+ medium, below low. */
const securitySeverity: Readonly<Record<Risk, string>> = { critical: "9.5", high: "8.0", medium: "5.0", low: "2.0" };

const ruleIdPrefix = "capsule-entity/";

/** Both from `src/audit/` and from `dist/audit/` the package root is two levels up. */
const toolVersion = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** A corpus file name as a SARIF relative URI (forward slashes, escaped). */
function artifactUri(file: string): string {
  return encodeURI(file.replace(/\\/g, "/").replace(/^\.\//, "")) || "stdin";
}

function resultOf(finding: Finding): object {
  return {
    ruleId: ruleIdPrefix + finding.kind,
    ruleIndex: findingKinds.indexOf(finding.kind),
    level: sarifLevel[finding.risk],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(finding.location.file) },
          region: { startLine: Math.max(1, finding.location.line) },
        },
        logicalLocations: [
          {
            fullyQualifiedName: [finding.source || "(no source)", finding.eventType, finding.field].join("/"),
            kind: "member",
          },
        ],
      },
    ],
    partialFingerprints: { [sarifFingerprint]: finding.fingerprint },
    properties: {
      risk: finding.risk,
      eventType: finding.eventType,
      source: finding.source,
      field: finding.field,
      "security-severity": securitySeverity[finding.risk],
    },
  };
}

/** The reading notes as SARIF notifications: the wrappers opened (a note), the fields cut (warnings). */
function readingNotifications(result: AuditResult): object[] {
  const notes = readingNotes(result.summary);
  const notification = (id: string, level: "note" | "warning", text: string | undefined): object[] =>
    text === undefined ? [] : [{ descriptor: { id: ruleIdPrefix + id }, level, message: { text } }];
  return [
    ...notification("unwrapped", "note", notes.unwrapped),
    ...notification("max-depth-cut", "warning", notes.depthCut),
    ...notification("field-limit-cut", "warning", notes.fieldLimitCut),
    ...notification("merged-past-limits", "warning", notes.pastLimits),
  ];
}

/**
 * SARIF 2.1.0 for code scanning: one rule per finding kind with help text, one result per finding with
 * the corpus line as its location and the finding's stable fingerprint as a partial fingerprint.
 */
export function renderSarif(result: AuditResult): string {
  const rules = findingKinds.map((kind) => {
    const rule = sarifRules[kind];
    return {
      id: ruleIdPrefix + kind,
      name: rule.name,
      shortDescription: { text: rule.short },
      fullDescription: { text: rule.help },
      help: { text: rule.help, markdown: `**${rule.short}.** ${rule.help}` },
      defaultConfiguration: { level: sarifLevel[rule.risk] },
      properties: {
        tags: ["security", "tenant-isolation"],
        precision: "medium",
        "security-severity": securitySeverity[rule.risk],
      },
    };
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "capsule-entity audit", semanticVersion: toolVersion, rules } },
        columnKind: "utf16CodeUnits",
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: readingNotifications(result) }],
        results: result.findings.map(resultOf),
        properties: {
          events: result.summary.events,
          eventTypes: result.summary.eventTypes,
          skippedLines: result.summary.skippedLines,
          unwrapped: result.summary.unwrapped,
          depthCut: result.summary.depthCut.count,
          fieldLimitCut: result.summary.fieldLimitCut.count,
          pastLimits: result.summary.pastLimits,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
