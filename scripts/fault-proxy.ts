/**
 * A loopback HTTP proxy in front of a real DynamoDB server (DynamoDB Local), for tests of the retry paths the server
 * never takes by itself. Every request is forwarded unchanged unless the test's `fault` says otherwise for it:
 * - `{ pass: n }` on a BatchWriteItem or BatchGetItem: only the first `n` requests or keys of its table reach the
 *   server (so what is written is really written, what is read really read); the rest come back in the answer as
 *   `UnprocessedItems` / `UnprocessedKeys`, as DynamoDB answers when a table is throttled;
 * - `{ cancel: "ThrottlingError" }` on a TransactWriteItems: nothing reaches the server, and the answer is a
 *   `TransactionCanceledException` whose every reason is that code (DynamoDB's answer to a throttled transaction).
 * Local servers check no signatures, so a rewritten body still passes. The proxy logs, per operation, what it let
 * through, so a test can count attempts and check that each item reached the server once.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the proxy does to one request. */
export type Fault = { readonly pass: number } | { readonly cancel: string };

/** One request as the proxy saw it: the operation, and what of its table's requests or keys went through. */
export interface ProxiedRequest {
  readonly operation: string;
  /** The JSON body as received. */
  readonly body: Record<string, unknown>;
  /** BatchWriteItem / BatchGetItem: the table's requests or keys forwarded to the server. */
  readonly forwarded: readonly unknown[];
  readonly fault: Fault | undefined;
}

/**
 * A running proxy: its endpoint, its log, and how to stop it.
 *
 * @example
 * const proxy = await startFaultProxy(local.endpoint, (operation, index) => (index === 0 ? { pass: 3 } : undefined));
 * try { … connectLocalDynamo(proxy.endpoint) … } finally { await proxy.stop(); }
 */
export interface FaultProxy {
  readonly endpoint: string;
  readonly requests: readonly ProxiedRequest[];
  /** The requests of one operation (`BatchWriteItem`, `TransactWriteItems`, …), in arrival order. */
  of(operation: string): readonly ProxiedRequest[];
  stop(): Promise<void>;
}

/**
 * Decides the fault of a request from its operation, its index among that operation's requests (0 for the first)
 * and its body; `undefined` forwards it unchanged.
 */
export type FaultRule = (operation: string, index: number, body: Record<string, unknown>) => Fault | undefined;

/**
 * Starts a proxy on a free loopback port in front of `target` (an `http://127.0.0.1:port` endpoint).
 *
 * @example
 * const proxy = await startFaultProxy(local.endpoint, (operation) => (operation === "BatchWriteItem" ? { pass: 0 } : undefined));
 */
export async function startFaultProxy(target: string, rule: FaultRule): Promise<FaultProxy> {
  const requests: ProxiedRequest[] = [];
  const of = (operation: string) => requests.filter((entry) => entry.operation === operation);
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const text = await readBody(incoming);
      const operation = String(incoming.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
      const fault = rule(operation, of(operation).length, body);
      const answer = (status: number, json: unknown): void => {
        const payload = JSON.stringify(json);
        outgoing.writeHead(status, {
          "content-type": "application/x-amz-json-1.0",
          "content-length": Buffer.byteLength(payload),
        });
        outgoing.end(payload);
      };

      if (fault !== undefined && "cancel" in fault) {
        requests.push({ operation, body, forwarded: [], fault });
        const items = (body["TransactItems"] as unknown[] | undefined) ?? [];
        answer(400, {
          __type: "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
          message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${items.map(() => fault.cancel).join(", ")}]`,
          CancellationReasons: items.map(() => ({ Code: fault.cancel, Message: "Throughput exceeds the limit" })),
        });
        return;
      }

      const split = splitBatch(operation, body, fault);
      requests.push({ operation, body, forwarded: split?.forwarded ?? [], fault });
      // A batch of no request or key is invalid: with nothing to let through, the server is not asked at all.
      if (split !== undefined && split.forwarded.length === 0) return answer(200, split.answer({}));
      const forwardedText = split === undefined ? text : JSON.stringify(split.body);
      const response = await forward(target, incoming, forwardedText);
      if (split === undefined || response.status !== 200) {
        outgoing.writeHead(response.status, response.headers);
        outgoing.end(response.body);
        return;
      }
      answer(200, split.answer(JSON.parse(response.body) as Record<string, unknown>));
    })().catch((error: unknown) => {
      outgoing.writeHead(500, { "content-type": "text/plain" });
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    of,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A batch request cut to its first `pass` requests or keys (one table per batch, as the adapter sends): the body
 * to forward, what it forwards, and how to add the rest to the server's answer as unprocessed.
 */
function splitBatch(
  operation: string,
  body: Record<string, unknown>,
  fault: Fault | undefined,
):
  | {
      body: Record<string, unknown>;
      forwarded: readonly unknown[];
      answer: (server: Record<string, unknown>) => Record<string, unknown>;
    }
  | undefined {
  const requestItems = body["RequestItems"] as Record<string, unknown> | undefined;
  const [table, entry] = Object.entries(requestItems ?? {})[0] ?? [];
  if (table === undefined || (operation !== "BatchWriteItem" && operation !== "BatchGetItem")) return undefined;
  const pass = fault !== undefined && "pass" in fault ? fault.pass : Infinity;
  if (operation === "BatchWriteItem") {
    const all = entry as unknown[];
    const [forwarded, rest] = [all.slice(0, pass), all.slice(pass)];
    return {
      body: { ...body, RequestItems: { [table]: forwarded } },
      forwarded,
      answer: (server) => ({ ...server, UnprocessedItems: rest.length === 0 ? {} : { [table]: rest } }),
    };
  }
  const { Keys, ...options } = entry as { Keys: unknown[] };
  const [forwarded, rest] = [Keys.slice(0, pass), Keys.slice(pass)];
  return {
    body: { ...body, RequestItems: { [table]: { ...options, Keys: forwarded } } },
    forwarded,
    answer: (server) => ({
      ...server,
      UnprocessedKeys: rest.length === 0 ? {} : { [table]: { ...options, Keys: rest } },
    }),
  };
}

async function readBody(stream: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

/** Sends the request, with `body`, to the server; the answer's status, headers (no checksum of the old body) and body. */
function forward(
  target: string,
  incoming: IncomingMessage,
  body: string,
): Promise<{ status: number; headers: Record<string, string | string[]>; body: string }> {
  const url = new URL(incoming.url ?? "/", target);
  const headers = { ...incoming.headers, host: url.host, "content-length": String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: incoming.method, headers }, (response) => {
      void readBody(response).then((text) => {
        const { "x-amz-crc32": _checksum, "content-length": _length, ...kept } = response.headers;
        resolve({
          status: response.statusCode ?? 500,
          headers: {
            ...(kept as Record<string, string | string[]>),
            "content-length": String(Buffer.byteLength(text)),
          },
          body: text,
        });
      }, reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
