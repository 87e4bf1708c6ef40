import "./reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import type { CertificateFacts } from "./signer";

// Certificate building and reading for the local CA, all through @peculiar/x509 (no hand-written
// ASN.1). The library signs with WebCrypto; Node's implementation is set as its provider once,
// when this module loads.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
export const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;
/** The envelope's `algorithm` for signatures made with these keys (DER-encoded ECDSA). */
export const ENVELOPE_ALGORITHM = "ECDSA-P256-SHA256";

// Subject attributes. CN carries the name as ICP-Brasil does; CPF goes in X.520 serialNumber
// (2.5.4.5, the attribute qualified certificates use for a personal identifier) and the CRM in
// an OU "CRM:<number>/<UF>", so any X.509 reader shows both. ICP-Brasil's otherName fields in
// subjectAltName (2.16.76.1.3.1 for CPF) are left to certificates issued by an ICP-Brasil CA:
// the local CA is not one, and claiming its OIDs would pretend otherwise.
const OID = { cn: "2.5.4.3", serialNumber: "2.5.4.5", ou: "2.5.4.11", o: "2.5.4.10", c: "2.5.4.6" } as const;
const CRM_OU = /^CRM:(\d{1,10})\/([A-Z]{2})$/;

export type DoctorIdentity = { name: string; cpf: string; crm: string; crmUf: string };
export type Issued = { certificate: x509.X509Certificate; keys: CryptoKeyPair };

/** Long enough to verify a record over the 20 years Lei 13.787/2018 keeps it. */
export const AUTHORITY_VALIDITY_YEARS = 30;
export const CERTIFICATE_VALIDITY_YEARS = 3;

function yearsAfter(date: Date, years: number): Date {
  const later = new Date(date);
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

export async function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

/** A positive 128-bit serial (RFC 5280: at most 20 octets, non-negative, unpredictable). */
export function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return Buffer.from(bytes).toString("hex");
}

export async function createAuthorityCertificate(clinicName: string, now: Date): Promise<Issued> {
  const keys = await generateKeys();
  const name: x509.JsonName = [
    { [OID.c]: ["BR"] }, { [OID.o]: [clinicName] }, { [OID.cn]: [`AC local Prontivus — ${clinicName}`] },
  ];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    notBefore: now,
    notAfter: yearsAfter(now, AUTHORITY_VALIDITY_YEARS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, keys };
}

export async function createDoctorCertificate(
  authority: { certificate: x509.X509Certificate; privateKey: CryptoKey },
  clinicName: string,
  doctor: DoctorIdentity,
  now: Date,
): Promise<Issued> {
  const keys = await generateKeys();
  const caNotAfter = authority.certificate.notAfter.getTime();
  const subject: x509.JsonName = [
    { [OID.c]: ["BR"] }, { [OID.o]: [clinicName] }, { [OID.ou]: [`CRM:${doctor.crm}/${doctor.crmUf}`] },
    { [OID.serialNumber]: [doctor.cpf] }, { [OID.cn]: [doctor.name] },
  ];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject,
    issuer: authority.certificate.subjectName,
    notBefore: now,
    // Never beyond the issuer: a chain is only as valid as its shortest link.
    notAfter: new Date(Math.min(yearsAfter(now, CERTIFICATE_VALIDITY_YEARS).getTime(), caNotAfter)),
    publicKey: keys.publicKey,
    signingKey: authority.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority.certificate.publicKey),
    ],
  });
  return { certificate, keys };
}

export async function exportPrivateKey(key: CryptoKey): Promise<string> {
  return Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key)).toString("base64");
}

export async function importPrivateKey(pkcs8Base64: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey("pkcs8", Buffer.from(pkcs8Base64, "base64"), KEY_ALGORITHM, false, ["sign"]);
}

export function parseCertificate(pem: string): x509.X509Certificate {
  return new x509.X509Certificate(pem);
}

/** Who a certificate names, read the way `createDoctorCertificate` writes it. */
export function certificateFacts(certificate: x509.X509Certificate): CertificateFacts {
  const field = (oid: string) => certificate.subjectName.getField(oid)[0] ?? null;
  const crm = (certificate.subjectName.getField(OID.ou).map((ou) => CRM_OU.exec(ou)).find(Boolean) ?? null);
  return {
    subject: certificate.subject,
    issuer: certificate.issuer,
    serialNumber: certificate.serialNumber,
    commonName: field(OID.cn) ?? "",
    cpf: field(OID.serialNumber),
    crm: crm ? `${crm[1]}/${crm[2]}` : null,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
  };
}

/** True when the certificate may sign documents (keyUsage digitalSignature + nonRepudiation). */
export function isSigningCertificate(certificate: x509.X509Certificate): boolean {
  const usage = certificate.getExtension(x509.KeyUsagesExtension);
  const wanted = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  return !!usage && (usage.usages & wanted) === wanted;
}
