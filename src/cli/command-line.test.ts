/**
 * Every option of `audit`, `audit merge` and `audit-table` given a bad value (generated: each option × missing at the
 * end, followed by another option, empty, empty after `=`, negative, not a number, given twice): refused in the CLI's
 * own words, exit 2, one `✖` line naming the option and how to write it, then the usage hint; never the wording of a
 * generic argument parser. A negative or non-numeric value of an option that takes a name (a file, a table) is a
 * name like any other, taken as given.
 */
import { describe, expect, it } from "vitest";
import { runInProcess } from "../../scripts/cli-in-process.js";
import { type CliIo, parseAuditArguments, runAudit } from "./audit-command.js";
import { parseTableArguments, runAuditTable } from "./audit-table-command.js";

/** What an option's value must be, as its error says it: a number, one of a list, or any name. */
type Kind = { readonly expects: string } | "name";
const count: Kind = { expects: "a whole number ≥ 1" };
const share: Kind = { expects: "a share in (0, 1]" };
const format: Kind = { expects: "one of text, json, sarif, html" };
const level: Kind = { expects: "critical, high, medium, low or none" };

interface Command {
  readonly name: string;
  readonly run: (argv: readonly string[], io: CliIo) => Promise<number>;
  /** Arguments that make the command line complete but for the option under test. */
  readonly base: readonly string[];
  /** Each option, the word its usage gives the value, and its kind. */
  readonly options: readonly (readonly [string, string, Kind])[];
  /** The value a name option was given, as the command read it. */
  readonly read: (argv: readonly string[], option: string) => unknown;
  readonly help: string;
}

const auditOptions: readonly (readonly [string, string, Kind])[] = [
  ["--format", "text|json|sarif|html", format],
  ["--out", "FILE", "name"],
  ["--fail-on", "LEVEL", level],
  ["--min-support", "N", count],
  ["--min-share", "R", share],
  ["--steady-rate", "R", share],
  ["--max-depth", "N", count],
  ["--max-line-length", "N", count],
  ["--workers", "N", count],
  ["--save-profile", "FILE", "name"],
  ["--baseline", "FILE", "name"],
  ["--entities", "MODULE", "name"],
  ["--boundary", "FIELD[,FIELD]", "name"],
];
const auditField: Readonly<Record<string, string>> = {
  "--out": "out",
  "--save-profile": "saveProfile",
  "--baseline": "baseline",
  "--entities": "entities",
  "--boundary": "boundaries",
};
const readAudit = (argv: readonly string[], option: string): unknown => {
  const value = parseAuditArguments(argv)[auditField[option] as "out"];
  return Array.isArray(value) ? value.join(",") : value;
};

const commands: readonly Command[] = [
  { name: "audit", run: runAudit, base: ["events.ndjson"], options: auditOptions, read: readAudit, help: "audit" },
  {
    name: "audit merge",
    run: (argv, io) => runAudit(["merge", ...argv], io),
    base: ["shards/"],
    options: auditOptions,
    read: readAudit,
    help: "audit",
  },
  {
    name: "audit-table",
    run: runAuditTable,
    base: ["--table", "platform_data"],
    options: [
      ["--entities", "MODULE", "name"],
      ["--endpoint", "URL", "name"],
      ["--region", "REGION", "name"],
      ["--segments", "N", count],
      ["--page-size", "N", count],
      ["--max-rcu", "N", count],
      ["--workers", "N", count],
      ["--format", "FORMAT", format],
      ["--out", "FILE", "name"],
      ["--fail-on", "LEVEL", level],
    ],
    read: (argv, option) => {
      const parsed = parseTableArguments(argv);
      return parsed === "help" ? parsed : parsed[option.slice(2) as "out"];
    },
    help: "audit-table",
  },
];

/** The generated bad command lines of one option, with the one line each must be refused with (undefined: none). */
function badLines(option: string, word: string, kind: Kind): [string, string[], string | undefined][] {
  const missing = `${option} expects ${word}, but`;
  const empty = `${option} expects ${word}, received an empty value: give ${option} ${word}`;
  const wrong = (text: string): string | undefined =>
    kind === "name" ? undefined : `${option} expects ${kind.expects}, received "${text}"`;
  return [
    ["missing at the end", [option], `${missing} none was given: give ${option} ${word}`],
    [
      "followed by another option",
      [option, "--fail-on", "none"],
      `${missing} it is followed by the option --fail-on: give ${option} ${word} (a value that starts with -- is written ${option}=VALUE)`,
    ],
    ["empty", [option, ""], empty],
    ["empty after =", [`${option}=`], empty],
    ["negative", [option, "-1"], wrong("-1")],
    ["negative after =", [`${option}=-1`], wrong("-1")],
    ["not a number", [option, "many"], wrong("many")],
    ["given twice", [option, "2", option, "3"], `${option} is given twice ("2", then "3"): give it once`],
  ];
}

describe("bad option values, generated for every option of every audit command", () => {
  for (const command of commands)
    it(`${command.name}: refuses each in its own words, exit 2, or takes a name as given`, async () => {
      let refused = 0;
      for (const [option, word, kind] of command.options)
        for (const [variant, argv, message] of badLines(option, word, kind)) {
          const line = [...command.base, ...argv];
          if (message === undefined) {
            // A name option's value that starts with a dash (`--out -1`) is a name: read as given.
            expect(command.read(line, option), `${command.name} ${line.join(" ")}`).toBe(
              argv.at(-1)?.replace(/^.*=/, ""),
            );
            continue;
          }
          const result = await runInProcess(command.run, line);
          expect([result.code, result.stderr], `${command.name} ${variant}: ${line.join(" ")}`).toEqual([
            2,
            `✖ ${message}\n  → run capsule-entity ${command.help} --help for the usage\n`,
          ]);
          refused += 1;
        }
      // Every option was exercised: none of the cases above was skipped by mistake.
      expect(refused).toBeGreaterThanOrEqual(command.options.length * 5);
    });

  it("takes a value given after = even when it starts with --, and everything after -- as positional", () => {
    expect(parseAuditArguments(["e.ndjson", "--out=--report.txt"]).out).toBe("--report.txt");
    expect(parseAuditArguments(["--out", "r.txt", "--", "--events.ndjson", "-1"]).inputs).toEqual([
      "--events.ndjson",
      "-1",
    ]);
    expect(parseTableArguments(["--table=-t", "--max-rcu=5"])).toMatchObject({ table: "-t", maxRcu: 5 });
  });
});
