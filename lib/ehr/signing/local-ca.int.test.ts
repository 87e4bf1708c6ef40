// The Reflect stand-in must load before @peculiar/x509 (see reflect-metadata.ts).
import "./reflect-metadata";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as x509 from "@peculiar/x509";
import { afterAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/audit/record";
import { openField } from "@/lib/crypto/config";
import { disconnectDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { canonicalJson } from "@/lib/format/canonical-json";
import { asApp, asOwner, closeOwnerPool, createTenant, createUser, scopeFor, type TestTenant } from "@/lib/testing/factories";
import { createDoctor, type TestDoctor } from "@/lib/testing/signing-factories";
import { revokeCertificate } from "./doctor-certificate";
import { localCaSigner } from "./local-ca";
import type { SignatureEnvelope } from "./signer";
import { signerFor, verifierFor } from "./signer-for";

const run = promisify(execFile);
const hasOpenssl = await run("openssl", ["version"]).then(() => true, () => false);

afterAll(async () => {
  await Promise.all([closeOwnerPool(), disconnectDb()]);
});

const bytes = (value: unknown) => new TextEncoder().encode(canonicalJson(value));
const note = { kind: "medical_record", sections: { assessment: "Hipertensão essencial", plan: "Retorno em 30 dias" }, cid10: ["I10"] };

async function sign(tenant: TestTenant, doctor: TestDoctor, content = bytes(note), audit?: AuditEntry[]) {
  const ctx = scopeFor(tenant, doctor, ["doctor"]);
  return withTenant(ctx, (tx) =>
    localCaSigner.sign(tx, ctx, { signerUserId: doctor.id, content, documentType: "medical_record", documentId: "r-1", audit }));
}

async function verify(tenant: TestTenant, doctor: TestDoctor, envelope: SignatureEnvelope, content = bytes(note)) {
  const ctx = scopeFor(tenant, doctor, ["doctor"]);
  return withTenant(ctx, (tx) => localCaSigner.verify(tx, ctx, envelope, content));
}

const rowsOf = (tenant: TestTenant) => asOwner<{ table: string; n: number }>(
  `SELECT 'authorities' AS table, count(*)::int AS n FROM signing_authorities WHERE tenant_id = $1
   UNION ALL SELECT 'certificates', count(*)::int FROM signing_certificates WHERE tenant_id = $1`, [tenant.id]);

describe("the local CA signer", () => {
  it("issues the clinic CA and the doctor's certificate on first signing, with CN, CPF and CRM/UF", async () => {
    const clinic = await createTenant();
    const doctor = await createDoctor(clinic, { name: "Ana Beatriz Souza", crm: "123456", crmUf: "RJ" });
    const audit: AuditEntry[] = [];
    const envelope = await sign(clinic, doctor, bytes(note), audit);

    const leaf = new x509.X509Certificate(envelope.certificatePem);
    expect(leaf.subjectName.getField("CN")).toEqual(["Ana Beatriz Souza"]);
    expect(leaf.subjectName.getField("2.5.4.5")).toEqual([doctor.cpf]);
    expect(leaf.subjectName.getField("OU")).toEqual(["CRM:123456/RJ"]);
    const usage = leaf.getExtension(x509.KeyUsagesExtension)!;
    expect(usage.critical).toBe(true);
    expect(usage.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    expect(leaf.getExtension(x509.BasicConstraintsExtension)!.ca).toBe(false);

    const [caPem] = envelope.chainPem;
    const ca = new x509.X509Certificate(caPem!);
    expect(ca.getExtension(x509.BasicConstraintsExtension)!.ca).toBe(true);
    expect(await ca.isSelfSigned()).toBe(true);
    expect(ca.notAfter.getTime() - ca.notBefore.getTime()).toBeGreaterThan(25 * 365 * 86_400_000);
    const chain = await new x509.X509ChainBuilder({ certificates: [ca] }).build(leaf);
    expect(chain.map((c) => c.serialNumber)).toEqual([leaf.serialNumber, ca.serialNumber]);
    expect(await leaf.verify({ publicKey: ca.publicKey })).toBe(true);

    expect(audit.map((a) => a.action)).toEqual(["signing_authority.created", "signing_certificate.issued"]);
    expect(JSON.stringify(audit)).not.toContain(doctor.cpf!);
    expect(await rowsOf(clinic)).toEqual([{ table: "authorities", n: 1 }, { table: "certificates", n: 1 }]);
  });

  it.runIf(hasOpenssl)("produces a chain and a signature that openssl verifies", async () => {
    const clinic = await createTenant();
    const doctor = await createDoctor(clinic);
    const content = bytes(note);
    const envelope = await sign(clinic, doctor, content);
    const dir = await mkdtemp(join(tmpdir(), "signing-"));
    try {
      const path = (name: string) => join(dir, name);
      await writeFile(path("ca.pem"), envelope.chainPem[0]!);
      await writeFile(path("leaf.pem"), envelope.certificatePem);
      await writeFile(path("content.json"), content);
      await writeFile(path("signature.der"), Buffer.from(envelope.signature, "base64"));
      const chain = await run("openssl", ["verify", "-CAfile", path("ca.pem"), path("leaf.pem")]);
      expect(chain.stdout.trim()).toBe(`${path("leaf.pem")}: OK`);
      await run("openssl", ["x509", "-in", path("leaf.pem"), "-pubkey", "-noout", "-out", path("pub.pem")]);
      const dgst = await run("openssl", ["dgst", "-sha256", "-verify", path("pub.pem"), "-signature", path("signature.der"), path("content.json")]);
      expect(dgst.stdout.trim()).toBe("Verified OK");
      // Another clinic's root does not vouch for this doctor.
      const other = await createTenant();
      const stranger = await sign(other, await createDoctor(other));
      await writeFile(path("other-ca.pem"), stranger.chainPem[0]!);
      await expect(run("openssl", ["verify", "-CAfile", path("other-ca.pem"), path("leaf.pem")])).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("signs and verifies; a second signature reuses the certificate", async () => {
    const clinic = await createTenant();
    const doctor = await createDoctor(clinic);
    const first = await sign(clinic, doctor);
    const second = await sign(clinic, doctor, bytes({ ...note, cid10: ["E11.9"] }));
    expect(second.certificatePem).toBe(first.certificatePem);
    expect(first).toMatchObject({ signerKind: "local-ca", algorithm: "ECDSA-P256-SHA256" });
    expect(first.contentSha256).toMatch(/^[0-9a-f]{64}$/);

    const result = await verify(clinic, doctor, first);
    expect(result).toMatchObject({ valid: true, contentMatches: true, signatureValid: true, chainValid: true, problems: [] });
    expect(result.certificate).toMatchObject({ commonName: doctor.name, cpf: doctor.cpf, crm: `${doctor.crm}/SP` });
    expect(await rowsOf(clinic)).toEqual([{ table: "authorities", n: 1 }, { table: "certificates", n: 1 }]);
  });

  it("reports changed content, a tampered signature, an expired certificate and an unknown signer", async () => {
    const clinic = await createTenant();
    const doctor = await createDoctor(clinic);
    const envelope = await sign(clinic, doctor);

    const changed = await verify(clinic, doctor, envelope, bytes({ ...note, cid10: ["I11"] }));
    expect(changed).toMatchObject({ valid: false, contentMatches: false, signatureValid: false, chainValid: true, problems: ["content_changed"] });

    const raw = Buffer.from(envelope.signature, "base64");
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0x01;
    const forged = await verify(clinic, doctor, { ...envelope, signature: raw.toString("base64") });
    expect(forged).toMatchObject({ valid: false, contentMatches: true, signatureValid: false, problems: ["bad_signature"] });

    const late = await verify(clinic, doctor, { ...envelope, signedAt: "2099-01-01T00:00:00.000Z" });
    expect(late).toMatchObject({ valid: false, chainValid: false, problems: ["expired"] });

    const unknown = { ...envelope, signerKind: "icp-brasil-cloud" };
    expect(verifierFor(unknown)).toBeNull();
    expect((await verify(clinic, doctor, unknown)).problems).toEqual(["unsupported_signer"]);
    expect((await verify(clinic, doctor, { ...envelope, certificatePem: "garbage" })).problems).toEqual(["malformed"]);
  });

  it("does not trust a certificate from another clinic's CA", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    const [doctorA, doctorB] = await Promise.all([createDoctor(a), createDoctor(b)]);
    await sign(a, doctorA);
    const fromB = await sign(b, doctorB);
    const result = await verify(a, doctorA, fromB);
    expect(result).toMatchObject({ valid: false, contentMatches: true, signatureValid: true, chainValid: false, problems: ["untrusted_chain"] });
    // Even carrying clinic A's root in its chain, B's certificate is not A's.
    const withAsRoot = { ...fromB, chainPem: (await sign(a, doctorA)).chainPem };
    expect((await verify(a, doctorA, withAsRoot)).problems).toEqual(["untrusted_chain"]);
  });

  it("refuses to sign for another user, without permission, or with empty content, and writes nothing", async () => {
    const clinic = await createTenant();
    const [doctor, other, secretary] = await Promise.all([
      createDoctor(clinic), createDoctor(clinic), createUser(clinic, { roles: ["secretary"] }),
    ]);
    const ctx = scopeFor(clinic, doctor, ["doctor"]);
    const request = { signerUserId: other.id, content: bytes(note), documentType: "medical_record", documentId: "r-1" };
    await expect(withTenant(ctx, (tx) => localCaSigner.sign(tx, ctx, request)))
      .rejects.toMatchObject({ code: "forbidden", reason: "notTheSigner", message: "Somente o(a) próprio(a) profissional pode assinar em seu nome." });

    const asSecretary = scopeFor(clinic, secretary, ["secretary"]);
    await expect(withTenant(asSecretary, (tx) => localCaSigner.sign(tx, asSecretary, { ...request, signerUserId: secretary.id })))
      .rejects.toMatchObject({ code: "forbidden" });
    await expect(withTenant(ctx, (tx) => localCaSigner.sign(tx, ctx, { ...request, signerUserId: doctor.id, content: new Uint8Array() })))
      .rejects.toMatchObject({ code: "validation", reason: "emptyContent" });
    expect(await rowsOf(clinic)).toEqual([{ table: "authorities", n: 0 }, { table: "certificates", n: 0 }]);
  });

  it("refuses a doctor without CPF or CRM with a clear, catalogued error", async () => {
    const clinic = await createTenant();
    const noCpf = await createDoctor(clinic, { cpf: null });
    await expect(sign(clinic, noCpf)).rejects.toMatchObject({
      code: "unprocessable", reason: "identityIncomplete", params: { missing: ["cpf"] },
      message: "Para assinar, o cadastro do(a) profissional precisa de CPF. Peça ao administrador da clínica para completá-lo.",
    });
    const neither = await createDoctor(clinic, { cpf: null, crm: null, crmUf: null });
    const error = await sign(clinic, neither).catch((e: unknown) => e);
    expect(error).toMatchObject({ params: { missing: ["cpf", "crm"] } });
    expect((error as Error).message).toContain("CPF e CRM com UF");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ error: { code: "unprocessable", reason: "identityIncomplete" } });
    expect(await rowsOf(clinic)).toEqual([{ table: "authorities", n: 0 }, { table: "certificates", n: 0 }]);
  });

  it("issues a new certificate after revocation or an identity change; older signatures still verify", async () => {
    const clinic = await createTenant();
    const doctor = await createDoctor(clinic);
    const before = await sign(clinic, doctor);
    const [row] = await asOwner<{ id: string }>("SELECT id FROM signing_certificates WHERE tenant_id = $1", [clinic.id]);
    const ctx = scopeFor(clinic, doctor, ["doctor"]);
    expect(await withTenant(ctx, (tx) => revokeCertificate(tx, row!.id, "key_compromise"))).toMatchObject({ action: "signing_certificate.revoked" });

    const after = await sign(clinic, doctor);
    expect(after.certificatePem).not.toBe(before.certificatePem);
    expect((await verify(clinic, doctor, before)).valid).toBe(true);
    // Backdated past the revocation it would not be.
    expect((await verify(clinic, doctor, { ...before, signedAt: new Date().toISOString() })).problems).toEqual(["revoked"]);

    await withTenant(scopeFor(clinic), (tx) => tx.user.update({ where: { tenantId_id: { tenantId: clinic.id, id: doctor.id } }, data: { name: "Ana Nova Silva" }, select: { id: true } }));
    const renamed = await sign(clinic, doctor);
    expect(new x509.X509Certificate(renamed.certificatePem).subjectName.getField("CN")).toEqual(["Ana Nova Silva"]);
    const reasons = await asOwner<{ reason: string }>(
      `SELECT metadata->>'cause' AS reason FROM audit_logs WHERE tenant_id = $1 AND action = 'signing_certificate.issued' ORDER BY seq`, [clinic.id]);
    expect(reasons.map((r) => r.reason)).toEqual(["first", "revoked", "identity_changed"]);
  });

  it("creates one CA when two doctors sign their first documents at once", async () => {
    const clinic = await createTenant();
    const doctors = await Promise.all([createDoctor(clinic), createDoctor(clinic), createDoctor(clinic)]);
    const envelopes = await Promise.all(doctors.map((d) => sign(clinic, d)));
    expect(new Set(envelopes.map((e) => e.chainPem[0])).size).toBe(1);
    expect(await rowsOf(clinic)).toEqual([{ table: "authorities", n: 1 }, { table: "certificates", n: 3 }]);
  });

  it("keeps private keys sealed at rest, bound to their row", async () => {
    const clinic = await createTenant();
    await sign(clinic, await createDoctor(clinic));
    await sign(clinic, await createDoctor(clinic));
    const keys = await asOwner<{ id: string; column: string; key: string }>(
      `SELECT id, 'signing_authorities.private_key_enc' AS column, private_key_enc AS key FROM signing_authorities WHERE tenant_id = $1
       UNION ALL SELECT id, 'signing_certificates.private_key_enc', private_key_enc FROM signing_certificates WHERE tenant_id = $1`, [clinic.id]);
    expect(keys).toHaveLength(3);
    for (const { key } of keys) {
      expect(key).toMatch(/^enc:v1:/);
      expect(key).not.toContain("PRIVATE KEY");
      expect(key).not.toContain("MIG"); // DER PKCS#8 in base64 starts with "MIG"
    }
    const [a, b] = keys.slice(1);
    expect(openField(clinic.id, `${a!.column}:${a!.id}`, a!.key)).toMatch(/^MIG/);
    expect(() => openField(clinic.id, `${b!.column}:${b!.id}`, a!.key)).toThrow(/authentication/);
  });

  it("clinic B cannot read clinic A's CA or certificates (RLS)", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    await sign(a, await createDoctor(a));
    const seen = await withTenant(scopeFor(b), async (tx) => ({
      authorities: await tx.signingAuthority.count(),
      certificates: await tx.signingCertificate.count(),
    }));
    expect(seen).toEqual({ authorities: 0, certificates: 0 });
    const raw = await asApp(async (app) => {
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.tenant_id', $1, true)", [b.id]);
      const { rows } = await app.query("SELECT count(*)::int AS n FROM signing_authorities WHERE tenant_id = $1", [a.id]);
      await app.query("ROLLBACK");
      return rows[0].n as number;
    });
    expect(raw).toBe(0);
    expect(await rowsOf(a)).toEqual([{ table: "authorities", n: 1 }, { table: "certificates", n: 1 }]);
  });

  it("writes its audit rows itself when the caller collects none, and signerFor picks the local CA", async () => {
    const clinic = await createTenant();
    const doctor = await createDoctor(clinic);
    const ctx = scopeFor(clinic, doctor, ["doctor"]);
    expect(signerFor(ctx)).toBe(localCaSigner);
    await sign(clinic, doctor);
    const actions = await asOwner<{ action: string }>("SELECT action FROM audit_logs WHERE tenant_id = $1 ORDER BY seq", [clinic.id]);
    expect(actions.map((a) => a.action)).toEqual(["signing_authority.created", "signing_certificate.issued"]);
  });
});
