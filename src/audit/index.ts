/**
 * `capsule-entity/audit`: the audit's programmatic API, of which the CLI is one user. Exported names are listed
 * one by one. Guide: docs/audit.md.
 */
import {
  type AuditInput,
  type ProfileInputsOptions,
  defaultProfileInputsOptions,
  profileInputs,
} from "./profile-inputs.js";
import { type AuditOptions, type AuditResult, auditProfile } from "./result.js";
import { defaultInferenceOptions } from "./infer.js";

export type { AuditInput, ProfileInputsOptions } from "./profile-inputs.js";
export { fileInput } from "./profile-inputs.js";
export type { AuditOptions, AuditResult, AuditSummary, KeyShapeSummary, PresenceMatrix, TypeSketch } from "./result.js";
export type { Finding, FindingKind } from "./findings.js";
export type { Boundary, BoundaryEvidence, InferenceOptions, Invariant, Support } from "./infer.js";
export type { Profile, TypeProfile, FieldProfile, KeyProfile, LinkProfile, CorpusLocation } from "./profile.js";
export type { SkipReason } from "./reader.js";
export type { WrapperKind } from "./event.js";
export type { DepthCut, ProfileSettings, SampleRow } from "./profile.js";
export type { InputFingerprint } from "./input-fingerprint.js";
export type { Risk, FailOn } from "./risk.js";
export { allRisks, isFailOn, reaches } from "./risk.js";
export { profileInputs, auditProfile };
export { defaultInferenceOptions, defaultProfileInputsOptions };
export { emptyProfile, mergeProfiles, pastLimits } from "./merge.js";
export type { PastLimit } from "./merge.js";
export { parseProfile, stringifyProfile } from "./profile-file.js";
export { baselineKey, parseBaseline } from "./baseline.js";
export { describeSkip, renderText, type TextReportOptions } from "./report-text.js";
export { renderJson } from "./report-json.js";
export { renderSarif } from "./report-sarif.js";
export { renderHtml } from "./report-html.js";
export { AuditInputError } from "./input-error.js";
export {
  type ByDeclaredType,
  type Declarations,
  declaredFor,
  declarationsOf,
  noDeclarations,
  withHints,
} from "./declarations.js";

/**
 * Profiles the inputs and audits them in one go. Guide: docs/audit.md.
 * @example const result = await auditInputs([{ name: "events.ndjson", chunks: createReadStream("events.ndjson") }]);
 * result.findings.filter((finding) => finding.risk === "high");
 */
export async function auditInputs(
  inputs: readonly AuditInput[],
  options: { readonly read?: ProfileInputsOptions; readonly audit?: AuditOptions } = {},
): Promise<AuditResult> {
  const profile = await profileInputs(inputs, options.read ?? defaultProfileInputsOptions);
  return auditProfile(profile, options.audit ?? { inference: defaultInferenceOptions, baseline: new Set() });
}

// Scale: every core (`--workers`), many machines (the shard handler), tables (`audit-table`). Guide: docs/audit.md.
export type { ParallelOptions, TableScan } from "./workers.js";
export { defaultWorkers, profileExportsInParallel, profileInputsInParallel, profileScanInParallel } from "./workers.js";
export type { ShardHandlerOptions, ShardResult, ShardStorage, StoredObject } from "./shard-handler.js";
export { createShardHandler, directoryStorage, profileSuffix } from "./shard-handler.js";
export type { AttributeValue, TableKeyNames } from "./table-item.js";
export { AttributeValueError, attributeToPlain, itemEvent, itemToPlain, itemType } from "./table-item.js";
export type {
  Clock,
  ItemLocation,
  ItemSink,
  ScanOptions,
  ScanRequest,
  ScanResponse,
  SegmentScan,
  TableEndpoint,
} from "./table-source.js";
export { ReadRateLimiter, readExportItems, scanSegment, scanTable } from "./table-source.js";
export type { TableCheckState, TableFinding, TableFindingKind, TableReport } from "./table-check.js";
export {
  TableChecker,
  emptyTableCheck,
  isEntity,
  isTable,
  mergeAllTableChecks,
  mergeTableCheckInto,
  mergeTableChecks,
  renderTableText,
  tableReport,
} from "./table-check.js";
export type { TableDefinitions } from "./table-check-task.js";
export { tableDefinitions } from "./table-check-task.js";
export type { CheckOptions } from "./table-check-parallel.js";
export { checkExportsInParallel, checkScanInParallel } from "./table-check-parallel.js";
export type { NotItems } from "./table-profile.js";
export { ItemProfiler, mergeNotItems, noNotItems } from "./table-profile.js";
