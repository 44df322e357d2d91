/**
 * Renders docs/errors.md from the message catalog (src/messages.ts). `npm run docs:errors` writes it;
 * src/messages.test.ts fails when the committed file is out of date.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { errorCatalog } from "../src/messages.js";

/** Splits a catalog message into its four parts: code, what is wrong, the fix, the example. */
export function messageParts(message: string): { code: string; what: string; fix: string; example: string } {
  const match = /^\[([\w.]+)\] (.+?) \| (.+?) \| e\.g\. (.+)$/.exec(message);
  if (!match) throw new Error(`not a catalog message: ${message}`);
  const [, code, what, fix, example] = match as unknown as [string, string, string, string, string];
  return { code, what, fix, example };
}

export function renderErrorsDoc(): string {
  const sections = Object.entries(errorCatalog).map(([code, { rule, sample, also }]) => {
    const parts = messageParts(sample);
    return [
      `## \`${code}\``,
      "",
      `Rule: ${rule}.`,
      "",
      `- **What is wrong:** ${parts.what}`,
      `- **Fix:** ${parts.fix}`,
      `- **Example:** \`${parts.example}\``,
      "",
      "Full message, as the compiler and the runtime print it:",
      "",
      "```text",
      sample,
      "```",
      "",
      ...(also === undefined
        ? []
        : [`The same code from ${also.caller}, in its words:`, "", "```text", also.sample, "```", ""]),
    ].join("\n");
  });
  return [
    "# Error catalog",
    "",
    "<!-- Generated from src/messages.ts by `npm run docs:errors`; a test fails when this file is out of date. -->",
    "",
    "Every message has the shape `[code] what is wrong | how to fix it | e.g. a correct example`. Definition",
    "errors (rules 1–4) appear twice with the same text: as a TypeScript error on the offending property, and as",
    "the `EntityDefinitionError` the runtime twin throws for plain JavaScript callers. Query-time errors are thrown",
    "as `KeyValueError` or `IsolationError`. Messages quote your own definition where they can; the samples",
    "below use the case study's entities.",
    "",
    "Every error the library throws is a `CapsuleEntityError` whose `code` is typed as the union of the codes",
    'below (`ErrorCode`); `matchError(error, { "isolation.foreign": (e) => …, _: (e) => … })` dispatches on it',
    "and rethrows what no handler takes.",
    "",
    "| code | rule |",
    "| --- | --- |",
    ...Object.entries(errorCatalog).map(
      ([code, { rule }]) => `| [\`${code}\`](#${code.replaceAll(".", "").toLowerCase()}) | ${rule} |`,
    ),
    "",
    ...sections,
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL("../docs/errors.md", import.meta.url), renderErrorsDoc());
}
