import { describe, expect, it } from "vitest";
import { coreAvailable } from "../typecost/generate.js";
import { type EditorLibrary, openEditor } from "./latency.js";

// What the latency bench claims about its method, checked on a few entities: a keystroke is parsed
// incrementally, files from disk are reused by every program, and warm requests reuse the checker.
const libraries: EditorLibrary[] = [
  "hand-written",
  "hand-written-zod",
  "electrodb",
  ...(coreAvailable() ? (["capsule-entity"] as const) : []),
];

describe("the editor latency method", () => {
  it.each(libraries)("re-parses %s incrementally after a keystroke and reuses every file from disk", (library) => {
    const editor = openEditor(library, 4);
    expect(editor.diagnostics()).toBe(1); // the probe's own error only
    const before = editor.program();
    const edited = before.getSourceFile(editor.fileName)!;
    editor.edit();
    expect(editor.diagnostics()).toBe(1);
    const after = editor.program();
    expect(after).not.toBe(before);
    const reparsed = after.getSourceFile(editor.fileName)!;
    expect(reparsed).not.toBe(edited);
    expect(reparsed.text).not.toBe(edited.text);
    // Incremental parsing keeps the nodes the edit did not touch: the first and last statements here.
    expect(reparsed.statements[0]).toBe(edited.statements[0]);
    expect(reparsed.statements.at(-1)).toBe(edited.statements.at(-1));
    const others = (program: typeof before) =>
      program.getSourceFiles().filter((file) => file.fileName !== editor.fileName);
    expect(others(after)).toEqual(others(before));
    others(after).forEach((file, index) => expect(file).toBe(others(before)[index]));
  });

  it.each(libraries)("answers %s's requests on the probe, and keeps the checker for warm requests", (library) => {
    const editor = openEditor(library, 4);
    editor.edit();
    expect(editor.completions()).toEqual(expect.arrayContaining(["tenantId", "capsuleId", "id"]));
    expect(editor.hover()).toMatch(/^const E0002: /);
    const checker = editor.program().getTypeChecker();
    editor.hover();
    editor.completions();
    expect(editor.program().getTypeChecker()).toBe(checker);
  });
});
