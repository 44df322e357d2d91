/**
 * Scopes at every level on AWS's DynamoDB Local: a global catalogue (`scope({})`) and a tenant-level entity
 * (`scope({ tenantId })`), each reading back and verifying as capsule scopes do, on a table with `PK`/`SK`.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEntity, defineTable, IsolationError, tenantId } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const Plan = defineEntity({
  name: "Plan",
  schema: z.object({ planId: z.string(), price: z.number() }),
  pk: "PLAN",
  sk: "PLAN#${planId}",
  isolation: { level: "global", reason: "the product catalogue is the same for every tenant" },
});
const Organization = defineEntity({
  name: "Organization",
  schema: z.object({ tenantId: tenantId(), name: z.string() }),
  pk: "TENANT#${tenantId}#ORG",
  sk: "ORG",
  isolation: { level: "tenant", reason: "one organization per tenant, above its capsules" },
});
const Table = defineTable({ name: uniqueTableName("levels"), pk: "PK", sk: "SK" });
const t1 = tenantId().parse("t1");
const t2 = tenantId().parse("t2");

describe("scopes at every level, on DynamoDB Local", () => {
  const dynamo = localTable(Table);

  it("a global entity: scope({}) puts, gets and queries with the table's key names", async () => {
    const plans = dynamo.db.entity(Plan).scope({});
    await plans.put({ planId: "basic", price: 10 });
    await plans.put({ planId: "pro", price: 30 });
    const pro = await plans.get({ planId: "pro" });
    expect(pro).toMatchObject({ planId: "pro", price: 30, pk: "PLAN", sk: "PLAN#pro", entityType: "Plan" });
    expect(pro).not.toHaveProperty("PK");
    expect((await collect(plans.query({}))).map((plan) => plan.planId)).toEqual(["basic", "pro"]);
    expect((await collect(plans.query({ sortKey: { planId: { gt: "basic" } } }))).map((plan) => plan.planId)).toEqual([
      "pro",
    ]);
  });

  it("a tenant-level entity: scope({ tenantId }) reads its tenant's item and refuses one planted from another", async () => {
    await dynamo.db.entity(Organization).scope({ tenantId: t1 }).put({ tenantId: t1, name: "Acme" });
    expect(await dynamo.db.entity(Organization).scope({ tenantId: t1 }).get({})).toMatchObject({ name: "Acme" });
    expect(await dynamo.db.entity(Organization).scope({ tenantId: t2 }).get({})).toBeUndefined();
    // t2's organization planted in t1's partition: keys and ids disagree, read-back refuses it.
    await dynamo.local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: { PK: "TENANT#t1#ORG", SK: "ORG", tenantId: "t2", name: "Evil", entityType: "Organization" },
      }),
    );
    await expect(dynamo.db.entity(Organization).scope({ tenantId: t1 }).get({})).rejects.toThrow(IsolationError);
    await expect(dynamo.db.entity(Organization).scope({ tenantId: t2 }).get({})).resolves.toBeUndefined();
  });

  it("every operation of a global and a tenant-level scope: update, delete, batches, transactions", async () => {
    const plans = dynamo.db.entity(Plan).scope({});
    await plans.batchPut([
      { planId: "team", price: 50 },
      { planId: "scale", price: 90 },
    ]);
    expect(
      (await plans.batchGet([{ planId: "scale" }, { planId: "none" }, { planId: "team" }])).map((plan) => plan?.price),
    ).toEqual([90, undefined, 50]);
    expect(await plans.update({ planId: "team" }, { price: 55 })).toMatchObject({ price: 55 });
    const tx = dynamo.db.transaction({});
    tx.entity(Plan).update({ planId: "scale" }, { price: 95 });
    tx.entity(Plan).delete({ planId: "team" });
    await tx.commit();
    const [scale, team] = await dynamo.db.transactGet({}, (read) => [
      read.entity(Plan).get({ planId: "scale" }),
      read.entity(Plan).get({ planId: "team" }),
    ]);
    expect([scale?.price, team]).toEqual([95, undefined]);
    await plans.batchDelete([{ planId: "scale" }]);
    expect(await plans.get({ planId: "scale" })).toBeUndefined();

    const t3 = tenantId().parse("t3"); // a tenant whose partition nothing is planted in
    const org = dynamo.db.entity(Organization).scope({ tenantId: t3 });
    await org.put({ tenantId: t3, name: "Three" });
    expect(await org.update({}, { name: "Three Inc" })).toMatchObject({ name: "Three Inc" });
    const orgTx = dynamo.db.transaction({ tenantId: t3 });
    orgTx.entity(Organization).check({}, (c) => c.eq("name", "Three Inc"));
    await orgTx.commit();
    await org.delete({});
    expect(await org.get({})).toBeUndefined();
  });
});
