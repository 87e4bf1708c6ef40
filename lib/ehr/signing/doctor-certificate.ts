import { randomUUID } from "node:crypto";
import type * as x509 from "@peculiar/x509";
import type { AuditEntry } from "@/lib/audit/record";
import { isUf, isValidCpf, isValidCrm, normalizeCpf, normalizeCrm } from "@/lib/br/documents";
import type { Context } from "@/lib/context";
import { openField, sealField } from "@/lib/crypto/config";
import type { Tx } from "@/lib/db/client";
import { currentAuthority, keyAad, lockSigning } from "./authority";
import { identityIncomplete, SigningError, type MissingIdentityField } from "./errors";
import {
  certificateFacts, createDoctorCertificate, exportPrivateKey, parseCertificate, type DoctorIdentity,
} from "./x509";

// A doctor's signing certificate, issued lazily: on the first signature, and again when the
// current one has expired, was revoked, or no longer names the doctor as the user row does
// (a name, CPF or CRM corrected by the clinic). Issuing runs in the signer's transaction, so a
// signature and the certificate it needs commit together or not at all.

export const CERTIFICATE_KEY_COLUMN = "signing_certificates.private_key_enc";

export type SigningKey = {
  certificateId: string;
  certificate: x509.X509Certificate;
  certificatePem: string;
  chainPem: string[];
  /** Node KeyObject-compatible PKCS#8 (DER); never leaves this process. */
  privateKeyPkcs8: Buffer;
};

type IssueReason = "first" | "expired" | "revoked" | "identity_changed";

export async function currentSigningKey(tx: Tx, ctx: Context, userId: string, now: Date, audit: AuditEntry[]): Promise<SigningKey> {
  const identity = await doctorIdentity(tx, ctx, userId);
  const found = await usableCertificate(tx, ctx, userId, identity, now);
  if (found.key) return found.key;
  // One issue per doctor at a time; whoever waited re-reads and uses the winner's certificate.
  await lockSigning(tx, `${ctx.tenantId}:${userId}`);
  const again = await usableCertificate(tx, ctx, userId, identity, now);
  return again.key ?? issue(tx, ctx, userId, identity, now, again.reason, audit);
}

/** The doctor as the certificate must name them; refuses when the profile lacks CPF or CRM. */
export async function doctorIdentity(tx: Tx, ctx: Context, userId: string): Promise<DoctorIdentity> {
  const user = await tx.user.findFirst({
    where: { id: userId },
    select: { name: true, status: true, cpfEnc: true, crm: true, crmUf: true },
  });
  if (!user || user.status !== "ACTIVE") throw new SigningError("signerInactive");
  const cpf = user.cpfEnc ? normalizeCpf(openField(ctx.tenantId, "users.cpf", user.cpfEnc)) : "";
  const crm = user.crm ? normalizeCrm(user.crm) : "";
  const crmUf = user.crmUf ?? "";
  const missing: MissingIdentityField[] = [];
  if (!isValidCpf(cpf)) missing.push("cpf");
  if (!crm || !isUf(crmUf) || !isValidCrm(crm, crmUf)) missing.push("crm");
  if (missing.length > 0) throw identityIncomplete(missing);
  return { name: user.name.trim(), cpf, crm, crmUf };
}

async function usableCertificate(
  tx: Tx, ctx: Context, userId: string, identity: DoctorIdentity, now: Date,
): Promise<{ key: SigningKey; reason?: undefined } | { key: null; reason: IssueReason }> {
  const row = await tx.signingCertificate.findFirst({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: {
      tenantId: true, id: true, certificatePem: true, privateKeyEnc: true, notBefore: true, notAfter: true,
      revokedAt: true, authority: { select: { certificatePem: true, retiredAt: true, notAfter: true } },
    },
  });
  if (!row) return { key: null, reason: "first" };
  if (row.revokedAt) return { key: null, reason: "revoked" };
  if (!(row.notBefore <= now && now < row.notAfter) || row.authority.retiredAt || row.authority.notAfter <= now) {
    return { key: null, reason: "expired" };
  }
  const certificate = parseCertificate(row.certificatePem);
  const facts = certificateFacts(certificate);
  const named = facts.commonName === identity.name && facts.cpf === identity.cpf && facts.crm === `${identity.crm}/${identity.crmUf}`;
  if (!named) return { key: null, reason: "identity_changed" };
  const pkcs8 = openField(row.tenantId, keyAad(CERTIFICATE_KEY_COLUMN, row.id), row.privateKeyEnc);
  return {
    key: {
      certificateId: row.id, certificate, certificatePem: row.certificatePem,
      chainPem: [row.authority.certificatePem], privateKeyPkcs8: Buffer.from(pkcs8, "base64"),
    },
  };
}

async function issue(
  tx: Tx, ctx: Context, userId: string, identity: DoctorIdentity, now: Date, reason: IssueReason, audit: AuditEntry[],
): Promise<SigningKey> {
  const authority = await currentAuthority(tx, ctx, now, audit);
  const clinic = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true } });
  const { certificate, keys } = await createDoctorCertificate(authority, clinic.name, identity, now);
  const id = randomUUID();
  const pkcs8 = await exportPrivateKey(keys.privateKey);
  const certificatePem = certificate.toString("pem");
  await tx.signingCertificate.create({
    data: {
      id, authorityId: authority.id, userId, serialNumber: certificate.serialNumber, certificatePem,
      privateKeyEnc: sealField(ctx.tenantId, keyAad(CERTIFICATE_KEY_COLUMN, id), pkcs8),
      notBefore: certificate.notBefore, notAfter: certificate.notAfter,
    },
    select: { id: true },
  });
  audit.push({
    action: "signing_certificate.issued",
    entityType: "signing_certificate",
    entityId: id,
    metadata: { userId, cause: reason, serialNumber: certificate.serialNumber, authorityId: authority.id, notAfter: certificate.notAfter.toISOString() },
  });
  return { certificateId: id, certificate, certificatePem, chainPem: [authority.certificatePem], privateKeyPkcs8: Buffer.from(pkcs8, "base64") };
}

/** Revokes a certificate (key compromise, a doctor leaving); the next signature gets a new one. */
export async function revokeCertificate(tx: Tx, certificateId: string, reason: string, now = new Date()): Promise<AuditEntry | null> {
  const { count } = await tx.signingCertificate.updateMany({
    where: { id: certificateId, revokedAt: null },
    data: { revokedAt: now, revokeReason: reason.slice(0, 40) },
  });
  if (count === 0) return null;
  return { action: "signing_certificate.revoked", entityType: "signing_certificate", entityId: certificateId, metadata: { cause: reason.slice(0, 40) } };
}
