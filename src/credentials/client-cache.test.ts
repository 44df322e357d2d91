import { describe, expect, it } from "vitest";
import { scopedClientCache, type ScopeCredentials, type ScopeLevelIds } from "capsule-entity/credentials";

/** A credential provider that vends numbered credentials valid `lifetime` ms from the test clock's now. */
function vendor(clock: { now: number }, lifetime = 900_000) {
  const calls: ScopeLevelIds[] = [];
  const credentials = async (ids: ScopeLevelIds): Promise<ScopeCredentials> => {
    calls.push(ids);
    return {
      accessKeyId: `AK${calls.length}`,
      secretAccessKey: "secret",
      sessionToken: `${ids.tenantId}/${ids.capsuleId ?? "*"}`,
      expiration: new Date(clock.now + lifetime),
    };
  };
  return { calls, credentials };
}
/** The "client" of these tests: the credentials it was built with, so each test sees which it got. */
const createClient = (credentials: ScopeCredentials, ids: ScopeLevelIds) => ({ credentials, ids });

describe("scopedClientCache", () => {
  it("one client per scope, reused while its credentials are fresh, replaced within the refresh margin", async () => {
    const clock = { now: 0 };
    const { calls, credentials } = vendor(clock);
    const clients = scopedClientCache({ credentials, createClient, now: () => clock.now });
    const first = await clients.client({ tenantId: "t1", capsuleId: "c1" });
    expect(first.credentials.sessionToken).toBe("t1/c1");
    expect(await clients.client({ tenantId: "t1", capsuleId: "c1" })).toBe(first);
    const other = await clients.client({ tenantId: "t1", capsuleId: "c10" });
    expect(other.credentials.sessionToken).toBe("t1/c10");
    expect((await clients.client({ tenantId: "t1" })).credentials.sessionToken).toBe("t1/*");
    expect(calls).toHaveLength(3);

    clock.now = 900_000 - 300_001; // still more than the 300 s margin before expiry
    expect(await clients.client({ tenantId: "t1", capsuleId: "c1" })).toBe(first);
    clock.now = 900_000 - 300_000; // inside the margin: vended again
    const refreshed = await clients.client({ tenantId: "t1", capsuleId: "c1" });
    expect(refreshed).not.toBe(first);
    expect(refreshed.credentials.accessKeyId).toBe("AK4");
    expect(refreshed.credentials.expiration?.getTime()).toBe(clock.now + 900_000);
  });

  it("concurrent calls for one scope share one vend; a failed vend is forgotten and retried", async () => {
    const clock = { now: 0 };
    const { calls, credentials } = vendor(clock);
    let failNext = true;
    const clients = scopedClientCache({
      credentials: async (ids) => {
        if (failNext) {
          failNext = false;
          throw new Error("STS unavailable");
        }
        return credentials(ids);
      },
      createClient,
      now: () => clock.now,
    });
    await expect(clients.client({ tenantId: "t1", capsuleId: "c1" })).rejects.toThrow("STS unavailable");
    expect(clients.size).toBe(0);
    const [a, b] = await Promise.all([
      clients.client({ tenantId: "t1", capsuleId: "c1" }),
      clients.client({ tenantId: "t1", capsuleId: "c1" }),
    ]);
    expect(a).toBe(b);
    expect(calls).toHaveLength(1);
  });

  it("evicts the least recently used scope past maxEntries; delete forgets one", async () => {
    const clock = { now: 0 };
    const { calls, credentials } = vendor(clock);
    const clients = scopedClientCache({ credentials, createClient, maxEntries: 2, now: () => clock.now });
    const c1 = await clients.client({ tenantId: "t1", capsuleId: "c1" });
    await clients.client({ tenantId: "t1", capsuleId: "c2" });
    expect(await clients.client({ tenantId: "t1", capsuleId: "c1" })).toBe(c1); // c1 most recent now
    await clients.client({ tenantId: "t1", capsuleId: "c3" }); // evicts c2
    expect(clients.size).toBe(2);
    expect(await clients.client({ tenantId: "t1", capsuleId: "c1" })).toBe(c1);
    await clients.client({ tenantId: "t1", capsuleId: "c2" });
    expect(calls.map((ids) => ids.capsuleId)).toEqual(["c1", "c2", "c3", "c2"]);
    clients.delete({ tenantId: "t1", capsuleId: "c2" });
    expect(clients.size).toBe(1);
  });

  it("never confuses scopes whose ids look alike", async () => {
    const clock = { now: 0 };
    const { credentials } = vendor(clock);
    const clients = scopedClientCache({ credentials, createClient, now: () => clock.now });
    const pairs = [{ tenantId: "t1", capsuleId: "c1" }, { tenantId: "t1c1" }, { tenantId: 't1","c1' }];
    for (const ids of pairs) expect((await clients.client(ids)).ids).toEqual(ids);
    expect(clients.size).toBe(pairs.length);
  });

  it("refuses ids that name no scope at the call, before its provider (yours too) is asked", async () => {
    const { calls, credentials } = vendor({ now: 0 });
    const clients = scopedClientCache({ credentials, createClient });
    await expect(clients.client({ tenantId: "t1", capsuleId: "" })).rejects.toThrow(
      /^\[credentials\.invalid\] capsuleId is "", not an id \(a non-empty string without "#"\) \| /,
    );
    await expect(clients.client({ capsuleId: "c1" } as never)).rejects.toThrow(
      /^\[credentials\.invalid\] tenantId is missing: credentials are vended for a scope of at least that level \| /,
    );
    expect(calls).toHaveLength(0);
    expect(clients.size).toBe(0);
  });

  it("delete refuses ids that name no scope as client does, in the same words (it forgot nothing silently)", async () => {
    const clock = { now: 0 };
    const { credentials } = vendor(clock);
    const clients = scopedClientCache({ credentials, createClient, now: () => clock.now });
    await clients.client({ tenantId: "t1", capsuleId: "c1" });
    expect(() => clients.delete({ tenantId: "t1", capsuleId: "" })).toThrow(
      /^\[credentials\.invalid\] capsuleId is "", not an id \(a non-empty string without "#"\) \| /,
    );
    expect(() => clients.delete({ capsuleId: "c1" } as never)).toThrow(
      /^\[credentials\.invalid\] tenantId is missing: credentials are vended for a scope of at least that level \| /,
    );
    expect(clients.size).toBe(1);
    clients.delete({ tenantId: "t1", capsuleId: "c1" });
    expect(clients.size).toBe(0);
  });

  it("refuses a refresh margin as long as the session, and bad sizes, with the catalog message", async () => {
    const clock = { now: 0 };
    const { credentials } = vendor(clock, 600_000);
    const clients = scopedClientCache({ credentials, createClient, refreshBeforeSeconds: 600, now: () => clock.now });
    await expect(clients.client({ tenantId: "t1" })).rejects.toThrow(
      /^\[credentials\.invalid\] refreshBeforeSeconds is 600, not shorter than the session vended \| /,
    );
    expect(() => scopedClientCache({ credentials, createClient, maxEntries: 0 })).toThrow(/maxEntries is 0/);
    expect(() => scopedClientCache({ credentials, createClient, refreshBeforeSeconds: -1 })).toThrow(
      /refreshBeforeSeconds is -1/,
    );
  });

  it("credentials without an expiration are kept", async () => {
    let vended = 0;
    const clients = scopedClientCache({
      credentials: async () => ({ accessKeyId: `AK${++vended}`, secretAccessKey: "s" }),
      createClient,
    });
    const first = await clients.client({ tenantId: "t1" });
    expect(await clients.client({ tenantId: "t1" })).toBe(first);
    expect(vended).toBe(1);
  });
});
