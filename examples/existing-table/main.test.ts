import { expect, inject, it } from "vitest";
import { run } from "./main.js";

it("adopts a table ElectroDB wrote, keyed ORG#…#WS#…, on DynamoDB Local", async () => {
  const lines: string[] = [];
  expect(await run((line) => lines.push(line), inject("dynamoDbLocalEndpoint"))).toEqual({
    legacyItems: 3,
    keysMatching: 3,
    backfilled: 3,
    engTitles: ["Roadmap", "Retro", "Hiring"],
    salesPublished: ["Pipeline"],
    readByElectro: "Hiring",
  });
  expect(lines).toContain("3 of 3 stored items have exactly the keys the kit builds");
});
