/**
 * A seeded, bounded property test on DynamoDB Local: random sequences of puts, updates, deletes, transactions,
 * batch writes and reads from two tenants × capsules c1, c2 and c10 (c1 a string prefix of c10), with attempts to
 * reach another scope mixed in. Invariants: no operation reads, writes or reveals another scope's item (the table
 * always equals the model, each scope sees exactly its own items); every item on the table passes `fromItem`; with
 * optimistic locking, concurrent writers never lose an update.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  CapsuleEntityError,
  defineEntity,
  defineTable,
  IsolationError,
  op,
  tenantId,
  type CapsuleId,
  type TenantId,
} from "capsule-entity";
import { connect, VersionConflictError } from "capsule-entity/dynamodb";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";

const Note = defineEntity({
  name: "Note",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    noteId: z.string(),
    title: z.string(),
    count: z.number().int(),
    version: z.number().int(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
});
const Counter = defineEntity({
  name: "Counter",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    counterId: z.string(),
    total: z.number().int(),
    version: z.number().int(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#COUNTERS",
  sk: "COUNTER#${counterId}",
  version: "version",
});
const Table = defineTable({ name: uniqueTableName("property"), pk: "PK", sk: "SK" });

const scopes = ["t1", "t2"].flatMap((tenant) =>
  ["c1", "c2", "c10"].map((capsule) => ({
    tenantId: tenantId().parse(tenant) as TenantId,
    capsuleId: capsuleId().parse(capsule) as CapsuleId,
  })),
);
type Scope = (typeof scopes)[number];

let local: LocalDynamo;
let db: ReturnType<typeof connect<typeof Table>>;
beforeAll(async () => {
  local = await localDynamo("dynamodb-local");
  await local.createTable(Table);
  db = connect(local.documents, { table: Table });
});
afterAll(() => local?.stop());

const scopeArb = fc.nat({ max: scopes.length - 1 });
const idArb = fc.constantFrom("n1", "n2", "n3");
const command = fc.oneof(
  fc.record({ kind: fc.constant("put" as const), scope: scopeArb, id: idArb, title: fc.string({ maxLength: 5 }) }),
  fc.record({ kind: fc.constant("update" as const), scope: scopeArb, id: idArb, by: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant("delete" as const), scope: scopeArb, id: idArb }),
  fc.record({
    kind: fc.constant("transaction" as const),
    scope: scopeArb,
    puts: fc.uniqueArray(idArb, { maxLength: 2 }),
    bump: fc.option(idArb, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant("batchPut" as const), scope: scopeArb, ids: fc.uniqueArray(idArb, { maxLength: 3 }) }),
  fc.record({
    kind: fc.constant("batchDelete" as const),
    scope: scopeArb,
    ids: fc.uniqueArray(idArb, { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant("foreign" as const), scope: scopeArb, other: scopeArb, id: idArb }),
);
type Command = typeof command extends fc.Arbitrary<infer TCommand> ? TCommand : never;

describe("random guarded writes from two tenants × three capsules", () => {
  it("never reach another scope; the table equals the model; every item passes fromItem", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        run++;
        // Each run writes its own note ids, so runs do not see each other's items.
        const noteId = (id: string) => `r${run}-${id}`;
        const model = new Map<string, { title: string; count: number }>();
        const at = (scope: Scope, id: string) => `${scope.tenantId}/${scope.capsuleId}/${noteId(id)}`;
        const notes = (scope: Scope) => db.entity(Note).scope(scope);
        const note = (scope: Scope, id: string, title: string) => ({
          ...scope,
          noteId: noteId(id),
          title,
          count: 0,
          version: 0,
        });

        for (const step of commands as Command[]) {
          const scope = scopes[step.scope]!;
          switch (step.kind) {
            case "put":
              await notes(scope).put(note(scope, step.id, step.title));
              model.set(at(scope, step.id), { title: step.title, count: 0 });
              break;
            case "update": {
              const stored = model.get(at(scope, step.id));
              const updating = notes(scope).update({ noteId: noteId(step.id) }, { count: op.add(step.by) });
              if (stored === undefined)
                await expect(updating).rejects.toMatchObject({ code: "dynamodb.conditionFailed" });
              else {
                expect((await updating).count).toBe(stored.count + step.by);
                stored.count += step.by;
              }
              break;
            }
            case "delete":
              await notes(scope).delete({ noteId: noteId(step.id) });
              model.delete(at(scope, step.id));
              break;
            case "transaction": {
              const tx = db.transaction(scope);
              for (const id of step.puts) tx.entity(Note).put(note(scope, id, "tx"));
              const bumped = step.bump !== undefined && !step.puts.includes(step.bump) ? step.bump : undefined;
              if (bumped !== undefined) tx.entity(Note).update({ noteId: noteId(bumped) }, { count: op.add(1) });
              if (tx.size === 0) break;
              const exists = bumped === undefined || model.has(at(scope, bumped));
              if (!exists) {
                await expect(tx.commit()).rejects.toMatchObject({ code: "dynamodb.transactionCanceled" });
                break; // all or nothing: the puts were not applied either
              }
              await tx.commit();
              for (const id of step.puts) model.set(at(scope, id), { title: "tx", count: 0 });
              if (bumped !== undefined) model.get(at(scope, bumped))!.count += 1;
              break;
            }
            case "batchPut":
              await notes(scope).batchPut(step.ids.map((id) => note(scope, id, "batch")));
              for (const id of step.ids) model.set(at(scope, id), { title: "batch", count: 0 });
              break;
            case "batchDelete":
              await notes(scope).batchDelete(step.ids.map((id) => ({ noteId: noteId(id) })));
              for (const id of step.ids) model.delete(at(scope, id));
              break;
            case "foreign": {
              const other = scopes[step.other]!;
              if (other === scope) break;
              const foreign = note(other, step.id, "foreign");
              const attempts = [
                () => notes(scope).put(foreign),
                () => notes(scope).batchPut([foreign]),
                () => notes(scope).get({ noteId: noteId(step.id), ...other } as never),
                () => notes(scope).batchGet([{ noteId: noteId(step.id), ...other } as never]),
                () => notes(scope).delete({ noteId: noteId(step.id), ...other } as never),
                async () => db.transaction(scope).entity(Note).put(foreign),
              ];
              for (const attempt of attempts) {
                const error = await attempt().then(
                  () => undefined,
                  (caught: unknown) => caught,
                );
                expect(error).toBeInstanceOf(CapsuleEntityError);
                expect(
                  error instanceof IsolationError || (error as CapsuleEntityError).code.startsWith("isolation."),
                ).toBe(true);
              }
              break;
            }
          }
        }

        // Each scope reads exactly its own items of this run, through batchGet and query alike.
        for (const scope of scopes) {
          const ids = ["n1", "n2", "n3"];
          const read = await db
            .entity(Note)
            .scope(scope)
            .batchGet(ids.map((id) => ({ noteId: noteId(id) })));
          expect(
            read.map((item) => (item === undefined ? undefined : { title: item.title, count: item.count })),
          ).toEqual(ids.map((id) => model.get(at(scope, id))));
          const queried: string[] = [];
          for await (const item of db
            .entity(Note)
            .scope(scope)
            .query({ sortKey: { noteId: { beginsWith: `r${run}-` } } })) {
            expect([item.tenantId, item.capsuleId]).toEqual([scope.tenantId, scope.capsuleId]);
            queried.push(at(scope, item.noteId.slice(`r${run}-`.length)));
          }
          expect(queried.sort()).toEqual(
            [...model.keys()].filter((key) => key.startsWith(`${scope.tenantId}/${scope.capsuleId}/`)).sort(),
          );
        }
        // The whole table, read raw: every item passes fromItem, and this run's items are exactly the model's.
        const { Items = [] } = await local.documents.send(
          new ScanCommand({ TableName: Table.name, ConsistentRead: true }),
        );
        const mine = Items.filter((raw) => String(raw["noteId"] ?? "").startsWith(`r${run}-`));
        for (const raw of Items) {
          const { PK, SK, ...rest } = raw;
          const entity = raw["entityType"] === "Counter" ? Counter : Note;
          expect(() => entity.fromItem({ ...rest, pk: PK, sk: SK })).not.toThrow();
        }
        expect(mine.map((raw) => `${raw["tenantId"]}/${raw["capsuleId"]}/${raw["noteId"]}`).sort()).toEqual(
          [...model.keys()].sort(),
        );
      }),
      { seed: 1414, numRuns: 25, endOnFailure: true },
    );
  });

  it("with optimistic locking, concurrent writers never lose an update", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        scopeArb,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 6 }),
        async (index, increments) => {
          run++;
          const counters = db.entity(Counter).scope(scopes[index]!);
          const counterId = `k${run}`;
          await counters.put({ ...scopes[index]!, counterId, total: 0, version: 0 });
          await Promise.all(
            increments.map(async (by) => {
              for (;;) {
                const current = (await counters.get({ counterId }, { consistent: true }))!;
                try {
                  await counters.update({ counterId }, { version: current.version, total: current.total + by });
                  return;
                } catch (error) {
                  if (!(error instanceof VersionConflictError)) throw error;
                }
              }
            }),
          );
          const final = (await counters.get({ counterId }, { consistent: true }))!;
          expect(final.total).toBe(increments.reduce((sum, by) => sum + by, 0));
          expect(final.version).toBe(increments.length + 1);
        },
      ),
      { seed: 1415, numRuns: 8, endOnFailure: true },
    );
  });
});
