/**
 * Precision and recall per risk level on the planted corpus (src/audit/fixtures/planted.ts) over a range of seeds, the
 * figures of docs/audit.md "How well it finds gaps": `npx tsx scripts/planted-pr.ts [first] [count]`.
 */
import {
  type PlantedCorpus,
  auditEvents,
  plantedCorpus,
  plantedDefinitions,
  withoutKeys,
} from "../src/audit/fixtures/planted.js";
import { awsServiceCorpus, githubLikeCorpus } from "../src/audit/fixtures/corpora.js";
import type { AuditResult } from "../src/audit/index.js";

/** Per risk: [planted among those found, found, planted]; findings elsewhere at HIGH or worse, counted by unit. */
interface Row {
  critical: [number, number, number];
  high: [number, number, number];
  medium: number;
  low: number;
  /** HIGH on the org-level and global types when they are not declared: what the corpus shows, counted apart. */
  undeclared: number;
  extra: Map<string, number>;
}
const newRow = (): Row => ({
  critical: [0, 0, 0],
  high: [0, 0, 0],
  medium: 0,
  low: 0,
  undeclared: 0,
  extra: new Map(),
});

function tally(row: Row, result: AuditResult, corpus: PlantedCorpus, noKeys: boolean, declared: boolean): void {
  const apart = new Set(declared ? [] : corpus.declaredNonGaps.map((type) => `high ${type.source} › ${type.type}`));
  const found = new Set(result.findings.map((finding) => `${finding.risk} ${finding.source} › ${finding.eventType}`));
  for (const unit of apart) if (found.delete(unit)) row.undeclared += 1;
  const planted = new Set(
    corpus.gaps
      .filter((gap) => !(noKeys && gap.risk === "critical"))
      .map((gap) => `${gap.risk} ${gap.source} › ${gap.type}`),
  );
  for (const risk of ["critical", "high"] as const) {
    const at = [...found].filter((unit) => unit.startsWith(risk + " "));
    const want = [...planted].filter((unit) => unit.startsWith(risk + " "));
    row[risk][0] += at.filter((unit) => planted.has(unit)).length;
    row[risk][1] += at.length;
    row[risk][2] += want.length;
    for (const unit of at) if (!planted.has(unit)) row.extra.set(unit, (row.extra.get(unit) ?? 0) + 1);
  }
  row.medium += [...found].filter((unit) => unit.startsWith("medium ")).length;
  row.low += [...found].filter((unit) => unit.startsWith("low ")).length;
}

const first = Number(process.argv[2] ?? 100);
const count = Number(process.argv[3] ?? 100);
const only = process.argv[4];
const rows = new Map<string, Row>();
const add = async (
  name: string,
  corpus: PlantedCorpus,
  events: readonly unknown[],
  defs: Record<string, unknown>,
  noKeys: boolean,
  boundary: string[] = [],
  maxDepth?: number,
) => {
  if (only !== undefined && !name.includes(only)) return;
  const row = rows.get(name) ?? newRow();
  rows.set(name, row);
  tally(
    row,
    await auditEvents(events, defs, { hints: boundary, ...(maxDepth === undefined ? {} : { maxDepth }) }),
    corpus,
    noKeys,
    defs !== noDefinitions,
  );
};
const shapes = (seed: number): void => {
  if (seed >= first + 30) return;
  const corpus = plantedCorpus(seed, 40, true);
  for (const [name, boundary, depth] of [
    ["none", [], undefined],
    ["max-depth 6", [], 6],
    ["account", ["account"], undefined],
    ["account, max-depth 6", ["account"], 6],
  ] as const) {
    pending.push(() => add(`shapes 40 ${name}`, corpus, corpus.events, noDefinitions, false, [...boundary], depth));
    pending.push(() =>
      add(`shapes 40 ${name} declared`, corpus, corpus.events, plantedDefinitions, false, [...boundary], depth),
    );
  }
};
const pending: (() => Promise<void>)[] = [];
const noDefinitions = {};
const others = [...githubLikeCorpus().events, ...awsServiceCorpus().events];
for (let seed = first; seed < first + count; seed++) {
  shapes(seed);
  for (const task of pending.splice(0)) await task();
  for (const per of [40, 12, 8]) {
    const corpus = plantedCorpus(seed, per);
    await add(`keys ${per} none`, corpus, corpus.events, noDefinitions, false);
    await add(`keys ${per} declared`, corpus, corpus.events, plantedDefinitions, false);
    if (seed < first + 30) {
      const bare = corpus.events.map(withoutKeys);
      await add(`nokeys ${per} none`, corpus, bare, noDefinitions, true);
      await add(`nokeys ${per} declared`, corpus, bare, plantedDefinitions, true);
      await add(`nokeys ${per} hint`, corpus, bare, noDefinitions, true, ["workspaceId"]);
    }
    if (per === 40 && seed < first + 20) {
      await add(`mixed 40 none`, corpus, [...corpus.events, ...others], noDefinitions, false);
      await add(`mixed 40 declared`, corpus, [...corpus.events, ...others], plantedDefinitions, false);
      await add(`mixed-nokeys 40 none`, corpus, [...corpus.events.map(withoutKeys), ...others], noDefinitions, true);
    }
  }
}
for (const [name, row] of rows) {
  const f = (counts: [number, number, number]) => `${counts[0]}/${counts[1]}, ${counts[0]}/${counts[2]}`;
  console.log(
    `${name.padEnd(22)} CRIT ${f(row.critical).padEnd(18)} HIGH ${f(row.high).padEnd(20)} MED ${row.medium} LOW ${row.low} HIGH-undeclared ${row.undeclared} ${[...row.extra].map(([unit, times]) => `${unit}×${times}`).join("; ")}`,
  );
}
