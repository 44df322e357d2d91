import { expect, inject, it } from "vitest";
import { run } from "./reads.js";

it("the guarded-reads example runs end to end against DynamoDB Local", async () => {
  const lines: string[] = [];
  const result = await run((line) => lines.push(line), inject("dynamoDbLocalEndpoint"));
  expect(result).toEqual({
    plans: ["basic", "pro"],
    org: "Acme",
    everyCapsule: ["c1/d1", "c1/d2", "c2/d1", "c2/d2"],
    hydrated: ["d1 of c1", "d2 of c1", "d1 of c2", "d2 of c2"],
    thread: ["Comment k1", "Doc d1"],
    feed: ["Doc 2026-01", "Comment 2026-03"],
    batch: ["d2", undefined, "d1"],
    scanned: 4,
    rawStoredKeys: ["PK", "SK", "AUTHOR_PK", "AUTHOR_SK", "TENANT_PK", "TENANT_SK"],
    rawRead: "TENANT#acme#CAPSULE#c1#DOC#d3 written raw",
  });
  expect(lines).toContain("scanned 4 documents by ann, bob");
  expect(lines).toContain("raw put read back by the scope: written raw");
});
