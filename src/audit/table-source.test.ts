import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readExportItems } from "./table-source.js";

/** The items and refusals of one export file of `lines`. */
async function read(lines: readonly unknown[]) {
  const items: unknown[] = [];
  const refused: [number, string][] = [];
  const text = lines.map((line) => JSON.stringify(line)).join("\n");
  await readExportItems([{ name: "data.json", chunks: Readable.from([Buffer.from(text)]) }], {
    item: (item) => items.push(item),
    notAnItem: (location, _reason, message) => refused.push([location.line, message]),
  });
  return { items, refused };
}

describe("readExportItems", () => {
  it("reads a full export's Item and an incremental export's NewImage, and names a deletion", async () => {
    const keys = { pk: { S: "TENANT#t1#NOTE#n1" } };
    const { items, refused } = await read([
      { Item: { ...keys, title: { S: "a" } } },
      { Metadata: { WriteTimestampMicros: { N: "1" } }, Keys: keys, NewImage: { ...keys, title: { S: "b" } } },
      { Metadata: { WriteTimestampMicros: { N: "2" } }, Keys: keys, OldImage: { ...keys, title: { S: "b" } } },
      { detail: {} },
    ]);
    expect(items).toEqual([
      { pk: "TENANT#t1#NOTE#n1", title: "a" },
      { pk: "TENANT#t1#NOTE#n1", title: "b" },
    ]);
    expect(refused).toEqual([
      [3, "a deletion in an incremental export (Keys without a NewImage): no item to audit"],
      [4, 'not an export line: expected {"Item": {…}}'],
    ]);
  });
});
