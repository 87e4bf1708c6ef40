import { createHash, generateKeyPairSync, sign, verify } from "node:crypto";
import type { Signer, SignatureEnvelope, VerificationResult } from "@/lib/ehr/signing/signer";

// A real ECDSA P-256 signer for tests of code that signs through the Signer interface, until the
// per-clinic CA of lib/ehr/signing is installed: the signature is genuine (a changed byte fails
// it), only the certificate is a bare public key instead of an X.509 chain. Never used by the app.

export function testSigner(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const facts = (signedAt: string) => ({
    subject: "CN=Test signer", issuer: "CN=Test signer", serialNumber: "01", commonName: "Test signer",
    cpf: null, crm: null, notBefore: signedAt, notAfter: signedAt,
  });
  return {
    kind: "test-ecdsa",
    async sign(_tx, _ctx, request): Promise<SignatureEnvelope> {
      return {
        signerKind: "test-ecdsa", algorithm: "ECDSA-P256-SHA256",
        contentSha256: createHash("sha256").update(request.content).digest("hex"),
        signature: sign("sha256", request.content, privateKey).toString("base64"),
        certificatePem: publicPem, chainPem: [], signedAt: new Date().toISOString(),
      };
    },
    async verify(_tx, _ctx, envelope, content): Promise<VerificationResult> {
      const contentMatches = createHash("sha256").update(content).digest("hex") === envelope.contentSha256;
      const signatureValid = verify("sha256", content, envelope.certificatePem, Buffer.from(envelope.signature, "base64"));
      const problems = [...(contentMatches ? [] : ["content_changed"]), ...(signatureValid ? [] : ["bad_signature"])];
      return { valid: problems.length === 0, contentMatches, signatureValid, chainValid: true, certificate: facts(envelope.signedAt), signedAt: envelope.signedAt, problems };
    },
  };
}
