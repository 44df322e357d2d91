/**
 * `validate()` against a bare zod parse of the same events (the lookup of the type's envelope schema, then
 * `safeParse`), in one run. Each round times both over all events (CPU time), in alternating order; the
 * figure is the median of the per-round ratios (robust to a noisy machine), with their spread.
 * Target: ≤ 1.3× the time. Run: `npm run bench:events` (`-- --write` updates docs/benchmarks-events.md).
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import type { z } from "zod";
import {
  AccountCreated,
  RoleAssignmentCreated,
  RoleAssignmentRevoked,
  SessionStarted,
  validator,
} from "../examples/lambda/platform-events.js";

const eventCount = 20_000;
const rounds = 61;

/**
 * Deterministic events: mostly valid, one in twenty missing its capsule id, one in fifty with a foreign key.
 * Through JSON, as a Lambda receives them (flat strings, plain objects).
 */
function makeEvents(): Record<string, unknown>[] {
  return JSON.parse(
    JSON.stringify(
      Array.from({ length: eventCount }, (_, index) => {
        const ids = { tenantId: `t${index % 37}`, capsuleId: `c${index % 101}` };
        const kind = index % 4;
        const detail: Record<string, unknown> =
          kind === 0
            ? { ...ids, accountId: `a${index}`, plan: index % 3 === 0 ? "pro" : "free", actorId: `u${index % 13}` }
            : kind === 1
              ? {
                  ...ids,
                  assignmentId: `ra${index}`,
                  role: "admin",
                  actorId: `u${index % 13}`,
                  pk: `TENANT#${ids.tenantId}#CAPSULE#${index % 50 === 1 ? "cX" : ids.capsuleId}#ROLE#ra${index}`,
                }
              : kind === 2
                ? { ...ids, assignmentId: `ra${index}`, actorId: `u${index % 13}` }
                : { tenantId: ids.tenantId, sessionId: `s${index}`, actorId: `u${index % 13}` };
        if (index % 20 === 5) delete detail["capsuleId"];
        const type = [AccountCreated, RoleAssignmentCreated, RoleAssignmentRevoked, SessionStarted][kind]!.type;
        return {
          version: "0",
          id: `e${index}`,
          "detail-type": type,
          source: "auth",
          account: "111122223333",
          time: "2026-11-30T03:00:00Z",
          region: "eu-west-1",
          resources: [],
          detail,
        };
      }),
    ),
  ) as Record<string, unknown>[];
}

const loadAtStart = loadavg()[0]!.toFixed(1);
const events = makeEvents();
const schemas = new Map<string, z.ZodType>(
  [AccountCreated, RoleAssignmentCreated, RoleAssignmentRevoked, SessionStarted].map((event) => [
    event.type,
    event.envelope,
  ]),
);

let sink = 0;
const candidates = {
  "bare zod parse": (): void => {
    for (const event of events)
      if (schemas.get(event["detail-type"] as string)?.safeParse(event).success === true) sink++;
  },
  "validate()": (): void => {
    for (const event of events) if (validator.validate(event).ok) sink++;
  },
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** CPU time of a run in ms (user + system): unlike wall time, it does not count what other processes take. */
const time = (run: () => void): number => {
  const start = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};
for (let warmup = 0; warmup < 3; warmup++) for (const run of Object.values(candidates)) run();
const zodTimes: number[] = [];
const validateTimes: number[] = [];
const ratios: number[] = [];
for (let round = 0; round < rounds; round++) {
  // Alternate which goes first, so neither always runs on a warmer (or more contended) machine.
  const zodFirst = round % 2 === 0;
  const first = time(zodFirst ? candidates["bare zod parse"] : candidates["validate()"]);
  const second = time(zodFirst ? candidates["validate()"] : candidates["bare zod parse"]);
  const [zodMs, validateMs] = zodFirst ? [first, second] : [second, first];
  zodTimes.push(zodMs);
  validateTimes.push(validateMs);
  ratios.push(validateMs / zodMs);
}
const zodMs = median(zodTimes);
const validateMs = median(validateTimes);
const ratio = median(ratios);
const sortedRatios = [...ratios].sort((a, b) => a - b);
const quartiles = `${sortedRatios[Math.floor(rounds / 4)]!.toFixed(2)}–${sortedRatios[Math.floor((3 * rounds) / 4)]!.toFixed(2)}`;
const perSecond = (ms: number): string => Math.round((eventCount / ms) * 1000).toLocaleString("en-US");
const verdict = ratio <= 1.3 ? "meets" : "misses";
const report = `# Benchmark: event validation

\`validate()\` against a bare zod parse of the same events (look up the type's envelope schema, \`safeParse\`),
measured in one run; each round times both (process CPU time, so that other processes on a busy machine
count less), in alternating order, and the figure is the median of the per-round ratios. Produced by \`npm run bench:events -- --write\` (bench/events.ts).

| | median CPU time per ${eventCount.toLocaleString("en-US")} events | events / CPU-second |
|---|---|---|
| bare zod parse | ${zodMs.toFixed(1)} ms | ${perSecond(zodMs)} |
| \`validate()\` | ${validateMs.toFixed(1)} ms | ${perSecond(validateMs)} |

**Ratio: ${ratio.toFixed(2)}× the time of the bare parse** (median of ${rounds} per-round ratios; middle half
${quartiles}; target ≤ 1.3×: ${verdict} it).

Events: EventBridge envelopes of 4 types from examples/lambda/platform-events.ts; 5 % lack their capsule id
and 0.5 % carry a key into another capsule, so both sides take their failure paths too. \`validate()\` also
looks for violations the bare parse cannot see: key-shaped values whose ids disagree with the detail's own,
fields related types require, and it classifies each issue. Failing events cost it more than passing ones
(about 1.9× the bare parse, measured once on 2026-11-30): the Standard Schema interface it reads them through
words every issue's message, which a bare \`safeParse\` leaves until its error is read. Node
${process.version}, ${rounds} rounds after 3 warm-ups, run through tsx, on ${availableParallelism()} cores with a load average of
${loadAtStart} at the start: on a busy machine the middle half of the ratios is wide, and separate runs differ.
`;
console.log(report);
if (process.argv.includes("--write")) writeFileSync(new URL("../docs/benchmarks-events.md", import.meta.url), report);
if (sink === 0) throw new Error("nothing was validated");
