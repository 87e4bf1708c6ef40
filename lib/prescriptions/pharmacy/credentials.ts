import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { randomToken, sha256Hex, timingSafeEqualStr } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/scheduling/access";
import { z } from "zod";
import { rxError } from "../errors";
import { issueCredentialSchema, type PharmacyCredentialView } from "./schemas";

// Credentials a clinic issues to partner pharmacies for POST /api/v1/prescriptions/{id}/dispense.
// A token is `rxph_<12 characters>.<secret>`: the prefix finds the row (and is what the admin
// page shows), the 256-bit secret is stored only as its SHA-256 (like API refresh tokens: a
// high-entropy secret needs no slow hash, and a leaked table cannot be replayed). The token is
// shown once, when issued. The clinic's admins (settings:manage) issue and revoke them.

const PREFIX_TAG = "rxph_";
const TOKEN = /^(rxph_[A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/;

function assertAdmin(ctx: Context): void {
  if (!can(ctx, "settings:manage") || !ctx.user) throw forbidden();
}

const view = (r: { id: string; pharmacyName: string; cnpj: string; tokenPrefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): PharmacyCredentialView => ({
  id: r.id, pharmacyName: r.pharmacyName, cnpj: r.cnpj, tokenPrefix: r.tokenPrefix,
  createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null,
});
const select = { id: true, pharmacyName: true, cnpj: true, tokenPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function listPharmacyCredentials(ctx: Context): Promise<PharmacyCredentialView[]> {
  assertAdmin(ctx);
  return withTenant(ctx, async (tx) =>
    (await tx.pharmacyCredential.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], select })).map(view));
}

/** Issues a credential; the only time the token is ever seen. */
export async function issuePharmacyCredential(ctx: Context, input: unknown): Promise<{ credential: PharmacyCredentialView; token: string }> {
  assertAdmin(ctx);
  const data = parseInput(issueCredentialSchema, input);
  const tokenPrefix = `${PREFIX_TAG}${randomBytes(9).toString("base64url")}`;
  const secret = randomToken(32);
  return withTenant(ctx, async (tx) => {
    const row = await tx.pharmacyCredential.create({
      data: { pharmacyName: data.pharmacyName, cnpj: data.cnpj, tokenPrefix, secretHash: sha256Hex(secret), createdBy: ctx.user!.id },
      select,
    });
    await recordAudit(tx, ctx, { action: "pharmacy_credential.issued", entityType: "pharmacy_credential", entityId: row.id, metadata: { tokenPrefix } });
    return { credential: view(row), token: `${tokenPrefix}.${secret}` };
  });
}

export async function revokePharmacyCredential(ctx: Context, id: unknown, now: Date = new Date()): Promise<PharmacyCredentialView> {
  assertAdmin(ctx);
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw rxError("not_found", "credentialNotFound");
  return withTenant(ctx, async (tx) => {
    const row = await tx.pharmacyCredential.findFirst({ where: { id: parsed.data }, select });
    if (!row) throw rxError("not_found", "credentialNotFound");
    if (row.revokedAt) throw rxError("conflict", "alreadyRevoked");
    await tx.pharmacyCredential.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, ctx, { action: "pharmacy_credential.revoked", entityType: "pharmacy_credential", entityId: row.id, metadata: { tokenPrefix: row.tokenPrefix } });
    return view({ ...row, revokedAt: now });
  });
}

export type PharmacyCredentialRow = { id: string; pharmacyName: string; cnpj: string; tokenPrefix: string };

/** The live credential a bearer token names in the transaction's clinic, or null. */
export async function credentialForToken(tx: Tx, token: string | null): Promise<PharmacyCredentialRow | null> {
  const match = token ? TOKEN.exec(token) : null;
  if (!match) return null;
  const row = await tx.pharmacyCredential.findFirst({
    where: { tokenPrefix: match[1]! },
    select: { id: true, pharmacyName: true, cnpj: true, tokenPrefix: true, secretHash: true, revokedAt: true },
  });
  // Compared in constant time even when the row is missing or revoked.
  const ok = timingSafeEqualStr(sha256Hex(match[2]!), row?.secretHash ?? "");
  if (!row || !ok || row.revokedAt) return null;
  return { id: row.id, pharmacyName: row.pharmacyName, cnpj: row.cnpj, tokenPrefix: row.tokenPrefix };
}
