import { AuditInputError } from "./input-error.js";

/** The SARIF partial fingerprint name under which findings carry their fingerprint. */
export const SARIF_FINGERPRINT = "capsuleEntityFinding/v1";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * The finding fingerprints of an earlier report, JSON (`findings[].fingerprint`) or SARIF
 * (`runs[].results[].partialFingerprints`), for `--baseline`: findings they hold are not new.
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
    if (typeof finding["fingerprint"] === "string") fingerprints.add(finding["fingerprint"]);
  }
  for (const run of records(document["runs"])) {
    for (const result of records(run["results"])) {
      const partial = result["partialFingerprints"];
      if (isRecord(partial) && typeof partial[SARIF_FINGERPRINT] === "string") fingerprints.add(partial[SARIF_FINGERPRINT]);
    }
  }
  return fingerprints;
}
