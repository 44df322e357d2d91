/**
 * Precision and recall per risk level on the planted corpus (src/audit/fixtures/planted.ts) over a range of seeds, the
 * figures of docs/audit.md "How well it finds gaps": `npx tsx scripts/planted-pr.ts [first] [count]`.
 */
import { Readable } from "node:stream";
import { type PlantedCorpus, plantedCorpus, plantedDefinitions, withoutKeys } from "../src/audit/fixtures/planted.js";
import { awsServiceCorpus, githubLikeCorpus } from "../src/audit/fixtures/corpora.js";
import { type AuditResult, auditInputs, declarationsOf, defaultInferenceOptions } from "../src/audit/index.js";
import { withHints } from "../src/audit/declarations.js";

const audit = (
  events: readonly unknown[],
  definitions: Readonly<Record<string, unknown>>,
  boundary: string[] = [],
): Promise<AuditResult> =>
  auditInputs(
    [{ name: "planted.ndjson", chunks: Readable.from([Buffer.from(events.map((e) => JSON.stringify(e)).join("\n"))]) }],
    {
      audit: {
        inference: defaultInferenceOptions,
        baseline: new Set(),
        declarations: withHints(declarationsOf(definitions), boundary),
      },
    },
  );

interface Row {
  critical: [number, number, number];
  high: [number, number, number];
  medium: number;
  low: number;
  extra: Map<string, number>;
}
const newRow = (): Row => ({ critical: [0, 0, 0], high: [0, 0, 0], medium: 0, low: 0, extra: new Map() });

function tally(row: Row, result: AuditResult, corpus: PlantedCorpus, noKeys: boolean): void {
  const found = new Set(result.findings.map((finding) => `${finding.risk} ${finding.source} › ${finding.eventType}`));
  const planted = new Set(
    corpus.gaps
      .filter((gap) => !(noKeys && gap.risk === "critical"))
      .map((gap) => `${gap.risk} ${gap.source} › ${gap.type}`),
  );
  for (const risk of ["critical", "high"] as const) {
    const at = [...found].filter((u) => u.startsWith(risk + " "));
    const want = [...planted].filter((u) => u.startsWith(risk + " "));
    row[risk][0] += at.filter((u) => planted.has(u)).length;
    row[risk][1] += at.length;
    row[risk][2] += want.length;
    for (const u of at) if (!planted.has(u)) row.extra.set(u, (row.extra.get(u) ?? 0) + 1);
  }
  row.medium += [...found].filter((u) => u.startsWith("medium ")).length;
  row.low += [...found].filter((u) => u.startsWith("low ")).length;
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
) => {
  if (only !== undefined && !name.includes(only)) return;
  const row = rows.get(name) ?? newRow();
  rows.set(name, row);
  tally(row, await audit(events, defs, boundary), corpus, noKeys);
};
const others = [...githubLikeCorpus().events, ...awsServiceCorpus().events];
for (let seed = first; seed < first + count; seed++) {
  for (const per of [40, 12, 8]) {
    const corpus = plantedCorpus(seed, per);
    await add(`keys ${per} none`, corpus, corpus.events, {}, false);
    await add(`keys ${per} declared`, corpus, corpus.events, plantedDefinitions, false);
    if (seed < first + 30) {
      const bare = corpus.events.map(withoutKeys);
      await add(`nokeys ${per} none`, corpus, bare, {}, true);
      await add(`nokeys ${per} declared`, corpus, bare, plantedDefinitions, true);
      await add(`nokeys ${per} hint`, corpus, bare, {}, true, ["workspaceId"]);
    }
    if (per === 40 && seed < first + 20) {
      await add(`mixed 40 none`, corpus, [...corpus.events, ...others], {}, false);
      await add(`mixed 40 declared`, corpus, [...corpus.events, ...others], plantedDefinitions, false);
      await add(`mixed-nokeys 40 none`, corpus, [...corpus.events.map(withoutKeys), ...others], {}, true);
    }
  }
}
for (const [name, row] of rows) {
  const f = (t: [number, number, number]) => `${t[0]}/${t[1]}, ${t[0]}/${t[2]}`;
  console.log(
    `${name.padEnd(22)} CRIT ${f(row.critical).padEnd(18)} HIGH ${f(row.high).padEnd(20)} MED ${row.medium} LOW ${row.low} ${[...row.extra].map(([u, n]) => `${u}×${n}`).join("; ")}`,
  );
}
