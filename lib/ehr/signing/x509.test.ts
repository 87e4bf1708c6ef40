import { describe, expect, it } from "vitest";
import {
  AUTHORITY_VALIDITY_YEARS, certificateFacts, createAuthorityCertificate, createDoctorCertificate, isSigningCertificate,
  parseCertificate, randomSerial,
} from "./x509";

const doctor = { name: "João D'Ávila, Filho", cpf: "52998224725", crm: "98765", crmUf: "MG" };

describe("local CA certificates", () => {
  it("name the doctor, CPF and CRM/UF, even with commas and accents in names", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const ca = await createAuthorityCertificate("Clínica São José, Unidade 2", now);
    const { certificate } = await createDoctorCertificate({ certificate: ca.certificate, privateKey: ca.keys.privateKey }, "Clínica São José, Unidade 2", doctor, now);
    const facts = certificateFacts(parseCertificate(certificate.toString("pem")));
    expect(facts).toMatchObject({ commonName: doctor.name, cpf: doctor.cpf, crm: "98765/MG", issuer: ca.certificate.subject });
    expect(isSigningCertificate(certificate)).toBe(true);
    expect(isSigningCertificate(ca.certificate)).toBe(false);
    expect(await certificate.verify({ publicKey: ca.certificate.publicKey, signatureOnly: true })).toBe(true);
  });

  it("never outlive the authority that issued them", async () => {
    const caBorn = new Date("2000-01-01T00:00:00Z");
    const ca = await createAuthorityCertificate("Clínica", caBorn);
    const late = new Date(ca.certificate.notAfter.getTime() - 86_400_000);
    const { certificate } = await createDoctorCertificate({ certificate: ca.certificate, privateKey: ca.keys.privateKey }, "Clínica", doctor, late);
    expect(certificate.notAfter.getTime()).toBe(ca.certificate.notAfter.getTime());
    expect(ca.certificate.notAfter.getUTCFullYear()).toBe(2000 + AUTHORITY_VALIDITY_YEARS);
  });

  it("use positive, unpredictable 128-bit serials", () => {
    const serials = new Set(Array.from({ length: 200 }, randomSerial));
    expect(serials.size).toBe(200);
    for (const s of serials) expect(s).toMatch(/^[0-7][0-9a-f]{31}$/);
  });
});
