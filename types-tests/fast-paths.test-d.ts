/**
 * The type-cost fast paths decide exactly as the general rules they shortcut. Each case here is one where a fast
 * path once decided otherwise: the general rule is restated below from its exported parts (as it stood before the
 * fast path), and the fast path must give the very same type.
 */
import { z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import {
  capsuleId,
  defineEntity,
  defineIsolation,
  tenantId,
  type DefinedKeyInput,
  type Entity,
  type EntityDefinition,
} from "capsule-entity";
import type { ConnectedIsolation, RecordedIsolation, TemplateKeyInput } from "../src/access/scope.js";
import type { KitVocabularyOf, PlannedVocabulary, ResolveKitIsolation } from "../src/entity/define-isolation.js";
import type { ResolveIsolation } from "../src/entity/isolation.js";
import type { Levels } from "../src/entity/vocabulary.js";
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

  it("ids wrapped or refined: only the id schemas as tenantId() / capsuleId() return them skip the full check", () => {
    // LocateIdField relates a field to the id schema both ways; each of these is decided by the full check.
    const described = z.object({ tenantId: tenantId().describe("t"), capsuleId: capsuleId().meta({}) });
    const nonoptional = z.object({ tenantId: tenantId().nonoptional(), capsuleId: capsuleId() });
    const optional = z.object({ tenantId: tenantId(), capsuleId: capsuleId().optional() });
    const defaulted = z.object({ tenantId: tenantId().default(tenantId().parse("t")), capsuleId: capsuleId() });
    const branded = z.object({ tenantId: tenantId().brand<"Extra">(), capsuleId: capsuleId() });
    const readonly = z.object({ tenantId: tenantId(), capsuleId: capsuleId().readonly() });
    expectTypeOf<ResolveIsolation<typeof described.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof described.shape>
    >();
    expectTypeOf<ResolveIsolation<typeof nonoptional.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof nonoptional.shape>
    >();
    expectTypeOf<ResolveIsolation<typeof optional.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof optional.shape>
    >();
    expectTypeOf<ResolveIsolation<typeof defaulted.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof defaulted.shape>
    >();
    expectTypeOf<ResolveIsolation<typeof branded.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof branded.shape>
    >();
    expectTypeOf<ResolveIsolation<typeof readonly.shape, "capsule">>().toEqualTypeOf<
      GeneralSearch<typeof readonly.shape>
    >();
    // Two of them, as the full check decides them: a pass and a failure.
    expectTypeOf<ResolveIsolation<typeof described.shape, "capsule">>().toExtend<{ readonly level: "capsule" }>();
    expectTypeOf<ResolveIsolation<typeof optional.shape, "capsule">>().toExtend<{ readonly failure: string }>();
  });
});

// A loose shape (zod's `$ZodLooseShape`, `Record<string, any>`: what TypeScript resolves while it infers a definition
// whose schema it has not inferred yet) fails rule 1 at once. The one fast path that does not give the search's very
// type: the search fails the outermost field both as optional and as a wrong type (its schema is `any`), the fast
// path as a wrong type only, one member of the search's failure.
describe("a loose shape's resolution (SearchFields, PlannedIsolation)", () => {
  type Loose = z.core.$ZodLooseShape;
  const kit2 = defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      { name: "workspace", field: "workspaceId", label: "WS" },
    ],
  });
  type Kit2 = KitVocabularyOf<Levels<typeof kit2.levels>>;
  type WrongType<
    TField extends string,
    TId extends string,
  > = `[isolation.wrongType] ${TField} at ${TField} is not ${TId} | ${string}`;

  it("fails on the outermost level's field as a wrong type, a member of the search's failure", () => {
    type Default = ResolveIsolation<Loose, "capsule">;
    expectTypeOf<Default>().toExtend<GeneralSearch<Loose>>();
    expectTypeOf<Default>().toExtend<{ readonly failure: WrongType<"tenantId", "a TenantId"> }>();
    expectTypeOf<ResolveIsolation<Loose, "tenant">>().toEqualTypeOf<Default>();
    type Kit = ResolveKitIsolation<Loose, "workspace", Kit2>;
    expectTypeOf<Kit>().toExtend<ResolveKitIsolation<Loose & { readonly meta: z.ZodObject<{}> }, "workspace", Kit2>>();
    expectTypeOf<Kit>().toExtend<{ readonly failure: WrongType<"orgId", "an OrgId"> }>();
    expectTypeOf<ResolveKitIsolation<Loose, "org", Kit2>>().toEqualTypeOf<Kit>();
  });

  it("other wide shapes are searched as before", () => {
    type Strings = Record<string, z.ZodString>;
    expectTypeOf<ResolveIsolation<Strings, "capsule">>().toEqualTypeOf<GeneralSearch<Strings>>();
    expectTypeOf<ResolveIsolation<Strings, "capsule">>().toExtend<{ readonly failure: string }>();
  });

  it("a schema typed loose is refused on schema", () => {
    const loose = z.object({} as Loose);
    // @ts-expect-error -- [isolation.wrongType] tenantId at tenantId is not a TenantId
    defineEntity({ name: "Loose", schema: loose, pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}" });
    // @ts-expect-error -- [isolation.wrongType] orgId at orgId is not an OrgId
    kit2.defineEntity({ name: "Loose", schema: loose, pk: "ORG#${orgId}#WS#${workspaceId}" });
  });
});

// A kit's plan (define-isolation.ts, `LevelPlan`) against the kit's search: the search runs whenever a field is an
// object, so the same schema with an unrelated object field (`meta`, which holds no level field) is resolved by the
// search alone, and must resolve alike: to the same type when it passes, to the same failure when it does not.
const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
    { name: "env", field: "envId", label: "ENV" },
  ],
});
type Kit = KitVocabularyOf<Levels<typeof kit.levels>>;
const { ids } = kit;
const meta = { meta: z.object({ note: z.string() }) };
/** The plan's resolution and the search's, for a schema's fields at a level (of `TKit`, by default the three-level kit). */
type BothPaths<TFields extends z.ZodRawShape, TLevel extends string, TKit extends PlannedVocabulary = Kit> = [
  ResolveKitIsolation<z.ZodObject<TFields>["shape"], TLevel, TKit>,
  ResolveKitIsolation<z.ZodObject<TFields & typeof meta>["shape"], TLevel, TKit>,
];

describe("a kit's planned resolution (each level's field at the top level, no object field)", () => {
  const fields = { orgId: ids.orgId(), workspaceId: ids.workspaceId(), envId: ids.envId(), id: z.string() };

  it("decides the common schema as the search, at every level", () => {
    type Innermost = BothPaths<typeof fields, "env">;
    type Middle = BothPaths<typeof fields, "workspace">;
    type Outermost = BothPaths<typeof fields, "org">;
    expectTypeOf<Innermost[0]>().toEqualTypeOf<Innermost[1]>();
    expectTypeOf<Middle[0]>().toEqualTypeOf<Middle[1]>();
    expectTypeOf<Outermost[0]>().toEqualTypeOf<Outermost[1]>();
    expectTypeOf<Innermost[0]>().toEqualTypeOf<{
      readonly level: "env";
      readonly kit: "ORG#WS#ENV";
      readonly fields: { readonly orgId: "orgId" } & { readonly workspaceId: "workspaceId" } & {
        readonly envId: "envId";
      };
      readonly prefix: "ORG#${orgId}#WS#${workspaceId}#ENV#${envId}";
    }>();
    expectTypeOf<Middle[0]["next"]>().toEqualTypeOf<"ENV">();
  });

  it("fields missing, typed never, any, as unions, optional, swapped or another kit's: the search's failure", () => {
    const other = defineIsolation({ levels: [{ name: "org", field: "orgId", label: "ORGANISATION" }] });
    const cases = {
      missing: { orgId: ids.orgId(), envId: ids.envId() },
      never: { orgId: ids.orgId(), workspaceId: ids.workspaceId() as never, envId: ids.envId() },
      any: { orgId: ids.orgId(), workspaceId: ids.workspaceId() as any, envId: ids.envId() }, // eslint-disable-line @typescript-eslint/no-explicit-any
      union: {
        orgId: ids.orgId(),
        workspaceId: flag ? ids.workspaceId() : ids.workspaceId().optional(),
        envId: ids.envId(),
      },
      optional: { orgId: ids.orgId(), workspaceId: ids.workspaceId(), envId: ids.envId().optional() },
      swapped: { orgId: ids.workspaceId(), workspaceId: ids.orgId(), envId: ids.envId() },
      otherKit: { orgId: other.ids.orgId(), workspaceId: ids.workspaceId(), envId: ids.envId() },
      plain: { orgId: z.string(), workspaceId: ids.workspaceId(), envId: ids.envId() },
    };
    type Case<TName extends keyof typeof cases> = BothPaths<(typeof cases)[TName], "env">;
    expectTypeOf<Case<"missing">[0]>().toEqualTypeOf<Case<"missing">[1]>();
    expectTypeOf<Case<"never">[0]>().toEqualTypeOf<Case<"never">[1]>();
    expectTypeOf<Case<"any">[0]>().toEqualTypeOf<Case<"any">[1]>();
    expectTypeOf<Case<"union">[0]>().toEqualTypeOf<Case<"union">[1]>();
    expectTypeOf<Case<"optional">[0]>().toEqualTypeOf<Case<"optional">[1]>();
    expectTypeOf<Case<"swapped">[0]>().toEqualTypeOf<Case<"swapped">[1]>();
    expectTypeOf<Case<"otherKit">[0]>().toEqualTypeOf<Case<"otherKit">[1]>();
    expectTypeOf<Case<"plain">[0]>().toEqualTypeOf<Case<"plain">[1]>();
    // And they are failures indeed, not the plan's resolution.
    expectTypeOf<Case<"swapped">[0]>().not.toHaveProperty("prefix");
    expectTypeOf<Case<"missing">[0]>().not.toHaveProperty("prefix");
  });

  it("decides alike in a one-level and a two-level kit (plans padded with never past their levels)", () => {
    const one = defineIsolation({ levels: [{ name: "org", field: "orgId", label: "ORG" }] });
    const two = defineIsolation({
      levels: [
        { name: "org", field: "orgId", label: "ORG" },
        { name: "workspace", field: "workspaceId", label: "WS" },
      ],
    });
    type One = KitVocabularyOf<Levels<typeof one.levels>>;
    type Two = KitVocabularyOf<Levels<typeof two.levels>>;
    const oneFields = { orgId: one.ids.orgId(), id: z.string() };
    const twoFields = { orgId: two.ids.orgId(), workspaceId: two.ids.workspaceId(), id: z.string() };
    type OnePass = BothPaths<typeof oneFields, "org", One>;
    type TwoPass = BothPaths<typeof twoFields, "workspace", Two>;
    type TwoOuter = BothPaths<typeof twoFields, "org", Two>;
    type TwoFail = BothPaths<{ orgId: typeof twoFields.orgId; workspaceId: z.ZodString }, "workspace", Two>;
    expectTypeOf<OnePass[0]>().toEqualTypeOf<OnePass[1]>();
    expectTypeOf<TwoPass[0]>().toEqualTypeOf<TwoPass[1]>();
    expectTypeOf<TwoOuter[0]>().toEqualTypeOf<TwoOuter[1]>();
    expectTypeOf<TwoFail[0]>().toEqualTypeOf<TwoFail[1]>();
    expectTypeOf<OnePass[0]["prefix"]>().toEqualTypeOf<"ORG#${orgId}">();
    expectTypeOf<TwoPass[0]["prefix"]>().toEqualTypeOf<"ORG#${orgId}#WS#${workspaceId}">();
    expectTypeOf<TwoFail[0]>().not.toHaveProperty("prefix");
  });

  it("keeps a pk given as a const variable literal", () => {
    const pk = "ORG#${orgId}#WS#${workspaceId}#ENV#${envId}#DOC#${id}";
    expectTypeOf(kit.defineEntity({ name: "Doc", schema: z.object(fields), pk }).templates.pk).toEqualTypeOf<
      typeof pk
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

/** The key inputs an entity's scope reads, as the definition records them (`Entity`'s sixth type argument). */
type RecordedKeyInput<TEntity> =
  TEntity extends Entity<
    infer _TName,
    infer _TSchema,
    infer _TTemplates,
    infer _TResolved,
    infer _TTable,
    infer TKeyInput
  >
    ? TKeyInput
    : never;
/** The same read from the entity's templates, as the adapter's scopes read them. */
type TemplatesKeyInput<TEntity> =
  TEntity extends Entity<infer _TName, infer TSchema, infer TTemplates, infer TResolved>
    ? TemplateKeyInput<TSchema["shape"], TTemplates, TResolved>
    : never;
/** The members of both, side by side. */
type KeyInputMembers<TKeyInput extends DefinedKeyInput> = {
  readonly input: TKeyInput["input"];
  readonly primary: TKeyInput["primary"];
  readonly table: TKeyInput["table"];
  readonly indexes: { readonly [TIndex in keyof TKeyInput["indexes"]]: TKeyInput["indexes"][TIndex] };
};

/** What `db.entity(E)` reads of an entity's isolation (the fast test first) and the rule it shortcuts. */
type Isolations<TEntity extends { readonly templates: object; readonly isolation: unknown }> = {
  readonly connected: ConnectedIsolation<TEntity["templates"], TEntity["isolation"]>;
  readonly recorded: RecordedIsolation<TEntity["templates"], TEntity["isolation"]>;
};

describe("the key inputs recorded by the definition (KeyInputOf) and read from the templates (TemplateKeyInput)", () => {
  const Flat = defineEntity({
    name: "Flat",
    table: "platform_data",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), role: z.string(), v: z.number() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    sk: "V#${v}#${tenantId}",
    indexes: {
      byRole: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "${id}" },
      byTenant: {
        pk: "TENANT#${tenantId}#ALL_ROLES",
        sk: "${capsuleId}#${id}",
        isolation: { level: "tenant", reason: "tenant admins list every capsule" },
      },
      bare: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ALL" },
    },
  });
  const Deep = defineEntity({
    name: "Deep",
    table: "platform_data",
    schema: nested.extend({ ctx: z.object({ region: z.string() }) }),
    pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#R#${ctx.region}",
    sk: "${id}",
  });
  const Tenant = defineEntity({
    name: "Tenant",
    table: "platform_data",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#B#${id}",
    isolation: { level: "tenant", reason: "tenant-wide" },
  });
  const Global = defineEntity({
    name: "Global",
    table: "platform_data",
    schema: z.object({ code: z.string() }),
    pk: "COUNTRY#${code}",
    isolation: { level: "global", reason: "reference data" },
  });
  const { defineEntity: defineKitEntity, ids } = defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      { name: "workspace", field: "workspaceId", label: "WS" },
    ],
  });
  const Kit = defineKitEntity({
    name: "Doc",
    table: "app_data",
    schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string(), tag: z.string() }),
    pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
    indexes: { byTag: { pk: "ORG#${orgId}#WS#${workspaceId}#TAG#${tag}", sk: "${docId}" } },
  });
  it("agree on every member, for each level, a kit, nested paths, ids in a sort key and an opted-out index", () => {
    type Entities = [typeof Flat, typeof Deep, typeof Tenant, typeof Global, typeof Kit];
    expectTypeOf<{ [TIndex in keyof Entities]: KeyInputMembers<RecordedKeyInput<Entities[TIndex]>> }>().toEqualTypeOf<{
      [TIndex in keyof Entities]: KeyInputMembers<TemplatesKeyInput<Entities[TIndex]>>;
    }>();
  });
  it("db.entity(E)'s isolation (ConnectedIsolation) is RecordedIsolation's, with and without opted-out indexes", () => {
    const KitOptedOut = defineKitEntity({
      name: "Page",
      table: "app_data",
      schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), pageId: z.string() }),
      pk: "ORG#${orgId}#WS#${workspaceId}#PAGE#${pageId}",
      indexes: {
        byOrg: { pk: "ORG#${orgId}#PAGES", sk: "${pageId}", isolation: { level: "org", reason: "org admins" } },
      },
    });
    expectTypeOf<Isolations<typeof Flat>["connected"]>().toEqualTypeOf<Isolations<typeof Flat>["recorded"]>();
    expectTypeOf<Isolations<typeof Deep>["connected"]>().toEqualTypeOf<Isolations<typeof Deep>["recorded"]>();
    expectTypeOf<Isolations<typeof Tenant>["connected"]>().toEqualTypeOf<Isolations<typeof Tenant>["recorded"]>();
    expectTypeOf<Isolations<typeof Global>["connected"]>().toEqualTypeOf<Isolations<typeof Global>["recorded"]>();
    expectTypeOf<Isolations<typeof Kit>["connected"]>().toEqualTypeOf<Isolations<typeof Kit>["recorded"]>();
    expectTypeOf<Isolations<typeof KitOptedOut>["connected"]>().toEqualTypeOf<
      Isolations<typeof KitOptedOut>["recorded"]
    >();
    // The one test decides the common case alone; an opted-out index is recorded.
    expectTypeOf<ConnectedIsolation<typeof Kit.templates, typeof Kit.isolation>>().toEqualTypeOf<
      typeof Kit.isolation
    >();
    expectTypeOf<ConnectedIsolation<typeof Flat.templates, typeof Flat.isolation>>().toExtend<{
      readonly outerIndexes: { readonly byTenant: object };
    }>();
  });
  it("records what each access path takes", () => {
    expectTypeOf<RecordedKeyInput<typeof Flat>["primary"]>().toEqualTypeOf<{
      readonly id: string;
      readonly v: number;
    }>();
    expectTypeOf<RecordedKeyInput<typeof Flat>["indexes"]["byRole"]>().toEqualTypeOf<{ readonly role: string }>();
    expectTypeOf<RecordedKeyInput<typeof Flat>["indexes"]["bare"]>().toEqualTypeOf<{}>();
    expectTypeOf<RecordedKeyInput<typeof Flat>["indexes"]["byTenant"]>().toBeNever();
    expectTypeOf<RecordedKeyInput<typeof Deep>["table"]>().toEqualTypeOf<{
      readonly ctx: { readonly region: string };
    }>();
    expectTypeOf<RecordedKeyInput<typeof Global>["table"]>().toEqualTypeOf<{ readonly code: string }>();
  });
});
