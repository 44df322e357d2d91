/**
 * The docs quote real code and real messages, never hand-copied ones. A doc marks each quote with an HTML
 * comment right before its code block:
 *
 * - `<!-- example: PATH -->`: the next ```ts block is the whole file PATH (type-checked with the project).
 * - `<!-- compile-fail: PATH -->`: the next ```ts block is a passage of the compile-fail fixture PATH with one
 *   `// expect-error:` line; the next ```text block is what the compiler prints for the line after it (the
 *   catalog message, else the compiler's own text), as recorded in the fixture's snapshot, which
 *   types-tests/compile-fail.test.ts checks under TypeScript 5.9, 6.0 and 7.0.
 * - `<!-- throws: PATH#EXPORT -->`: the next ```ts block is a passage of PATH; the next ```text block is the
 *   message its export EXPORT throws when called.
 *
 * docs/patterns/*.md also share one format (name and classification, then four sections), and the index
 * files list every doc.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogMessage, root } from "../types-tests/compilers.js";

interface Quote {
  readonly kind: "example" | "compile-fail" | "throws";
  readonly target: string;
  readonly code: string;
  /** The ```text block after the code, for compile-fail and throws quotes. */
  readonly message: string | undefined;
}

const read = (file: string): string => readFileSync(path.join(root, file), "utf8");
const patternDocs = readdirSync(path.join(root, "docs/patterns"))
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .map((name) => `docs/patterns/${name}`);
const quotingDocs = [...patternDocs, "docs/guide.md"];

/** The marked quotes of a doc, in order. */
function quotesOf(doc: string): Quote[] {
  const marked =
    /<!-- (example|compile-fail|throws): (\S+) -->\n```ts\n([\s\S]*?)```\n(?:\n```text\n([\s\S]*?)\n```\n)?/g;
  return [...read(doc).matchAll(marked)].map((match) => ({
    kind: match[1] as Quote["kind"],
    target: match[2]!,
    code: match[3]!,
    message: match[4],
  }));
}

/** The line (1-based) of `passage` in `text`, which must hold it exactly once. */
function lineOfPassage(text: string, passage: string, where: string): number {
  const at = text.indexOf(passage);
  expect(at, `${where}: the quoted code is not in the file`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(passage, at + 1), `${where}: the quoted code is in the file twice`).toBe(-1);
  return text.slice(0, at).split("\n").length;
}

/** What the compiler printed for a fixture line, per its shared snapshot (`line:column TSxxxx message` entries). */
function compilerMessage(fixture: string, line: number): string | undefined {
  const snapshot = read(`types-tests/compile-fail/__snapshots__/${path.basename(fixture, ".ts")}.txt`);
  for (const entry of snapshot.split("\n\n")) {
    const [, row, column, code, message] = /^(\d+):(\d+) (TS\d+) ([\s\S]*?)\n?$/.exec(entry) ?? [];
    if (Number(row) !== line || message === undefined) continue;
    return catalogMessage({ file: fixture, line, column: Number(column), code: code!, message }) ?? message;
  }
  return undefined;
}

describe.each(quotingDocs)("%s", (doc) => {
  const quotes = quotesOf(doc);

  it("quotes at least one real file, and every quote marker is followed by its code", () => {
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes).toHaveLength([...read(doc).matchAll(/<!-- (example|compile-fail|throws): /g)].length);
  });

  it.each(quotes.filter((quote) => quote.kind === "example"))(
    "its example is the whole of $target",
    ({ target, code }) => {
      expect(code).toBe(read(target));
    },
  );

  it.each(quotes.filter((quote) => quote.kind === "compile-fail"))(
    "its anti-pattern from $target quotes the compiler",
    ({ target, code, message }) => {
      const marks = code.split("\n").flatMap((text, index) => (text.includes("// expect-error: ") ? [index] : []));
      expect(marks, "one expect-error line per quote").toHaveLength(1);
      const line = lineOfPassage(read(target), code, target) + marks[0]! + 1;
      expect(message, "a ```text block with the message").toBeDefined();
      expect(message).toBe(compilerMessage(target, line));
    },
  );

  it.each(quotes.filter((quote) => quote.kind === "throws"))(
    "its runtime anti-pattern from $target quotes the thrown message",
    async ({ target, code, message }) => {
      const [file, name] = target.split("#") as [string, string];
      lineOfPassage(read(file), code, file);
      const thunk = ((await import(path.join(root, file))) as Record<string, () => unknown>)[name];
      expect(thunk, `${file} exports ${name}`).toBeTypeOf("function");
      expect(message, "a ```text block with the message").toBeDefined();
      let thrown: unknown;
      try {
        thunk!();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toBe(message);
    },
  );
});

describe("docs/patterns/", () => {
  const sections = ["## When it applies", "## Canonical example", "## Anti-patterns", "## Rationale"];

  it.each(patternDocs)("%s has the one format: name, classification, the four sections in order", (doc) => {
    const text = read(doc);
    expect(text).toMatch(/^# .+\n\n\*\*Classification:\*\* .+\n/);
    const offsets = sections.map((heading) => text.indexOf(`\n${heading}\n`));
    expect(
      offsets.every((offset) => offset > 0),
      `${doc} has ${sections.join(", ")}`,
    ).toBe(true);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    const [, example, antiPatterns, rationale] = offsets as [number, number, number, number];
    expect(text.slice(example, antiPatterns), "a canonical example quoted from examples/").toContain(
      "<!-- example: examples/",
    );
    expect(text.slice(antiPatterns, rationale), "anti-patterns with real messages").toMatch(
      /<!-- (compile-fail|throws): /,
    );
  });

  it("README.md and docs/llms.txt list every pattern, and every doc they link exists", () => {
    for (const index of ["docs/patterns/README.md", "docs/llms.txt"]) {
      const text = read(index);
      for (const doc of patternDocs) expect(text, `${index} lists ${doc}`).toContain(path.basename(doc));
      const base = path.dirname(path.join(root, index));
      for (const [, link] of text.matchAll(/\]\(([^)#]+\.md)\)/g))
        expect(existsSync(path.join(base, link!)), `${index} → ${link}`).toBe(true);
    }
  });
});
