// Type-checked against the packed package (types-tests/package.test.ts), as a consumer sees it.
import { z } from "zod";
import {
  capsuleId,
  defineEntity,
  IsolationError,
  tenantId,
  type InferAttributes,
  type InferKeys,
} from "capsule-entity";
import { auditInputs, renderJson, renderText, type AuditResult, type Finding } from "capsule-entity/audit";

export const Invitation = defineEntity({
  name: "Invitation",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    code: z.string(),
    email: z.email(),
    expiresAt: z.int(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#INVITE#${code}",
  sk: "EXPIRES#${expiresAt}",
});
export type Invitation = InferAttributes<typeof Invitation>;

const ids = { tenantId: tenantId().parse("acme"), capsuleId: capsuleId().parse("eu-prod") };
export const sk: `EXPIRES#${number}` = Invitation.keys({ ...ids, code: "x1", expiresAt: 1767225600 }).sk;
export const keys: InferKeys<typeof Invitation> = Invitation.keys({ ...ids, code: "x1", expiresAt: 1767225600 });
export const get = Invitation.scope(ids).get({ code: "x1", expiresAt: 1767225600 });
export const isIsolationError = (error: unknown): boolean => error instanceof IsolationError;

export const Leaky = defineEntity({
  name: "Leaky",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  // @ts-expect-error the isolation rule holds through the published declarations: pk lacks CAPSULE#
  pk: "TENANT#${tenantId}#LEAKY#${id}",
});

// The audit's programmatic API, from its own entry point: a corpus in memory, audited and rendered.
export async function auditInMemory(ndjson: string): Promise<string> {
  const chunks = (async function* () {
    yield new TextEncoder().encode(ndjson);
  })();
  const result: AuditResult = await auditInputs([{ name: "memory", chunks }]);
  const serious: readonly Finding[] = result.findings.filter((finding) => finding.risk === "high");
  return serious.length === 0 ? renderText(result, { color: false }) : renderJson(result);
}
