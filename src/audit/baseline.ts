/**
 * Baselines: the fingerprints of an earlier JSON or SARIF report, so that a run reports only new findings.
 */
import { AuditInputError } from "./input-error.js";
import { allRisks, riskRank, type Risk } from "./risk.js";

/** The SARIF partial fingerprint name under which findings carry their fingerprint. */
export const sarifFingerprint = "capsuleEntityFinding/v1";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * The key under which a baseline holds a finding it knew at `risk` or worse: `fingerprint@risk`. A finding
 * is baselined when the set has its bare fingerprint (a report without risks) or this key for its risk, so
 * a finding whose risk has risen since the baseline (MEDIUM then, HIGH now) is reported again.
 */
export function baselineKey(fingerprint: string, risk: Risk): string {
  return `${fingerprint}@${risk}`;
}

/** Adds a finding of an earlier report: keyed by the risks it covers (its own and lower) when it has one. */
function addFinding(fingerprints: Set<string>, fingerprint: string, risk: unknown): void {
  const known = allRisks.find((candidate) => candidate === risk);
  if (known === undefined) fingerprints.add(fingerprint);
  else
    for (const covered of allRisks.filter((candidate) => riskRank(candidate) >= riskRank(known)))
      fingerprints.add(baselineKey(fingerprint, covered));
}

/**
 * The finding fingerprints of an earlier report, JSON (`findings[].fingerprint`) or SARIF
 * (`runs[].results[].partialFingerprints`), for `--baseline`: findings they hold are not new, unless their
 * risk has risen (see {@link baselineKey}).
 */
export function parseBaseline(text: string, name: string): Set<string> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AuditInputError(`${name} is not a JSON or SARIF audit report: ${(error as Error).message}`);
  }
  if (!isRecord(document) || (!Array.isArray(document["findings"]) && !Array.isArray(document["runs"]))) {
    throw new AuditInputError(`${name} is not a JSON or SARIF audit report: it has neither findings[] nor runs[]`);
  }
  const fingerprints = new Set<string>();
  for (const finding of records(document["findings"])) {
    if (typeof finding["fingerprint"] === "string") addFinding(fingerprints, finding["fingerprint"], finding["risk"]);
  }
  for (const run of records(document["runs"])) {
    for (const result of records(run["results"])) {
      const partial = result["partialFingerprints"];
      const properties = result["properties"];
      if (isRecord(partial) && typeof partial[sarifFingerprint] === "string") {
        addFinding(fingerprints, partial[sarifFingerprint], isRecord(properties) ? properties["risk"] : undefined);
      }
    }
  }
  return fingerprints;
}
