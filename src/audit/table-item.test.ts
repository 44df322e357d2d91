import { describe, expect, it } from "vitest";
import { AttributeValueError, attributeToPlain, itemEvent, itemToPlain, itemType } from "./table-item.js";

describe("DynamoDB JSON to plain values", () => {
  it("reads every attribute type", () => {
    const item = itemToPlain(
      {
        s: { S: "x" },
        n: { N: "1.5" },
        big: { N: "123456789012345678901" },
        b: { B: "AAE=" },
        ok: { BOOL: true },
        none: { NULL: true },
        ss: { SS: ["a", "b"] },
        ns: { NS: ["1", "2"] },
        l: { L: [{ S: "y" }, { M: { z: { N: "3" } } }] },
        __proto__: { S: "stays an attribute" },
      },
      "Item",
    );
    expect({ ...item }).toEqual({
      s: "x",
      n: 1.5,
      big: "123456789012345678901",
      b: "AAE=",
      ok: true,
      none: null,
      ss: ["a", "b"],
      ns: [1, 2],
      l: ["y", { z: 3 }],
    });
    expect(Object.hasOwn(item, "__proto__")).toBe(false); // the literal above set the prototype, not a key
    const withProto = itemToPlain(JSON.parse('{"__proto__":{"S":"v"}}'), "Item");
    expect(Object.hasOwn(withProto, "__proto__")).toBe(true);
  });

  it("names the attribute that is not DynamoDB JSON", () => {
    expect(() => attributeToPlain({ S: "x", N: "1" }, "Item.a")).toThrow(
      new AttributeValueError("Item.a has 2 type tags, a DynamoDB attribute value has one"),
    );
    expect(() => itemToPlain({ a: { L: [{ Q: 1 }] } }, "Item")).toThrow('Item.a[0] has the unknown type tag "Q"');
    expect(() => itemToPlain({ a: { N: 1 } }, "Item")).toThrow("Item.a: a N value must be a string");
    expect(() => itemToPlain({ a: "x" }, "Item")).toThrow('Item.a is not a DynamoDB attribute value: "x"');
  });
});

describe("items as events", () => {
  it("types an item by its type attribute, else by its sort key's shape", () => {
    const keys = { pk: "pk", sk: "sk" };
    expect(itemType({ entityType: "Note", type: "other" }, keys)).toBe("Note");
    expect(itemType({ __edb_e__: "task" }, keys)).toBe("task");
    expect(itemType({ pk: "TENANT#t1", sk: "NOTE#n1#V#2" }, keys)).toBe("NOTE#{}#V#{}");
    expect(itemType({ pk: "TENANT#t1" }, keys)).toBe("TENANT#{}");
    expect(itemType({ id: "x" }, keys)).toBe("(untyped item)");
  });

  it("puts the whole item in the detail, so its own type or source attribute stays an attribute", () => {
    const item = { entityType: "Note", type: "memo", source: "import", pk: "TENANT#t1" };
    expect(itemEvent(item, "platform_data", { pk: "pk", sk: "sk" })).toEqual({
      "detail-type": "Note",
      source: "platform_data",
      detail: item,
    });
  });
});
