/**
 * Test support: runs a CLI command in this process with captured output (no TTY, no stdin unless given).
 */
import { Readable } from "node:stream";
import type { CliIo } from "../src/cli/audit-command.js";

/** What a command printed and returned. */
export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command` with `argv`, capturing stdout and stderr.
 * @example const { code, stdout } = await runInProcess(runAudit, ["events.ndjson", "--format", "json"]);
 */
export async function runInProcess(
  command: (argv: readonly string[], io: CliIo) => Promise<number>,
  argv: readonly string[],
): Promise<InProcessRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdin: Readable.from([]),
    stdinIsTTY: true,
    stdout: { write: (text: string) => (stdout += text) },
    stdoutIsTTY: false,
    stderr: { write: (text: string) => (stderr += text) },
    stderrIsTTY: false,
    env: {},
  };
  const code = await command(argv, io);
  return { code, stdout, stderr };
}
