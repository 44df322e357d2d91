/**
 * What the reader did beyond reading events, in the words every report uses (text, HTML, SARIF): the wrappers it
 * opened, the field occurrences `--max-depth` and a type's field limit left out, and the limits merged pieces are past.
 */
import { type WrapperKind, wrapperKinds } from "./event.js";
import type { PastLimit } from "./merge.js";
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
  /** `merged pieces hold more than one run keeps: 1,203 field names in app › T0 where …: … --workers 1 …`. */
  readonly pastLimits: string | undefined;
}

/** What each limit counts, and per what (see `PastLimit`). */
const limitWords: Readonly<Record<PastLimit["limit"], readonly [string, string]>> = {
  types: ["event type", ""],
  fieldsPerType: ["field name", " a type"],
  shapesPerKey: ["key shape", " a key field"],
  labelsPerKey: ["key label", " a key field"],
};

/** The limits a merged profile is past, in words, and how to get one run's report. */
function pastLimitsText(past: readonly PastLimit[]): string | undefined {
  if (past.length === 0) return undefined;
  const clauses = past.map(({ limit, allowed, held, where }) => {
    const [noun, per] = limitWords[limit];
    const at = where.length === 0 || where[0] === "" ? "" : ` in ${listed(where)}`;
    return `${count(held, noun)}${at} where one run keeps ${count(allowed, noun)}${per} (the profile limit ${limit})`;
  });
  return `merged pieces hold more than one run keeps: ${clauses.join("; ")}. Each piece (a --workers thread's part of the input, a shard) was profiled within the limit on its own, so this report may differ from one run over the whole corpus; the limit is fixed in this version: audit the corpus with --workers 1, or as one shard, for one run's report`;
}

/**
 * The wrappers opened, the depth cut and the fields past the limit of a type of a run, in words.
 * @example readingNotes(result.summary).depthCut //=> "--max-depth cut 12 field occurrences (e.g. meta.owner.tenantId): …"
 */
export function readingNotes(
  summary: Pick<AuditSummary, "unwrapped" | "depthCut" | "fieldLimitCut" | "pastLimits">,
): ReadingNotes {
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
    pastLimits: pastLimitsText(summary.pastLimits),
  };
}
