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
export type { AuditOptions, AuditResult, AuditSummary, KeyShapeSummary, PresenceMatrix, TypeSketch } from "./result.js";
export type { Finding, FindingKind } from "./findings.js";
export type { Boundary, InferenceOptions, Invariant, Support } from "./infer.js";
export type { Profile, TypeProfile, FieldProfile, KeyProfile, LinkProfile, CorpusLocation } from "./profile.js";
export type { SkipReason } from "./reader.js";
export type { Risk, FailOn } from "./risk.js";
export { allRisks, isFailOn, reaches } from "./risk.js";
export { profileInputs, auditProfile };
export { defaultInferenceOptions, defaultProfileInputsOptions };
export { emptyProfile, mergeProfiles } from "./merge.js";
export { parseProfile, stringifyProfile } from "./profile-file.js";
export { baselineKey, parseBaseline } from "./baseline.js";
export { renderText, type TextReportOptions } from "./report-text.js";
export { renderJson } from "./report-json.js";
export { renderSarif } from "./report-sarif.js";
export { renderHtml } from "./report-html.js";
export { AuditInputError } from "./input-error.js";

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
