import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { profileLimits, type Profile, Profiler } from "./profile.js";
import { KeyScratch, labelsOfShape, parseKeyShape } from "./key-shape.js";
import { readRecords } from "./reader.js";

async function profileOf(lines: readonly unknown[], maxDepth = 4): Promise<Profile> {
  const profiler = new Profiler({ maxDepth });
  const text = lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n");
  await readRecords(Readable.from([Buffer.from(text)]), profiler.sinkFor("corpus.ndjson"), { maxLineLength: 1 << 20 });
  return profiler.toProfile();
}

const envelope = (type: string, detail: unknown): object => ({ "detail-type": type, source: "svc", detail });

describe("Profiler", () => {
  it("counts events per type and the events carrying each normalized field path, with spellings and kinds", async () => {
    const profile = await profileOf([
      envelope("A", { capsule_id: "c1", n: 1 }),
      envelope("A", { capsuleId: "c2", capsule_id: "c2", flag: true }),
      envelope("A", { CapsuleID: null }),
    ]);
    const [type] = profile.types;
    expect(type).toMatchObject({ source: "svc", type: "A", count: 3, first: { file: "corpus.ndjson", line: 1 } });
    expect(type?.fields["capsuleid"]).toEqual({
      count: 3,
      kinds: { string: 3, null: 1 },
      spellings: { capsule_id: 2, capsuleId: 1, CapsuleID: 1 },
    });
    expect(type?.fields["n"]?.kinds).toEqual({ number: 1 });
    expect(type?.fields["flag"]?.kinds).toEqual({ boolean: 1 });
  });

  it("follows nested objects and arrays down to the depth limit", async () => {
    const profile = await profileOf(
      [
        envelope("A", {
          context: { capsuleId: "c", deeper: { deepest: { x: 1 } } },
          items: [{ sku: "s" }, { sku: "t", tags: ["a"] }],
        }),
      ],
      3,
    );
    const fields = profile.types[0]?.fields ?? {};
    expect(Object.keys(fields).sort()).toEqual([
      "context",
      "context.capsuleid",
      "context.deeper",
      "context.deeper.deepest",
      "items",
      "items.[]",
      "items.[].sku",
      "items.[].tags",
    ]);
    expect(fields["items.[].sku"]).toEqual({ count: 1, kinds: { string: 2 }, spellings: { "items[].sku": 2 } });
  });

  it("keeps prototype-polluting keys as plain data", async () => {
    const profile = await profileOf(['{"type":"A","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}']);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(profile.types[0]?.fields)).toBeNull();
    expect(profile.types[0]?.fields["proto.polluted"]?.spellings).toEqual({ "__proto__.polluted": 1 });
    expect(profile.types[0]?.fields["constructor.prototype"]?.count).toBe(1);
  });

  it("records key shapes and which fields fill which labelled segments", async () => {
    const profile = await profileOf([
      envelope("A", { org: "o1", ws: "w1", id: "a1", pk: "ORG#o1#WS#w1#A#a1" }),
      envelope("A", { org: "o2", ws: "w2", id: "a2", pk: "ORG#o9#WS#w2#A#a2" }),
    ]);
    const key = profile.types[0]?.keys["pk"];
    expect(key?.count).toBe(2);
    expect(key?.shapes).toEqual({ "ORG#{}#WS#{}#A#{}": 2 });
    expect(key?.links["WS"]?.["ws"]).toEqual({ match: 2, differ: 0, samples: [] });
    expect(key?.links["ORG"]?.["org"]).toEqual({
      match: 1,
      differ: 1,
      samples: [{ file: "corpus.ndjson", line: 2, segment: "o9", value: "o2" }],
    });
    expect(profile.types[0]?.fields["pk"]?.count).toBe(2);
  });

  it("counts two key shapes whose 32-bit hashes collide apart, whatever their part counts", async () => {
    // Pairs found by a birthday search over generated labels: same hash, 2 and 3 parts / 2 and 2 parts.
    const pairs = [
      ["XNY#x#VQO#y", "CJL#x#SIF#y#XKB#z"],
      ["OFW#x#FIO#y", "PDI#x#FEB#y"],
    ] as const;
    const scratch = new KeyScratch();
    for (const [left, right] of pairs) {
      scratch.scan(left);
      const hash = scratch.hash;
      scratch.scan(right);
      expect(scratch.hash).toBe(hash);
    }
    for (const [left, right] of pairs) {
      // Alternated and repeated: the last-shape shortcut and the map lookup both meet the collision.
      const keys = [left, right, right, left, right];
      const profile = await profileOf(keys.map((pk, index) => envelope("A", { id: `i${index}`, pk })));
      const key = profile.types[0]?.keys["pk"];
      expect(key?.shapes).toEqual({
        [parseKeyShape(left)?.shape ?? ""]: 2,
        [parseKeyShape(right)?.shape ?? ""]: 3,
      });
      expect(Object.keys(key?.links ?? {}).sort()).toEqual(
        [
          ...new Set([
            ...labelsOfShape(parseKeyShape(left)?.shape ?? ""),
            ...labelsOfShape(parseKeyShape(right)?.shape ?? ""),
          ]),
        ].sort(),
      );
    }
  });

  it("counts records that are not events as skipped, with reasons and lines", async () => {
    // Line 2 is a batch (a JSON array on one line): each element is read, and refused by what it is.
    const profile = await profileOf(['{"no":"type"}', "[1,{}]", envelope("A", {}), "{bad"]);
    expect(profile.events).toBe(1);
    expect(profile.skipped).toEqual({
      count: 4,
      byReason: { "not-an-object": 1, "no-event-type": 2, "invalid-json": 1 },
      samples: [
        { file: "corpus.ndjson", line: 1, reason: "no-event-type" },
        { file: "corpus.ndjson", line: 2, reason: "not-an-object" },
        { file: "corpus.ndjson", line: 2, reason: "no-event-type" },
        { file: "corpus.ndjson", line: 4, reason: "invalid-json" },
      ],
    });
  });

  it("stays bounded on endless distinct event types", async () => {
    const profiler = new Profiler();
    const sink = profiler.sinkFor("types.ndjson");
    for (let index = 0; index <= profileLimits.types; index++) sink.record({ type: `T${index}` }, index + 1);
    const profile = profiler.toProfile();
    expect(profile.types).toHaveLength(profileLimits.types);
    expect(profile.skipped.byReason).toEqual({ "type-limit": 1 });
  });

  it("stays bounded on events with endless distinct keys", async () => {
    const lines = Array.from({ length: 30 }, (_, event) =>
      envelope("A", Object.fromEntries(Array.from({ length: 100 }, (_, key) => [`k${event}x${key}`, key]))),
    );
    const type = (await profileOf(lines)).types[0];
    expect(Object.keys(type?.fields ?? {})).toHaveLength(profileLimits.fieldsPerType);
    expect(type?.dropped).toBe(30 * 100 - profileLimits.fieldsPerType);
  });

  it("opens wrappers (and says so), reads the envelope apart, names the values that are no events", async () => {
    const event = { "detail-type": "A", source: "s", account: "111", detail: '{"tenantId":"t1"}' };
    const sqs = (body: unknown) => ({ messageId: "m", receiptHandle: "r", body: JSON.stringify(body) });
    const sns = { Type: "Notification", MessageId: "m", TopicArn: "arn:t", Message: JSON.stringify(event) };
    const profile = await profileOf([
      { Records: [sqs(event), sqs(sns), sqs({ hello: "world" })] },
      { Entries: [{ Source: "s", DetailType: "A", Detail: '{"tenantId":"t2"}' }] },
      event,
    ]);
    expect(profile.events).toBe(4);
    expect(profile.unwrapped).toEqual({ "lambda-batch": 1, sqs: 3, sns: 1, "put-events": 1 });
    expect(profile.skipped.samples).toEqual([{ file: "corpus.ndjson", line: 1, reason: "sqs-record" }]);
    const [type] = profile.types;
    expect(type?.fields["tenantid"]?.count).toBe(4);
    expect(type?.fields["$account"]).toMatchObject({ count: 3, spellings: { account: 3 } });
  });

  it("counts the field occurrences --max-depth cuts, with the first path", async () => {
    const profile = await profileOf([envelope("A", { a: { b: { tenantId: "t1", n: 1 } }, list: [[1]] })], 2);
    expect(profile.depthCut).toEqual({ count: 3, example: "a.b.tenantId" });
  });

  it("samples each type's scalar values, the same rows whatever the order of the events", async () => {
    const events = Array.from({ length: 300 }, (_, index) => envelope("A", { id: `i${index}`, n: index, arn: "x" }));
    const forward = await profileOf(events);
    const backward = await profileOf([...events].reverse());
    expect(forward.types[0]?.rows).toHaveLength(profileLimits.rowsPerType);
    expect(backward.types[0]?.rows).toEqual(forward.types[0]?.rows);
    expect(forward.types[0]?.rows[0]?.values).toMatchObject({ id: expect.stringMatching(/^i\d+$/), arn: "x" });
  });
});
