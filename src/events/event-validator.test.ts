import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEntity } from "../kit.js";
import { defineEvent } from "./define-event.js";
import { EntityDefinitionError } from "../errors.js";
import { createEventValidator, type EventViolation } from "./event-validator.js";
import { capsuleId, tenantId } from "../ids.js";
import {
  invalidEventFieldMessage,
  keyIdMismatchMessage,
  missingEventFieldMessage,
  notAnEventMessage,
  relatedFieldMessage,
  scanIncompleteMessage,
  unknownEventTypeMessage,
} from "../messages.js";

const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA",
});
const RoleAssignmentCreated = RoleAssignment.event("Created", {
  source: "auth",
  detail: z.object({ role: z.string(), pk: z.string().optional() }),
});
const DocumentShared = defineEvent({
  type: "DocumentShared",
  source: "docs",
  detail: z.object({
    context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }),
    documentId: z.string(),
    links: z.array(z.string()).optional(),
  }),
});
const validator = createEventValidator({ events: [RoleAssignmentCreated, DocumentShared] });

const detail = { tenantId: "t1", capsuleId: "c1", id: "r1", role: "admin" };
const envelope = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "RoleAssignmentCreated",
  source: "auth",
  account: "111122223333",
  time: "2026-11-30T03:00:00Z",
  region: "eu-west-1",
  resources: [],
  detail,
  ...over,
});
/** The violations' codes, severities and paths: what most cases assert. */
const summary = (violations: readonly EventViolation[]): string[] =>
  violations.map(({ code, severity, path }) => `${severity} ${code} ${path}`);

describe("validate: valid events", () => {
  it("accepts an EventBridge envelope and a flat { type, detail } event", () => {
    expect(validator.validate(envelope())).toEqual({ ok: true, eventType: "RoleAssignmentCreated", violations: [] });
    expect(validator.validate({ type: "RoleAssignmentCreated", detail })).toEqual({
      ok: true,
      eventType: "RoleAssignmentCreated",
      violations: [],
    });
    expect(
      validator.validate({
        type: "DocumentShared",
        source: "docs",
        detail: { context: { tenantId: "t1", capsuleId: "c1" }, documentId: "d1" },
      }).ok,
    ).toBe(true);
  });

  it("accepts key-shaped values that carry the event's own ids", () => {
    expect(validator.validate(envelope({ detail: { ...detail, pk: "TENANT#t1#CAPSULE#c1#ROLE#r1" } })).ok).toBe(true);
    expect(validator.validate(envelope({ detail: { ...detail, note: "TENANT#t1" } })).ok).toBe(true);
  });

  it("a valid event's violations are one shared frozen empty array (no allocation per event), never pushed into", () => {
    const first = validator.validate(envelope()).violations;
    const second = validator.validate(envelope({ detail: { ...detail, pk: "TENANT#t1#CAPSULE#c1#ROLE#r1" } }));
    expect(second.violations).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toHaveLength(0);
    // An invalid event after them gets its own array, and the shared one stays empty.
    expect(validator.validate(envelope({ detail: { ...detail, pk: "TENANT#t2#CAPSULE#c1" } })).violations).toHaveLength(
      1,
    );
    expect(first).toHaveLength(0);
  });
});

describe("validate: each violation kind", () => {
  it("unknown event type: high, at the type's path", () => {
    const result = validator.validate({ ...envelope(), "detail-type": "RoleAsignmentCreated" });
    expect(result.eventType).toBe("RoleAsignmentCreated");
    expect(result.violations).toEqual([
      {
        code: "event.unknownType",
        severity: "high",
        eventType: "RoleAsignmentCreated",
        path: "detail-type",
        message: unknownEventTypeMessage('"RoleAsignmentCreated"', "detail-type", "RoleAssignmentCreated"),
      },
    ]);
  });

  it("missing isolation field: critical; missing key field: high; missing other field: medium; most severe first", () => {
    const result = validator.validate({ type: "RoleAssignmentCreated", detail: { tenantId: "t1" } });
    expect(summary(result.violations)).toEqual([
      "critical event.missingField detail.capsuleId",
      "high event.missingField detail.id",
      "medium event.missingField detail.role",
    ]);
    expect(result.violations[0]!.message).toBe(
      missingEventFieldMessage(
        "RoleAssignmentCreated",
        "detail.capsuleId",
        "isolation field",
        "tenantId, capsuleId, id, role",
      ),
    );
  });

  it("missing nested isolation fields are critical at their nested path", () => {
    const result = validator.validate({
      type: "DocumentShared",
      detail: { context: { tenantId: "t1" }, documentId: "d1" },
    });
    expect(summary(result.violations)).toEqual(["critical event.missingField detail.context.capsuleId"]);
  });

  it("no detail at all: every required field is reported missing", () => {
    expect(summary(validator.validate({ type: "RoleAssignmentCreated" }).violations)).toEqual([
      "critical event.missingField detail.tenantId",
      "critical event.missingField detail.capsuleId",
      "high event.missingField detail.id",
      "medium event.missingField detail.role",
    ]);
  });

  it("a detail that is not an object: invalid, and its required fields missing", () => {
    expect(summary(validator.validate({ type: "DocumentShared", detail: ["t1", "c1"] }).violations)).toEqual([
      "critical event.missingField detail.context",
      "critical event.missingField detail.context.tenantId",
      "critical event.missingField detail.context.capsuleId",
      "medium event.invalidField detail",
      "medium event.missingField detail.documentId",
    ]);
  });

  it("invalid isolation field: critical, with zod's problems in the message", () => {
    const result = validator.validate({
      type: "RoleAssignmentCreated",
      detail: { ...detail, capsuleId: "c1#CAPSULE#c2" },
    });
    expect(result.violations).toEqual([
      {
        code: "event.invalidField",
        severity: "critical",
        eventType: "RoleAssignmentCreated",
        path: "detail.capsuleId",
        message: invalidEventFieldMessage(
          "RoleAssignmentCreated",
          "detail.capsuleId",
          "isolation field",
          'capsuleId must not contain "#"',
        ),
      },
    ]);
  });

  it("invalid key field is high, other fields and envelope fields medium", () => {
    const result = validator.validate(envelope({ source: "crm", time: 5, detail: { ...detail, id: 42, role: null } }));
    expect(summary(result.violations)).toEqual([
      "high event.invalidField detail.id",
      "medium event.invalidField time",
      "medium event.invalidField source",
      "medium event.invalidField detail.role",
    ]);
  });

  it("key-shaped value whose TENANT or CAPSULE differs from the detail's own: critical", () => {
    const result = validator.validate(
      envelope({
        detail: { ...detail, pk: "TENANT#t1#CAPSULE#c2#ROLE#r1", extra: { gsi1pk: "TENANT#t2#CAPSULE#c1" } },
      }),
    );
    expect(summary(result.violations)).toEqual([
      "critical event.keyMismatch detail.pk",
      "critical event.keyMismatch detail.extra.gsi1pk",
    ]);
    expect(result.violations[0]!.message).toBe(
      keyIdMismatchMessage(
        "RoleAssignmentCreated",
        "detail.pk",
        "CAPSULE",
        '"c2"',
        "detail.capsuleId",
        '"c1"',
        "RoleAssignment",
      ),
    );
  });

  it("key-shaped values are compared with nested ids, inside arrays too", () => {
    const result = validator.validate({
      type: "DocumentShared",
      detail: {
        context: { tenantId: "t1", capsuleId: "c1" },
        documentId: "d1",
        links: ["TENANT#t1#CAPSULE#c1#DOC#d2", "TENANT#t1#CAPSULE#c9#DOC#d3"],
      },
    });
    expect(summary(result.violations)).toEqual(["critical event.keyMismatch detail.links.1"]);
    expect(result.violations[0]!.message).toContain("but detail.context.capsuleId is");
  });

  it("a key with only a TENANT segment is checked against the tenant id", () => {
    expect(
      summary(validator.validate(envelope({ detail: { ...detail, settings: "TENANT#t2#SETTINGS" } })).violations),
    ).toEqual(["critical event.keyMismatch detail.settings"]);
  });

  it("not an event: null, strings, numbers, arrays, objects without a type, non-string types", () => {
    const cases: [unknown, string][] = [
      [null, "null"],
      [undefined, "undefined"],
      ["RoleAssignmentCreated", 'string "RoleAssignmentCreated"'],
      [42, "number 42"],
      [[envelope()], "an array of 1"],
      [{ detail }, 'an object without "detail-type" or "type"'],
      [{ type: 7, detail }, "type is number 7, not a string"],
    ];
    for (const [input, received] of cases) {
      const result = validator.validate(input);
      expect(result).toEqual({
        ok: false,
        eventType: null,
        violations: [
          {
            code: "event.notAnEvent",
            severity: "high",
            eventType: null,
            path: expect.any(String),
            message: notAnEventMessage(received, "RoleAssignmentCreated", "tenantId, capsuleId, id, role"),
          },
        ],
      });
    }
  });

  it("a detail larger than the scan limits is reported, never silently half-checked", () => {
    const small = createEventValidator({ events: [RoleAssignmentCreated], scan: { values: 10 } });
    const big = { ...detail, ...Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`f${index}`, "x"])) };
    const result = small.validate({ type: "RoleAssignmentCreated", detail: big });
    expect(result.violations).toEqual([
      {
        code: "event.scanIncomplete",
        severity: "low",
        eventType: "RoleAssignmentCreated",
        path: "detail",
        message: scanIncompleteMessage("RoleAssignmentCreated", "10 values, depth 32", "tenantId, capsuleId"),
      },
    ]);
    const deep = createEventValidator({ events: [RoleAssignmentCreated], scan: { depth: 3 } });
    expect(
      summary(
        deep.validate({ type: "RoleAssignmentCreated", detail: { ...detail, a: { b: { c: { d: "TENANT#t9" } } } } })
          .violations,
      ),
    ).toEqual(["low event.scanIncomplete detail"]);
  });
});

describe("validate: related event types", () => {
  it("reports a field every related type requires and this type lacks", () => {
    const AccountCreated = defineEvent({
      type: "AccountCreated",
      source: "auth",
      detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), actorId: z.string() }),
    });
    const GroupCreated = defineEvent({
      type: "GroupCreated",
      source: "auth",
      detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), actorId: z.string() }),
    });
    const SessionStarted = defineEvent({
      type: "SessionStarted",
      source: "auth",
      isolation: { level: "tenant", reason: "sessions span the tenant's capsules" },
      detail: z.object({ tenantId: tenantId(), sessionId: z.string(), actorId: z.string().optional() }),
    });
    const related = createEventValidator({ events: [AccountCreated, GroupCreated, SessionStarted] });
    const result = related.validate({
      type: "SessionStarted",
      source: "auth",
      detail: { tenantId: "t1", sessionId: "s1" },
    });
    // capsuleId is not expected: SessionStarted opted out of capsule isolation, with a reason.
    expect(result.violations).toEqual([
      {
        code: "event.relatedFieldMissing",
        severity: "medium",
        eventType: "SessionStarted",
        path: "detail.actorId",
        message: relatedFieldMessage(
          "SessionStarted",
          "detail.actorId",
          'same source "auth": AccountCreated, GroupCreated',
        ),
      },
    ]);
    expect(
      related.validate({ type: "SessionStarted", detail: { tenantId: "t1", sessionId: "s1", actorId: "u1" } }).ok,
    ).toBe(true);
  });
});

describe("validate: hostile input never throws", () => {
  it("getters that throw, proxies that throw, cyclic details", () => {
    const throwing = {
      type: "RoleAssignmentCreated",
      get detail(): never {
        throw new Error("boom");
      },
    };
    expect(summary(validator.validate(throwing).violations)).toEqual(["high event.unreadable "]);
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("trap");
        },
        getOwnPropertyDescriptor: () => {
          throw new Error("trap");
        },
      },
    );
    expect(validator.validate(proxy).violations[0]!.code).toBe("event.unreadable");
    const cyclic: Record<string, unknown> = { ...detail };
    cyclic["self"] = cyclic;
    cyclic["list"] = [cyclic, { back: cyclic, key: "TENANT#t1#CAPSULE#c1" }];
    expect(validator.validate({ type: "RoleAssignmentCreated", detail: cyclic }).ok).toBe(true);
  });

  it("keeps every violation message and path short, however many or long the offending keys (a log line must stay one line)", () => {
    const Strict = defineEvent({
      type: "StrictShared",
      detail: z.strictObject({
        tenantId: tenantId(),
        capsuleId: capsuleId(),
        tags: z.record(z.string(), z.string()).optional(),
      }),
    });
    const strict = createEventValidator({ events: [Strict] });
    const flood: Record<string, unknown> = { tenantId: "t1", capsuleId: "c1", tags: { ["k".repeat(100_000)]: 1 } };
    for (let index = 0; index < 5_000; index++) flood[`key${index}${"x".repeat(100)}`] = 1;
    flood["y".repeat(1_000_000)] = 1;
    const result = strict.validate({ type: "StrictShared", detail: flood });
    expect(result.ok).toBe(false);
    for (const found of result.violations) {
      expect(found.message.length).toBeLessThanOrEqual(1_000);
      expect(found.path.length).toBeLessThanOrEqual(300);
    }
  });

  it("thrown values that throw in turn when described; revoked proxies", () => {
    const nasty = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error("no prototype");
        },
      },
    );
    const event = {
      type: "RoleAssignmentCreated",
      get detail(): never {
        throw nasty;
      },
    };
    expect(validator.validate(event).violations[0]!.message).toContain(
      "could not be read: thrown a value that cannot be described",
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(validator.validate(proxy).violations.map((found) => found.code)).toEqual(["event.unreadable"]);
    expect(
      validator.validate({ type: "RoleAssignmentCreated", detail: proxy }).violations.map((found) => found.code),
    ).toEqual(["event.unreadable"]);
    expect(validator.validate({ type: {}, detail }).violations[0]!.message).toContain(
      "type is an object, not a string",
    );
  });

  it("prototype-polluting keys are plain data: no pollution, no inherited fields", () => {
    const polluted = JSON.parse(
      '{"type":"RoleAssignmentCreated","detail":{"__proto__":{"capsuleId":"c1"},"constructor":{"prototype":{"x":1}},"tenantId":"t1","id":"r1","role":"a"}}',
    ) as unknown;
    expect(summary(validator.validate(polluted).violations)).toEqual(["critical event.missingField detail.capsuleId"]);
    expect(({} as Record<string, unknown>)["capsuleId"]).toBeUndefined();
    expect(
      summary(validator.validate(JSON.parse('{"__proto__":{"type":"RoleAssignmentCreated"},"detail":{}}')).violations),
    ).toEqual(["high event.notAnEvent "]);
    for (const type of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(validator.validate({ type, detail }).violations.map((found) => found.code)).toEqual(["event.unknownType"]);
    }
  });

  it("huge inputs: long strings, many keys, long types are cut in results", () => {
    const long = "x".repeat(1_000_000);
    const result = validator.validate({ type: long, detail });
    expect(result.eventType).toHaveLength(200);
    expect(result.violations[0]!.message.length).toBeLessThan(400);
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`k${index}`, "TENANT#t1"]));
    expect(
      validator
        .validate({ type: "RoleAssignmentCreated", detail: { ...detail, ...wide } })
        .violations.map((found) => found.code),
    ).toEqual(["event.scanIncomplete"]);
  });

  it("fuzz: any JSON value, any object, any envelope-shaped object: a result, never a throw", () => {
    const validResult = (input: unknown): void => {
      const result = validator.validate(input);
      expect(typeof result.ok).toBe("boolean");
      expect(result.ok).toBe(result.violations.length === 0);
      for (const found of result.violations) {
        expect(found.message).toMatch(/^\[event\.[a-zA-Z]+\] /);
        expect(["critical", "high", "medium", "low"]).toContain(found.severity);
      }
    };
    fc.assert(fc.property(fc.jsonValue(), validResult), { numRuns: 300 });
    fc.assert(
      fc.property(
        fc.anything({
          withObjectString: true,
          withNullPrototype: true,
          withMap: true,
          withSet: true,
          withBigInt: true,
        }),
        validResult,
      ),
      { numRuns: 300 },
    );
    const types = fc.constantFrom("RoleAssignmentCreated", "DocumentShared", "__proto__", "Other");
    const values = fc.oneof(
      fc.string(),
      fc.constantFrom("t1", "c1", "TENANT#t1#CAPSULE#c2", "a#b", ""),
      fc.integer(),
      fc.constant(null),
      fc.jsonValue(),
    );
    const details = fc.dictionary(
      fc.constantFrom("tenantId", "capsuleId", "id", "role", "pk", "context", "__proto__", "documentId"),
      values,
    );
    fc.assert(
      fc.property(types, details, fc.boolean(), (type, fuzzed, flat) =>
        validResult(flat ? { type, detail: fuzzed } : envelope({ "detail-type": type, detail: fuzzed })),
      ),
      {
        numRuns: 500,
      },
    );
  });
});

describe("validateBatch", () => {
  it("summarizes per type and severity, keeps every result in order, counts typeless events under (none)", () => {
    const report = validator.validateBatch([
      envelope(),
      { type: "RoleAssignmentCreated", detail: { tenantId: "t1" } },
      null,
      { type: "__proto__" },
    ]);
    expect(report).toMatchObject({
      ok: false,
      total: 4,
      valid: 1,
      invalid: 3,
      bySeverity: { critical: 1, high: 3, medium: 1, low: 0 },
    });
    expect(report.results.map((result) => result.eventType)).toEqual([
      "RoleAssignmentCreated",
      "RoleAssignmentCreated",
      null,
      "__proto__",
    ]);
    expect({ ...report.byType }).toEqual({
      RoleAssignmentCreated: {
        total: 2,
        valid: 1,
        invalid: 1,
        violations: Object.assign(Object.create(null), { "event.missingField": 3 }),
      },
      "(none)": {
        total: 1,
        valid: 0,
        invalid: 1,
        violations: Object.assign(Object.create(null), { "event.notAnEvent": 1 }),
      },
      ["__proto__"]: {
        total: 1,
        valid: 0,
        invalid: 1,
        violations: Object.assign(Object.create(null), { "event.unknownType": 1 }),
      },
    });
    expect(Object.getPrototypeOf(report.byType)).toBeNull();
  });

  it("an iterable that throws midway keeps what it validated and reports the rest as unreadable", () => {
    function* events(): Generator<unknown> {
      yield envelope();
      throw new Error("stream closed");
    }
    const report = validator.validateBatch(events());
    expect(report.total).toBe(2);
    expect(summary(report.results[1]!.violations)).toEqual(["high event.unreadable [1]"]);
    expect(validator.validateBatch(42 as unknown as unknown[]).results[0]!.violations[0]!.code).toBe(
      "event.unreadable",
    );
  });
});

describe("createEventValidator options", () => {
  it("refuses two definitions of one type and groups naming undeclared types", () => {
    expect(() => createEventValidator({ events: [RoleAssignmentCreated, RoleAssignmentCreated] })).toThrow(
      EntityDefinitionError,
    );
    expect(() =>
      createEventValidator({
        events: [RoleAssignmentCreated],
        related: { groups: [["RoleAssignmentCreated", "Typo"]] },
      }),
    ).toThrow('(\"Typo\" is not one)');
    expect(createEventValidator({ events: [RoleAssignmentCreated, DocumentShared] }).types).toEqual([
      "RoleAssignmentCreated",
      "DocumentShared",
    ]);
    const untyped = createEventValidator as (options: unknown) => unknown;
    expect(() => untyped({ events: [{ type: "X" }] })).toThrow(
      "[event.invalidOption] events must be an array of event definitions",
    );
    expect(() => untyped({ events: RoleAssignmentCreated })).toThrow("[event.invalidOption] events must be an array");
  });
});
