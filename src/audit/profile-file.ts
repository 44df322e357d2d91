/**
 * The profile file (`--save-profile`, `--profile`): a profile as JSON, validated when read back.
 */
import { z } from "zod";
import { type WrapperKind, wrapperKinds } from "./event.js";
import { AuditInputError } from "./input-error.js";
import { profileFormat, profileVersion, type Profile, type SampleRow } from "./profile.js";
import { type SkipReason, skipReasons } from "./reader.js";

/**
 * The oldest profile version this reader reads: version 4 records the settings and inputs a profile was made with,
 * which no older profile can be merged without.
 */
const oldestReadable = 4;

/**
 * What each version added to the skip reasons and wrapper kinds. A released version's names are frozen: a new one
 * goes in here under a new `profileVersion`. A file of version N names only what versions up to N added, so a
 * reader reads every version from `oldestReadable` up to its own, and names a newer one as such.
 */
const addedIn: Readonly<
  Record<number, { readonly reasons: readonly SkipReason[]; readonly wrappers: readonly WrapperKind[] }>
> = {
  3: { reasons: ["firehose-record"], wrappers: ["firehose"] },
};

/**
 * The skip reasons and wrapper kinds a profile of `version` may name: all of today's, less those added after it.
 * @example profileVocabulary(2).reasons.includes("firehose-record") //=> false
 */
export function profileVocabulary(version: number): {
  reasons: [SkipReason, ...SkipReason[]];
  wrappers: [WrapperKind, ...WrapperKind[]];
} {
  const later = Object.entries(addedIn).filter(([added]) => Number(added) > version);
  const reasons = new Set(later.flatMap(([, names]) => names.reasons));
  const wrappers = new Set(later.flatMap(([, names]) => names.wrappers));
  // The first of each list has been there since the first version.
  const [firstReason, ...otherReasons] = skipReasons.filter((reason) => !reasons.has(reason));
  const [firstWrapper, ...otherWrappers] = wrapperKinds.filter((kind) => !wrappers.has(kind));
  return {
    reasons: [firstReason as SkipReason, ...otherReasons],
    wrappers: [firstWrapper as WrapperKind, ...otherWrappers],
  };
}

const count = z.number().int().nonnegative();
const counts = z.record(z.string(), count);
const location = z.object({ file: z.string(), line: count });

/** The schema of a profile of `version` (one of those read): the layout, with the names that version may hold. */
function profileSchemaOf(version: number) {
  const vocabulary = profileVocabulary(version);
  const skipReason = z.enum(vocabulary.reasons);
  return z.object({
    format: z.literal(profileFormat),
    version: z.literal(version),
    events: count,
    skipped: z.object({
      count,
      byReason: z.partialRecord(skipReason, count),
      samples: z.array(location.extend({ reason: skipReason })),
    }),
    unwrapped: z.partialRecord(z.enum(vocabulary.wrappers), count),
    depthCut: z.object({ count, example: z.string() }),
    types: z.array(
      z.object({
        source: z.string(),
        type: z.string(),
        count,
        first: location,
        fields: z.record(z.string(), z.object({ count, kinds: counts, spellings: counts })),
        keys: z.record(
          z.string(),
          z.object({
            count,
            shapes: counts,
            links: z.record(
              z.string(),
              z.record(
                z.string(),
                z.object({
                  match: count,
                  differ: count,
                  samples: z.array(location.extend({ segment: z.string(), value: z.string() })),
                }),
              ),
            ),
          }),
        ),
        dropped: count,
        rows: z
          .array(z.object({ hash: count, values: z.record(z.string(), z.string()) }))
          .refine((rows) => rows.every((row, index) => index === 0 || (rows[index - 1] as SampleRow).hash < row.hash), {
            message: "rows must be sorted by hash, each hash once, as capsule-entity writes them",
          }),
      }),
    ),
    settings: z.nullable(z.object({ maxDepth: count, maxLineLength: count, limits: counts })),
    inputs: z.array(z.object({ name: z.string(), bytes: count, edges: z.string().regex(/^[0-9a-f]{64}$/) })),
  });
}

/** The versions this reader reads, in words. */
const readable =
  oldestReadable === profileVersion ? `version ${profileVersion}` : `versions ${oldestReadable} to ${profileVersion}`;

/** A document that says it is a profile, with a whole version number. */
function isProfileHead(raw: unknown): raw is { format: typeof profileFormat; version: number } {
  const head = raw as { format?: unknown; version?: unknown } | null;
  return head?.format === profileFormat && Number.isInteger(head.version);
}

/**
 * Reads a saved profile document of any version from `oldestReadable` to `profileVersion` (as the current one); a
 * newer one is refused as written by a newer capsule-entity. The parsed JSON itself is returned once it validates
 * (not zod's copy), so data keys such as `__proto__` stay the own properties `JSON.parse` made them.
 */
export function parseProfile(text: string, name: string): Profile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AuditInputError(`${name} is not a profile: ${(error as Error).message}`);
  }
  // The version is read first: a newer file is named as such, whatever names it holds that this reader does not know.
  const claimed = isProfileHead(raw) ? raw.version : profileVersion;
  if (claimed > profileVersion)
    throw new AuditInputError(
      `${name} was written by a newer capsule-entity (profile version ${claimed}; this one reads ${readable}): upgrade capsule-entity to read it`,
    );
  if (claimed < oldestReadable)
    throw new AuditInputError(
      `${name} was written by an older capsule-entity (profile version ${claimed}; this one reads ${readable}, which records the settings and inputs a profile was made with, so that profiles made differently or of the same input are never merged): re-profile its corpus`,
    );
  const result = profileSchemaOf(claimed).safeParse(raw);
  if (!result.success)
    throw new AuditInputError(
      `${name} is not a ${profileFormat} v${claimed} document:\n${z.prettifyError(result.error)}`,
    );
  // An older version names a part of today's reasons and wrappers in the same layout: it is read as today's.
  (raw as { version: number }).version = profileVersion;
  return raw as Profile;
}

/** The profile as the JSON document `--save-profile` writes. */
export function stringifyProfile(profile: Profile): string {
  return `${JSON.stringify(profile)}\n`;
}
