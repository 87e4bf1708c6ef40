import { createHash } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

// CMS SignedData (RFC 5652) for a PDF signature, detached, in the CAdES-BES shape that PAdES
// baseline B-B (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached) asks for: signed attributes
// content-type, message-digest and signing-certificate-v2 (ESS, RFC 5035); no signing-time
// attribute (PAdES puts the time in the signature dictionary's /M). The signature value over the
// DER of the signed attributes is not computed here: the caller's function gets those bytes and
// returns the ECDSA signature (the EHR Signer, so the doctor's key never leaves lib/ehr/signing).
// Built and parsed with pkijs / asn1js: no hand-written ASN.1 encoder.

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
} as const;

// A copy: a Node Buffer may be a view into a shared pool, whose .buffer holds other bytes too.
const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => Uint8Array.from(bytes).buffer;
export const sha256 = (bytes: Uint8Array): Buffer => createHash("sha256").update(bytes).digest();

export function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, ""), "base64");
}

export function parseCertificateDer(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

/** ESS SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with SHA-256 (the default, so omitted). */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }).toSchema(),
      certificate.serialNumber,
    ],
  });
  const certId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(der)) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] });
}

/** The signed attributes, in DER order (a SET OF sorts its members by their encodings). */
function signedAttributes(digest: Buffer, certificate: pkijs.Certificate, certDer: Uint8Array): pkijs.Attribute[] {
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(certificate, certDer)] }),
  ];
  const encoded = (a: pkijs.Attribute) => Buffer.from(a.toSchema().toBER());
  return attributes.sort((a, b) => Buffer.compare(encoded(a), encoded(b)));
}

/** The bytes a CMS signer signs: the signed attributes as a DER SET (tag 0x31, not the [0] of the SignerInfo). */
export function signedAttributesDer(attributes: pkijs.Attribute[]): Buffer {
  return Buffer.from(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER());
}

/** ECDSA-Sig-Value (DER) from a raw r‖s (IEEE P1363) signature; a DER value is returned as it is. */
export function ecdsaDer(signature: Buffer): Buffer {
  if (signature[0] === 0x30 || signature.length % 2 !== 0) return signature;
  const integer = (half: Buffer) => {
    let i = 0;
    while (i < half.length - 1 && half[i] === 0) i++;
    const trimmed = half.subarray(i);
    const body = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const n = signature.length / 2;
  const content = Buffer.concat([integer(signature.subarray(0, n)), integer(signature.subarray(n))]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}

export type SignAttributes = (signedAttributesDer: Buffer) => Promise<Buffer>;

/**
 * A detached CMS SignedData over `content`: the signer's certificate and its chain embedded,
 * the signature value obtained from `sign` over the DER of the signed attributes.
 */
export async function buildDetachedCms(content: Uint8Array, signerPem: string, chainPem: string[], sign: SignAttributes): Promise<Buffer> {
  const leafDer = pemToDer(signerPem);
  const leaf = parseCertificateDer(leafDer);
  const attributes = signedAttributes(sha256(content), leaf, leafDer);
  const signature = ecdsaDer(await sign(signedAttributesDer(attributes)));
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [leaf, ...chainPem.map((pem) => parseCertificateDer(pemToDer(pem)))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER());
}
