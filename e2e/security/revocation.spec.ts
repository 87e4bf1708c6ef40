import { expect, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { createStaffUser, ownerQuery } from "../support/db";
import { rawGet, rawRequest } from "../support/http";
import { E2E_PORT, tenantUrl } from "../support/state";

// The server keeps live sessions in memory (lib/auth/session-cache.ts), so a revocation made
// outside it (an operator's SQL, another app server) must still end them within one second: the
// database announces it by NOTIFY. Measured against the real server by polling, not sleeping.

const vidaHost = `vida.localhost:${E2E_PORT}`;
const REVOKE_WITHIN_MS = 1_000;

/** Polls `probe` until it answers `refused`; returns the milliseconds it took (at most the limit). */
async function refusedAfter(probe: () => Promise<unknown>, refused: unknown): Promise<number> {
  const started = performance.now();
  await expect.poll(probe, { timeout: REVOKE_WITHIN_MS, intervals: [5] }).toEqual(refused);
  return performance.now() - started;
}

test("a web session revoked by SQL is refused within a second", async ({ browser }) => {
  const user = await createStaffUser("vida", "revoke-web");
  const context = await browser.newContext();
  await signIn(await context.newPage(), tenantUrl("vida", "/login"), user.email, user.password);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const session = async () => JSON.parse((await rawGet({ host: vidaHost, path: "/api/auth/session", cookie })).body) as object;
  // Several requests, so the later ones are answered from memory.
  for (let i = 0; i < 5; i++) expect(await session()).toMatchObject({ user: { email: user.email } });

  await ownerQuery("UPDATE user_sessions SET revoked_at = now(), revoke_reason = 'revoked' WHERE user_id = $1", [user.id]);
  expect(await refusedAfter(session, {})).toBeLessThan(REVOKE_WITHIN_MS);
  expect(await session()).toEqual({});
  await context.close();
});

test("an API bearer token whose account is disabled by SQL is refused within a second", async () => {
  const user = await createStaffUser("vida", "revoke-api");
  const login = await rawRequest({
    host: vidaHost, path: "/api/v1/auth/login", method: "POST",
    headers: { "content-type": "application/json" }, body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = JSON.parse(login.body) as { accessToken: string };
  const status = async () => (await rawRequest({ host: vidaHost, path: "/api/v1/patients?q=zz", headers: { authorization: `Bearer ${accessToken}` } })).status;
  for (let i = 0; i < 5; i++) expect(await status()).toBe(200);

  await ownerQuery("UPDATE users SET status = 'DISABLED' WHERE id = $1", [user.id]);
  expect(await refusedAfter(status, 401)).toBeLessThan(REVOKE_WITHIN_MS);
  expect(await status()).toBe(401);
});
