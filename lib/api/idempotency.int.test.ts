// idempotent() against the real idempotency_keys table (app role, RLS live): expiry, failures
// that must not be remembered, scoping per user and per clinic. The HTTP-level behaviour
// (replay, 422, 409) is covered through the booking endpoint in appointments-api.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { asOwner, closeOwnerPool, createTenant, createUser, scopeFor } from "@/lib/testing/factories";
import { json } from "./http";
import { idempotent, requestHash } from "./idempotency";

let alice: Context;
let bob: Context;
let elsewhere: Context;

beforeAll(async () => {
  const [clinic, other] = await Promise.all([createTenant(), createTenant()]);
  const [a, b, c] = await Promise.all([
    createUser(clinic, { roles: ["secretary"] }), createUser(clinic, { roles: ["secretary"] }), createUser(other, { roles: ["secretary"] }),
  ]);
  [alice, bob, elsewhere] = [scopeFor(clinic, a, ["secretary"]), scopeFor(clinic, b, ["secretary"]), scopeFor(other, c, ["secretary"])];
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

const post = (key: string) => new Request("http://t.localhost:3000/api/v1/things", { method: "POST", headers: { "idempotency-key": key } });

/** An effect that counts its runs and answers 201 with the run number. */
function counter() {
  let runs = 0;
  return { runs: () => runs, effect: async () => json({ run: ++runs }, 201) };
}

describe("idempotent()", () => {
  it("runs again once the stored answer has expired (24 h)", async () => {
    const c = counter();
    const t0 = new Date("2026-11-20T10:00:00Z");
    expect(await (await idempotent(post("exp-1"), alice, { a: 1 }, c.effect, t0)).json()).toEqual({ run: 1 });
    const within = await idempotent(post("exp-1"), alice, { a: 1 }, c.effect, new Date(t0.getTime() + 23 * 3_600_000));
    expect([await within.json(), within.headers.get("idempotency-replayed")]).toEqual([{ run: 1 }, "true"]);
    const after = await idempotent(post("exp-1"), alice, { a: 2 }, c.effect, new Date(t0.getTime() + 25 * 3_600_000));
    expect([after.status, await after.json()]).toEqual([201, { run: 2 }]);
  });

  it("remembers a refusal of the domain (4xx) but not a failure (5xx), which may be retried", async () => {
    let runs = 0;
    const refuse = async (): Promise<Response> => {
      runs++;
      throw new AppError("conflict", "Horário ocupado.");
    };
    expect((await idempotent(post("refused-1"), alice, {}, refuse)).status).toBe(409);
    const replay = await idempotent(post("refused-1"), alice, {}, refuse);
    expect([replay.status, replay.headers.get("idempotency-replayed"), runs]).toEqual([409, "true", 1]);

    const crash = async (): Promise<Response> => {
      runs++;
      throw new Error("database went away");
    };
    expect((await idempotent(post("crash-1"), alice, {}, crash)).status).toBe(500);
    const c = counter();
    expect((await idempotent(post("crash-1"), alice, {}, c.effect)).status).toBe(201);
    expect(c.runs()).toBe(1);
  });

  it("scopes keys per user and per clinic, and takes over a claim abandoned for 5 minutes", async () => {
    const c = counter();
    for (const ctx of [alice, bob, elsewhere]) expect((await idempotent(post("shared-1"), ctx, { same: true }, c.effect)).status).toBe(201);
    expect(c.runs()).toBe(3);
    expect(await asOwner("SELECT count(DISTINCT tenant_id)::int AS n FROM idempotency_keys WHERE key = 'shared-1'")).toEqual([{ n: 2 }]);

    // A request that died after claiming its key: the key is busy, then free again.
    const t0 = new Date();
    await asOwner(`INSERT INTO idempotency_keys (id, tenant_id, user_id, key, request_hash, created_at, expires_at)
      VALUES (gen_random_uuid(), $1, $2, 'dead-1', $3, $4, $4::timestamptz + interval '1 day')`,
    [alice.tenantId, alice.user!.id, requestHash("POST", post("dead-1").url, {}), t0]);
    await expect(idempotent(post("dead-1"), alice, {}, c.effect, new Date(t0.getTime() + 60_000))).rejects.toMatchObject({ code: "conflict" });
    expect((await idempotent(post("dead-1"), alice, {}, c.effect, new Date(t0.getTime() + 6 * 60_000))).status).toBe(201);
  });

  it("sweeps the clinic's expired keys as requests come in (every 50th claim)", async () => {
    await asOwner(`INSERT INTO idempotency_keys (id, tenant_id, user_id, key, request_hash, created_at, expires_at)
      SELECT gen_random_uuid(), $1, $2, 'old-' || n, 'h', now() - interval '3 days', now() - interval '2 days'
        FROM generate_series(1, 3) n`, [bob.tenantId, bob.user!.id]);
    const c = counter();
    for (let i = 0; i < 50; i++) await idempotent(post(`sweep-${i}`), alice, {}, c.effect);
    expect(await asOwner("SELECT key FROM idempotency_keys WHERE key LIKE 'old-%'")).toEqual([]);
    expect(await asOwner("SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE 'sweep-%'")).toEqual([{ n: 50 }]);
  });

  it("runs the effect plainly without a key", async () => {
    const c = counter();
    await idempotent(new Request("http://t.localhost:3000/x", { method: "POST" }), alice, {}, c.effect);
    await idempotent(new Request("http://t.localhost:3000/x", { method: "POST" }), alice, {}, c.effect);
    expect(c.runs()).toBe(2);
  });
});
