/**
 * Single-item writes at every level of a three-level kit (org / workspace / project) against what sits at the key,
 * on DynamoDB Local, generated: a scope (ids that are prefixes of each other, o1/o10, w1/w10, p1/p10, and unicode
 * ones) puts (plain or `ifNotExists`), updates or deletes at a key where nothing is, its own item, an item of a
 * sibling scope planted under its key (differing at one level), or another entity type's item. The write succeeds
 * exactly where the model says (absent or its own; `update` only its own; `ifNotExists` only absent), a refusal is
 * `dynamodb.conditionFailed` or `IsolationError`, and a refused write leaves the stored item byte for byte as it was.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineIsolation, defineTable, IsolationError } from "capsule-entity";
import { DynamoRequestError } from "capsule-entity/dynamodb";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const { defineEntity, ids } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
    { name: "project", field: "projectId", label: "PRJ" },
  ],
});
const Task = defineEntity({
  name: "Task",
  schema: z.object({
    orgId: ids.orgId(),
    workspaceId: ids.workspaceId(),
    projectId: ids.projectId(),
    taskId: z.string(),
    title: z.string(),
  }),
  pk: "ORG#${orgId}#WS#${workspaceId}#PRJ#${projectId}#TASKS",
  sk: "TASK#${taskId}",
});
const Setting = defineEntity({
  name: "Setting",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), taskId: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#SETTINGS",
  sk: "SETTING#${taskId}",
  isolation: { level: "workspace", reason: "settings shared by a workspace's projects" },
});
const Profile = defineEntity({
  name: "Profile",
  schema: z.object({ orgId: ids.orgId(), taskId: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#PROFILE",
  sk: "PROFILE#${taskId}",
  isolation: { level: "org", reason: "an org's profiles" },
});
const Table = defineTable({ name: uniqueTableName("levels-writes"), pk: "PK", sk: "SK" });

const pool = { orgId: ["o1", "o10", "ö"], workspaceId: ["w1", "w10"], projectId: ["p1", "p10", "p😀"] } as const;
type Field = keyof typeof pool;
const levels = {
  Task: { entity: Task, fields: ["orgId", "workspaceId", "projectId"] as Field[] },
  Setting: { entity: Setting, fields: ["orgId", "workspaceId"] as Field[] },
  Profile: { entity: Profile, fields: ["orgId"] as Field[] },
} as const;
type EntityName = keyof typeof levels;
const keyOf = (entity: EntityName, row: Readonly<Record<string, string>>) =>
  ({
    Task: { PK: `ORG#${row.orgId}#WS#${row.workspaceId}#PRJ#${row.projectId}#TASKS`, SK: `TASK#${row.taskId}` },
    Setting: { PK: `ORG#${row.orgId}#WS#${row.workspaceId}#SETTINGS`, SK: `SETTING#${row.taskId}` },
    Profile: { PK: `ORG#${row.orgId}#PROFILE`, SK: `PROFILE#${row.taskId}` },
  })[entity];

const writeCase = fc.record({
  entity: fc.constantFrom<EntityName>("Task", "Setting", "Profile"),
  picks: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
  state: fc.constantFrom("absent", "own", "plant", "other type"),
  plantLevel: fc.nat(),
  plantPick: fc.nat(),
  op: fc.constantFrom("put", "put ifNotExists", "update", "delete"),
});

describe("writes at every level of a three-level kit against what sits at the key, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  let run = 0;

  it("each write succeeds exactly where the model says, and a refused one leaves the stored item as it was", async () => {
    const outcomes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(writeCase, async ({ entity, picks, state, plantLevel, plantPick, op }) => {
        const { entity: definition, fields } = levels[entity];
        const scope = Object.fromEntries(
          fields.map((field, at) => [field, pool[field][picks[at]! % pool[field].length]]),
        );
        const taskId = `k${run++}`; // a key of its own per case
        const own = { ...scope, taskId, title: "own" };
        const key = keyOf(entity, own);
        // A sibling scope: the same ids but one level's, which differs (a prefix of it, or its extension).
        const field = fields[plantLevel % fields.length]!;
        const siblings = pool[field].filter((id) => id !== scope[field]);
        const planted = { ...own, [field]: siblings[plantPick % siblings.length]!, title: "planted" };
        const stored =
          state === "absent"
            ? undefined
            : { ...key, ...(state === "plant" ? planted : own), entityType: state === "other type" ? "Ghost" : entity };
        if (stored !== undefined)
          await dynamo.local.documents.send(new PutCommand({ TableName: Table.name, Item: stored }));

        const client = dynamo.db
          .entity(definition as typeof Task)
          .scope(
            Object.fromEntries(
              Object.entries(scope).map(([name, id]) => [name, ids[name as Field]().parse(id)]),
            ) as never,
          );
        const write = async () => {
          if (op === "put") return client.put({ ...own, title: "written" } as never);
          if (op === "put ifNotExists") return client.put({ ...own, title: "written" } as never, { ifNotExists: true });
          if (op === "update") return client.update({ taskId } as never, { title: "written" });
          return client.delete({ taskId } as never);
        };
        const outcome = await write().then(
          () => "ok",
          (error: unknown) => error,
        );
        const mayWrite =
          op === "put"
            ? state === "absent" || state === "own"
            : op === "put ifNotExists"
              ? state === "absent"
              : op === "update"
                ? state === "own"
                : state === "absent" || state === "own";
        const after = (
          await dynamo.local.documents.send(new GetCommand({ TableName: Table.name, Key: key, ConsistentRead: true }))
        ).Item;
        const label = `${op} by ${JSON.stringify(scope)} on ${entity} (${state})`;
        outcomes[`${mayWrite ? "written" : "refused"}`] = (outcomes[`${mayWrite ? "written" : "refused"}`] ?? 0) + 1;
        if (mayWrite) {
          expect(outcome, label).toBe("ok");
          if (op === "delete") expect(after, label).toBeUndefined();
          else expect(after, label).toMatchObject({ ...own, title: "written", entityType: entity });
        } else {
          const refusal =
            outcome instanceof IsolationError ||
            (outcome instanceof DynamoRequestError && outcome.code === "dynamodb.conditionFailed");
          expect(refusal, `${label}: ${String(outcome)}`).toBe(true);
          expect(after, label).toEqual(stored);
        }
      }),
      { seed: 1519, numRuns: 400, endOnFailure: true },
    );
    // Both outcomes are reached, so the property is not vacuous.
    expect(outcomes["written"]).toBeGreaterThan(40);
    expect(outcomes["refused"]).toBeGreaterThan(40);
  });
});
