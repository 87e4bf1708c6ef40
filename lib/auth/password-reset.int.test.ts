// Password reset against the real database (app role, RLS live). Mail is the one thing outside
// the machine, so it alone is faked: a recorder in place of SMTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/crypto/tokens";
import { disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { MailMessage } from "@/lib/mail/send";
import type { RequestMeta } from "@/lib/request";
import { asOwner, closeOwnerPool, createTenant, createUser, type TestTenant, type TestUser } from "@/lib/testing/factories";
import { completePasswordReset, isResetTokenLive, requestPasswordReset, RESET_LINK_INVALID } from "./password-reset";
import { authenticate } from "./sign-in";

let tenantTables: string[] = [];
let clinic: TestTenant;

beforeAll(async () => {
  const rows = await asOwner<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'`);
  tenantTables = rows.map((r) => r.table_name).sort();
  clinic = await createTenant();
});

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

/** Every row of the clinic, so a refusal can be shown to have changed nothing at all. */
const snapshot = async (tenant: TestTenant) => {
  const parts = await Promise.all(tenantTables.map((t) =>
    asOwner<{ r: unknown }>(`SELECT to_jsonb(x) AS r FROM "${t}" x WHERE tenant_id = $1 ORDER BY to_jsonb(x)::text`, [tenant.id])));
  return Object.fromEntries(tenantTables.map((t, i) => [t, parts[i]]));
};

const meta = (tenant: TestTenant): RequestMeta =>
  ({ tenantSlug: tenant.slug, requestId: randomUUID(), ip: "203.0.113.50", userAgent: "vitest reset" });

function mailbox() {
  const sent: MailMessage[] = [];
  return { sent, deps: { sendMail: async (m: MailMessage) => void sent.push(m), minDurationMs: 0 } };
}

const tokenIn = (mail: MailMessage) => /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

/** Requests a link for `user` and returns the token the mail carried. */
async function requestToken(user: TestUser, now?: () => Date): Promise<string> {
  const box = mailbox();
  await requestPasswordReset(clinic.slug, user.email.toUpperCase(), meta(clinic), { ...box.deps, ...(now ? { now } : {}) });
  expect(box.sent).toHaveLength(1);
  return tokenIn(box.sent[0]!);
}

const userRow = async (id: string) =>
  (await asOwner<{ session_version: number; failed_login_count: number; locked_at: Date | null; password_hash: string }>(
    "SELECT session_version, failed_login_count, locked_at, password_hash FROM users WHERE id = $1", [id]))[0]!;

const NEW_PASSWORD = "girassol azul 2031";

describe("requestPasswordReset", () => {
  it("mails a single-use link to a known address and stores only the token's hash, valid 30 minutes", async () => {
    const user = await createUser(clinic, { roles: ["secretary"], name: "Rita Souza" });
    const box = mailbox();
    const m = meta(clinic);
    const now = new Date();
    await requestPasswordReset(clinic.slug, ` ${user.email} `, m, { ...box.deps, now: () => now });

    expect(box.sent).toHaveLength(1);
    const mail = box.sent[0]!;
    expect(mail.to).toBe(user.email);
    expect(mail.subject).toContain("Redefinição de senha");
    expect(mail.text).toContain(`http://${clinic.slug}.${process.env.APP_HOST ?? "localhost:3000"}/reset-password/`);
    const token = tokenIn(mail);
    expect(await asOwner("SELECT token_hash, expires_at, used_at, requested_ip FROM password_reset_tokens WHERE user_id = $1", [user.id]))
      .toEqual([{ token_hash: sha256Hex(token), expires_at: new Date(now.getTime() + 30 * 60_000), used_at: null, requested_ip: m.ip }]);
    expect(await asOwner("SELECT type, user_id FROM security_events WHERE request_id = $1", [m.requestId]))
      .toEqual([{ type: "PASSWORD_RESET_REQUESTED", user_id: user.id }]);
  });

  it("answers the same for an unknown e-mail, a disabled account and an unknown clinic: no mail, nothing written", async () => {
    const disabled = await createUser(clinic, { roles: ["doctor"], status: "DISABLED" });
    const before = await snapshot(clinic);
    const box = mailbox();
    await expect(requestPasswordReset(clinic.slug, "ninguem@clinica.test", meta(clinic), box.deps)).resolves.toBeUndefined();
    await expect(requestPasswordReset(clinic.slug, disabled.email, meta(clinic), box.deps)).resolves.toBeUndefined();
    await expect(requestPasswordReset("nao-existe", disabled.email, meta(clinic), box.deps)).resolves.toBeUndefined();
    expect(box.sent).toEqual([]);
    expect(await snapshot(clinic)).toEqual(before);
  });

  it("makes an earlier link stop working when a new one is requested", async () => {
    const user = await createUser(clinic, { roles: ["doctor"] });
    const first = await requestToken(user);
    const second = await requestToken(user);
    expect(await isResetTokenLive(clinic.slug, first, meta(clinic))).toBe(false);
    expect(await isResetTokenLive(clinic.slug, second, meta(clinic))).toBe(true);
    await expect(completePasswordReset(clinic.slug, first, NEW_PASSWORD, meta(clinic))).rejects.toThrow(RESET_LINK_INVALID);
  });
});

describe("completePasswordReset", () => {
  it("sets the new password, uses the token, ends other sessions and leaves its audit trail", async () => {
    const user = await createUser(clinic, { roles: ["doctor"] });
    const token = await requestToken(user);
    const before = await userRow(user.id);
    const m = meta(clinic);

    await completePasswordReset(clinic.slug, token, NEW_PASSWORD, m);

    const after = await userRow(user.id);
    expect(after.session_version).toBe(before.session_version + 1);
    expect(after.password_hash).toMatch(/^\$argon2id\$/);
    expect(await asOwner("SELECT used_at IS NOT NULL AS used FROM password_reset_tokens WHERE user_id = $1", [user.id])).toEqual([{ used: true }]);
    expect(await asOwner("SELECT action, actor_id, entity_id FROM audit_logs WHERE request_id = $1", [m.requestId]))
      .toEqual([{ action: "auth.password_reset", actor_id: user.id, entity_id: user.id }]);
    expect(await asOwner("SELECT type FROM security_events WHERE request_id = $1", [m.requestId])).toEqual([{ type: "PASSWORD_RESET_COMPLETED" }]);

    expect(await authenticate({ email: user.email, password: user.password }, meta(clinic))).toBeNull();
    expect((await authenticate({ email: user.email, password: NEW_PASSWORD }, meta(clinic)))?.sessionVersion).toBe(after.session_version);
  });

  it("works on a locked account and lifts the lock", async () => {
    const user = await createUser(clinic, { roles: ["doctor"] });
    for (let i = 0; i < 10; i++) await authenticate({ email: user.email, password: "errada-123456" }, { ...meta(clinic), ip: "203.0.113.90" });
    expect((await userRow(user.id)).locked_at).not.toBeNull();

    await completePasswordReset(clinic.slug, await requestToken(user), NEW_PASSWORD, meta(clinic));

    expect(await userRow(user.id)).toMatchObject({ failed_login_count: 0, locked_at: null });
    expect(await authenticate({ email: user.email, password: NEW_PASSWORD }, meta(clinic))).not.toBeNull();
  });

  it("refuses a used, an expired or an unknown token with one clear message, changing nothing", async () => {
    const user = await createUser(clinic, { roles: ["doctor"] });
    const used = await requestToken(user);
    await completePasswordReset(clinic.slug, used, NEW_PASSWORD, meta(clinic));
    const expiring = await requestToken(user);
    const before = await snapshot(clinic);

    const later = () => new Date(Date.now() + 31 * 60_000);
    for (const [token, deps] of [[used, {}], [expiring, { now: later }], ["x".repeat(43), {}], ["../../etc", {}], [42, {}]] as const) {
      const refusal = await completePasswordReset(clinic.slug, token, "outra senha boa 77", meta(clinic), deps).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).message).toBe(RESET_LINK_INVALID);
    }
    expect(await snapshot(clinic)).toEqual(before);
    expect(await isResetTokenLive(clinic.slug, expiring, meta(clinic), { now: later })).toBe(false);
  });

  it("refuses a password the policy rejects with field errors, keeping the link usable", async () => {
    const user = await createUser(clinic, { roles: ["doctor"], name: "Heitor Vasconcelos" });
    const token = await requestToken(user);
    const before = await snapshot(clinic);

    const refusal = await completePasswordReset(clinic.slug, token, "heitor12345", meta(clinic)).catch((e: unknown) => e) as AppError;
    expect(refusal.code).toBe("validation");
    expect(refusal.fields).toEqual({ password: ["A senha não pode conter o seu nome."] });
    expect(await snapshot(clinic)).toEqual(before);
    expect(await isResetTokenLive(clinic.slug, token, meta(clinic))).toBe(true);
  });
});
