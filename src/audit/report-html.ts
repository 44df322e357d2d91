/**
 * The HTML report: one self-contained page with the findings and the presence matrix.
 */
import { percent, scopeText } from "./findings.js";
import { readingNotes } from "./report-notes.js";
import type { AuditResult } from "./result.js";
import { allRisks } from "./risk.js";

const htmlEscapes: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and quoted attributes: every name in the report comes from the corpus. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

const reportStyle = `
:root { font: 14px/1.4 system-ui, sans-serif; color: #1d232a; background: #fff; }
body { margin: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
.counts { display: flex; gap: .5rem; padding: 0; list-style: none; }
.counts li, .risk { border-radius: .25rem; padding: .1rem .45rem; font-weight: 600; }
.risk-critical { background: #6b1a5c; color: #fff; } .risk-high { background: #c62828; color: #fff; }
.risk-medium { background: #f2b21c; color: #1d232a; } .risk-low { background: #d7dde3; color: #1d232a; }
table { border-collapse: collapse; } th, td { text-align: left; vertical-align: top; }
.findings td, .findings th, .plain td, .plain th { border-bottom: 1px solid #e3e7eb; padding: .3rem .6rem; }
.scroll { overflow: auto; max-width: 100%; border: 1px solid #e3e7eb; }
.matrix th.col { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 500; padding: .4rem .1rem; white-space: nowrap; }
.matrix th.col.flagged { color: #c62828; font-weight: 700; }
.matrix th.row { white-space: nowrap; padding-right: .6rem; position: sticky; left: 0; background: #fff; }
.matrix td.cell { width: 1.4rem; min-width: 1.4rem; height: 1.4rem; text-align: center; font-size: 10px; border: 1px solid #fff;
  background: hsl(152 55% calc(96% - var(--rate) * 58%)); color: #fff; }
.matrix td.cell.absent { background: #f4f6f8; }
.matrix td.cell.gap { background: #c62828; outline: 2px solid #6b1a5c; outline-offset: -2px; }
.matrix td.cell.partial { color: #1d232a; }
.matrix td.cell.thin { outline: 2px solid #f2b21c; outline-offset: -2px; }
.badge { font-size: 11px; border: 1px solid #9aa5b1; border-radius: .2rem; padding: 0 .25rem; margin-left: .3rem; }
.legend span { display: inline-block; width: 1rem; height: 1rem; vertical-align: middle; margin: 0 .25rem 0 .75rem; }
code { font: 12px ui-monospace, monospace; }
.warning { color: #8a5a00; font-weight: 600; }
`;

function findingsTable(result: AuditResult): string {
  if (result.findings.length === 0)
    return `<p class="clean">No findings: every event type follows the inferred pattern.</p>`;
  const rows = result.findings.map(
    (finding) =>
      `<tr class="finding" data-risk="${finding.risk}" data-event-type="${escapeHtml(finding.eventType)}" data-fingerprint="${finding.fingerprint}">` +
      `<td><span class="risk risk-${finding.risk}">${finding.risk.toUpperCase()}</span></td>` +
      `<td>${escapeHtml(finding.eventType)}</td><td>${escapeHtml(finding.source)}</td><td><code>${escapeHtml(finding.field)}</code></td>` +
      `<td>${escapeHtml(finding.message)}<br><small>→ at ${escapeHtml(`${finding.location.file}:${finding.location.line}`)}</small></td></tr>`,
  );
  return `<table class="findings"><thead><tr><th>Risk</th><th>Event type</th><th>Source</th><th>Field</th><th>Finding</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function matrixTable(result: AuditResult): string {
  const { fields, eventTypes, rates } = result.matrix;
  const flagged = new Set(
    result.findings
      .filter((finding) => finding.risk !== "low")
      .map((finding) => `${finding.source}\u0000${finding.eventType}`),
  );
  const cellOf = (source: string, type: string, fieldId: string): string => `${source}\u0000${type}\u0000${fieldId}`;
  const missing = new Set(
    result.findings
      .filter((finding) => finding.kind === "missing-field")
      .map((finding) => cellOf(finding.source, finding.eventType, finding.fieldId)),
  );
  const thin = new Set(
    result.findings
      .filter((finding) => finding.kind === "intermittent-field")
      .map((finding) => cellOf(finding.source, finding.eventType, finding.fieldId)),
  );
  const head = eventTypes
    .map(
      (type) =>
        `<th class="col${flagged.has(`${type.source}\u0000${type.type}`) ? " flagged" : ""}" title="${escapeHtml(`${type.source} · ${type.count} events`)}">${escapeHtml(type.type)}</th>`,
    )
    .join("");
  const body = fields.map((field, row) => {
    const badge =
      field.boundary === undefined
        ? ""
        : `<span class="badge" title="isolation boundary">${escapeHtml(field.boundary)}</span>`;
    const cells = eventTypes.map((type, column) => {
      const rate = rates[row]?.[column] ?? 0;
      const cell = cellOf(type.source, type.type, field.id);
      const gap = missing.has(cell);
      const kind = gap
        ? "gap"
        : thin.has(cell)
          ? "partial thin"
          : rate === 0
            ? "absent"
            : rate < 1
              ? "partial"
              : "full";
      const text = gap ? "✕" : rate > 0 && rate < 1 ? String(Math.round(rate * 100)) : "";
      return `<td class="cell ${kind}" style="--rate:${rate.toFixed(3)}" title="${escapeHtml(`${type.type} · ${field.name}: ${percent(rate)}`)}">${text}</td>`;
    });
    return `<tr data-field="${escapeHtml(field.id)}"><th class="row">${escapeHtml(field.name)}${badge}</th>${cells.join("")}</tr>`;
  });
  const omitted =
    result.matrix.omittedFields === 0
      ? ""
      : `<p><small>${result.matrix.omittedFields} fields carried by a single event type are not shown.</small></p>`;
  return (
    `<p class="legend">Share of each event type's events that carry the field:<span style="background:hsl(152 55% 38%)"></span>all` +
    `<span style="background:hsl(152 55% 80%)"></span>some<span style="background:#f4f6f8"></span>none` +
    `<span style="background:#c62828"></span>missing invariant (finding)` +
    `<span style="outline:2px solid #f2b21c;outline-offset:-2px"></span>carried intermittently (finding)</p>` +
    `<div class="scroll"><table class="matrix"><thead><tr><th class="row">field \\ event type</th>${head}</tr></thead><tbody>${body.join("")}</tbody></table></div>${omitted}`
  );
}

function invariantList(result: AuditResult): string {
  if (result.invariants.length === 0)
    return "<p>No field is carried by enough related event types to count as an invariant.</p>";
  const rows = result.invariants.map(
    (invariant) =>
      `<tr><td><code>${escapeHtml(invariant.name)}</code></td><td>${invariant.carriers} of ${escapeHtml(scopeText(invariant))} (${percent(invariant.share)})</td>` +
      `<td>${invariant.boundary === undefined ? "" : `isolation boundary: ${escapeHtml(invariant.boundary.description)}`}</td></tr>`,
  );
  return `<table class="plain"><thead><tr><th>Field</th><th>Carried by</th><th></th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function keyShapeTable(result: AuditResult): string {
  if (result.keyShapes.length === 0) return "<p>No key-shaped values (<code>LABEL#value#…</code>) were seen.</p>";
  const rows = result.keyShapes.map(
    (shape) =>
      `<tr><td><code>${escapeHtml(shape.key)}</code></td><td><code>${escapeHtml(shape.shape)}</code></td><td>${shape.events}</td><td>${escapeHtml(shape.eventTypes.join(", "))}</td></tr>`,
  );
  return `<table class="plain key-shapes"><thead><tr><th>Key field</th><th>Shape</th><th>Events</th><th>Event types</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function badLines(result: AuditResult): string {
  const skipped = result.summary.skipped;
  if (skipped.count === 0) return "";
  const items = skipped.samples.map(
    (sample) =>
      `<li>${escapeHtml(sample.reason)} → at <code>${escapeHtml(`${sample.file}:${sample.line}`)}</code></li>`,
  );
  return `<h2>Bad lines (${skipped.count} skipped)</h2><ul class="bad-lines">${items.join("")}</ul>`;
}

/** Wrappers opened and the fields cut (warnings), as the text report says them. */
function readingParagraphs(result: AuditResult): string {
  const notes = readingNotes(result.summary);
  return (
    (notes.unwrapped === undefined ? "" : `<p class="unwrapped">${escapeHtml(notes.unwrapped)}</p>\n`) +
    (notes.depthCut === undefined ? "" : `<p class="warning depth-cut">⚠ ${escapeHtml(notes.depthCut)}</p>\n`) +
    (notes.fieldLimitCut === undefined
      ? ""
      : `<p class="warning field-limit-cut">⚠ ${escapeHtml(notes.fieldLimitCut)}</p>\n`) +
    (notes.pastLimits === undefined ? "" : `<p class="warning past-limits">⚠ ${escapeHtml(notes.pastLimits)}</p>\n`)
  );
}

/**
 * One self-contained page (no scripts, no external resources): the summary, the findings, a field ×
 * event-type presence heat map where a missing invariant shows as a red cell, the invariants and the
 * key shapes.
 */
export function renderHtml(result: AuditResult): string {
  const summary = result.summary;
  const counts = allRisks
    .map((risk) => `<li class="risk-${risk}" data-risk="${risk}">${summary.findings[risk]} ${risk}</li>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>capsule-entity audit: ${summary.findings.critical + summary.findings.high} critical or high findings</title><style>${reportStyle}</style></head>
<body>
<header><h1>capsule-entity audit</h1>
<p class="summary">${summary.events} events · ${summary.eventTypes} event types · ${summary.sources} sources · ${summary.skippedLines} bad lines skipped${summary.baselined === 0 ? "" : ` · ${summary.baselined} baselined findings hidden`}</p>
${readingParagraphs(result)}<ul class="counts">${counts}</ul></header>
<section id="findings"><h2>Findings</h2>${findingsTable(result)}</section>
<section id="matrix"><h2>Field × event-type presence</h2>${matrixTable(result)}</section>
<section id="invariants"><h2>Inferred invariants</h2>${invariantList(result)}</section>
<section id="key-shapes"><h2>Key shapes</h2>${keyShapeTable(result)}</section>
${badLines(result)}
</body></html>
`;
}
