import { createHash, verify as verifyBytes, X509Certificate as NodeCertificate } from "node:crypto";
import type * as x509 from "@peculiar/x509";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { trustAnchors } from "./authority";
import type { CertificateFacts, SignatureEnvelope, VerificationResult } from "./signer";
import { certificateFacts, ENVELOPE_ALGORITHM, isSigningCertificate, parseCertificate } from "./x509";

// Verification of a local-CA envelope, from what is stored and nothing the envelope asserts
// about trust: the chain it carries is informative only; the anchors are the clinic's own
// authorities, read from its rows (RLS: another clinic's roots are invisible, so its
// certificates are untrusted here). Validity is judged at the envelope's signedAt, which a
// trusted timestamp (RFC 3161) would later make independent of the signer's clock.

export const LOCAL_CA_KIND = "local-ca";

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const EMPTY_FACTS: CertificateFacts = {
  subject: "", issuer: "", serialNumber: "", commonName: "", cpf: null, crm: null, notBefore: "", notAfter: "",
};

export async function verifyLocalCaEnvelope(
  tx: Tx, _ctx: Context, envelope: SignatureEnvelope, content: Uint8Array,
): Promise<VerificationResult> {
  const problems: string[] = [];
  const contentMatches = content instanceof Uint8Array && sha256Hex(content) === envelope.contentSha256;
  if (!contentMatches) problems.push("content_changed");
  if (envelope.signerKind !== LOCAL_CA_KIND || envelope.algorithm !== ENVELOPE_ALGORITHM) problems.push("unsupported_signer");
  const leaf = tryParse(envelope.certificatePem);
  const signedAt = new Date(envelope.signedAt);
  if (!leaf || Number.isNaN(signedAt.getTime())) {
    return { valid: false, contentMatches, signatureValid: false, chainValid: false, certificate: leaf ? certificateFacts(leaf) : EMPTY_FACTS, signedAt: envelope.signedAt, problems: [...problems, "malformed"] };
  }
  // A changed content cannot be checked against the signature (it signed other bytes): that is
  // reported as content_changed alone; bad_signature means the bytes match but the value does not.
  const signatureValid = contentMatches && signatureVerifies(envelope, content);
  if (contentMatches && !signatureValid) problems.push("bad_signature");
  const chainProblems = await certificateChainProblems(tx, leaf, signedAt);
  problems.push(...chainProblems);
  return {
    valid: problems.length === 0,
    contentMatches,
    signatureValid,
    chainValid: chainProblems.length === 0,
    certificate: certificateFacts(leaf),
    signedAt: envelope.signedAt,
    problems,
  };
}

function tryParse(pem: string): x509.X509Certificate | null {
  try {
    return parseCertificate(pem);
  } catch {
    return null;
  }
}

function signatureVerifies(envelope: SignatureEnvelope, content: Uint8Array): boolean {
  try {
    const key = new NodeCertificate(envelope.certificatePem).publicKey;
    return verifyBytes("sha256", content, { key, dsaEncoding: "der" }, Buffer.from(envelope.signature, "base64"));
  } catch {
    return false;
  }
}

const within = (c: x509.X509Certificate, at: Date) => c.notBefore <= at && at <= c.notAfter;

/**
 * Why `leaf` is not a trustworthy signing certificate of this clinic at `signedAt` (empty when it
 * is): issued by one of the clinic's own authorities, both valid then, the right key usage, not
 * revoked by then. Shared by envelope verification and the PDF signature check (lib/documents).
 */
export async function certificateChainProblems(tx: Tx, leaf: x509.X509Certificate, signedAt: Date): Promise<string[]> {
  let issuer: { id: string; certificate: x509.X509Certificate } | undefined;
  for (const anchor of await trustAnchors(tx)) {
    if (anchor.certificate.subject !== leaf.issuer) continue;
    if (await leaf.verify({ publicKey: anchor.certificate.publicKey, signatureOnly: true })) {
      issuer = anchor;
      break;
    }
  }
  if (!issuer) return ["untrusted_chain"];
  const problems: string[] = [];
  if (!within(leaf, signedAt) || !within(issuer.certificate, signedAt)) problems.push("expired");
  if (!isSigningCertificate(leaf)) problems.push("wrong_key_usage");
  const row = await tx.signingCertificate.findFirst({
    where: { authorityId: issuer.id, serialNumber: leaf.serialNumber },
    select: { revokedAt: true },
  });
  if (row?.revokedAt && row.revokedAt <= signedAt) problems.push("revoked");
  return problems;
}
