/**
 * Every scope level of a three-level kit (org / workspace / project) and a global entity against planted items, on
 * DynamoDB Local, generated: ids that are prefixes of each other (o1/o10, w1/w10, p1/p10) and unicode ones (ö,
 * p😀) hold real items; each read of every scope (the project scope's table, its `KEYS_ONLY` index with and without
 * `hydrate`; the workspace scope's `INCLUDE` index opted out to its level, hydrated too, and a workspace entity's
 * table; the org scope's `KEYS_ONLY` index opted out to the org level, hydrated too, and an org entity's item; the
 * global scope) returns exactly its own items by a model. Then, one at a time, items of one scope planted under
 * another's keys (the whole item, or only its index keys, in every index partition), and raw writes of `#`-ids:
 * a read that reaches a plant throws `IsolationError` (a `KEYS_ONLY` entry, which holds only keys, reads as the
 * scope's own keys, never the plant's data); every other read of every scope still returns exactly the model's.
 */
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineIsolation, defineTable, IsolationError } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const { defineEntity, ids } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
    { name: "project", field: "projectId", label: "PRJ" },
  ],
});
const levelIds = { orgId: ids.orgId(), workspaceId: ids.workspaceId(), projectId: ids.projectId() };
const Task = defineEntity({
  name: "Task",
  schema: z.object({ ...levelIds, taskId: z.string(), status: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#PRJ#${projectId}#TASKS",
  sk: "TASK#${taskId}",
  indexes: {
    byStatus: { pk: "ORG#${orgId}#WS#${workspaceId}#PRJ#${projectId}#STATUS#${status}", sk: "${taskId}" },
    byWorkspace: {
      pk: "ORG#${orgId}#WS#${workspaceId}#TASKS",
      sk: "${projectId}#${taskId}",
      isolation: { level: "workspace", reason: "workspace boards list every project's tasks" },
    },
    byOrg: {
      pk: "ORG#${orgId}#TASKS",
      sk: "${workspaceId}#${projectId}#${taskId}",
      isolation: { level: "org", reason: "org admins audit every task" },
    },
  },
});
const Setting = defineEntity({
  name: "Setting",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), key: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#SETTINGS",
  sk: "SETTING#${key}",
  isolation: { level: "workspace", reason: "settings shared by a workspace's projects" },
});
const Profile = defineEntity({
  name: "Profile",
  schema: z.object({ orgId: ids.orgId(), title: z.string() }),
  pk: "ORG#${orgId}#PROFILE",
  sk: "PROFILE",
  isolation: { level: "org", reason: "one profile per org" },
});
const Plan = defineEntity({
  name: "Plan",
  schema: z.object({ planId: z.string(), title: z.string() }),
  pk: "PLAN",
  sk: "PLAN#${planId}",
  isolation: { level: "global", reason: "one catalogue for every org" },
});
const Table = defineTable({
  name: uniqueTableName("levels-generated"),
  pk: "PK",
  sk: "SK",
  indexes: {
    byStatus: { pk: "S_PK", sk: "S_SK", projection: "KEYS_ONLY" },
    byWorkspace: {
      pk: "W_PK",
      sk: "W_SK",
      projection: { include: ["entityType", "orgId", "workspaceId", "projectId", "title"] },
    },
    byOrg: { pk: "O_PK", sk: "O_SK", projection: "KEYS_ONLY" },
  },
});

const orgs = ["o1", "o10", "ö"];
const workspaces = ["w1", "w10"];
const projects = ["p1", "p10", "p😀"];
const tasks = ["a", "b"];
const statusOf = (task: string) => (task === "a" ? "open" : "done");
const title = (...parts: string[]) => `title of ${parts.join("/")}`;
const marker = "PLANTED";

type Row = Readonly<Record<string, string>>;
const taskRows: Row[] = orgs.flatMap((orgId) =>
  workspaces.flatMap((workspaceId) =>
    projects.flatMap((projectId) =>
      tasks.map((taskId) => ({
        orgId,
        workspaceId,
        projectId,
        taskId,
        status: statusOf(taskId),
        title: title(orgId, workspaceId, projectId, taskId),
      })),
    ),
  ),
);
const settingRows: Row[] = orgs.flatMap((orgId) =>
  workspaces.map((workspaceId) => ({ orgId, workspaceId, key: "theme", title: title(orgId, workspaceId) })),
);
const profileRows: Row[] = orgs.map((orgId) => ({ orgId, title: title(orgId) }));
const planRows: Row[] = ["basic", "pro"].map((planId) => ({ planId, title: title(planId) }));

/** The stored form of a row, its keys built here from the templates (not by the library). */
const stored = {
  Task: (row: Row) => ({
    PK: `ORG#${row.orgId}#WS#${row.workspaceId}#PRJ#${row.projectId}#TASKS`,
    SK: `TASK#${row.taskId}`,
    S_PK: `ORG#${row.orgId}#WS#${row.workspaceId}#PRJ#${row.projectId}#STATUS#${row.status}`,
    S_SK: `${row.taskId}`,
    W_PK: `ORG#${row.orgId}#WS#${row.workspaceId}#TASKS`,
    W_SK: `${row.projectId}#${row.taskId}`,
    O_PK: `ORG#${row.orgId}#TASKS`,
    O_SK: `${row.workspaceId}#${row.projectId}#${row.taskId}`,
  }),
  Setting: (row: Row) => ({ PK: `ORG#${row.orgId}#WS#${row.workspaceId}#SETTINGS`, SK: `SETTING#${row.key}` }),
  Profile: (row: Row) => ({ PK: `ORG#${row.orgId}#PROFILE`, SK: "PROFILE" }),
  Plan: (row: Row) => ({ PK: "PLAN", SK: `PLAN#${row.planId}` }),
} as const;
type EntityName = keyof typeof stored;

const pick = (row: object, fields: readonly string[]): Row =>
  Object.fromEntries(fields.map((field) => [field, (row as Row)[field]!]));
const sameBytes = (left: string, right: string) => Buffer.compare(Buffer.from(left), Buffer.from(right));
const by = (key: (row: Row) => string) => (left: Row, right: Row) => sameBytes(key(left), key(right));

/**
 * A read of one scope: what it calls, the fields it compares, the rows the model says it returns (in order), and
 * the stored partitions (attribute and value) and, for a get, the sort key it reaches.
 */
interface Read {
  readonly name: string;
  readonly run: () => Promise<readonly object[]>;
  readonly fields: readonly string[];
  readonly rows: readonly Row[];
  readonly reach: { readonly attribute: string; readonly value: string; readonly sk?: string };
  /** The ids of the scope: every item the read returns carries them. */
  readonly scope: Row;
  /** Only keys are projected: an entry of a plant reads as the scope's keys (never its data). */
  readonly keysOnly?: boolean;
}

const taskFields = ["orgId", "workspaceId", "projectId", "taskId", "status", "title"];
const taskKeyFields = ["orgId", "workspaceId", "projectId", "taskId"];

describe("every scope level of a three-level kit against planted items, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  const send = (command: PutCommand | DeleteCommand) => dynamo.local.documents.send(command as never);
  const put = (entity: EntityName, row: Row, extra: object = {}) =>
    send(
      new PutCommand({
        TableName: Table.name,
        Item: { ...row, entityType: entity, ...stored[entity](row), ...extra },
      }),
    );

  beforeAll(async () => {
    for (const row of taskRows) await put("Task", row);
    for (const row of settingRows) await put("Setting", row);
    for (const row of profileRows) await put("Profile", row);
    for (const row of planRows) await put("Plan", row);
  });

  /** Every read of every scope, with its model. */
  const reads = (): Read[] => {
    const db = dynamo.db;
    const all: Read[] = [];
    const ofId = <TField extends keyof typeof levelIds>(field: TField, id: string) =>
      levelIds[field].parse(id) as z.infer<(typeof levelIds)[TField]>;
    for (const o of orgs) {
      const orgId = ofId("orgId", o);
      const inOrg = (row: Row) => row.orgId === o;
      const orgTasks = db.entity(Task).scope({ orgId });
      for (const hydrate of [false, true])
        all.push({
          name: `org ${o}: Task byOrg${hydrate ? " hydrated" : ""}`,
          scope: { orgId: o },
          run: () => collect(orgTasks.query({ index: "byOrg", hydrate })),
          fields: hydrate ? taskFields : taskKeyFields,
          rows: taskRows.filter(inOrg).sort(by((row) => stored.Task(row).O_SK)),
          reach: { attribute: "O_PK", value: `ORG#${o}#TASKS` },
          keysOnly: !hydrate,
        });
      const profile = db.entity(Profile).scope({ orgId });
      all.push({
        name: `org ${o}: Profile get`,
        scope: { orgId: o },
        run: async () => [await profile.get({})].filter((item) => item !== undefined),
        fields: ["orgId", "title"],
        rows: profileRows.filter(inOrg),
        reach: { attribute: "PK", value: `ORG#${o}#PROFILE`, sk: "PROFILE" },
      });
      for (const w of workspaces) {
        const workspaceId = ofId("workspaceId", w);
        const inWorkspace = (row: Row) => inOrg(row) && row.workspaceId === w;
        const workspaceTasks = db.entity(Task).scope({ orgId, workspaceId });
        for (const hydrate of [false, true])
          all.push({
            name: `workspace ${o}/${w}: Task byWorkspace${hydrate ? " hydrated" : ""}`,
            scope: { orgId: o, workspaceId: w },
            run: () => collect(workspaceTasks.query({ index: "byWorkspace", hydrate })),
            fields: hydrate ? taskFields : [...taskKeyFields, "title"],
            rows: taskRows.filter(inWorkspace).sort(by((row) => stored.Task(row).W_SK)),
            reach: { attribute: "W_PK", value: `ORG#${o}#WS#${w}#TASKS` },
          });
        const settings = db.entity(Setting).scope({ orgId, workspaceId });
        all.push({
          name: `workspace ${o}/${w}: Setting query`,
          scope: { orgId: o, workspaceId: w },
          run: () => collect(settings.query({})),
          fields: ["orgId", "workspaceId", "key", "title"],
          rows: settingRows.filter(inWorkspace),
          reach: { attribute: "PK", value: `ORG#${o}#WS#${w}#SETTINGS` },
        });
        for (const p of projects) {
          const projectId = ofId("projectId", p);
          const inProject = (row: Row) => inWorkspace(row) && row.projectId === p;
          const projectTasks = db.entity(Task).scope({ orgId, workspaceId, projectId });
          all.push({
            name: `project ${o}/${w}/${p}: Task query`,
            scope: { orgId: o, workspaceId: w, projectId: p },
            run: () => collect(projectTasks.query({})),
            fields: taskFields,
            rows: taskRows.filter(inProject),
            reach: { attribute: "PK", value: `ORG#${o}#WS#${w}#PRJ#${p}#TASKS` },
          });
          for (const t of tasks)
            all.push({
              name: `project ${o}/${w}/${p}: Task get ${t}`,
              scope: { orgId: o, workspaceId: w, projectId: p },
              run: async () => [await projectTasks.get({ taskId: t })].filter((item) => item !== undefined),
              fields: taskFields,
              rows: taskRows.filter((row) => inProject(row) && row.taskId === t),
              reach: { attribute: "PK", value: `ORG#${o}#WS#${w}#PRJ#${p}#TASKS`, sk: `TASK#${t}` },
            });
          for (const status of ["open", "done"])
            for (const hydrate of [false, true])
              all.push({
                name: `project ${o}/${w}/${p}: Task byStatus ${status}${hydrate ? " hydrated" : ""}`,
                scope: { orgId: o, workspaceId: w, projectId: p },
                run: () => collect(projectTasks.query({ index: "byStatus", partition: { status }, hydrate })),
                fields: hydrate ? taskFields : [...taskKeyFields, "status"],
                rows: taskRows.filter((row) => inProject(row) && row.status === status),
                reach: { attribute: "S_PK", value: `ORG#${o}#WS#${w}#PRJ#${p}#STATUS#${status}` },
                keysOnly: !hydrate,
              });
        }
      }
    }
    const plans = db.entity(Plan).scope({});
    all.push({
      name: "global: Plan query",
      scope: {},
      run: () => collect(plans.query({})),
      fields: ["planId", "title"],
      rows: planRows,
      reach: { attribute: "PK", value: "PLAN" },
    });
    return all;
  };

  /** Runs every read; a read that does not reach `plant` must return exactly the model's rows. */
  const check = async (plant: Readonly<Record<string, unknown>> | undefined) => {
    const outcomes = await Promise.all(
      reads().map(async (read) => ({
        read,
        outcome: await read.run().then(
          (items) => items,
          (error: unknown) => error,
        ),
      })),
    );
    for (const { read, outcome } of outcomes) {
      const reached =
        plant !== undefined &&
        plant[read.reach.attribute] === read.reach.value &&
        (read.reach.sk === undefined || plant["SK"] === read.reach.sk);
      const label = `${read.name}${plant === undefined ? "" : ` with plant ${JSON.stringify(plant)}`}`;
      if (outcome instanceof Error) {
        expect(reached, `${label}: ${outcome.message}`).toBe(true);
        expect(outcome, label).toBeInstanceOf(IsolationError);
        expect(outcome.message, label).not.toContain(marker);
        continue;
      }
      const items = outcome as readonly object[];
      for (const item of items) expect(item, label).toMatchObject(read.scope);
      // The plant's data reaches only a read of the scope its ids name (a partial read of an index whose keys it
      // carries consistently: the item is that scope's own, its foreign keys projected elsewhere).
      const owner = plant !== undefined && Object.entries(read.scope).every(([field, id]) => plant[field] === id);
      if (!owner) expect(JSON.stringify(items), label).not.toContain(marker);
      if (reached && (read.keysOnly || owner)) {
        // A keys-only entry names this scope (read as the scope's own keys), or the scope's own item: once more.
        const model = read.rows.map((row) => pick(row, read.fields));
        const got = items.map((item) => pick(item, read.fields));
        expect(got.length - model.length, label).toBeLessThanOrEqual(1);
        expect(got, label).toEqual(expect.arrayContaining(model));
      } else {
        expect(reached, `${label} returned ${JSON.stringify(items)}`).toBe(false);
        expect(
          items.map((item) => pick(item, read.fields)),
          label,
        ).toEqual(read.rows.map((row) => pick(row, read.fields)));
      }
    }
  };

  it("each read of every scope returns exactly the model's items (no plant)", async () => {
    await check(undefined);
  });

  it("each scope reaches only its level's indexes: every other index, the table and single items refused before any request", async () => {
    let refused = 0;
    for (const o of orgs)
      for (const w of workspaces)
        for (const p of projects) {
          const orgId = ids.orgId().parse(o);
          const workspaceId = ids.workspaceId().parse(w);
          const projectId = ids.projectId().parse(p);
          // The runtime twin of the compile errors: each call is cast past them.
          const task = (scope: object) =>
            dynamo.db.entity(Task).scope(scope as never) as unknown as {
              query(input: object): AsyncIterable<object>;
              page(input: object): Promise<unknown>;
              get(key: object): Promise<unknown>;
              put(item: object): Promise<unknown>;
            };
          const cases: [string, () => Promise<unknown>, RegExp][] = [
            ...(["byWorkspace", "byOrg"] as const).map((index): [string, () => Promise<unknown>, RegExp] => [
              `project scope, index ${index}`,
              () => collect(task({ orgId, workspaceId, projectId }).query({ index })),
              /^\[scope\.indexLevel\] Task's index by\w+ is keyed at the (workspace|org) level, wider than a project scope/,
            ]),
            [
              "workspace scope, index byOrg",
              () => collect(task({ orgId, workspaceId }).query({ index: "byOrg" })),
              /^\[scope\.outerLevel\] Task's workspace scope can only query the indexes opted out to the workspace level \(byWorkspace\), not index byOrg/,
            ],
            [
              "org scope, index byWorkspace",
              () => task({ orgId }).page({ index: "byWorkspace" }),
              /^\[scope\.outerLevel\] Task's org scope can only query the indexes opted out to the org level \(byOrg\), not index byWorkspace/,
            ],
            ...[{ orgId, workspaceId }, { orgId }].flatMap((scope): [string, () => Promise<unknown>, RegExp][] => [
              [
                `${Object.keys(scope).length}-id scope, the table`,
                () => collect(task(scope).query({})),
                /^\[scope\.outerLevel\] .* not the table/,
              ],
              [
                `${Object.keys(scope).length}-id scope, get`,
                () => task(scope).get({ taskId: "a" }),
                /^\[scope\.outerLevel\] .* not get/,
              ],
              [
                `${Object.keys(scope).length}-id scope, put`,
                () => task(scope).put({ orgId, workspaceId, projectId, taskId: "z", status: "open", title: marker }),
                /^\[scope\.outerLevel\] .* not put/,
              ],
            ]),
          ];
          for (const [label, run, message] of cases) {
            await expect(run(), `${o}/${w}/${p}: ${label}`).rejects.toThrow(message);
            refused += 1;
          }
        }
    expect(refused).toBe(orgs.length * workspaces.length * projects.length * 10);
    // Nothing was written by the refused puts.
    await check(undefined);
  });

  /** A row of another scope, chosen to differ from `row` at one level (its sibling with a prefix id, or unicode). */
  const other = (row: Row, field: "orgId" | "workspaceId" | "projectId", to: string): Row => ({
    ...row,
    [field]: to,
    title: marker,
  });
  const plantOf = fc
    .record({
      entity: fc.constantFrom<EntityName>("Task", "Task", "Task", "Setting", "Profile", "Plan"),
      at: fc.nat(),
      level: fc.constantFrom("orgId" as const, "workspaceId" as const, "projectId" as const),
      to: fc.nat(),
      // Which keys are the victim's: all of them (the whole item planted), or one index's only.
      keys: fc.constantFrom("all", "S", "W", "O"),
    })
    .map(({ entity, at, level, to, keys }) => {
      const rows = { Task: taskRows, Setting: settingRows, Profile: profileRows, Plan: planRows }[entity];
      const victim = rows[at % rows.length]!;
      const field = entity === "Plan" ? undefined : entity === "Profile" ? "orgId" : level;
      const pool = { orgId: orgs, workspaceId: workspaces, projectId: projects };
      const usable = field !== undefined && field in victim ? field : entity === "Plan" ? undefined : "orgId";
      const choices = usable === undefined ? [] : pool[usable].filter((id) => id !== victim[usable]);
      // A plan has no ids: its plant is a plan whose attributes build another key.
      const moved =
        usable === undefined
          ? { ...victim, planId: "other", title: marker }
          : other(victim, usable, choices[to % choices.length]!);
      // Only index keys planted: the item itself stays at a key of its own scope that no real item has.
      const attacker = entity === "Task" && keys !== "all" ? { ...moved, taskId: "x" } : moved;
      const victimKeys = stored[entity](victim) as Readonly<Record<string, string>>;
      const attackerKeys = stored[entity](attacker) as Readonly<Record<string, string>>;
      const keys_ =
        entity !== "Task" || keys === "all"
          ? victimKeys
          : {
              ...attackerKeys,
              [`${keys}_PK`]: victimKeys[`${keys}_PK`]!,
              [`${keys}_SK`]: victimKeys[`${keys}_SK`]!,
            };
      return { entity, item: { ...attacker, entityType: entity, ...keys_ } as Readonly<Record<string, unknown>> };
    });

  it("a plant of another scope under a scope's keys is refused by every read that reaches it, and no other read changes", async () => {
    await fc.assert(
      fc.asyncProperty(plantOf, async ({ item }) => {
        // Only a plant at a key no real item has, or replacing a real one: restored after.
        const everyRow: (readonly [EntityName, Row])[] = [
          ...taskRows.map((row) => ["Task", row] as const),
          ...settingRows.map((row) => ["Setting", row] as const),
          ...profileRows.map((row) => ["Profile", row] as const),
          ...planRows.map((row) => ["Plan", row] as const),
        ];
        const original = everyRow.find(([entity, row]) => {
          const keys = stored[entity](row) as Readonly<Record<string, string>>;
          return keys.PK === item["PK"] && keys.SK === item["SK"];
        });
        await send(new PutCommand({ TableName: Table.name, Item: item }));
        try {
          await check(item);
        } finally {
          if (original === undefined)
            await send(new DeleteCommand({ TableName: Table.name, Key: { PK: item["PK"], SK: item["SK"] } }));
          else await put(original[0], original[1]);
        }
      }),
      { seed: 1516, numRuns: 30, endOnFailure: true },
    );
  });
});
