import { randomUUID } from "node:crypto";
import type * as x509 from "@peculiar/x509";
import type { AuditEntry } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import { openField, sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { createAuthorityCertificate, exportPrivateKey, importPrivateKey, parseCertificate } from "./x509";

// The clinic's certification authority: created the first time anyone in the clinic signs,
// inside that signer's transaction. Its private key is sealed with the field-encryption
// keyring and bound (AAD) to the clinic, the column and the row, so a copied ciphertext opens
// nowhere else; it is opened only in memory, only to issue a doctor's certificate.

export const AUTHORITY_KEY_COLUMN = "signing_authorities.private_key_enc";

export type Authority = {
  id: string;
  certificate: x509.X509Certificate;
  certificatePem: string;
  privateKey: CryptoKey;
};

export const keyAad = (column: string, id: string) => `${column}:${id}`;

/** Serialises issuing per clinic (or per clinic and doctor) until the transaction ends. */
export async function lockSigning(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signing:${key}`}, 0))`;
}

/** The clinic's current authority, created (and its creation queued in `audit`) on first need. */
export async function currentAuthority(tx: Tx, ctx: Context, now: Date, audit: AuditEntry[]): Promise<Authority> {
  const existing = await findCurrent(tx, now);
  if (existing) return existing;
  // Two first signatures at once must not make two roots: the second waits, then finds the first.
  await lockSigning(tx, ctx.tenantId);
  return (await findCurrent(tx, now)) ?? createAuthority(tx, ctx, now, audit);
}

async function findCurrent(tx: Tx, now: Date): Promise<Authority | null> {
  const row = await tx.signingAuthority.findFirst({
    where: { retiredAt: null, notAfter: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { tenantId: true, id: true, certificatePem: true, privateKeyEnc: true },
  });
  if (!row) return null;
  const pkcs8 = openField(row.tenantId, keyAad(AUTHORITY_KEY_COLUMN, row.id), row.privateKeyEnc);
  return {
    id: row.id,
    certificate: parseCertificate(row.certificatePem),
    certificatePem: row.certificatePem,
    privateKey: await importPrivateKey(pkcs8),
  };
}

async function createAuthority(tx: Tx, ctx: Context, now: Date, audit: AuditEntry[]): Promise<Authority> {
  const clinic = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true } });
  const { certificate, keys } = await createAuthorityCertificate(clinic.name, now);
  const id = randomUUID();
  const certificatePem = certificate.toString("pem");
  await tx.signingAuthority.create({
    data: {
      id,
      serialNumber: certificate.serialNumber,
      certificatePem,
      privateKeyEnc: sealField(ctx.tenantId, keyAad(AUTHORITY_KEY_COLUMN, id), await exportPrivateKey(keys.privateKey)),
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
    },
    select: { id: true },
  });
  audit.push({
    action: "signing_authority.created",
    entityType: "signing_authority",
    entityId: id,
    metadata: { serialNumber: certificate.serialNumber, notAfter: certificate.notAfter.toISOString() },
  });
  return { id, certificate, certificatePem, privateKey: keys.privateKey };
}

/** Every authority the clinic ever had: old signatures verify against the root of their day. */
export async function trustAnchors(tx: Tx): Promise<{ id: string; certificate: x509.X509Certificate; pem: string }[]> {
  const rows = await tx.signingAuthority.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, certificatePem: true } });
  return rows.map((r) => ({ id: r.id, certificate: parseCertificate(r.certificatePem), pem: r.certificatePem }));
}
