#!/usr/bin/env node
/**
 * The `capsule-entity` command: a thin dispatcher to one module per subcommand.
 */
import { type CliIo, exitCodes, runAudit } from "./audit-command.js";

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ["audit", runAudit],
  // Loaded only when run: an `audit` run does not load the table checks.
  ["audit-table", async (argv, io) => (await import("./audit-table-command.js")).runAuditTable(argv, io)],
]);

const commandUsage = `Usage: capsule-entity <command> [options]

Commands:
  audit         infer the isolation pattern of an event corpus and report what deviates
                (audit merge: the same report from the profiles of shards profiled elsewhere)
  audit-table   audit the items of a DynamoDB table (export files or a live table's Scan)

Run capsule-entity <command> --help for a command's options.
`;

const io: CliIo = {
  stdin: process.stdin,
  stdinIsTTY: process.stdin.isTTY === true,
  stdout: process.stdout,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
};

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? exitCodes.clean);
});

const [name, ...rest] = process.argv.slice(2);
const command = name === undefined ? undefined : commands.get(name);
if (command !== undefined) {
  try {
    process.exitCode = await command(rest, io);
  } catch (error) {
    // A bug, not a finding: never exit 1, which CI reads as "findings".
    process.stderr.write(`✖ internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = exitCodes.error;
  }
} else if (name === "--help" || name === "-h") {
  process.stdout.write(commandUsage);
} else {
  process.stderr.write(
    `${name === undefined ? "✖ no command given" : `✖ unknown command ${name}`}\n  → at argument 1\n\n${commandUsage}`,
  );
  process.exitCode = exitCodes.error;
}
