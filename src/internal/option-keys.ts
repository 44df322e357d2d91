/**
 * Option bags checked for what a caller may have misspelt: a key the call does not take (`{ tabel }`) would
 * otherwise be ignored and the call run without the option meant, and options that are no object (`"platform"`)
 * read as none.
 */
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "./describe.js";
import { invalidOptionsMessage } from "../messages.js";

/**
 * The first thing wrong with an option bag: not an object (`"platform"`, `null`), or an own key not in `takes`;
 * `undefined` when neither. Each caller words it with its own catalog code.
 *
 * @example
 * optionBagProblem({ tabel: "notes" }, ["table"]); //=> { stray: true, what: 'option "tabel"', problem: "is not one it takes" }
 */
export function optionBagProblem(
  options: unknown,
  takes: readonly string[],
): { readonly stray: boolean; readonly what: string; readonly problem: string } | undefined {
  if (typeof options !== "object" || options === null)
    return { stray: false, what: "options", problem: `are ${describeValue(options)}, not an object` };
  const stray = Object.keys(options).find((key) => !takes.includes(key));
  return stray === undefined
    ? undefined
    : { stray: true, what: `option ${JSON.stringify(stray)}`, problem: "is not one it takes" };
}

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
  const found = optionBagProblem(options, takes);
  if (found !== undefined)
    throw new CapsuleEntityError(invalidOptionsMessage(call, `${found.what} ${found.problem}`, takes, example));
}
