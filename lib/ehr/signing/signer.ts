import type { AuditEntry } from "@/lib/audit/record";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";

// The seam between clinical documents and whoever vouches for them. Records and prescriptions
// hand a signer the canonical bytes of what the doctor saw; the signer answers an envelope that
// is stored beside the document and is enough, with the bytes, to verify it 20 years later.
// Today the signer is a per-clinic CA run by the app ("local-ca"); an ICP-Brasil cloud
// certificate (A3 in the cloud: BirdID, VIDaaS…) is another implementation of the same shape.

export type SignRequest = {
  /** The signing professional; must be the acting user (`ctx.user.id`). */
  signerUserId: string;
  /** Canonical serialisation of the document, exactly the bytes that are hashed and signed. */
  content: Uint8Array;
  /** What is signed, e.g. "medical_record", "prescription"; recorded, never trusted for policy. */
  documentType: string;
  documentId: string;
  /**
   * Audit last: a signer that has something to audit (a clinic CA or a doctor certificate issued
   * on first use) pushes the entries here for the caller to write with its own, at the end of
   * its transaction. When omitted the signer writes them itself before returning.
   */
  audit?: AuditEntry[];
};

export type SignatureEnvelope = {
  /** Which signer produced it: "local-ca" today. */
  signerKind: string;
  /** e.g. "ECDSA-P256-SHA256". */
  algorithm: string;
  /** Hex SHA-256 of `content`. */
  contentSha256: string;
  /** Base64 signature value over `content`. */
  signature: string;
  /** The signer's certificate (PEM), kept with the signature so verification survives rotation. */
  certificatePem: string;
  /** Issuer chain up to the trust anchor (PEM each), leaf excluded. */
  chainPem: string[];
  signedAt: string;
};

export type CertificateFacts = {
  subject: string;
  issuer: string;
  serialNumber: string;
  commonName: string;
  cpf: string | null;
  /** "123456/SP" when present. */
  crm: string | null;
  notBefore: string;
  notAfter: string;
};

export type VerificationResult = {
  /** Signature, chain and content all check out. */
  valid: boolean;
  /** The bytes given hash to `envelope.contentSha256`. */
  contentMatches: boolean;
  /** The signature value verifies under the certificate's public key. */
  signatureValid: boolean;
  /** The certificate chains to the clinic's trust anchor and was valid at `signedAt`. */
  chainValid: boolean;
  certificate: CertificateFacts;
  signedAt: string;
  /** Machine-readable reasons when something fails ("content_changed", "bad_signature", …). */
  problems: string[];
};

export interface Signer {
  readonly kind: string;
  /** Signs inside the caller's transaction (certificate issue on first use happens there too). */
  sign(tx: Tx, ctx: Context, request: SignRequest): Promise<SignatureEnvelope>;
  /** Verifies an envelope against the given bytes and this clinic's trust anchors. */
  verify(tx: Tx, ctx: Context, envelope: SignatureEnvelope, content: Uint8Array): Promise<VerificationResult>;
}
