import { X509Certificate as NodeCertificate, verify as verifyBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { Tx } from "@/lib/db/client";
import type { CertificateFacts } from "@/lib/ehr/signing/signer";
import { certificateChainProblems } from "@/lib/ehr/signing/verify";
import { certificateFacts, parseCertificate } from "@/lib/ehr/signing/x509";
import { OID, sha256 } from "./cms";

// Checks a PDF's embedded signature the way a validator does, trusting nothing in the file but
// the bytes: the /ByteRange must cover the whole file except the /Contents hex string; the CMS's
// message-digest must be the SHA-256 of those bytes; the signature value must verify over the
// signed attributes under the embedded certificate; signing-certificate-v2 must name that
// certificate; and the certificate must chain to one of this clinic's own authorities (RLS: the
// transaction's clinic), valid and unrevoked at the signature's /M time.

export type PdfSignatureCheck = {
  valid: boolean;
  /** The ByteRange covers every byte but the signature value. */
  coversWholeFile: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  chainValid: boolean;
  certificate: CertificateFacts | null;
  signedAt: string | null;
  problems: string[];
};

type Located = { signedBytes: Buffer; cms: Buffer; signedAt: Date | null };

const ascii = (pdf: Buffer) => pdf.toString("latin1");

function locate(pdf: Buffer): Located | "no_signature" | "byte_range_invalid" {
  const text = ascii(pdf);
  const at = text.lastIndexOf("/ByteRange");
  if (at < 0) return "no_signature";
  const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120));
  if (!m) return "byte_range_invalid";
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || c <= b || c + d !== pdf.length || text[b] !== "<" || text[c - 1] !== ">") return "byte_range_invalid";
  const hex = text.slice(b + 1, c - 1);
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) return "byte_range_invalid";
  const dict = text.slice(Math.max(0, at - 2000), Math.min(text.length, c + 2000));
  return { signedBytes: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]), cms: Buffer.from(hex, "hex"), signedAt: signingTime(dict) };
}

/** /M (D:YYYYMMDDHHmmSS with Z or an offset) of the signature dictionary. */
function signingTime(dict: string): Date | null {
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?\)/.exec(dict);
  if (!m) return null;
  const zone = !m[7] || m[7] === "Z" ? "Z" : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, "").slice(3, 5)}`;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const attribute = (signer: pkijs.SignerInfo, oid: string) => signer.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
const bytesOf = (value: unknown) => (value instanceof asn1js.OctetString ? Buffer.from(value.valueBlock.valueHexView) : null);

function certHashOf(value: unknown): Buffer | null {
  // SigningCertificateV2 → certs[0] → ESSCertIDv2: [hashAlgorithm?] certHash …
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : null;
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : null;
  const fields = first instanceof asn1js.Sequence ? first.valueBlock.value : [];
  return bytesOf(fields.find((f) => f instanceof asn1js.OctetString));
}

const failed = (problems: string[], extra: Partial<PdfSignatureCheck> = {}): PdfSignatureCheck => ({
  valid: false, coversWholeFile: false, digestMatches: false, signatureValid: false, chainValid: false, certificate: null, signedAt: null, problems, ...extra,
});

export async function verifyPdfSignature(tx: Tx, pdf: Buffer): Promise<PdfSignatureCheck> {
  const found = locate(pdf);
  if (typeof found === "string") return failed([found]);
  let signer: pkijs.SignerInfo;
  let leafDer: Buffer;
  try {
    const parsed = asn1js.fromBER(found.cms);
    if (parsed.offset === -1) return failed(["malformed"], { coversWholeFile: true });
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== OID.signedData) return failed(["malformed"], { coversWholeFile: true });
    const signed = new pkijs.SignedData({ schema: info.content });
    signer = signed.signerInfos[0]!;
    const sid = signer.sid as pkijs.IssuerAndSerialNumber;
    const leaf = (signed.certificates ?? []).find((c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate && c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer));
    if (!leaf) return failed(["malformed"], { coversWholeFile: true });
    leafDer = Buffer.from(leaf.toSchema().toBER());
  } catch {
    return failed(["malformed"], { coversWholeFile: true });
  }
  const problems: string[] = [];
  const digestMatches = bytesOf(attribute(signer, OID.messageDigest))?.equals(sha256(found.signedBytes)) ?? false;
  if (!digestMatches) problems.push("digest_mismatch");
  const attrs = Buffer.from(signer.signedAttrs!.encodedValue);
  attrs[0] = 0x31; // signed over the DER SET, stored as [0] IMPLICIT
  let signatureValid = false;
  try {
    const key = new NodeCertificate(leafDer).publicKey;
    signatureValid = signer.signatureAlgorithm.algorithmId === OID.ecdsaWithSha256
      && verifyBytes("sha256", attrs, { key, dsaEncoding: "der" }, Buffer.from(signer.signature.valueBlock.valueHexView));
  } catch {
    signatureValid = false;
  }
  if (!signatureValid) problems.push("bad_signature");
  if (!certHashOf(attribute(signer, OID.signingCertificateV2))?.equals(sha256(leafDer))) problems.push("certificate_mismatch");
  const certificate = parseCertificate(`-----BEGIN CERTIFICATE-----\n${leafDer.toString("base64")}\n-----END CERTIFICATE-----`);
  const signedAt = found.signedAt ?? new Date();
  const chainProblems = await certificateChainProblems(tx, certificate, signedAt);
  problems.push(...chainProblems);
  return {
    valid: problems.length === 0, coversWholeFile: true, digestMatches, signatureValid, chainValid: chainProblems.length === 0,
    certificate: certificateFacts(certificate), signedAt: found.signedAt?.toISOString() ?? null, problems,
  };
}
