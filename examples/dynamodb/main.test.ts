import { expect, inject, it } from "vitest";
import { run } from "./main.js";

it("the DynamoDB example runs end to end against DynamoDB Local", async () => {
  const lines: string[] = [];
  const result = await run((line) => lines.push(line), inject("dynamoDbLocalEndpoint"));
  expect(result).toEqual({
    c1Notes: ["Roadmap", "Retro", "Hiring plan", "Budget"],
    c10Notes: ["c10's own note"],
    published: ["Retro"],
    filtered: ["Roadmap"], // Retro is published by then
    drafts: ["Roadmap", "Hiring plan", "Budget"],

    pages: 3, // 4 items, 2 per page: the second page still carries a LastEvaluatedKey, so a third (empty) page ends it
    plantedRefused: true,
    conditionRefused: "dynamodb.conditionFailed",
    cancelled: [
      "put NOTE#n1: the item exists (ifNotExists)",
      "update NOTE#n6: the item is absent (an update or check needs it to exist)",
    ],
  });
  expect(lines.some((line) => line.startsWith("planted item refused: [isolation.keyMismatch]"))).toBe(true);
});
