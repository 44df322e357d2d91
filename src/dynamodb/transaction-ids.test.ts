/**
 * A transaction's ids per entity (`transaction.ids`): the compile errors are the fixture
 * types-tests/compile-fail/transaction-ids.ts; here, what compiles and runs (an entity of an outer level in a
 * transaction of inner ids), and the read transaction's twin, whose message comes as a rejection.
 * Nothing is sent: every case is decided before the client is called.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity as defineDefaultEntity, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { transactionIdsMessage } from "../messages.js";
import { Doc, defineEntity, ids } from "../../examples/guide/org-kit.js";

const OrgBilling = defineEntity({
  name: "OrgBilling",
  schema: z.object({ orgId: ids.orgId(), plan: z.string() }),
  pk: "ORG#${orgId}#BILLING",
  isolation: { level: "org", reason: "one billing record per org" },
});
const Country = defineDefaultEntity({
  name: "Country",
  schema: z.object({ code: z.string() }),
  pk: "COUNTRY#${code}",
  isolation: { level: "global", reason: "shared reference data" },
});
const Member = defineDefaultEntity({
  name: "Member",
  schema: z.object({ tenantId: tenantId(), userId: z.string() }),
  pk: "TENANT#${tenantId}#MEMBER#${userId}",
  isolation: { level: "tenant", reason: "members span capsules" },
});
const orgId = ids.orgId().parse("o1");
const workspaceId = ids.workspaceId().parse("w1");
const db = connect(
  // Nothing listens on port 9: a request that gets as far as sending fails fast with `dynamodb.request`.
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: "http://127.0.0.1:9",
      region: "local",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      maxAttempts: 1,
    }),
  ),
  {
    table: "app_data",
  },
);

describe("a transaction's ids, per entity", () => {
  it("an outer level's entity fits a transaction of inner ids", () => {
    const tx = db.transaction({ orgId, workspaceId });
    tx.entity(Doc).put({ orgId, workspaceId, docId: "d1", title: "Plan" });
    tx.entity(OrgBilling).put({ orgId, plan: "pro" });
    expect(tx.size).toBe(2);
    const defaultKit = db.transaction({ tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") });
    defaultKit
      .entity(Member)
      .put({ tenantId: tenantId().parse("t1"), userId: "u1" })
      .check({ userId: "u2" });
    expect(defaultKit.size).toBe(2);
    // A global entity's scope takes no ids: a transaction of none.
    expect(db.transaction({}).entity(Country).check({ code: "FR" }).put({ code: "DE" })).toBeDefined();
  });

  it("a read transaction refuses an entity whose scope needs an id its ids lack, before sending", async () => {
    await expect(
      db.transactGet({ orgId }, (tx) => [
        // @ts-expect-error -- [transaction.ids] Doc's scope needs orgId, workspaceId (fixture transaction-ids.ts)
        tx.entity(Doc).get({ docId: "d1" }),
      ]),
    ).rejects.toThrow(transactionIdsMessage("Doc", "orgId, workspaceId"));
    // The same ids suffice for an org-level entity: the read gets as far as sending (and nothing listens).
    await expect(db.transactGet({ orgId }, (tx) => [tx.entity(OrgBilling).get({})])).rejects.toThrow(
      /^\[dynamodb\.request\] transactGet /,
    );
  });
});
