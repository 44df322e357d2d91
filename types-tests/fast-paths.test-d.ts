/**
 * The type-cost fast paths decide exactly as the general rules they shortcut. Each case here is one where a fast
 * path once decided otherwise: the general rule is restated below from its exported parts (as it stood before the
 * fast path), and the fast path must give the very same type.
 */
import { z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import { capsuleId, defineEntity, tenantId, type EntityDefinition } from "capsule-entity";
import type { ResolveIsolation } from "../src/entity/isolation.js";
import type { IsolationPrefix, LocateIsolationField } from "../src/entity/isolation.js";
import type { Shape } from "../src/internal/zod-shape.js";

/** Rule 1 for the capsule level by the general search: tenant first, then capsule (what `LocateFields` does). */
type GeneralSearch<TShape extends Shape> =
  LocateIsolationField<TShape, "tenantId", "capsule"> extends infer TTenant
    ? TTenant extends string
      ? LocateIsolationField<TShape, "capsuleId", "capsule"> extends infer TCapsule
        ? TCapsule extends string
          ? {
              readonly level: "capsule";
              readonly tenant: TTenant;
              readonly capsule: TCapsule;
              readonly prefix: IsolationPrefix<TTenant, TCapsule>;
            }
          : TCapsule
        : never
      : TTenant
    : never;

declare const flag: boolean;
const top = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() });
const nested = z.object({ context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }), id: z.string() });

describe("ResolveIsolation's fast path (capsule level, both fields at the top level, no object field)", () => {
  it("decides the common schema as the general search", () => {
    type S = typeof top.shape;
    expectTypeOf<ResolveIsolation<S, "capsule">>().toEqualTypeOf<GeneralSearch<S>>();
  });

  it("a schema typed as a union of object schemas whose members all take the fast path", () => {
    // (Members that take different paths — `flag ? top : nested` — resolve per member: see ResolveIsolation.)
    const same = flag ? top : z.object({ tenantId: tenantId(), capsuleId: capsuleId() });
    expectTypeOf<ResolveIsolation<typeof same.shape, "capsule">>().toEqualTypeOf<GeneralSearch<typeof same.shape>>();
  });

  it("keeps a pk given as a const variable literal (the match must stay distributive: see ResolveIsolation)", () => {
    const pk = "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}";
    const prefixOnly = "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}";
    expectTypeOf(defineEntity({ name: "Doc", schema: top, pk }).templates.pk).toEqualTypeOf<typeof pk>();
    expectTypeOf(defineEntity({ name: "Nested", schema: nested, pk: prefixOnly }).templates.pk).toEqualTypeOf<
      typeof prefixOnly
    >();
  });

  it("a field whose schema type is never resolves as the general search resolves it", () => {
    const neverTenant = z.object({ tenantId: tenantId() as never, capsuleId: capsuleId() });
    const neverCapsule = z.object({ tenantId: tenantId(), capsuleId: capsuleId() as never });
    expectTypeOf<ResolveIsolation<typeof neverTenant.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof neverTenant.shape>
    >();
    expectTypeOf<ResolveIsolation<typeof neverCapsule.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof neverCapsule.shape>
    >();
  });

  it("fields typed as unions, any, and wrong types", () => {
    const unionTyped = z.object({ tenantId: flag ? tenantId() : tenantId().optional(), capsuleId: capsuleId() });
    const anyTyped = z.object({ tenantId: tenantId() as any, capsuleId: capsuleId() }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const swapped = z.object({ tenantId: capsuleId(), capsuleId: tenantId() });
    expectTypeOf<ResolveIsolation<typeof unionTyped.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof unionTyped.shape>
    >();
    expectTypeOf<ResolveIsolation<typeof anyTyped.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof anyTyped.shape>
    >();
    expectTypeOf<ResolveIsolation<typeof swapped.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof swapped.shape>
    >();
  });
});

describe("CheckPartitionKey", () => {
  it("does not check a pk against a schema that fails rule 1 in one member of a union (one error per mistake)", () => {
    // The schema's isolation field may be optional: rule 1 resolves to a union with a Failure. The partition key is
    // then not checked, as with a schema that fails outright.
    const unionTyped = z.object({ tenantId: flag ? tenantId() : tenantId().optional(), capsuleId: capsuleId() });
    type Pk = "X#TENANT#${tenantId}#CAPSULE#${capsuleId}";
    expectTypeOf<Pk>().toExtend<EntityDefinition<"U", typeof unionTyped, Pk, undefined, {}, "capsule">["pk"]>();
    const unionSchema = flag ? top : z.object({ tenantId: tenantId(), capsuleId: z.string() });
    expectTypeOf<Pk>().toExtend<EntityDefinition<"U", typeof unionSchema, Pk, undefined, {}, "capsule">["pk"]>();
  });
});
