/**
 * The positive side: the whole project (library, type tests, compile-pass twins, examples) type-checks
 * cleanly under TypeScript 5.9, 6.0 and 7.0, without skipLibCheck; and every compile-pass definition also
 * passes the runtime twin.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compile, compilers, compileTimeout, root } from "./compilers.js";

const projects = [
  { what: "type-checks the project with no diagnostics", project: "tsconfig.json" },
  {
    what: "builds the library's declarations under isolatedDeclarations, without skipLibCheck",
    project: "tsconfig.build.json",
  },
];

// The six compiles at once (separate processes, which the machine's cores share), not one after another.
describe.concurrent("each compiler", () => {
  it.each(compilers.flatMap((compiler) => projects.map((project) => ({ ...project, compiler }))))(
    "$compiler.name: $what",
    async ({ compiler, project }) => {
      const { diagnostics, output } = await compile(compiler, project);
      expect(diagnostics, output).toEqual([]);
    },
    compileTimeout,
  );
});

describe("compile-pass definitions at runtime", () => {
  const files = readdirSync(path.join(root, "types-tests/compile-pass")).filter((name) => name.endsWith(".ts"));
  it.each(files)("%s: every export defines its entity without throwing", async (name) => {
    const module = (await import(path.join(root, "types-tests/compile-pass", name))) as Record<
      string,
      () => { name: string }
    >;
    const thunks = Object.entries(module);
    expect(thunks.length).toBeGreaterThan(0);
    for (const [exportName, thunk] of thunks) expect(thunk().name, exportName).toMatch(/^[A-Z]/);
  });
});
