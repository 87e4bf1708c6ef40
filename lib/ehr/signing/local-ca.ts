import { createPrivateKey, sign as signBytes } from "node:crypto";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { currentSigningKey } from "./doctor-certificate";
import { SigningError } from "./errors";
import type { SignatureEnvelope, SignRequest, Signer } from "./signer";
import { LOCAL_CA_KIND, sha256Hex, verifyLocalCaEnvelope } from "./verify";
import { ENVELOPE_ALGORITHM } from "./x509";

// The signer every clinic has today: the clinic's own CA (lib/ehr/signing/authority.ts) issues
// each doctor a certificate (doctor-certificate.ts), whose key signs the canonical bytes with
// ECDSA P-256 / SHA-256. The signature is DER-encoded (X9.62), the form CMS/CAdES and
// `openssl dgst -verify` expect, so a later CAdES wrapper can reuse it unchanged.

export const localCaSigner: Signer = {
  kind: LOCAL_CA_KIND,

  async sign(tx: Tx, ctx: Context, request: SignRequest): Promise<SignatureEnvelope> {
    if (!ctx.user || request.signerUserId !== ctx.user.id) throw new SigningError("notTheSigner");
    if (!canSign(ctx)) throw forbidden();
    if (!(request.content instanceof Uint8Array) || request.content.byteLength === 0) {
      throw new SigningError("emptyContent");
    }
    const now = new Date();
    const audit: AuditEntry[] = [];
    const key = await currentSigningKey(tx, ctx, ctx.user.id, now, audit);
    const signature = signBytes("sha256", request.content, {
      key: createPrivateKey({ key: key.privateKeyPkcs8, format: "der", type: "pkcs8" }),
      dsaEncoding: "der",
    });
    await deliverAudit(tx, ctx, request, audit);
    return {
      signerKind: LOCAL_CA_KIND,
      algorithm: ENVELOPE_ALGORITHM,
      contentSha256: sha256Hex(request.content),
      signature: signature.toString("base64"),
      certificatePem: key.certificatePem,
      chainPem: key.chainPem,
      signedAt: now.toISOString(),
    };
  },

  verify: verifyLocalCaEnvelope,
};

/** A user who may sign nothing gets no certificate. Which document needs which permission is
 *  the document's module's decision (records:sign for charts, prescriptions:sign for scripts). */
function canSign(ctx: Context): boolean {
  return can(ctx, "records:sign") || can(ctx, "prescriptions:sign");
}

/** Audit last: hand the entries to the caller when it collects them, else write them now. */
async function deliverAudit(tx: Tx, ctx: Context, request: SignRequest, audit: AuditEntry[]): Promise<void> {
  if (request.audit) {
    request.audit.push(...audit);
    return;
  }
  for (const entry of audit) await recordAudit(tx, ctx, entry);
}
