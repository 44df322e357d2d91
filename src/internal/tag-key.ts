/**
 * IAM tag keys, as the LeadingKeys policy reads a principal's tag (`aws:PrincipalTag/<key>`): 1 to 128 letters,
 * digits, spaces and `_.:/=+-@`. One definition for the policy's check and its message's example.
 */
const tagKeyCharacters = String.raw`\p{L}\p{Z}\p{N}_.:/=+\-@`;
const tagKey = new RegExp(`^[${tagKeyCharacters}]{1,128}$`, "u");
const notTagKeyCharacter = new RegExp(`[^${tagKeyCharacters}]`, "gu");

/** Whether IAM takes `key` as a tag key. */
export const isTagKey = (key: string): boolean => tagKey.test(key);

/** A tag key named after `field`, for examples: its characters a tag key refuses dropped (`prj$` → `prj`). */
export const tagKeyFor = (field: string): string => field.replace(notTagKeyCharacter, "").slice(0, 128) || "tag";
