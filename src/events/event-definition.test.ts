import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEntity } from "../kit.js";
import { capsuleId, tenantId } from "../ids.js";

const Document = defineEntity({
  name: "Document",
  schema: z.object({
    context: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), locale: z.string(), owner: z.string() }),
    id: z.string(),
    version: z.number(),
    title: z.string(),
  }),
  pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#DOC#${id}",
  sk: "V#${version}",
  indexes: { byLocale: { pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#LOCALE#${context.locale}" } },
});
const context = { tenantId: "t1", capsuleId: "c1", locale: "fr" };

describe("Entity.event", () => {
  const Published = Document.event("Published", {
    source: "docs",
    detail: z.strictObject({ publishedBy: z.string() }),
  });

  it("names the type after the entity and the verb, and records the entity, source, isolation and key fields", () => {
    expect(Published).toMatchObject({
      type: "DocumentPublished",
      source: "docs",
      entity: "Document",
      isolation: Document.isolation,
    });
    expect(Published.keyFields).toEqual(["context.tenantId", "context.capsuleId", "id", "version", "context.locale"]);
    expect(Object.isFrozen(Published)).toBe(true);
  });

  it("builds a detail of exactly the key fields (nested ones nested) and the extra detail, keeping its strictness", () => {
    const detail = { context, id: "d1", version: 3, publishedBy: "u1" };
    expect(Published.detail.parse(detail)).toEqual(detail);
    expect(Object.keys(Published.detail.shape)).toEqual(["publishedBy", "context", "id", "version"]);
    expect(Published.detail.safeParse({ ...detail, title: "not a key field" }).success).toBe(false);
    expect(Published.detail.safeParse({ ...detail, context: { tenantId: "t1", locale: "fr" } }).success).toBe(false);
    // Children of context that no key reads are not part of the event, and are stripped.
    expect(
      Document.event("Archived").detail.parse({ context: { ...context, owner: "o" }, id: "d1", version: 1 }),
    ).toEqual({ context, id: "d1", version: 1 });
  });

  it("keeps the isolation checks of the entity's fields: an id with '#' is refused", () => {
    const parsed = Published.detail.safeParse({
      context: { ...context, capsuleId: "c1#CAPSULE#c2" },
      id: "d1",
      version: 3,
      publishedBy: "u1",
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["context.capsuleId"]);
  });

  it("builds the envelope schema: detail-type and source literal, the other envelope fields optional", () => {
    const detail = { context, id: "d1", version: 3, publishedBy: "u1" };
    expect(Published.envelope.parse({ "detail-type": "DocumentPublished", source: "docs", detail })).toEqual({
      "detail-type": "DocumentPublished",
      source: "docs",
      detail,
    });
    const full = {
      version: "0",
      id: "e1",
      "detail-type": "DocumentPublished",
      source: "docs",
      account: "1",
      time: "2026-11-30T00:00:00Z",
      region: "eu-west-1",
      resources: ["arn:x"],
      detail,
    };
    expect(Published.envelope.parse(full)).toEqual(full);
    expect(
      Published.envelope.safeParse({ ...full, source: "crm" }).error?.issues.map((issue) => issue.path.join(".")),
    ).toEqual(["source"]);
    expect(Published.envelope.safeParse({ ...full, "detail-type": "DocumentArchived" }).success).toBe(false);
    expect(
      Document.event("Archived").envelope.safeParse({
        ...full,
        "detail-type": "DocumentArchived",
        source: "anything",
        detail: { context, id: "d1", version: 1 },
      }).success,
    ).toBe(true);
  });
});
