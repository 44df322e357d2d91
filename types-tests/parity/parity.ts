/**
 * The parity run: writes the generated cases (./cases.ts) as one program, compiles it once under TypeScript 5.9
 * and once under 7.0 (each compiler's own bin), reads the diagnostics per case, runs every case through the
 * runtime, and compares. A case the types accept must be accepted by the runtime and round-trip (keys, item,
 * `fromItem`, `item`, `parseKey`); a case the types refuse must be refused by the runtime.
 *
 * A few cases are decided by one side alone (`decidedBy` in ./cases.ts, each with its reason): a zod check that
 * rewrites a value (`.trim()`, `.overwrite()`, …) or a byte limit no type can see, and a literal-only rule (a
 * template or reason typed `string`) no value can show. That side must refuse them; they are counted apart.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compile, compilers, root, type Diagnostic } from "../compilers.js";
import { generateCases, inKit, program, type ParityCase, type ParityLevel } from "./cases.js";

/** What one side decided: accepted, or refused with the first diagnostic / error text. */
export interface Verdict {
  readonly accepted: boolean;
  readonly detail: string;
}

/** One case's verdicts. `problem` is set when they disagree (or an accepted case fails its round trip). */
export interface Outcome {
  readonly parityCase: ParityCase;
  readonly types: Readonly<Record<string, Verdict>>;
  readonly runtime: Verdict;
  readonly problem: string | undefined;
  /** Which side alone decides the case, when one does. */
  readonly decidedBy: "runtime" | "types" | undefined;
}

/** A parity run's outcomes and summary figures. */
export interface ParityReport {
  readonly outcomes: readonly Outcome[];
  readonly disagreements: readonly Outcome[];
  readonly forms: number;
  readonly positions: number;
  readonly unhandledRejections: number;
}

const parityCompilers = compilers.filter((compiler) => compiler.name === "ts5.9" || compiler.name === "ts7.0");

/**
 * Generates, compiles and runs `sampled` random cases (plus the base cases) from `seed`: in the default kit's words,
 * or in a kit's (`levels`, see `inKit`).
 */
export async function runParity(sampled: number, seed: number, levels?: readonly ParityLevel[]): Promise<ParityReport> {
  const cases = generateCases(sampled, seed);
  const kit = levels === undefined ? "default" : levels.map((level) => level.label).join("-");
  const directory = path.join(root, "types-tests/parity/generated", `${seed}-${sampled}-${kit}-${process.pid}`);
  mkdirSync(directory, { recursive: true });
  try {
    const generated = program(cases, "../../../../src/index.js");
    const { lines } = generated;
    const text = levels === undefined ? generated.text : inKit(generated.text, levels);
    const file = path.join(directory, "cases.ts");
    writeFileSync(file, text);
    writeFileSync(
      path.join(directory, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../../tsconfig.json",
        compilerOptions: { skipLibCheck: true, noUnusedLocals: false },
        include: ["./cases.ts"],
        exclude: [],
      }),
    );
    const relative = path.relative(root, file);
    const typeVerdicts = new Map<string, Map<string, Verdict>>();
    await Promise.all(
      parityCompilers.map(async (compiler) => {
        const { diagnostics, output } = await compile(
          compiler,
          path.relative(root, path.join(directory, "tsconfig.json")),
        );
        typeVerdicts.set(compiler.name, verdictsByCase(diagnostics, relative, lines, output));
      }),
    );
    let unhandledRejections = 0;
    const onRejection = (): void => void unhandledRejections++;
    process.on("unhandledRejection", onRejection);
    const module = (await import(pathToFileURL(file).href)) as Record<string, GeneratedCase>;
    const outcomes = cases.map((parityCase) => {
      const runtime = runCase(module[parityCase.id]!);
      const types = Object.fromEntries(
        parityCompilers.map((compiler) => [
          compiler.name,
          typeVerdicts.get(compiler.name)!.get(parityCase.id) ?? { accepted: true, detail: "" },
        ]),
      );
      return judge(parityCase, types, runtime);
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // let pending rejections surface
    process.off("unhandledRejection", onRejection);
    return {
      outcomes,
      disagreements: outcomes.filter((outcome) => outcome.problem !== undefined),
      forms: new Set(cases.map((parityCase) => parityCase.form)).size,
      positions: new Set(cases.map((parityCase) => parityCase.position)).size,
      unhandledRejections,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Diagnostics → verdict per case; a diagnostic outside every case (the header) is a bug of the generator. */
function verdictsByCase(
  diagnostics: readonly Diagnostic[],
  file: string,
  lines: ReadonlyMap<string, [number, number]>,
  output: string,
): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const diagnostic of diagnostics) {
    const owner =
      diagnostic.file === file
        ? [...lines].find(([, [from, to]]) => diagnostic.line >= from && diagnostic.line <= to)
        : undefined;
    if (owner === undefined) throw new Error(`parity: a diagnostic outside every case:\n${output}`);
    if (!verdicts.has(owner[0]))
      verdicts.set(owner[0], { accepted: false, detail: `${diagnostic.code} ${firstLine(diagnostic.message)}` });
  }
  return verdicts;
}

const firstLine = (text: string): string => {
  const catalog = /"(\[[\w.]+\][^"]{0,80})/.exec(text);
  return catalog ? catalog[1]! : (text.split("\n").at(-1) ?? text).trim().slice(0, 120);
};

interface GeneratedEntity {
  readonly schema: { parse(value: unknown): unknown };
  readonly item: { safeParse(value: unknown): { success: boolean } };
  readonly templates: Readonly<Record<string, string>>;
  keys(input: unknown): Record<string, string>;
  toItem(input: unknown): Record<string, unknown>;
  fromItem(raw: unknown): unknown;
  parseKey(key: string, attribute?: string): Record<string, unknown>;
}
interface GeneratedCase {
  readonly define: () => GeneratedEntity;
  readonly raw: unknown;
  readonly call?: (entity: GeneratedEntity) => unknown;
}

function runCase(generated: GeneratedCase): Verdict & { roundTrip?: string } {
  let entity: GeneratedEntity;
  try {
    entity = generated.define();
  } catch (error) {
    return { accepted: false, detail: String((error as Error).message).slice(0, 140) };
  }
  if (generated.call !== undefined) {
    try {
      generated.call(entity);
      return { accepted: true, detail: "" };
    } catch (error) {
      return { accepted: false, detail: String((error as Error).message).slice(0, 140) };
    }
  }
  return { accepted: true, detail: "", ...roundTrip(entity, generated.raw) };
}

/** Builds keys and the item from the raw attributes and reads them back; the first failure, if any. */
function roundTrip(entity: GeneratedEntity, raw: unknown): { roundTrip?: string } {
  try {
    const attributes = entity.schema.parse(raw);
    const item = entity.toItem(raw);
    const keys = entity.keys(attributes);
    entity.fromItem(item);
    if (!entity.item.safeParse(item).success) return { roundTrip: "item.safeParse refuses the item toItem built" };
    for (const attribute of Object.keys(entity.templates)) {
      if (keys[attribute] !== item[attribute])
        return { roundTrip: `keys().${attribute} differs from the stored item's` };
      const parsed = entity.parseKey(item[attribute] as string, attribute);
      const differs = leaves(parsed).find(([leaf, value]) => !Object.is(valueAt(attributes, leaf), value));
      if (differs !== undefined)
        return { roundTrip: `parseKey(${attribute}) gives ${differs[0]} = ${String(differs[1])}` };
    }
    return {};
  } catch (error) {
    return { roundTrip: String((error as Error).message).slice(0, 140) };
  }
}

const leaves = (value: Record<string, unknown>, prefix = ""): [string, unknown][] =>
  Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === "object" && inner !== null
      ? leaves(inner as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, inner] as [string, unknown]],
  );
const valueAt = (value: unknown, dotted: string): unknown =>
  dotted.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], value);

function judge(
  parityCase: ParityCase,
  types: Record<string, Verdict>,
  runtime: Verdict & { roundTrip?: string },
): Outcome {
  const verdicts = Object.values(types);
  const decidedBy = parityCase.decidedBy?.side;
  const problem = ((): string | undefined => {
    if (verdicts.some((verdict) => verdict.accepted !== verdicts[0]!.accepted)) return "the compilers disagree";
    const typesAccept = verdicts[0]!.accepted;
    if (decidedBy === "runtime")
      return runtime.accepted ? `the runtime accepts (${parityCase.decidedBy!.why})` : undefined;
    if (decidedBy === "types") return typesAccept ? `the types accept (${parityCase.decidedBy!.why})` : undefined;
    if (typesAccept && !runtime.accepted) return "types accept, runtime refuses";
    if (!typesAccept && runtime.accepted) return "types refuse, runtime accepts";
    if (typesAccept && runtime.roundTrip !== undefined) return `accepted, but no round trip: ${runtime.roundTrip}`;
    return undefined;
  })();
  return { parityCase, types, runtime, problem, decidedBy };
}

/** A disagreement on one line: the case, then each side's verdict. */
export function describeOutcome(outcome: Outcome): string {
  const side = (verdict: Verdict): string => (verdict.accepted ? "accepts" : `refuses (${verdict.detail})`);
  return [
    `✖ ${outcome.problem}: ${outcome.parityCase.position} ${outcome.parityCase.form}`,
    ...Object.entries(outcome.types).map(([name, verdict]) => `  ${name} ${side(verdict)}`),
    `  runtime ${side(outcome.runtime)}`,
  ].join("\n");
}
