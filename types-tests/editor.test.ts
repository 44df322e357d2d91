/**
 * What an editor shows a user of capsule-entity, asked of the TypeScript 5.9 language service in-process
 * (the service behind VS Code's TypeScript support) over an in-memory fixture that imports the library from
 * src/ as `capsule-entity`, with the project's own compiler options. docs/editor.md says what works and what
 * does not, and why.
 *
 * Fixture positions are marked with `/*|*\/` (the marker is removed before the service sees the text).
 */
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { root } from "./compilers.js";

const fixtureName = path.join(root, "types-tests/editor-fixture.ts");
const marker = "/*|*/";

const fixture = `import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type CapsuleId, type ConditionBuilder, type InferKeys, type TenantId } from "capsule-entity";
import type { Transaction } from "capsule-entity/dynamodb";

export const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string(), note: z.string() }),
  pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#ROLE#\${id}",
  sk: "METADATA",
  indexes: { byRole: { pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#BYROLE#\${role}", sk: "\${id}" } },
});

export type RoleAssignmentKeys = InferKeys<typeof RoleAssignment>;

declare const ids: { readonly tenantId: TenantId; readonly capsuleId: CapsuleId };
RoleAssignment.keys({ ${marker} });
RoleAssignment.scope({ ${marker} });
RoleAssignment.scope(ids).get({ ${marker} });

export const Nested = defineEntity({
  name: "Nested",
  schema: z.object({ context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }), id: z.string() }),
  pk: "TENANT#\${context.tenantId}#CAPSULE#\${context.capsuleId}#DOC#\${id}",
});
Nested.keys({ context: { ${marker} }, id: "d1" });

export const Fresh = defineEntity({
  name: "Fresh",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  pk: "${marker}",
});

export const Leaky = defineEntity({
  name: "Leaky",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  pk: "TENANT#\${tenantId}#LEAKY#\${id}",
});

export const Unscoped = defineEntity({
  name: "Unscoped",
  schema: z.object({ tenantId: tenantId(), id: z.string() }),
  pk: "TENANT#\${tenantId}#UNSCOPED#\${id}",
});

export const Opted = defineEntity({
  name: "Opted",
  schema: z.object({ code: z.string() }),
  pk: "CODE#\${code}",
  isolation: { level: "global", reason: "" },
});

declare const c: ConditionBuilder<z.output<typeof RoleAssignment.schema>>;
c.exists("${marker}");
RoleAssignment.scope(ids).update({ id: "r1" }, { ${marker} });
declare const tx: Transaction<string, { archive: { ids: typeof ids; reason: "moving" } }>;
tx.entity(RoleAssignment, "${marker}");
export const Versioned = defineEntity({
  name: "Versioned",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), rev: z.number(), at: z.string() }),
  pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#V#\${id}",
  version: "${marker}",
});
c.eq("role", "admin");

export const roleKeys = RoleAssignment.keys({ ...ids, id: "r1", role: "admin" });
RoleAssignment.scope(ids).query({ index: "${marker}" });
RoleAssignment.scope(ids).query({ index: "byRole", partition: { role: "admin" }, sortKey: { ${marker} } });
RoleAssignment.scope(ids).query({ ${marker} });
`;

/** The fixture without markers, and each marker's offset in it. */
const parts = fixture.split(marker);
const source = parts.join("");
const positions = parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join("").length);

/** A language service over the fixture, with the project's compiler options changed by `overrides`. */
function createService(overrides: ts.CompilerOptions = {}): ts.LanguageService {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (config === undefined) throw new Error("tsconfig.json did not parse");
  const read = (file: string): string | undefined => (file === fixtureName ? source : ts.sys.readFile(file));
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ ...config.options, ...overrides }),
    getScriptFileNames: () => [fixtureName],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => file === fixtureName || ts.sys.fileExists(file),
    readFile: read,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

let service: ts.LanguageService;
beforeAll(() => {
  service = createService();
});

const completionsAt = (marker: number): ts.CompletionInfo | undefined =>
  service.getCompletionsAtPosition(fixtureName, positions[marker]!, {});
const propertyCompletions = (marker: number): string[] =>
  (completionsAt(marker)?.entries ?? [])
    .filter((entry) => entry.kind === ts.ScriptElementKind.memberVariableElement)
    .map((entry) => entry.name)
    .sort();
/** The hover text over `word`, at its first occurrence after `context`. */
const hoverAt = (word: string, context = ""): string => {
  const offset = source.indexOf(word, source.indexOf(context));
  expect(offset, word).toBeGreaterThanOrEqual(0);
  return ts.displayPartsToString(service.getQuickInfoAtPosition(fixtureName, offset)?.displayParts);
};
/** The fixture's semantic diagnostics: where each starts, and its flattened text. */
const diagnostics = (from = service): { readonly at: number; readonly message: string }[] =>
  from.getSemanticDiagnostics(fixtureName).map((diagnostic) => ({
    at: diagnostic.start ?? -1,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  }));
/** The span of a property (name to end of value) in the fixture, found by its text. */
const propertySpan = (text: string, after: string): readonly [number, number] => {
  const start = source.indexOf(text, source.indexOf(after));
  expect(start, text).toBeGreaterThan(0);
  return [start, start + text.length];
};

describe("completions", () => {
  it("inside keys({ }) list exactly the fields the key templates reference", () => {
    expect(propertyCompletions(0)).toEqual(["capsuleId", "id", "role", "tenantId"]);
  });

  it("inside scope({ }) list exactly the isolation ids", () => {
    expect(propertyCompletions(1)).toEqual(["capsuleId", "tenantId"]);
  });

  it("inside scope(ids).get({ }) list the primary-key fields, without the ids the scope supplies", () => {
    expect(propertyCompletions(2)).toEqual(["id"]);
  });

  it("inside a nested isolation context list the nested ids", () => {
    expect(propertyCompletions(3)).toEqual(["capsuleId", "tenantId"]);
  });

  it("in an empty pk string offer the schema's canonical prefix", () => {
    const offered = (completionsAt(4)?.entries ?? []).map((entry) => entry.name);
    expect(offered).toContain("TENANT#${tenantId}#CAPSULE#${capsuleId}");
  });
});

describe("completions of guarded writes (the checks that give catalog messages keep them)", () => {
  const offered = (marker: number): string[] =>
    (completionsAt(marker)?.entries ?? []).map((entry) => entry.name).sort();

  it("in a condition's path list the item's attributes (no members of a branded id)", () => {
    expect(offered(5)).toEqual(["capsuleId", "id", "note", "role", "tenantId"]);
  });

  it("inside update(key, { }) list the fields an update may change", () => {
    expect(propertyCompletions(6)).toEqual(["note", "role"]);
  });

  it("in a transaction's scope name list the declared scopes", () => {
    expect(offered(7)).toEqual(["archive"]);
  });

  it("in version list the number fields", () => {
    expect(offered(8)).toEqual(["rev"]);
  });
});

describe("completions of a scoped query (its input is a union of per-index inputs, narrowed by index)", () => {
  const offered = (marker: number): string[] =>
    (completionsAt(marker)?.entries ?? []).map((entry) => entry.name).sort();

  it("in index list the entity's indexes", () => {
    expect(offered(9)).toEqual(["byRole"]);
  });

  it("inside sortKey: { } list the sort-key fields of the index written", () => {
    expect(propertyCompletions(10)).toEqual(["id"]);
  });

  it("inside query({ }) list the query's options", () => {
    expect(propertyCompletions(11)).toEqual([
      "consistent",
      "cursor",
      "filter",
      "index",
      "limit",
      "order",
      "partition",
      "sortKey",
    ]);
  });
});

describe("hover", () => {
  it("over an entity shows its name, its schema's fields and its templates, without zod internals", () => {
    const shown = hoverAt("RoleAssignment", "export const RoleAssignment");
    expect(shown).toMatch(/^const RoleAssignment: Entity<"RoleAssignment", z\.ZodObject<\{/);
    expect(shown).toContain("tenantId: TenantIdSchema;");
    expect(shown).toContain('"TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}"');
    expect(shown).toContain('readonly prefix: "TENANT#${tenantId}#CAPSULE#${capsuleId}"');
    expect(shown).not.toMatch(/\$Zod\w*Internals|_zod|~standard/);
    expect(shown.split("\n").length).toBeLessThan(30);
  });

  it("over an entity names only types the package exports (for any other, the editor searches every module)", () => {
    // A type no module exports made a hover after a keystroke several times ElectroDB's (bench/editor): before
    // printing it, the service looks for a way to name it through the exports of every module of the program.
    const shown = hoverAt("RoleAssignment", "export const RoleAssignment")
      .replace(/^const RoleAssignment: /, "")
      .replace(/"[^"]*"/g, '""');
    const named = new Set([...shown.matchAll(/(?<![.\w])([A-Z]\w*)/g)].map(([, name]) => name!));
    const checker = service.getProgram()!.getTypeChecker();
    const index = checker.getSymbolAtLocation(service.getProgram()!.getSourceFile(path.join(root, "src/index.ts"))!);
    const exported = new Set(checker.getExportsOfModule(index!).map((symbol) => symbol.name));
    // `KeyInputOf`: keys()'s input as the definition collected it (Entity's sixth parameter, session s14), printed
    // truncated (`KeyInputOf<...>`); exported, so the hover names it without a search.
    expect(named).toEqual(
      new Set(["Entity", "TenantIdSchema", "CapsuleIdSchema", "TemplatesOf", "NoInfer", "KeyInputOf"]),
    );
    expect([...named].filter((name) => !exported.has(name) && name !== "NoInfer")).toEqual([]);
  });

  it("over an InferKeys alias shows the key strings as template-literal types", () => {
    const shown = hoverAt("RoleAssignmentKeys");
    expect(shown).toContain("readonly pk: `TENANT#${string}#CAPSULE#${string}#ROLE#${string}`;");
    expect(shown).toContain('readonly sk: "METADATA";');
    expect(shown).toContain("readonly byRolepk: `TENANT#${string}#CAPSULE#${string}#BYROLE#${string}`;");
  });

  it("over a keys() result shows the key strings, not the type that computes them", () => {
    const shown = hoverAt("roleKeys");
    expect(shown).toMatch(/^const roleKeys: \{\n/);
    expect(shown).toContain("readonly pk: `TENANT#${string}#CAPSULE#${string}#ROLE#${string}`;");
    expect(shown).toContain('readonly sk: "METADATA";');
    expect(shown).toContain("readonly byRolepk: `TENANT#${string}#CAPSULE#${string}#BYROLE#${string}`;");
    expect(shown).toContain("readonly byRolesk: string;");
    expect(shown).not.toContain("EntityKeys");
  });

  it("over keys() shows the input it takes, field by field", () => {
    const shown = hoverAt("keys", "RoleAssignment.keys");
    expect(shown).toContain("(method) Entity<");
    expect(shown).toMatch(
      /keys\(input: \{\s+readonly tenantId: TenantId;\s+readonly capsuleId: CapsuleId;\s+readonly id: string;\s+readonly role: string;\s+\}\)/,
    );
  });
});

describe("compile errors land on the offending property", () => {
  it.each([
    ["Leaky", 'pk: "TENANT#${tenantId}#LEAKY#${id}"', "[isolation.keyPrefix] pk must start with"],
    [
      "Unscoped",
      "schema: z.object({ tenantId: tenantId(), id: z.string() })",
      "[isolation.missingField] the schema has no capsuleId",
    ],
    ["Opted", 'reason: ""', "[isolation.missingReason] isolation level"],
  ])("%s: the diagnostic starts inside %s", (entity, property, message) => {
    const [start, end] = propertySpan(property, `${entity} = defineEntity`);
    const found = diagnostics().filter((diagnostic) => diagnostic.at >= start && diagnostic.at < end);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(message);
  });
});

describe("compiler options", () => {
  it("without strictNullChecks every field reads as optional, so a correct entity fails (docs/guide.md: strict is required)", () => {
    const [start, end] = propertySpan(
      "schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string(), note: z.string() })",
      "RoleAssignment = defineEntity",
    );
    const lax = createService({ strict: false, strictNullChecks: false, exactOptionalPropertyTypes: false });
    const found = diagnostics(lax).filter((diagnostic) => diagnostic.at >= start && diagnostic.at < end);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("[isolation.optionalField] tenantId at tenantId is optional");
    expect(diagnostics().filter((diagnostic) => diagnostic.at >= start && diagnostic.at < end)).toEqual([]);
  });
});
