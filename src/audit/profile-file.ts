/**
 * The profile file (`--save-profile`, `--profile`): a profile as JSON, validated when read back.
 */
import { z } from "zod";
import { wrapperKinds } from "./event.js";
import { AuditInputError } from "./input-error.js";
import { profileFormat, profileVersion, type Profile } from "./profile.js";
import { skipReasons } from "./reader.js";

const count = z.number().int().nonnegative();
const counts = z.record(z.string(), count);
const location = z.object({ file: z.string(), line: count });
const skipReason = z.enum(skipReasons);

const profileSchema = z.object({
  format: z.literal(profileFormat),
  version: z.literal(profileVersion),
  events: count,
  skipped: z.object({
    count,
    byReason: z.partialRecord(skipReason, count),
    samples: z.array(location.extend({ reason: skipReason })),
  }),
  unwrapped: z.partialRecord(z.enum(wrapperKinds), count),
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
      rows: z.array(z.object({ hash: count, values: z.record(z.string(), z.string()) })),
    }),
  ),
});

/**
 * Reads a saved profile document. The parsed JSON itself is returned once it validates (not zod's
 * copy), so data keys such as `__proto__` stay the own properties `JSON.parse` made them.
 */
export function parseProfile(text: string, name: string): Profile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AuditInputError(`${name} is not a profile: ${(error as Error).message}`);
  }
  const result = profileSchema.safeParse(raw);
  if (!result.success)
    throw new AuditInputError(
      `${name} is not a ${profileFormat} v${profileVersion} document:\n${z.prettifyError(result.error)}`,
    );
  return raw as Profile;
}

/** The profile as the JSON document `--save-profile` writes. */
export function stringifyProfile(profile: Profile): string {
  return `${JSON.stringify(profile)}\n`;
}
