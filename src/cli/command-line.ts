/**
 * The command line of `audit`, `audit merge` and `audit-table`, read one way: options, their values and the
 * positional arguments, each mistake refused in the CLI's own words (what is wrong and how to write it instead).
 */

/** A wrong command line: exit code 2, with the command's usage hint. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The options a command takes, each with the word its usage gives the value (`--out FILE` → `FILE`). */
export interface CommandOptions {
  /** Options that take one value (`--out FILE`, `--out=FILE`). */
  readonly valued: ReadonlyMap<string, string>;
  /** Options that take every following argument up to the next option (`--profile FILE...`). */
  readonly lists: ReadonlyMap<string, string>;
}

/** A command line read: its positional arguments, the values of its options, and whether help was asked for. */
export interface CommandLine {
  readonly positionals: readonly string[];
  readonly values: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly help: boolean;
}

/** An argument that is an option (`--format`, `-h`), not a value: `-` (stdin) and `-1` are values. */
function isOption(argument: string): boolean {
  return argument.startsWith("--") || /^-[a-zA-Z]/.test(argument);
}

/**
 * Reads `argv` as `options` says: `--name value` and `--name=value`, `--` before arguments that start with a dash.
 * Refused, by name: an option given no value (at the end, or followed by another option), an empty value, an option
 * given twice, an unknown option. A value starting with a dash is taken as given (`--max-rcu -1`), for the command to
 * check; one starting with `--` is written `--name=--value`.
 * @example readCommandLine(["a.ndjson", "--out", "r.txt"], options).values.get("--out") //=> "r.txt"
 */
export function readCommandLine(argv: readonly string[], options: CommandOptions): CommandLine {
  const positionals: string[] = [];
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === "--") {
      // Everything after `--` is positional, even a name that starts with a dash.
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!isOption(argument)) {
      positionals.push(argument);
      continue;
    }
    const equals = argument.indexOf("=");
    const name = equals === -1 ? argument : argument.slice(0, equals);
    const inline = equals === -1 ? undefined : argument.slice(equals + 1);
    if (name === "-h" || name === "--help") {
      help = true;
      continue;
    }
    const word = options.valued.get(name);
    const listWord = options.lists.get(name);
    if (word !== undefined) {
      const next = argv[index + 1];
      const value = inline ?? (next === undefined || isOption(next) ? undefined : argv[++index]);
      if (value === undefined) throw new UsageError(missingValue(name, word, next));
      if (value === "") throw new UsageError(`${name} expects ${word}, received an empty value: give ${name} ${word}`);
      const earlier = values.get(name);
      if (earlier !== undefined)
        throw new UsageError(`${name} is given twice ("${earlier}", then "${value}"): give it once`);
      values.set(name, value);
    } else if (listWord !== undefined) {
      const list = lists.get(name) ?? [];
      lists.set(name, list);
      const before = list.length;
      if (inline !== undefined) list.push(inline);
      while (index + 1 < argv.length && !isOption(argv[index + 1] as string)) list.push(argv[++index] as string);
      if (list.length === before) throw new UsageError(missingValue(name, `${listWord}...`, argv[index + 1]));
      if (list.includes(""))
        throw new UsageError(`${name} expects ${listWord}..., received an empty value: give ${name} ${listWord}...`);
    } else throw new UsageError(`unknown option ${name}`);
  }
  return { positionals, values, lists, help };
}

/** `--table expects NAME: give --table NAME`, saying what came instead (nothing, or another option). */
function missingValue(name: string, word: string, next: string | undefined): string {
  const instead = next === undefined ? "none was given" : `it is followed by the option ${next}`;
  const dashes = next?.startsWith("--") === true ? ` (a value that starts with -- is written ${name}=VALUE)` : "";
  return `${name} expects ${word}, but ${instead}: give ${name} ${word}${dashes}`;
}

/**
 * The number `text` holds when `valid`, else a usage error saying what `option` expects.
 * @example numberOption("--max-rcu", "-1", isCount, "a whole number ≥ 1") // throws: --max-rcu expects a whole number ≥ 1, received "-1"
 */
export function numberOption(
  option: string,
  text: string,
  valid: (value: number) => boolean,
  expected: string,
): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || !valid(value))
    throw new UsageError(`${option} expects ${expected}, received "${text}"`);
  return value;
}

/** A whole number ≥ 1. */
export const isCount = (value: number): boolean => Number.isInteger(value) && value >= 1;
