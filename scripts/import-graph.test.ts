/**
 * The architecture's dependency rules, read from the TypeScript compiler's own import resolution (type-only
 * imports and `import("…")` types included): `src/` has no import cycle, and `entity/` never imports `access/`
 * or `events/` (DESIGN.md, Layout). Test files are nodes too: they import their module, nothing imports them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const srcDir = join(root, "src");

/** Every .ts file under a directory. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Module (path relative to src/) → the src/ modules it imports, as the compiler resolves them. */
function importGraph(): Map<string, string[]> {
  const { options } = ts.parseJsonConfigFileContent(
    ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config,
    ts.sys,
    root,
  );
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(srcDir)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles.flatMap(({ fileName }) => {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      return resolved !== undefined && resolved.startsWith(srcDir) ? [relative(srcDir, resolved)] : [];
    });
    graph.set(relative(srcDir, file), [...new Set(targets)]);
  }
  return graph;
}

/** The cycles of a graph: its strongly connected components of more than one module, or with a self-import. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("src/ import graph (type imports included)", () => {
  const graph = importGraph();

  it("reads the imports it checks (the entity module imports the isolation rules)", () => {
    expect(graph.get("entity/define-entity.ts")).toContain("entity/isolation.ts");
    expect(graph.get("kit.ts")).toEqual(expect.arrayContaining(["access/create-scope.ts"]));
  });

  it("has no import cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a cycle when there is one (the check can fail)", () => {
    const withCycle = new Map(graph);
    withCycle.set("entity/isolation.ts", [...(graph.get("entity/isolation.ts") ?? []), "kit.ts"]);
    expect(cycles(withCycle).some((cycle) => cycle.includes("kit.ts") && cycle.includes("entity/isolation.ts"))).toBe(
      true,
    );
  });

  it("entity/ imports nothing from access/ or events/", () => {
    const crossings = [...graph]
      .filter(([module]) => module.startsWith("entity/") && !module.endsWith(".test.ts"))
      .flatMap(([module, targets]) =>
        targets.filter((target) => /^(access|events)\//.test(target)).map((target) => `${module} → ${target}`),
      );
    expect(crossings).toEqual([]);
  });
});
