/**
 * Option bags checked for what a caller may have misspelt: a key the call does not take (`{ tabel }`) would
 * otherwise be ignored and the call run without the option meant, and options that are no object (`"platform"`)
 * read as none.
 */
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "./describe.js";
import { invalidOptionsMessage } from "../messages.js";

/**
 * Refuses options that are neither `undefined` nor an object, and an own key of them not in `takes`, with
 * `[options.invalid]` naming the call, the key and what it takes.
 *
 * @example
 * checkOptionKeys("connect", { tabel: "notes" }, ["table"], "connect(client, { table: PlatformTable })");
 * // throws "[options.invalid] connect option \"tabel\" is not one it takes | …"
 */
export function checkOptionKeys(call: string, options: unknown, takes: readonly string[], example: string): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null)
    throw new CapsuleEntityError(
      invalidOptionsMessage(call, `options are ${describeValue(options)}, not an object`, takes, example),
    );
  const stray = Object.keys(options).find((key) => !takes.includes(key));
  if (stray !== undefined)
    throw new CapsuleEntityError(
      invalidOptionsMessage(call, `option ${JSON.stringify(stray)} is not one it takes`, takes, example),
    );
}
