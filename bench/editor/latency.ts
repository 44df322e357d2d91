/**
 * Editor latency: drives the TypeScript 5.9 language service in process, on an in-memory file declaring
 * 300 entities, the way an editor does. Before every timed operation the file receives a one-character
 * edit, so each operation pays what it pays while someone is typing: the program update plus whatever
 * checking the operation needs (nothing is served from a warm checker's cache).
 */
import { join } from "node:path";
import ts from "typescript";
import { formatNumber, formatRatio, markdownTable, median } from "../report.js";
import {
  caseCompilerOptions,
  comparisons,
  coreAvailable,
  coreMissingNote,
  entitiesSource,
  entityName,
  repoRoot,
} from "../typecost/generate.js";

const entityCount = 300;
const probeEntity = entityName(150);

// The call whose argument an editor completes: the key builder of capsule-entity and the baseline, ElectroDB's get.
const probeMethods = { "hand-written": "keys", "capsule-entity": "keys", electrodb: "get" } as const;
export type EditorLibrary = keyof typeof probeMethods;
const editorLibraries = Object.keys(probeMethods) as EditorLibrary[];

const operations = ["completions", "hover", "diagnostics"] as const;
type Operation = (typeof operations)[number];

/** Median milliseconds per operation, and what the operations returned, so a useless answer shows. */
export interface EditorLatency {
  readonly medianMs: Readonly<Record<Operation, number>>;
  readonly completionEntries: readonly string[];
  readonly hoverText: string;
  readonly diagnosticCount: number;
}

/** A language service over one in-memory file, beside the repository so that its packages resolve. */
function openEditor(library: EditorLibrary) {
  const fileName = join(repoRoot, "bench", "editor", `virtual-${library}.ts`);
  const probe = `${probeEntity}.${probeMethods[library]}({  });`;
  const body = entitiesSource(library, entityCount) + probe + "\n";
  const completionAt = body.lastIndexOf(probe) + probe.indexOf("{ ") + 2;
  const hoverAt = body.lastIndexOf(probe) + 1;

  // The edit: one character at the end of the file, toggled, so every edit changes the text.
  let edits = 0;
  const text = (): string => `${body}export const edited = "${edits % 2 === 0 ? "a" : "b"}";\n`;

  const { options, errors } = ts.convertCompilerOptionsFromJson(caseCompilerOptions, repoRoot);
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0]!.messageText, "\n"));
  const isVirtual = (path: string): boolean => path === fileName;
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [fileName],
    getScriptVersion: (path) => (isVirtual(path) ? String(edits) : "0"),
    getScriptSnapshot: (path) => {
      const content = isVirtual(path) ? text() : ts.sys.readFile(path);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => repoRoot,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (path) => isVirtual(path) || ts.sys.fileExists(path),
    readFile: (path) => (isVirtual(path) ? text() : ts.sys.readFile(path)),
    directoryExists: (path) => ts.sys.directoryExists(path),
    getDirectories: (path) => ts.sys.getDirectories(path),
    realpath: (path) => ts.sys.realpath?.(path) ?? path,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());

  return {
    edit: (): void => {
      edits += 1;
    },
    completions: (): string[] =>
      service.getCompletionsAtPosition(fileName, completionAt, {})?.entries.map((entry) => entry.name) ?? [],
    hover: (): string => ts.displayPartsToString(service.getQuickInfoAtPosition(fileName, hoverAt)?.displayParts),
    diagnostics: (): number => service.getSemanticDiagnostics(fileName).length,
  };
}

/** Times each operation `runs` times after `warmups` untimed rounds (the first pays for loading the program); every operation follows an edit. */
export function measureEditorLatency(library: EditorLibrary, runs = 20, warmups = 2): EditorLatency {
  const editor = openEditor(library);
  const samples: Record<Operation, number[]> = { completions: [], hover: [], diagnostics: [] };
  for (let round = 0; round < warmups + runs; round += 1) {
    for (const operation of operations) {
      editor.edit();
      const started = performance.now();
      editor[operation]();
      const elapsed = performance.now() - started;
      if (round >= warmups) samples[operation].push(elapsed);
    }
  }
  editor.edit();
  return {
    medianMs: {
      completions: median(samples.completions),
      hover: median(samples.hover),
      diagnostics: median(samples.diagnostics),
    },
    completionEntries: editor.completions(),
    hoverText: editor.hover(),
    diagnosticCount: editor.diagnostics(),
  };
}

const operationLabels: Record<Operation, string> = {
  completions: "completions in `keys({ | })` (ElectroDB: `get({ | })`)",
  hover: "hover on an entity",
  diagnostics: "semantic diagnostics after an edit",
};

const firstLine = (text: string): string => text.split("\n")[0]!.slice(0, 80);

/** The editor section of docs/benchmarks.md: capsule-entity against ElectroDB and the hand-written baseline, same operations. */
export function editorSection(runs = 20): string {
  const measured = editorLibraries.filter((library) => library !== "capsule-entity" || coreAvailable());
  const latencies = new Map(measured.map((library) => [library, measureEditorLatency(library, runs)] as const));
  const ratios = comparisons(measured);
  const table = markdownTable(
    ["operation", ...measured.map((library) => `${library} median ms`), ...ratios.map(([ours, theirs]) => `${ours} ÷ ${theirs}`)],
    operations.map((operation) => {
      const medianOf = (library: EditorLibrary): number | undefined => latencies.get(library)?.medianMs[operation];
      return [
        operationLabels[operation],
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
        library,
        latency.completionEntries.slice(0, 8).join(", ") || "(none)",
        `\`${firstLine(latency.hoverText)}\``,
        String(latency.diagnosticCount),
      ];
    }),
  );
  // Only the probe's own error is expected; more means the program is broken (e.g. packages being reinstalled mid-run).
  const broken = measured.filter((library) => latencies.get(library)!.diagnosticCount !== 1);
  const warnings = broken.map(
    (library) => `**Warning:** ${library} ended with ${latencies.get(library)!.diagnosticCount} diagnostics where only the probe's is expected: its figures are not comparable.`,
  );
  return [
    "## Editor latency",
    "",
    `TypeScript ${ts.version} language service, in process, one file with ${entityCount} entities and a probe call ` +
      `on ${probeEntity}. Each timed operation follows a one-character edit, so it includes the program update ` +
      `an editor pays after a keystroke; the hand-written baseline shows that floor. Median of ${runs} runs after 2 warm-up rounds.`,
    ...(coreAvailable() ? [] : ["", `${coreMissingNote}: skipped.`]),
    "",
    table,
    "",
    "What the operations returned (the probe call is deliberately incomplete, hence its diagnostic):",
    "",
    answers,
    ...warnings.flatMap((warning) => ["", warning]),
  ].join("\n");
}
