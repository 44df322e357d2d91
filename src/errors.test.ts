import { expectTypeOf } from "expect-type";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CapsuleEntityError, IsolationError, matchError } from "./errors.js";
import { capsuleId, tenantId } from "./ids.js";
import { defineEntity } from "./kit.js";
import type { EventViolationCode } from "./events/event-validator.js";
import { errorCatalog, foreignItemMessage, type CatalogCodes, type ErrorCode } from "./messages.js";

const Note = defineEntity({
  name: "Note",
  table: "notes",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${noteId}",
});
const scope = Note.scope({ tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") });
const thrown = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

describe("typed error codes", () => {
  it("code is the union of catalog codes, read from the message's [code]", () => {
    expectTypeOf<CapsuleEntityError["code"]>().toEqualTypeOf<ErrorCode>();
    const error = thrown(() => scope.assertOwns({ tenantId: "t2", capsuleId: "c1" }));
    expect(error).toBeInstanceOf(IsolationError);
    expect((error as CapsuleEntityError).code).toBe("isolation.foreign");
    expect(Object.keys(errorCatalog)).toContain((error as CapsuleEntityError).code);
  });

  it("a set of codes is checked against the catalog (as EventViolationCode is)", () => {
    expectTypeOf<CatalogCodes<"event.missingField">>().toEqualTypeOf<"event.missingField">();
    // @ts-expect-error "event.notACode" is not in the catalog
    expectTypeOf<CatalogCodes<"event.notACode">>().not.toBeNever();
    expectTypeOf<EventViolationCode>().toExtend<ErrorCode>();
  });

  it("a message without a catalog code is refused as the library's defect, with the message kept", () => {
    expect(() => new CapsuleEntityError("no code here")).toThrow(TypeError);
    expect(() => new CapsuleEntityError("[not.aCode] made up")).toThrow("[not.aCode] made up");
    expect(new CapsuleEntityError(foreignItemMessage("put", '"c1"', '"c2"')).code).toBe("isolation.foreign");
  });
});

describe("matchError", () => {
  const foreign = thrown(() => scope.put({ tenantId: "t1", capsuleId: "c2", noteId: "n1" } as never));

  it("calls the handler of the error's code, typed for that code", () => {
    const result = matchError(foreign, {
      "isolation.foreign": (error) => {
        expectTypeOf(error.code).toEqualTypeOf<"isolation.foreign">();
        return `denied: ${error.code}`;
      },
      "key.invalidValue": () => "bad key",
    });
    expect(result).toBe("denied: isolation.foreign");
  });

  it("falls back to `_` for other codes and for errors that are not the library's", () => {
    const other = new Error("network");
    expect(matchError(foreign, { "key.invalidValue": () => 1, _: () => 2 })).toBe(2);
    expect(matchError(other, { "isolation.foreign": () => 1, _: (error) => error })).toBe(other);
  });

  it("rethrows what no handler takes: nothing is swallowed", () => {
    expect(() => matchError(foreign, { "key.invalidValue": () => 1 })).toThrow(foreign as Error);
    expect(() => matchError("a string", { "isolation.foreign": () => 1 })).toThrow();
  });

  it("refuses a handler for a code the catalog does not have", () => {
    // @ts-expect-error "isolation.foriegn" is not an ErrorCode: a typo is a compile error, not a dead handler
    matchError(foreign, { "isolation.foriegn": () => 1, _: () => 0 });
  });
});
