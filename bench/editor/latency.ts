/**
 * Editor latency: drives the TypeScript language service in process, on an in-memory file declaring 300
 * entities, the way tsserver does for VS Code, for capsule-entity, ElectroDB and both baselines of the type-cost
 * section (hand-written, and hand-written + zod: the floor of a library whose entities are zod schemas):
 *
 * - a keystroke is an edit with a change range, so the service re-parses the file incrementally;
 * - files read from disk (lib, node_modules, src/) keep one snapshot and one version, so the document
 *   registry hands the same parsed and bound source files to every new program, and the project version
 *   tells the service when nothing changed (tsserver's `getProjectVersion`);
 * - the first request after a keystroke pays the program update and a fresh checker (TypeScript keeps no
 *   checker state across edits); the requests that follow VS Code's diagnostics pass (`geterr`) find the
 *   checker warm.
 */
import { join } from "node:path";
import ts from "typescript";
import { formatNumber, formatRatio, markdownTable, median } from "../report.js";
import {
  caseCompilerOptions,
  comparisons,
  coreAvailable,
  coreMissingNote,
  displayName,
  entitiesSource,
  entityName,
  repoRoot,
} from "../typecost/generate.js";

const entityCount = 300;
// The entity the user is working on: in the middle of the file, so that the incremental parse after an
// edit has as much text before it as after it.
const probeIndex = (count: number): number => Math.ceil(count / 2);

// The call whose argument an editor completes: the key builder of capsule-entity and the baselines, ElectroDB's get.
const probeMethods = {
  "hand-written": "keys",
  "hand-written-zod": "keys",
  "capsule-entity": "keys",
  electrodb: "get",
} as const;
export type EditorLibrary = keyof typeof probeMethods;
const editorLibraries = Object.keys(probeMethods) as EditorLibrary[];

/**
 * What is timed. "edited" requests are the first after a keystroke: each pays the incremental parse, the
 * program update, a new checker and the checking the request needs. "warm" requests follow the semantic
 * diagnostics of the same version, as hover does while the user reads and completion does when invoked
 * again without typing.
 */
const measurements = [
  "completions-edited",
  "completions-warm",
  "hover-edited",
  "hover-warm",
  "diagnostics-edited",
  "suggestions-warm",
] as const;
type Measurement = (typeof measurements)[number];

/** Median milliseconds per measurement, and what the requests returned, so that a useless answer shows. */
export interface EditorLatency {
  readonly medianMs: Readonly<Record<Measurement, number>>;
  readonly completionEntries: readonly string[];
  readonly hoverText: string;
  readonly diagnosticCount: number;
}

/** A text version that knows the edit it came from, as tsserver's script version cache does, so the parse is incremental. */
class EditedSnapshot implements ts.IScriptSnapshot {
  constructor(
    readonly text: string,
    private readonly previous?: EditedSnapshot,
    private readonly change?: ts.TextChangeRange,
  ) {}
  getText(start: number, end: number): string {
    return this.text.slice(start, end);
  }
  getLength(): number {
    return this.text.length;
  }
  getChangeRange(oldSnapshot: ts.IScriptSnapshot): ts.TextChangeRange | undefined {
    const changes: ts.TextChangeRange[] = [];
    for (let current: EditedSnapshot | undefined = this; current !== undefined; current = current.previous) {
      if (current === oldSnapshot) return ts.collapseTextChangeRangesAcrossMultipleVersions(changes.reverse());
      if (current.change === undefined) break;
      changes.push(current.change);
    }
    return undefined; // Unrelated snapshot: the service parses from scratch.
  }
}

// VS Code's defaults for completion requests (typescript-language-features), since some change what the service computes.
const completionPreferences: ts.GetCompletionsAtPositionOptions = {
  includeCompletionsForModuleExports: true,
  includeCompletionsForImportStatements: true,
  includeCompletionsWithInsertText: true,
  includeCompletionsWithSnippetText: true,
  includeCompletionsWithClassMemberSnippets: true,
  includeCompletionsWithObjectLiteralMethodSnippets: true,
  includeAutomaticOptionalChainCompletions: true,
  useLabelDetailsInCompletionEntries: true,
  allowIncompleteCompletions: true,
  triggerKind: ts.CompletionTriggerKind.Invoked,
};

/** A language service over one in-memory file, beside the repository so that its packages resolve. */
export function openEditor(library: EditorLibrary, count = entityCount) {
  const fileName = join(repoRoot, "bench", "editor", `virtual-${library}.ts`);
  // The probe call sits right after its entity's declaration, and the user types on the line below it.
  const probe = `${entityName(probeIndex(count))}.${probeMethods[library]}({  });\n`;
  const editLine = `export const edited = "a";\n`;
  const source = entitiesSource(library, count);
  const nextDeclaration = source.indexOf(`export const ${entityName(probeIndex(count) + 1)} `);
  if (nextDeclaration < 0) throw new Error(`generated source has no ${entityName(probeIndex(count) + 1)}`);
  const initial = source.slice(0, nextDeclaration) + probe + editLine + "\n" + source.slice(nextDeclaration);
  const completionAt = nextDeclaration + probe.indexOf("{ ") + 2;
  const hoverAt = nextDeclaration + 1;
  const editAt = nextDeclaration + probe.length + editLine.indexOf('"') + 1;

  let snapshot = new EditedSnapshot(initial);
  let version = 0;
  const diskSnapshots = new Map<string, ts.IScriptSnapshot | undefined>();
  const { options, errors } = ts.convertCompilerOptionsFromJson(caseCompilerOptions, repoRoot);
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0]!.messageText, "\n"));
  const isVirtual = (path: string): boolean => path === fileName;
  const fromDisk = (path: string): ts.IScriptSnapshot | undefined => {
    if (!diskSnapshots.has(path)) {
      const content = ts.sys.readFile(path);
      diskSnapshots.set(path, content === undefined ? undefined : ts.ScriptSnapshot.fromString(content));
    }
    return diskSnapshots.get(path);
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getProjectVersion: () => String(version),
    getScriptFileNames: () => [fileName],
    getScriptVersion: (path) => (isVirtual(path) ? String(version) : "0"),
    getScriptSnapshot: (path) => (isVirtual(path) ? snapshot : fromDisk(path)),
    getCurrentDirectory: () => repoRoot,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (path) => isVirtual(path) || ts.sys.fileExists(path),
    readFile: (path) => (isVirtual(path) ? snapshot.text : ts.sys.readFile(path)),
    directoryExists: (path) => ts.sys.directoryExists(path),
    getDirectories: (path) => ts.sys.getDirectories(path),
    realpath: (path) => ts.sys.realpath?.(path) ?? path,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());

  return {
    /** One keystroke: the character inside the edited string toggles between `a` and `b`. */
    edit: (): void => {
      const replacement = snapshot.text[editAt] === "a" ? "b" : "a";
      const text = snapshot.text.slice(0, editAt) + replacement + snapshot.text.slice(editAt + 1);
      snapshot = new EditedSnapshot(text, snapshot, ts.createTextChangeRange(ts.createTextSpan(editAt, 1), 1));
      version += 1;
    },
    completions: (): string[] =>
      service
        .getCompletionsAtPosition(fileName, completionAt, completionPreferences)
        ?.entries.map((entry) => entry.name) ?? [],
    hover: (): string => ts.displayPartsToString(service.getQuickInfoAtPosition(fileName, hoverAt)?.displayParts),
    diagnostics: (): number => service.getSemanticDiagnostics(fileName).length,
    suggestions: (): number => service.getSuggestionDiagnostics(fileName).length,
    /** The current program, so that a test can check what the service reused. */
    program: (): ts.Program => service.getProgram()!,
    fileName,
  };
}

export type Editor = ReturnType<typeof openEditor>;

const timed = (operation: () => unknown): number => {
  const started = performance.now();
  operation();
  return performance.now() - started;
};

/**
 * One round on one editor, in the order VS Code sends requests while someone types: a keystroke then a
 * completion request; a keystroke then a hover; a keystroke then the diagnostics pass (semantic, then
 * suggestion diagnostics), after which completion and hover are asked again on the warm checker.
 */
function round(editor: Editor): Record<Measurement, number> {
  editor.edit();
  const completionsEdited = timed(editor.completions);
  editor.edit();
  const hoverEdited = timed(editor.hover);
  editor.edit();
  const diagnosticsEdited = timed(editor.diagnostics);
  const suggestionsWarm = timed(editor.suggestions);
  const completionsWarm = timed(editor.completions);
  const hoverWarm = timed(editor.hover);
  return {
    "completions-edited": completionsEdited,
    "completions-warm": completionsWarm,
    "hover-edited": hoverEdited,
    "hover-warm": hoverWarm,
    "diagnostics-edited": diagnosticsEdited,
    "suggestions-warm": suggestionsWarm,
  };
}

/**
 * Times every measurement `runs` times per library after `warmups` untimed rounds (the first loads the
 * program). The libraries take turns round by round, so that a burst of load on the machine hits them all.
 */
export function measureEditorLatency(
  libraries: readonly EditorLibrary[],
  runs = 11,
  warmups = 2,
): Map<EditorLibrary, EditorLatency> {
  const editors = new Map(libraries.map((library) => [library, openEditor(library)] as const));
  const samples = new Map(libraries.map((library) => [library, measurements.map(() => [] as number[])] as const));
  for (let index = 0; index < warmups + runs; index += 1) {
    for (const library of libraries) {
      const times = round(editors.get(library)!);
      if (index >= warmups)
        measurements.forEach((measurement, at) => samples.get(library)![at]!.push(times[measurement]));
    }
  }
  return new Map(
    libraries.map((library) => {
      const editor = editors.get(library)!;
      const perMeasurement = samples.get(library)!;
      const medianMs = Object.fromEntries(
        measurements.map((measurement, at) => [measurement, median(perMeasurement[at]!)]),
      );
      const latency: EditorLatency = {
        medianMs: medianMs as Record<Measurement, number>,
        completionEntries: editor.completions(),
        hoverText: editor.hover(),
        diagnosticCount: editor.diagnostics(),
      };
      return [library, latency] as const;
    }),
  );
}

const measurementLabels: Record<Measurement, string> = {
  "completions-edited": "completions in `keys({ | })`, first request after a keystroke",
  "completions-warm": "completions in `keys({ | })`, warm (after diagnostics)",
  "hover-edited": "hover on the entity, first request after a keystroke",
  "hover-warm": "hover on the entity, warm (after diagnostics)",
  "diagnostics-edited": "semantic diagnostics after a keystroke (full check of the file)",
  "suggestions-warm": "suggestion diagnostics, right after the semantic ones",
};

const firstLine = (text: string): string => text.split("\n")[0]!.slice(0, 80);

/** The editor section of docs/benchmarks.md: capsule-entity against ElectroDB and the hand-written baseline, same requests. */
export function editorSection(runs = 11): string {
  const measured = editorLibraries.filter((library) => library !== "capsule-entity" || coreAvailable());
  const latencies = measureEditorLatency(measured, runs);
  const ratios = comparisons(measured);
  const table = markdownTable(
    [
      "request",
      ...measured.map((library) => `${displayName(library)} median ms`),
      ...ratios.map(([ours, theirs]) => `${displayName(ours)} ÷ ${displayName(theirs)}`),
    ],
    measurements.map((measurement) => {
      const medianOf = (library: EditorLibrary): number | undefined => latencies.get(library)?.medianMs[measurement];
      return [
        measurementLabels[measurement],
        ...measured.map((library) => formatNumber(medianOf(library)!)),
        ...ratios.map(([ours, theirs]) => formatRatio(medianOf(ours), medianOf(theirs))),
      ];
    }),
  );
  const answers = markdownTable(
    ["library", "completion entries", "hover", "diagnostics"],
    measured.map((library) => {
      const latency = latencies.get(library)!;
      return [
        displayName(library),
        latency.completionEntries.slice(0, 8).join(", ") || "(none)",
        `\`${firstLine(latency.hoverText)}\``,
        String(latency.diagnosticCount),
      ];
    }),
  );
  // Only the probe's own error is expected; more means the program is broken (e.g. packages being reinstalled mid-run).
  const broken = measured.filter((library) => latencies.get(library)!.diagnosticCount !== 1);
  const warnings = broken.map(
    (library) =>
      `**Warning:** ${displayName(library)} ended with ${latencies.get(library)!.diagnosticCount} diagnostics where only the probe's is expected: its figures are not comparable.`,
  );
  return [
    "## Editor latency",
    "",
    `TypeScript ${ts.version} language service, in process, driven as tsserver drives it for VS Code: one file with ` +
      `${entityCount} entities, a probe call on ${entityName(probeIndex(entityCount))} (ElectroDB: \`get({ | })\`) after its declaration, and a ` +
      `keystroke (one character toggled in a string on the next line) given to the service as a change range, so the ` +
      `file is re-parsed incrementally. Files from disk (lib, node_modules, src/) keep one snapshot and version, so every ` +
      `program reuses their parsed and bound source files. Median of ${runs} rounds after 2 warm-up rounds; the ` +
      `libraries take turns round by round. Each round: keystroke, completions; keystroke, hover; keystroke, semantic ` +
      `diagnostics, suggestion diagnostics, completions, hover.`,
    "",
    `- *first request after a keystroke*: the incremental parse, the program update, a new checker (TypeScript keeps ` +
      `none across edits: merging the global symbols again, binding the edited file) and whatever checking the request ` +
      `needs. This is what a completion typed mid-word pays.`,
    `- *warm*: the same request once the semantic diagnostics of that version are computed, as VS Code's diagnostics ` +
      `pass does after each pause in typing; the checker's caches answer most of it.`,
    `- *semantic diagnostics after a keystroke*: the full check of the file (the other requests of the round ask for ` +
      `less), including the program update. The hand-written baseline is the floor any library pays on this file.`,
    `- *hand-written + zod*: the same hand-written file with each entity's attributes inferred from its zod schema ` +
      `(as in the type-check cost section): what a file that imports zod and declares its entities' schemas pays ` +
      `before any library, i.e. the floor of a zod-based library. Its hover names \`Pick\`, a type the file does not ` +
      `import: the first such name a new checker prints walks zod's namespace (docs/benchmarks-typecost.md, sessions s8 ` +
      `and s13), which is why its warm hover is slower than the hand-written one.`,
    ...(coreAvailable() ? [] : ["", `${coreMissingNote}: skipped.`]),
    "",
    table,
    "",
    "What the requests returned (the probe call is deliberately incomplete, hence its diagnostic):",
    "",
    answers,
    ...warnings.flatMap((warning) => ["", warning]),
  ].join("\n");
}
