// The document pipeline end to end on the real database as the app role: each kind issued
// through the API, its PDF read back as a reader would (text by pdfjs-dist, QR code by jsQR),
// its embedded CMS checked and broken, the public verification answer, cancellation, the
// refusals (another clinic, a secretary, another doctor) and the database's immutability.
import "@/lib/ehr/signing/reflect-metadata";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { formatCpf } from "@/lib/br/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { formatDate } from "@/lib/format/date";
import { asApp, asOwner, scopeFor } from "@/lib/testing/factories";
import { ensureCid10 } from "@/lib/testing/cid10";
import { issueDocument } from "./issue";
import { verifyPdfSignature } from "./signature/pdf-verify";
import { setPatientIdentity, startDocumentsApi, type DocumentsApi } from "./testing/api";
import { flat, pdfTextOf, qrCodesOf } from "./testing/pdf";
import type { DocumentDetailDto, DocumentDto, PrescriptionDocumentBody, PublicVerification } from "./types";

const run = promisify(execFile);
const hasOpenssl = await run("openssl", ["version"]).then(() => true, () => false);
// poppler's signature checker: what a PDF reader reports about the embedded signature.
const hasPdfsig = await run("pdfsig", ["-v"]).then(() => true, () => false);

let api: DocumentsApi;
beforeAll(async () => {
  await ensureCid10();
  api = await startDocumentsApi();
});
afterAll(async () => api?.stop());

type Issued = { documentId: string; kind: string; verificationCode: string; verificationUrl: string };
type Body = { error: { code: string; message: string; reason?: string; fields?: Record<string, string[]> } };

const today = () => formatDate(new Date(), "America/Sao_Paulo");
const isoToday = () => today().split("/").reverse().join("-");

const INPUTS = {
  MEDICAL_CERTIFICATE: { kind: "MEDICAL_CERTIFICATE", startDate: "2026-12-02", days: 3, cid10: "j11.1", cid10Consent: true },
  ATTENDANCE_DECLARATION: { kind: "ATTENDANCE_DECLARATION", date: "2026-12-02", arrivedAt: "08:30", leftAt: "10:15" },
  EXAM_REQUEST: { kind: "EXAM_REQUEST", exams: [{ tussCode: "40304361" }, { name: "Dosagem de zinco sérico (alvo ≥ 70 µg/dL → repetir)" }], clinicalIndication: "Astenia há 2 meses" },
  REFERRAL: { kind: "REFERRAL", specialty: "Cardiologia", professional: "Dr. Paulo Sá", reason: "Sopro sistólico a esclarecer", clinicalSummary: "Sopro sistólico 2+/6 em foco mitral; ECG normal." },
} as const;

// (µ, typed as the micro sign, shares its glyph with Greek mu, so a reader may extract either.)
const SPECIFIC: Record<keyof typeof INPUTS, string[]> = {
  MEDICAL_CERTIFICATE: ["ATESTADO MÉDICO", "3 dias de afastamento", "de 02/12/2026 a 04/12/2026", "CID-10: J11.1", "autorização expressa do paciente"],
  ATTENDANCE_DECLARATION: ["DECLARAÇÃO DE COMPARECIMENTO", "compareceu a este serviço em 02/12/2026, das 08:30 às 10:15"],
  EXAM_REQUEST: ["SOLICITAÇÃO DE EXAMES", "Hemograma com contagem de plaquetas", "TUSS 40304361", "2. Dosagem de zinco sérico (alvo ≥ 70 ", "g/dL → repetir)", "Indicação clínica: Astenia há 2 meses"],
  REFERRAL: ["ENCAMINHAMENTO", "a Cardiologia, aos cuidados de Dr. Paulo Sá", "Motivo: Sopro sistólico a esclarecer", "Resumo clínico: Sopro sistólico 2+/6"],
};

async function issue(input: unknown): Promise<Issued> {
  const res = await api.issue(input);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Issued;
}

async function pdfOf(id: string): Promise<Buffer> {
  const res = await api.pdf(id);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  return Buffer.from(await res.arrayBuffer());
}

const checkPdf = (pdf: Buffer) => withTenant(scopeFor(api.clinic), (tx) => verifyPdfSignature(tx, pdf));

/** Every field CFM 2.299/2021 asks of a medical document, as printed for this clinic, doctor and patient. */
const cfmFields = (issued: Issued) => [
  api.clinic.name, `CNPJ ${api.cnpj.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, "$1.$2.$3/$4-$5")}`, "CNES 2077485",
  "Avenida Paulista, 1578, Conjunto 42 — Bela Vista — São Paulo/SP — CEP 01310-200",
  "Dra. Ana Beatriz Conceição", "CRM 123456/SP", "RQE 45678",
  "Paciente: Maria da Graça Ñunes", `CPF: ${formatCpf(api.patient.cpf)}`, `Data: ${today()}`,
  "Documento assinado eletronicamente por Dra. Ana Beatriz Conceição (CRM 123456/SP)", `verifique em ${issued.verificationUrl}`,
];

describe("issuing each kind of document", () => {
  for (const kind of Object.keys(INPUTS) as (keyof typeof INPUTS)[]) {
    it(`${kind}: a signed PDF whose text holds every CFM 2.299 field, whose QR code opens its verification page`, async () => {
      const issued = await issue(INPUTS[kind]);
      expect(issued.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(issued.verificationUrl).toBe(`http://${api.clinic.slug}.localhost:3000/v/${issued.verificationCode.match(/.{4}/g)!.join("-")}`);
      const pdf = await pdfOf(issued.documentId);
      const text = flat(await pdfTextOf(pdf));
      for (const field of [...cfmFields(issued), ...SPECIFIC[kind]]) expect(text, field).toContain(field);
      expect(text).toContain(`Código de verificação: ${issued.verificationCode.match(/.{4}/g)!.join("-")}`);
      expect(await qrCodesOf(pdf)).toEqual([issued.verificationUrl]);

      const check = await checkPdf(pdf);
      expect(check).toMatchObject({ valid: true, coversWholeFile: true, digestMatches: true, signatureValid: true, chainValid: true, problems: [] });
      expect(check.certificate).toMatchObject({ commonName: "Dra. Ana Beatriz Conceição", crm: "123456/SP", cpf: api.author.cpf });
      expect(pdf.toString("latin1")).toContain("/SubFilter /ETSI.CAdES.detached");

      // At rest: the content sealed, the PDF only as ciphertext, the audit row ids and flags only.
      const [row] = await asOwner<{ content_enc: string; pdf_storage_key: string; status: string; signature: { signerKind: string; signedAt: string } }>(
        "SELECT content_enc, pdf_storage_key, status, signature FROM clinical_documents WHERE tenant_id = $1 AND id = $2", [api.clinic.id, issued.documentId]);
      expect(row!.content_enc).toMatch(/^enc:v1:/);
      expect(row!.content_enc).not.toContain("Maria");
      expect(row).toMatchObject({ status: "ISSUED", signature: { signerKind: "local-ca" } });
      // The PDF's /M is the content envelope's time (to the second), never before the certificate
      // issued on the doctor's first signature.
      const envelopeSecond = Math.floor(Date.parse(row!.signature.signedAt) / 1000) * 1000;
      expect(check.signedAt).toBe(new Date(envelopeSecond).toISOString());
      expect(Date.parse(check.signedAt!)).toBeGreaterThanOrEqual(Date.parse(check.certificate!.notBefore));
      const [audit] = await asOwner<{ metadata: Record<string, unknown> }>(
        "SELECT metadata FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2 AND action = 'clinical_document.issued'", [api.clinic.id, issued.documentId]);
      expect(audit!.metadata).toMatchObject({ kind, patientId: api.patient.id, medicalRecordId: api.record.id });
      expect(JSON.stringify(audit)).not.toMatch(/Maria|J11|Cardiologia|Astenia/);
      if (kind === "MEDICAL_CERTIFICATE") expect(audit!.metadata).toMatchObject({ cid10Consent: true, cid10Printed: true });
    });
  }

  it("lists the encounter's documents and shows one with its signed content, logging each read", async () => {
    const issued = await issue(INPUTS.ATTENDANCE_DECLARATION);
    const listed = (await (await api.list()).json()) as { data: DocumentDto[] };
    expect(listed.data[0]).toMatchObject({ id: issued.documentId, kind: "ATTENDANCE_DECLARATION", status: "ISSUED", pdfUrl: `/api/v1/documents/${issued.documentId}/pdf` });
    const detail = (await (await api.get(issued.documentId)).json()) as DocumentDetailDto;
    expect(detail.body).toEqual({ kind: "ATTENDANCE_DECLARATION", date: "2026-12-02", arrivedAt: "08:30", leftAt: "10:15" });
    await pdfOf(issued.documentId);
    const logs = await asOwner<{ data_type: string; action: string }>(
      "SELECT data_type, action::text FROM data_access_logs WHERE tenant_id = $1 AND entity_id = $2 ORDER BY created_at", [api.clinic.id, issued.documentId]);
    expect(logs).toEqual([{ data_type: "clinical_document", action: "VIEW" }, { data_type: "clinical_document_pdf", action: "EXPORT" }]);
  });

  it("prints no diagnosis without the patient's consent, and refuses a code without it", async () => {
    const before = await asOwner<{ n: number }>("SELECT count(*)::int AS n FROM clinical_documents WHERE tenant_id = $1", [api.clinic.id]);
    const refused = await api.issue({ ...INPUTS.MEDICAL_CERTIFICATE, cid10Consent: false });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Body).error.fields?.cid10Consent?.[0]).toMatch(/autorização do paciente/);
    expect(await asOwner("SELECT count(*)::int AS n FROM clinical_documents WHERE tenant_id = $1", [api.clinic.id])).toEqual(before);

    const issued = await issue({ kind: "MEDICAL_CERTIFICATE", startDate: "2026-12-02", days: 1 });
    const text = flat(await pdfTextOf(await pdfOf(issued.documentId)));
    expect(text).toContain("1 dia de afastamento");
    expect(text).not.toContain("CID");
    const [audit] = await asOwner<{ metadata: Record<string, unknown> }>(
      "SELECT metadata FROM audit_logs WHERE tenant_id = $1 AND entity_id = $2", [api.clinic.id, issued.documentId]);
    expect(audit!.metadata).toMatchObject({ cid10Consent: false, cid10Printed: false });
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const before = await asOwner("SELECT count(*)::int AS n FROM clinical_documents WHERE tenant_id = $1", [api.clinic.id]);
    for (const [input, field] of [
      [{ kind: "ATTENDANCE_DECLARATION", date: "2026-12-02", arrivedAt: "10:00", leftAt: "09:00" }, "leftAt"],
      [{ kind: "EXAM_REQUEST", exams: [{ tussCode: "99999999" }] }, "exams.0.tussCode"],
      [{ kind: "EXAM_REQUEST", exams: [] }, "exams"],
      [{ kind: "MEDICAL_CERTIFICATE", startDate: "2026-02-31", days: 2 }, "startDate"],
      [{ kind: "REFERRAL", specialty: "", reason: "x", clinicalSummary: "y" }, "specialty"],
      [{ kind: "PRESCRIPTION" }, "kind"],
    ] as const) {
      const res = await api.issue(input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(Object.keys(((await res.json()) as Body).error.fields ?? {}), JSON.stringify(input)).toContain(field);
    }
    expect(await asOwner("SELECT count(*)::int AS n FROM clinical_documents WHERE tenant_id = $1", [api.clinic.id])).toEqual(before);
  });

  it("answers the same Idempotency-Key with the same document", async () => {
    const headers = { "idempotency-key": `doc-${api.record.id}` };
    const first = await api.issue(INPUTS.REFERRAL, "author", api.record.id, headers);
    const again = await api.issue(INPUTS.REFERRAL, "author", api.record.id, headers);
    expect(first.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
  });
});

describe("the embedded signature", () => {
  it("fails once any signed byte changes, or in another clinic", async () => {
    const issued = await issue(INPUTS.EXAM_REQUEST);
    const pdf = await pdfOf(issued.documentId);
    const flipped = Buffer.from(pdf);
    flipped[1200]! ^= 0x01;
    expect(await checkPdf(flipped)).toMatchObject({ valid: false, digestMatches: false, problems: ["digest_mismatch"] });
    const hexAt = pdf.toString("latin1").indexOf("/Contents <") + 40;
    const badSignature = Buffer.from(pdf);
    badSignature[hexAt] = badSignature[hexAt] === 0x30 ? 0x31 : 0x30;
    expect((await checkPdf(badSignature)).valid).toBe(false);
    const truncated = pdf.subarray(0, pdf.length - 10);
    expect(await checkPdf(truncated)).toMatchObject({ valid: false, problems: ["byte_range_invalid"] });
    const elsewhere = await withTenant(scopeFor(api.other), (tx) => verifyPdfSignature(tx, pdf));
    expect(elsewhere).toMatchObject({ valid: false, digestMatches: true, signatureValid: true, problems: ["untrusted_chain"] });
  });
});

describe("the embedded signature, checked by another program", () => {
  it.runIf(hasOpenssl)("is a detached CMS that openssl verifies over the ByteRange bytes against the clinic's root", async () => {
    const issued = await issue(INPUTS.REFERRAL);
    const pdf = await pdfOf(issued.documentId);
    const text = pdf.toString("latin1");
    const [a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text)!.slice(1).map(Number) as [number, number, number, number];
    const cms = Buffer.from(text.slice(b + 1, c - 1), "hex");
    // DER SEQUENCE with a two-byte length (0x30 0x82 hi lo): the zero padding after it is not the CMS.
    const der = cms.subarray(0, 4 + cms.readUInt16BE(2));
    const [root] = await asOwner<{ certificate_pem: string }>("SELECT certificate_pem FROM signing_authorities WHERE tenant_id = $1", [api.clinic.id]);
    const dir = await mkdtemp(join(tmpdir(), "documents-cms-"));
    try {
      const path = (name: string) => join(dir, name);
      await writeFile(path("signed.bin"), Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
      await writeFile(path("sig.der"), der);
      await writeFile(path("root.pem"), root!.certificate_pem);
      const ok = await run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", path("sig.der"), "-content", path("signed.bin"),
        "-CAfile", path("root.pem"), "-purpose", "any", "-out", path("out.bin")]);
      expect(ok.stderr).toMatch(/Verification successful/);
      await writeFile(path("tampered.bin"), Buffer.concat([pdf.subarray(a, a + b - 1), Buffer.from("x"), pdf.subarray(c, c + d)]));
      await expect(run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", path("sig.der"), "-content", path("tampered.bin"),
        "-CAfile", path("root.pem"), "-purpose", "any", "-out", path("out.bin")])).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the embedded signature, as a PDF reader reports it", () => {
  it.runIf(hasPdfsig)("lists one valid ETSI.CAdES.detached signature by the doctor covering the whole document", async () => {
    const issued = await issue(INPUTS.ATTENDANCE_DECLARATION);
    const dir = await mkdtemp(join(tmpdir(), "documents-pdfsig-"));
    try {
      await writeFile(join(dir, "doc.pdf"), await pdfOf(issued.documentId));
      const { stdout } = await run("pdfsig", [join(dir, "doc.pdf")]);
      expect(stdout).toContain("Signer Certificate Common Name: Dra. Ana Beatriz Conceição");
      expect(stdout).toContain("Signature Type: ETSI.CAdES.detached");
      expect(stdout).toContain("Total document signed");
      expect(stdout).toContain("Signature Validation: Signature is Valid.");
      // The clinic's own root is in no reader's trust store (it is not ICP-Brasil): docs/documents.md.
      expect(stdout).toContain("Certificate issuer isn't Trusted");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("who may do what", () => {
  it("answers 404 to another clinic on every document endpoint", async () => {
    const issued = await issue(INPUTS.ATTENDANCE_DECLARATION);
    const before = await asOwner("SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'CANCELLED')::int AS c FROM clinical_documents WHERE tenant_id = $1", [api.clinic.id]);
    for (const res of [
      await api.get(issued.documentId, "outsider"), await api.pdf(issued.documentId, "outsider"),
      await api.cancel(issued.documentId, "engano", "outsider"), await api.list("outsider"),
      await api.issue(INPUTS.ATTENDANCE_DECLARATION, "outsider"), await api.verify(issued.verificationCode, api.other),
    ]) expect(res.status).toBe(404);
    expect(await asOwner("SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'CANCELLED')::int AS c FROM clinical_documents WHERE tenant_id = $1", [api.clinic.id])).toEqual(before);
  });

  it("refuses a secretary everything but the public page", async () => {
    const issued = await issue(INPUTS.ATTENDANCE_DECLARATION);
    const before = await asOwner("SELECT count(*)::int AS n FROM clinical_documents WHERE tenant_id = $1", [api.clinic.id]);
    for (const res of [
      await api.issue(INPUTS.ATTENDANCE_DECLARATION, "secretary"), await api.get(issued.documentId, "secretary"),
      await api.pdf(issued.documentId, "secretary"), await api.list("secretary"), await api.cancel(issued.documentId, "engano", "secretary"),
    ]) expect(res.status).toBe(403);
    expect(await asOwner("SELECT count(*)::int AS n FROM clinical_documents WHERE tenant_id = $1", [api.clinic.id])).toEqual(before);
    expect((await api.verify(issued.verificationCode)).status).toBe(200);
  });

  it("lets only the author cancel, once, with a reason; the public page then says cancelled", async () => {
    const issued = await issue(INPUTS.MEDICAL_CERTIFICATE);
    const notAuthor = await api.cancel(issued.documentId, "engano", "colleague");
    expect(notAuthor.status).toBe(403);
    expect(((await notAuthor.json()) as Body).error.reason).toBe("notAuthor");
    expect((await api.cancel(issued.documentId, "   ")).status).toBe(400);
    expect((await api.cancel(issued.documentId, "Data de início errada")).status).toBe(200);
    expect((await api.cancel(issued.documentId, "de novo")).status).toBe(409);
    const [row] = await asOwner<{ status: string; cancel_reason_enc: string; cancelled_by: string }>(
      "SELECT status, cancel_reason_enc, cancelled_by FROM clinical_documents WHERE tenant_id = $1 AND id = $2", [api.clinic.id, issued.documentId]);
    expect(row).toMatchObject({ status: "CANCELLED", cancelled_by: api.author.id });
    expect(row!.cancel_reason_enc).not.toContain("errada");
    const detail = (await (await api.get(issued.documentId)).json()) as DocumentDetailDto;
    expect(detail).toMatchObject({ status: "CANCELLED", cancelReason: "Data de início errada" });
    const publicView = (await (await api.verify(issued.verificationCode)).json()) as PublicVerification;
    expect(publicView).toMatchObject({ state: "CANCELLED", kind: "MEDICAL_CERTIFICATE" });
    expect(publicView.cancelledAt).not.toBeNull();
  });

  it("keeps an issued document unchangeable in the database itself", async () => {
    const issued = await issue(INPUTS.REFERRAL);
    const attempt = (sql: string) => asApp(async (client) => {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [api.clinic.id]);
      try {
        await client.query(sql, [issued.documentId]);
        return "changed";
      } catch (error) {
        return (error as Error).message;
      } finally {
        await client.query("ROLLBACK");
      }
    });
    expect(await attempt("UPDATE clinical_documents SET valid_until = '2030-01-01' WHERE id = $1")).toMatch(/immutable/);
    expect(await attempt("UPDATE clinical_documents SET content_sha256 = repeat('0', 64) WHERE id = $1")).toMatch(/immutable/);
    expect(await attempt("DELETE FROM clinical_documents WHERE id = $1")).toMatch(/permission denied/);
  });
});

describe("the public verification", () => {
  it("says valid, what, when and by whom, and nothing about the patient but initials", async () => {
    const issued = await issue(INPUTS.MEDICAL_CERTIFICATE);
    const typed = issued.verificationCode.toLowerCase().match(/.{4}/g)!.join(" ");
    const res = await api.verify(typed);
    expect(res.status).toBe(200);
    const view = (await res.json()) as PublicVerification;
    expect(view).toMatchObject({
      state: "VALID", kind: "MEDICAL_CERTIFICATE", prescriptionKind: null, validUntil: null, cancelledAt: null, signatureValid: true,
      clinic: { name: api.clinic.name }, doctor: { name: "Dra. Ana Beatriz Conceição", crm: "123456", crmUf: "SP", rqe: "45678" },
      patientInitials: "M. G. Ñ.", dispensing: null,
    });
    const json = JSON.stringify(view);
    for (const secret of ["Maria", "Graça", api.patient.cpf, formatCpf(api.patient.cpf), "J11", "Influenza"]) expect(json).not.toContain(secret);
    expect((await api.verify("0000-0000-0000")).status).toBe(404);
    expect((await api.verify("not a code")).status).toBe(404);
  });
});

describe("prescriptions through the pipeline", () => {
  const bodyFor = (prescriptionId: string, prescriptionKind: PrescriptionDocumentBody["prescriptionKind"], validUntil: string | null = null): PrescriptionDocumentBody => ({
    kind: "PRESCRIPTION", prescriptionId, prescriptionKind, notes: null, validUntil,
    items: [
      { position: 1, drugName: "Clonazepam 2 mg", presentation: "comprimido", dose: "1", doseUnit: "comprimido", route: "oral", frequency: "à noite", duration: "30 dias", quantity: 2, quantityUnit: "caixa", quantityWords: "duas", instructions: "Não dirigir.", continuousUse: false, freeText: false },
      { position: 2, drugName: "Sertralina 50 mg", presentation: null, dose: "1", doseUnit: "comprimido", route: "oral", frequency: "pela manhã", duration: null, quantity: 1, quantityUnit: "caixa", quantityWords: "uma", instructions: null, continuousUse: true, freeText: true },
    ],
  });
  const issueRx = (body: PrescriptionDocumentBody) => {
    const ctx = scopeFor(api.clinic, api.author, ["doctor"]);
    return withTenant(ctx, (tx) => issueDocument(tx, ctx, { patientId: api.patient.id, medicalRecordId: api.record.id, body }));
  };

  it("special control: two copies with CPF, address, quantity in words and the buyer and supplier blocks; dispensing shows on the public page", async () => {
    const prescriptionId = await api.prescription("SPECIAL_CONTROL");
    const issued = await issueRx(bodyFor(prescriptionId, "SPECIAL_CONTROL"));
    const pdf = await pdfOf(issued.documentId);
    const pages = (await pdfTextOf(pdf)).split("\n").join(" ");
    const text = flat(pages);
    for (const field of [...cfmFields({ ...issued, kind: "PRESCRIPTION" }), "RECEITUÁRIO DE CONTROLE ESPECIAL", "1ª via – farmácia", "2ª via – paciente",
      "Endereço: Rua Funchal, 418 — Vila Olímpia — São Paulo/SP — CEP 04538-132", "Quantidade: 2 caixa (duas)", "Identificação do comprador",
      "Identificação do fornecedor", "Identificação do emitente", "Uso contínuo", "Válida por 30 dias"]) expect(text, field).toContain(field);
    expect(text.split("Identificação do comprador").length - 1).toBe(2);
    expect((await checkPdf(pdf)).valid).toBe(true);

    const state = async () => ((await (await api.verify(issued.verificationCode)).json()) as PublicVerification).dispensing;
    expect(await state()).toEqual({ state: "NONE", items: [{ position: 1, quantity: 2, dispensed: 0 }, { position: 2, quantity: 1, dispensed: 0 }] });
    await asOwner("UPDATE prescription_items SET dispensed_quantity = 1 WHERE prescription_id = $1 AND position = 1", [prescriptionId]);
    expect((await state())!.state).toBe("PARTIAL");
    await asOwner("UPDATE prescription_items SET dispensed_quantity = quantity WHERE prescription_id = $1", [prescriptionId]);
    expect((await state())!.state).toBe("FULL");
  });

  it("special control refuses a patient without CPF, and an antimicrobial past its 10 days reads expired", async () => {
    await setPatientIdentity(api.clinic, api.patient.id, null);
    try {
      const prescriptionId = await api.prescription("SPECIAL_CONTROL");
      await expect(issueRx(bodyFor(prescriptionId, "SPECIAL_CONTROL"))).rejects.toMatchObject({ reason: "patientCpfRequired", status: 422 });
      expect(await asOwner("SELECT count(*)::int AS n FROM clinical_documents WHERE tenant_id = $1 AND prescription_id = $2", [api.clinic.id, prescriptionId])).toEqual([{ n: 0 }]);
    } finally {
      await setPatientIdentity(api.clinic, api.patient.id, api.patient.cpf);
    }
    const antimicrobial = await issueRx(bodyFor(await api.prescription("ANTIMICROBIAL"), "ANTIMICROBIAL"));
    const text = flat(await pdfTextOf(await pdfOf(antimicrobial.documentId)));
    expect(text).toContain("1ª via – retenção da farmácia");
    expect(text).toContain("Válida por 10 dias");
    const view = (await (await api.verify(antimicrobial.verificationCode)).json()) as PublicVerification;
    expect(view.validUntil! > isoToday()).toBe(true);
    expect(view.state).toBe("VALID");
    const expired = await issueRx(bodyFor(await api.prescription("ANTIMICROBIAL"), "ANTIMICROBIAL", "2026-01-01"));
    expect(((await (await api.verify(expired.verificationCode)).json()) as PublicVerification)).toMatchObject({ state: "EXPIRED", validUntil: "2026-01-01" });
  });
});
