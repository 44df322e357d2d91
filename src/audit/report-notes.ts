/**
 * What the reader did beyond reading events, in the words every report uses (text, HTML, SARIF): the wrappers it
 * opened, and the field occurrences `--max-depth` left out.
 */
import { type WrapperKind, wrapperKinds } from "./event.js";
import { profileLimits } from "./profile.js";
import type { AuditSummary } from "./result.js";
import { count, listed } from "./words.js";

const wrapperText: Readonly<Record<WrapperKind, readonly [string, string?]>> = {
  sqs: ["SQS message"],
  sns: ["SNS notification"],
  kinesis: ["Kinesis record"],
  firehose: ["Firehose record"],
  "put-events": ["PutEvents request"],
  // A Lambda batch's `Records`, an SQS ReceiveMessage response's `Messages`, or a JSON array on one line.
  "lambda-batch": ["batch", "batches"],
};

/** The reading notes of a run; each undefined when there is nothing to say. */
export interface ReadingNotes {
  /** `Unwrapped: 3 SQS messages, 1 SNS notification`. */
  readonly unwrapped: string | undefined;
  /** `--max-depth cut 12 field occurrences (e.g. a.b.c.d.e): not profiled, raise --max-depth to audit them`. */
  readonly depthCut: string | undefined;
  /** `203 field occurrences past 1,000 field names a type were not profiled (in app › T0): …`. */
  readonly fieldLimitCut: string | undefined;
}

/**
 * The wrappers opened, the depth cut and the fields past the limit of a type of a run, in words.
 * @example readingNotes(result.summary).depthCut //=> "--max-depth cut 12 field occurrences (e.g. meta.owner.tenantId): …"
 */
export function readingNotes(summary: Pick<AuditSummary, "unwrapped" | "depthCut" | "fieldLimitCut">): ReadingNotes {
  const { unwrapped, depthCut, fieldLimitCut } = summary;
  const opened = wrapperKinds.filter((kind) => (unwrapped[kind] ?? 0) > 0);
  return {
    unwrapped:
      opened.length === 0
        ? undefined
        : `Unwrapped: ${opened.map((kind) => count(unwrapped[kind] ?? 0, ...wrapperText[kind])).join(", ")}`,
    depthCut:
      depthCut.count === 0
        ? undefined
        : `--max-depth cut ${count(depthCut.count, "field occurrence")} (e.g. ${depthCut.example}): not profiled, raise --max-depth to audit them`,
    fieldLimitCut:
      fieldLimitCut.count === 0
        ? undefined
        : `${count(fieldLimitCut.count, "field occurrence")} past ${count(profileLimits.fieldsPerType, "field name")} a type ${fieldLimitCut.count === 1 ? "was" : "were"} not profiled (in ${listed(fieldLimitCut.eventTypes)}): a finding of that type may call a field it carries missing (such a type holds a map keyed by data)`,
  };
}
