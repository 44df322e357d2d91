import type { CorpusSpec } from "./corpus-generator.js";

/**
 * The sample corpus: 2,847 events from the auth, CRM and catalog services, in which six entities lack
 * capsule isolation (no capsule id, no CAPSULE# key segment): RoleAssignment, SecurityGroup, Session
 * (auth), FederalComplianceRecord (CRM), Entitlement and PriceList (catalog). The noise is deliberate:
 * CRM writes camelCase and nests Deal ids under `context`, catalog emits flat events, optional fields,
 * MfaDeviceRegistered and NoteAdded spell the capsule id differently (naming drift, LOW),
 * InventoryAdjusted drops it from a few events (MEDIUM), and four lines are broken.
 */
export const SAMPLE_SPEC: CorpusSpec = {
  seed: 20_261_130,
  events: 2847,
  outer: "tenant",
  inner: "capsule",
  crlfEvery: 700,
  brokenLines: [
    '{"version":"0","detail-type":"UserCreated","source":"acme.auth","detail":{"tenant_id":"t-1f',
    "[WARN] Capsule isolation violation detected Entity: RoleAssignment",
    '{"source":"acme.crm","detail":{"tenantId":"t-000000"}}',
    '"RoleAssignmentCreated"',
  ],
  services: [
    {
      source: "acme.auth",
      format: "eventbridge",
      naming: "snake",
      entities: [
        { name: "User", verbs: ["Created", "Updated", "Deactivated"], label: "USER", idWords: ["user", "id"], weight: 14, isolated: true, extra: { email: "word", "display name": "word" } },
        { name: "Account", verbs: ["Created", "Updated"], label: "ACCOUNT", idWords: ["account", "id"], weight: 9, isolated: true, extra: { plan: "word", seats: "number" } },
        { name: "ApiKey", verbs: ["Issued", "Revoked"], label: "APIKEY", idWords: ["key", "id"], weight: 4, isolated: true, extra: { scope: "word" } },
        { name: "MfaDevice", verbs: ["Registered"], label: "MFA", idWords: ["device", "id"], weight: 3, isolated: true, innerSpelling: "capsuleId" },
        { name: "RoleAssignment", verbs: ["Created", "Revoked"], label: "ROLE", idWords: ["assignment", "id"], weight: 6, isolated: false, extra: { role: "word" } },
        { name: "SecurityGroup", verbs: ["Created"], label: "GROUP", idWords: ["group", "id"], weight: 3, isolated: false, extra: { members: "number" } },
        { name: "Session", verbs: ["Started"], label: "SESSION", idWords: ["session", "id"], weight: 10, isolated: false, extra: { ip: "word", "mfa used": "flag" } },
      ],
    },
    {
      source: "acme.crm",
      format: "eventbridge",
      naming: "camel",
      entities: [
        { name: "Contact", verbs: ["Created", "Updated"], label: "CONTACT", idWords: ["contact", "id"], weight: 10, isolated: true, extra: { email: "word", "lead score": "number" } },
        { name: "Company", verbs: ["Created"], label: "COMPANY", idWords: ["company", "id"], weight: 3, isolated: true, extra: { industry: "word" } },
        { name: "Deal", verbs: ["Created", "StageChanged"], label: "DEAL", idWords: ["deal", "id"], weight: 6, isolated: true, nestIn: "context", extra: { stage: "word", amount: "number" } },
        { name: "Note", verbs: ["Added"], label: "NOTE", idWords: ["note", "id"], weight: 4, isolated: true, innerSpelling: "CapsuleID", extra: { body: "word" } },
        { name: "Activity", verbs: ["Logged"], label: "ACTIVITY", idWords: ["activity", "id"], weight: 5, isolated: true, extra: { channel: "word", details: "nested" } },
        { name: "FederalComplianceRecord", verbs: ["Filed", "Updated"], label: "FEDCOMP", idWords: ["record", "id"], weight: 2, isolated: false, extra: { agency: "word", classification: "word" } },
      ],
    },
    {
      source: "acme.catalog",
      format: "flat",
      naming: "snake",
      entities: [
        { name: "Product", verbs: ["Created", "Updated", "Archived"], label: "PRODUCT", idWords: ["product", "id"], weight: 12, isolated: true, extra: { sku: "word", price: "number", attributes: "nested" } },
        { name: "Category", verbs: ["Created"], label: "CATEGORY", idWords: ["category", "id"], weight: 2, isolated: true, extra: { title: "word" } },
        { name: "Inventory", verbs: ["Adjusted"], label: "INVENTORY", idWords: ["item", "id"], weight: 8, isolated: true, innerMissingRate: 0.06, extra: { delta: "number" } },
        { name: "Entitlement", verbs: ["Granted"], label: "ENTITLEMENT", idWords: ["entitlement", "id"], weight: 4, isolated: false, extra: { product: "word" } },
        { name: "PriceList", verbs: ["Published"], label: "PRICELIST", idWords: ["price", "list", "id"], weight: 2, isolated: false, extra: { currency: "word" } },
      ],
    },
  ],
};

/** The entities of the sample that lack capsule isolation. */
export const SAMPLE_VIOLATORS: readonly string[] = ["RoleAssignment", "SecurityGroup", "Session", "FederalComplianceRecord", "Entitlement", "PriceList"];
