/**
 * `npm run demo`: what capsule-entity does, on its built-in sample.
 * 1. Declares the platform's entities (examples/platform/) and prints their keys for sample ids; then the same
 *    with an org/workspace kit of one's own vocabulary (examples/patterns/isolation-vocabulary.ts).
 * 2. Compiles the classic mistakes (examples/bad/) with TypeScript and prints what the compiler says.
 * 3. Audits the sample event corpus (examples/events/), with no rules given, and prints what deviates.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { messageParts } from "./errors-doc.js";
import { catalogMessage, compile, compilers, root } from "../types-tests/compilers.js";
import { runAudit } from "../src/cli/audit-command.js";
import { capsuleId, tenantId } from "../src/index.js";
import { Account, Entitlement, RoleAssignment, SecurityGroup, Session } from "../examples/platform/auth.js";
import { CatalogItem } from "../examples/platform/catalog.js";
import { ComplexEntity } from "../examples/platform/complex-entity.js";
import { FederalComplianceRecord } from "../examples/platform/crm.js";
import { GenericEntity } from "../examples/platform/generic-entity.js";
import * as kit from "../examples/patterns/isolation-vocabulary.js";

const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);
const tenant = tenantId().parse("acme");
const capsule = capsuleId().parse("eu-prod");
const ids = { tenantId: tenant, capsuleId: capsule };

console.log(bold("1. Keys of the platform's entities, for tenant acme, capsule eu-prod\n"));
const samples: readonly [string, Record<string, string>][] = [
  ["Account", Account.keys({ ...ids, id: "a-17", email: "ana@acme.test" })],
  ["RoleAssignment", RoleAssignment.keys({ ...ids, id: "ra-3", role: "admin" })],
  ["SecurityGroup", SecurityGroup.keys({ ...ids, id: "g-ops" })],
  ["Entitlement", Entitlement.keys({ ...ids, id: "e-9", feature: "sso" })],
  ["Session", Session.keys({ ...ids, id: "s-501", accountId: "a-17", startedAt: "2026-11-30T09:00:00Z" })],
  [
    "FederalComplianceRecord",
    FederalComplianceRecord.keys({ ...ids, id: "f-1", framework: "FedRAMP", controlId: "AC-2" }),
  ],
  ["CatalogItem", CatalogItem.keys({ ...ids, sku: "SKU-42", category: "tools", priceCents: 1999 })],
  ["GenericEntity", GenericEntity.keys({ ...ids, id: "x-1", entityKind: "note", version: 7 })],
  ["ComplexEntity", ComplexEntity.keys({ context: ids, id: "cx-2" })],
];
for (const [name, keys] of samples) {
  console.log(`  ${name}`);
  for (const [attribute, key] of Object.entries(keys)) console.log(`    ${attribute.padEnd(12)} ${key}`);
}

const scope = RoleAssignment.scope(ids);
console.log(
  `\n  RoleAssignment.scope(acme, eu-prod).get({ id: "ra-3" }) → ${JSON.stringify(scope.get({ id: "ra-3" }))}`,
);
try {
  scope.put({ ...ids, capsuleId: capsuleId().parse("eu-prod2"), id: "ra-4", accountId: "a-1", role: "viewer" });
} catch (error) {
  console.log(
    `  put() with another capsule's attributes → ${(error as Error).name}: ${(error as Error).message.split(" | ")[0]}`,
  );
}

console.log(
  bold("\n   The same with your own vocabulary: an org/workspace kit (examples/patterns/isolation-vocabulary.ts)\n"),
);
const acmeEng = { orgId: kit.ids.orgId().parse("acme"), workspaceId: kit.ids.workspaceId().parse("eng") };
for (const [name, keys] of [
  ["Document", kit.Document.keys({ ...acmeEng, docId: "d-1" })],
  ["OrgBilling", kit.OrgBilling.keys({ orgId: acmeEng.orgId })],
] as const) {
  console.log(`  ${name}`);
  for (const [attribute, key] of Object.entries(keys)) console.log(`    ${attribute.padEnd(12)} ${key}`);
}
const documents = kit.documentsOf({ orgId: "acme", workspaceId: "eng" });
console.log(`\n  Document.scope(acme, eng).get({ docId: "d-1" }) → ${JSON.stringify(documents.get({ docId: "d-1" }))}`);
try {
  documents.put({ ...acmeEng, workspaceId: kit.ids.workspaceId().parse("sales"), docId: "d-2", title: "Pipeline" });
} catch (error) {
  console.log(
    `  put() with another workspace's attributes → ${(error as Error).name}: ${(error as Error).message.split(" | ")[0]}`,
  );
}
console.log(
  `  leadingKeysPolicy({ orgId, workspaceId }) → LeadingKeys ${JSON.stringify(kit.workspacePolicy.Statement[0].Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"])}`,
);

console.log(bold("\n2. The classic mistakes (examples/bad/), as the TypeScript compiler reports them\n"));
const compiler = compilers[0]!;
const { diagnostics } = await compile(compiler, "types-tests/compile-fail/tsconfig.json");
for (const diagnostic of diagnostics.filter((d) => d.file.startsWith(path.join("examples", "bad")))) {
  const source = readFileSync(path.join(root, diagnostic.file), "utf8").split("\n");
  const message = catalogMessage(diagnostic);
  console.log(`  ${diagnostic.file}:${diagnostic.line}  (${source[0]?.replace(/^\/\/ /, "")})`);
  console.log(`    ${source[diagnostic.line - 1]?.trim()}`);
  if (message === undefined) {
    console.log(`    ${diagnostic.message}\n`);
    continue;
  }
  const parts = messageParts(message);
  console.log(`    ✖ [${parts.code}] ${parts.what}`);
  console.log(`    → fix: ${parts.fix}`);
  console.log(`    → e.g. ${parts.example}\n`);
}
console.log(
  `  (${diagnostics.length} diagnostics from ${compiler.name} over examples/bad and the compile-fail fixtures; the same messages are thrown at runtime.)`,
);

console.log(bold("\n3. capsule-entity audit examples/events/sample-events.ndjson (no rules given)\n"));
await runAudit(["examples/events/sample-events.ndjson", "--fail-on", "none"], {
  stdin: process.stdin,
  stdinIsTTY: false,
  stdout: process.stdout,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderr: process.stderr,
  stderrIsTTY: false,
  env: process.env,
});
