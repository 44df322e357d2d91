import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { auditInputs } from "./index.js";
import { escapeHtml, renderHtml } from "./report-html.js";

const hostile = "<script>alert(1)</script>";

async function auditLines(lines: readonly object[]) {
  return auditInputs([
    {
      name: 'x"><img src=x>.ndjson',
      chunks: Readable.from([Buffer.from(lines.map((line) => JSON.stringify(line)).join("\n"))]),
    },
  ]);
}

describe("renderHtml", () => {
  it("escapes every name that comes from the corpus", async () => {
    const lines = ["A", "B", "C", hostile].flatMap((type) =>
      Array.from({ length: 3 }, (_, index) => ({
        type,
        source: `<b>svc</b>`,
        [`<i onmouseover=x>`]: 1,
        ...(type === hostile ? {} : { org: `o${index}`, pk: `ORG#o${index}#X#${index}` }),
      })),
    );
    const html = renderHtml(await auditLines(lines));
    expect(html).not.toMatch(/<script>|<b>svc|<i onmouseover|<img src=x>/);
    expect(html).toContain(escapeHtml(hostile));
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it("says what the reader unwrapped and warns of the --max-depth cut, escaped, as the text report does", async () => {
    const event = (type: string, key: string) => ({
      "detail-type": type,
      source: "s",
      detail: { a: { [key]: { c: 1 } } },
    });
    const lines = [
      { messageId: "m1", receiptHandle: "r", body: JSON.stringify(event("A", "<b>x")) },
      { Type: "Notification", MessageId: "m2", TopicArn: "arn:aws:sns:::t", Message: JSON.stringify(event("B", "y")) },
    ];
    const result = await auditInputs(
      [
        {
          name: "w.ndjson",
          chunks: Readable.from([Buffer.from(lines.map((line) => JSON.stringify(line)).join("\n"))]),
        },
      ],
      { read: { maxDepth: 1, maxLineLength: 1 << 20 } },
    );
    const html = renderHtml(result);
    expect(html).toContain('<p class="unwrapped">Unwrapped: 1 SQS message, 1 SNS notification</p>');
    expect(html).toContain(
      '<p class="warning depth-cut">⚠ --max-depth cut 2 field occurrences (e.g. a.&lt;b&gt;x): not profiled, raise --max-depth to audit them</p>',
    );
    const plain = await auditLines(["A", "B", "C"].map((type) => ({ type, id: 1 })));
    expect(renderHtml(plain)).not.toMatch(/class="unwrapped"|class="warning/);
  });

  it("says so when there is nothing to report", async () => {
    const html = renderHtml(await auditLines(["A", "B", "C"].map((type) => ({ type, id: 1 }))));
    expect(html).toContain("No findings: every event type follows the inferred pattern.");
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
