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
/**
 * {@link tagKeyFor} of a level field, at compile time: a level field is an identifier of A-Z a-z 0-9 _ $ (the
 * vocabulary's check), whose one character a tag key refuses is `$`. Error path only.
 */
export type TagKeyFor<TField extends string> =
  WithoutDollars<TField> extends infer TKey extends string ? (TKey extends "" ? "tag" : FirstCharacters<TKey>) : never;
type WithoutDollars<TText extends string> = TText extends `${infer THead}$${infer TTail}`
  ? WithoutDollars<`${THead}${TTail}`>
  : TText;
/** The first 128 characters (IAM's longest tag key), one per step. */
type FirstCharacters<
  TText extends string,
  TCount extends 0[] = [],
  THead extends string = "",
> = TCount["length"] extends 128
  ? THead
  : TText extends `${infer TFirst}${infer TRest}`
    ? FirstCharacters<TRest, [...TCount, 0], `${THead}${TFirst}`>
    : THead;
