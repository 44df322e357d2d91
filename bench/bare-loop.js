/**
 * The reference of bench/audit-throughput.ts: a bare line-split + `JSON.parse` loop over an NDJSON file, what any
 * consumer of the file must do at least. Plain JavaScript, declared by bare-loop.d.ts, so that the bench can also run
 * it as a fresh process under plain `node` (`node bench/bare-loop.js FILE`), as cold as a user's CLI run, with no
 * TypeScript loader in it.
 */
import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";

const MB = 1024 * 1024;

/**
 * Reads the file as UTF-8 in 1 MiB chunks, splits lines and parses each; bad lines are skipped, as the audit does.
 * @example const records = await bareParse("events.ndjson");
 */
export async function bareParse(path) {
  let records = 0;
  let carry = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: MB })) {
    const lines = (carry + chunk).split("\n");
    carry = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "") continue;
      try {
        JSON.parse(line);
        records += 1;
      } catch {
        // a bad line: skipped, as the audit does
      }
    }
  }
  if (carry !== "") JSON.parse(carry);
  return records;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bareParse(process.argv[2]);
