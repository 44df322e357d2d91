import type { CorpusSpec, EntitySpec } from "./corpus-generator.js";

/**
 * Corpora the audit was not tuned on, for its tests: other services, other boundary words and labels
 * (ORG/WORKSPACE, ACCT/PROJECT), other proportions, a clean corpus and planted violations of each kind.
 */

const entity = (
  name: string,
  label: string,
  idWords: readonly string[],
  extra: Partial<EntitySpec> = {},
): EntitySpec => ({
  name,
  verbs: ["Created", "Updated"],
  label,
  idWords,
  weight: 1,
  isolated: true,
  ...extra,
});

/** Billing, messaging and analytics isolated by org and workspace; Invoice and Webhook are not. */
export const WORKSPACE_SPEC: CorpusSpec = {
  seed: 7,
  events: 1600,
  outer: "org",
  inner: "workspace",
  minPerType: 30,
  brokenLines: ["<html>502 Bad Gateway</html>", "{}"],
  services: [
    {
      source: "billing",
      format: "flat",
      naming: "camel",
      entities: [
        entity("Subscription", "SUB", ["subscription", "id"], { extra: { plan: "word" } }),
        entity("Invoice", "INV", ["invoice", "id"], { isolated: false, extra: { total: "number" } }),
        entity("PaymentMethod", "PM", ["method", "id"], { verbs: ["Attached"] }),
        entity("Coupon", "COUPON", ["coupon", "id"], { verbs: ["Redeemed"], mismatchRate: 0.05 }),
      ],
    },
    {
      source: "messaging",
      format: "eventbridge",
      naming: "pascal",
      entities: [
        entity("Channel", "CHANNEL", ["channel", "id"]),
        entity("Message", "MSG", ["message", "id"], {
          verbs: ["Posted", "Edited", "Deleted"],
          weight: 3,
          extra: { body: "word", meta: "nested" },
        }),
        entity("Webhook", "HOOK", ["hook", "id"], { verbs: ["Registered"], isolated: false }),
        entity("Reaction", "REACT", ["reaction", "id"], { verbs: ["Added"], nestIn: "scope" }),
      ],
    },
    {
      source: "analytics",
      format: "eventbridge",
      naming: "snake",
      entities: [
        entity("Dashboard", "DASH", ["dashboard", "id"], { extra: { widgets: "number" } }),
        entity("Report", "REPORT", ["report", "id"], { verbs: ["Generated"], innerMissingRate: 0.3 }),
        entity("Export", "EXPORT", ["export", "id"], { verbs: ["Requested", "Completed"] }),
      ],
    },
  ],
};

/** What WORKSPACE_SPEC plants, by event type. */
export const WORKSPACE_PLANTED = {
  /** Lacking the inner boundary: HIGH. Report drops it from 30% of events: HIGH too. */
  high: ["InvoiceCreated", "InvoiceUpdated", "WebhookRegistered", "ReportGenerated"],
  /** Coupon keys carry another org than the event's own in some events. */
  critical: ["CouponRedeemed"],
} as const;

/** One service, accounts and projects, every entity isolated and consistently named: no findings. */
export const CLEAN_SPEC: CorpusSpec = {
  seed: 99,
  events: 400,
  outer: "acct",
  inner: "project",
  minPerType: 12,
  services: [
    {
      source: "builds",
      format: "eventbridge",
      naming: "snake",
      entities: [
        entity("Pipeline", "PIPE", ["pipeline", "id"]),
        entity("Job", "JOB", ["job", "id"], { verbs: ["Queued", "Started", "Finished"], weight: 4 }),
        entity("Artifact", "ART", ["artifact", "id"], { verbs: ["Uploaded"] }),
        entity("Secret", "SECRET", ["secret", "id"], { verbs: ["Rotated"] }),
      ],
    },
  ],
};
