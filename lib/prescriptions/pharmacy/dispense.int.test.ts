import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCnpj } from "@/lib/br/documents";
import { disconnectDb } from "@/lib/db/client";
import { asOwner, closeOwnerPool } from "@/lib/testing/factories";
import { httpCall, startRouteServer, type RouteServer } from "@/lib/testing/route-server";
import { POST as dispense } from "@/app/api/v1/prescriptions/[id]/dispense/route";
import { createPrescriptionDraft } from "../drafts";
import { cancelPrescription } from "../lifecycle";
import { getPrescription } from "../queries";
import { signPrescription } from "../sign";
import { ensureDrugCatalogue, freeItem, prescribingClinic, type PrescribingClinic } from "../test-fixtures";
import { issuePharmacyCredential, listPharmacyCredentials, revokePharmacyCredential } from "./credentials";

// Dispensing over real HTTP as a partner pharmacy's system sends it: the clinic's credential and
// the printed verification code together, partial dispensing that adds up, refusals with their
// reason, and the database keeping the sum within the prescription when twenty requests race.

let c: PrescribingClinic;
let other: PrescribingClinic;
let server: RouteServer;
let token: string;
let otherToken: string;
const cnpj = generateCnpj();

beforeAll(async () => {
  await ensureDrugCatalogue();
  [c, other] = await Promise.all([prescribingClinic(), prescribingClinic()]);
  token = (await issuePharmacyCredential(c.as.admin, { pharmacyName: "Drogaria Central", cnpj })).token;
  otherToken = (await issuePharmacyCredential(other.as.admin, { pharmacyName: "Drogaria Central", cnpj })).token;
  server = await startRouteServer([{ method: "POST", pattern: /^\/api\/v1\/prescriptions\/(?<id>[^/]+)\/dispense$/, handler: dispense }]);
});

afterAll(async () => {
  await server.close();
  await Promise.all([disconnectDb(), closeOwnerPool()]);
});

async function signed(quantity = 3, clinic = c) {
  const { id } = await createPrescriptionDraft(clinic.as.doctor, { medicalRecordId: clinic.encounterId, items: [freeItem("losartana 50 mg", { quantity })] });
  const s = await signPrescription(clinic.as.doctor, id, { version: 1 });
  const view = await getPrescription(clinic.as.doctor, id);
  return { id, code: s.verificationCode, itemId: view.items[0]!.id };
}

const body = (code: string, itemId: string, quantity: number, over: Record<string, unknown> = {}) => ({
  verificationCode: code, pharmacyCnpj: cnpj, pharmacyName: "Drogaria Central", pharmacistName: "Paula Souza",
  pharmacistCrf: "CRF-SP 12345", dispensedAt: new Date().toISOString(), items: [{ itemId, quantity }], ...over,
});

function post(id: string, payload: unknown, opts: { token?: string | null; slug?: string; headers?: Record<string, string> } = {}) {
  const t = opts.token === undefined ? token : opts.token;
  return httpCall(server.port, {
    host: `${opts.slug ?? c.tenant.slug}.localhost:3000`, method: "POST", path: `/api/v1/prescriptions/${id}/dispense`,
    headers: { "content-type": "application/json", ...(t ? { authorization: `Bearer ${t}` } : {}), ...opts.headers },
    body: Buffer.from(JSON.stringify(payload)),
  });
}
const answer = (r: { body: Buffer }) => JSON.parse(r.body.toString()) as { error?: { code: string; reason?: string }; items?: { remaining: number }[]; fullyDispensed?: boolean };
const dispensed = async (itemId: string) => (await asOwner<{ d: number }>("SELECT dispensed_quantity d FROM prescription_items WHERE id = $1", [itemId]))[0]!.d;

describe("dispensing", () => {
  it("partial dispensing adds up to the prescribed quantity, then is refused as fully dispensed", async () => {
    const rx = await signed(3);
    const first = await post(rx.id, body(rx.code, rx.itemId, 2));
    expect(first.status).toBe(201);
    expect(answer(first)).toMatchObject({ items: [{ remaining: 1 }], fullyDispensed: false });
    const over = await post(rx.id, body(rx.code, rx.itemId, 2));
    expect([over.status, answer(over).error?.reason]).toEqual([409, "exceedsRemaining"]);
    const last = await post(rx.id, body(rx.code, rx.itemId, 1));
    expect(answer(last)).toMatchObject({ fullyDispensed: true });
    const again = await post(rx.id, body(rx.code, rx.itemId, 1));
    expect([again.status, answer(again).error?.reason]).toEqual([409, "fullyDispensed"]);
    expect(await dispensed(rx.itemId)).toBe(3);
    const rows = await asOwner<{ pharmacist_crf: string }>("SELECT pharmacist_crf FROM dispensings WHERE prescription_id = $1", [rx.id]);
    expect(rows.map((r) => r.pharmacist_crf)).toEqual(["12345/SP", "12345/SP"]);
  });

  it("twenty concurrent requests for the last units: exactly one succeeds, nothing over-dispensed", async () => {
    const rx = await signed(5);
    expect((await post(rx.id, body(rx.code, rx.itemId, 3))).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(rx.id, body(rx.code, rx.itemId, 2))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const a of answers.filter((x) => x.status === 409)) expect(["dispenseRace", "exceedsRemaining", "fullyDispensed"]).toContain(answer(a).error?.reason);
    expect(await dispensed(rx.itemId)).toBe(5);
    const [sum] = await asOwner<{ n: number; total: number }>(
      "SELECT count(*)::int n, sum(di.quantity)::int total FROM dispensing_items di WHERE di.prescription_item_id = $1", [rx.itemId]);
    expect(sum).toEqual({ n: 2, total: 5 });
  });

  it("needs both the credential and this prescription's code, for the credential's CNPJ", async () => {
    const rx = await signed(3);
    const other1 = await signed(3);
    const cases: [Promise<{ status: number; body: Buffer }>, number, string][] = [
      [post(rx.id, body(rx.code, rx.itemId, 1), { token: null }), 401, "pharmacyUnauthorized"],
      [post(rx.id, body(rx.code, rx.itemId, 1), { token: `${token.slice(0, -4)}AAAA` }), 401, "pharmacyUnauthorized"],
      [post(rx.id, body(other1.code, rx.itemId, 1)), 404, "dispenseNotFound"],
      [post(rx.id, body("ZZZZ-0000", rx.itemId, 1)), 404, "dispenseNotFound"],
      [post(rx.id, body(rx.code, rx.itemId, 1, { pharmacyCnpj: generateCnpj() })), 403, "cnpjMismatch"],
      [post(rx.id, body(rx.code, other1.itemId, 1)), 400, "unknownItem"],
      [post(rx.id, body(rx.code, rx.itemId, 1, { dispensedAt: new Date(Date.now() + 86_400_000).toISOString() })), 400, "dispensedInFuture"],
    ];
    for (const [call, status, reason] of cases) {
      const r = await call;
      expect([r.status, answer(r).error?.reason], reason).toEqual([status, reason]);
    }
    const bad = await post(rx.id, body(rx.code, rx.itemId, 0, { pharmacistCrf: "abc" }));
    expect(bad.status).toBe(400);
    expect(await dispensed(rx.itemId)).toBe(0);
  });

  it("another clinic's prescription id answers 404, even with a credential of that other clinic's name and CNPJ", async () => {
    const theirs = await signed(3, other);
    const r = await post(theirs.id, body(theirs.code, theirs.itemId, 1));
    expect(r.status).toBe(404);
    // The other clinic's own credential on its own host works.
    expect((await post(theirs.id, body(theirs.code, theirs.itemId, 1), { token: otherToken, slug: other.tenant.slug })).status).toBe(201);
    // Its credential on this clinic's host does not.
    expect((await post(theirs.id, body(theirs.code, theirs.itemId, 1), { token: otherToken })).status).toBe(401);
  });

  it("cancelled and expired prescriptions are refused with the reason", async () => {
    const cancelled = await signed(3);
    await cancelPrescription(c.as.doctor, cancelled.id, { reason: "Troca de medicamento" });
    const r1 = await post(cancelled.id, body(cancelled.code, cancelled.itemId, 1));
    expect([r1.status, answer(r1).error?.reason]).toEqual([409, "dispenseCancelled"]);
    const expired = await signed(3);
    await asOwner("ALTER TABLE prescriptions DISABLE TRIGGER USER");
    try {
      await asOwner("UPDATE prescriptions SET valid_until = DATE '2020-01-10' WHERE id = $1", [expired.id]);
    } finally {
      await asOwner("ALTER TABLE prescriptions ENABLE TRIGGER USER");
    }
    const r2 = await post(expired.id, body(expired.code, expired.itemId, 1));
    expect([r2.status, answer(r2).error?.reason]).toEqual([409, "dispenseExpired"]);
    expect(answer(r2).error).toMatchObject({ message: expect.stringContaining("10/01/2020") });
  });

  it("an Idempotency-Key replays the first answer instead of dispensing twice", async () => {
    const rx = await signed(3);
    const headers = { "idempotency-key": `disp-${rx.id}` };
    const payload = body(rx.code, rx.itemId, 1);
    const a = await post(rx.id, payload, { headers });
    const b = await post(rx.id, payload, { headers });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers["idempotency-replayed"]).toBe("true");
    expect(await dispensed(rx.itemId)).toBe(1);
  });
});

describe("credentials", () => {
  it("only a hash of the secret is stored; revoked tokens stop working; admins only", async () => {
    const issued = await issuePharmacyCredential(c.as.admin, { pharmacyName: "Farmácia Bairro", cnpj: generateCnpj() });
    const [row] = await asOwner<{ secret_hash: string; token_prefix: string }>("SELECT secret_hash, token_prefix FROM pharmacy_credentials WHERE id = $1", [issued.credential.id]);
    expect(issued.token.startsWith(`${row!.token_prefix}.`)).toBe(true);
    expect(row!.secret_hash).not.toContain(issued.token.split(".")[1]);
    expect((await listPharmacyCredentials(c.as.admin)).map((x) => x.id)).toContain(issued.credential.id);
    await revokePharmacyCredential(c.as.admin, issued.credential.id);
    const rx = await signed(1);
    const r = await post(rx.id, body(rx.code, rx.itemId, 1), { token: issued.token });
    expect(r.status).toBe(401);
    await expect(revokePharmacyCredential(c.as.admin, issued.credential.id)).rejects.toMatchObject({ reason: "alreadyRevoked" });
    await expect(revokePharmacyCredential(other.as.admin, issued.credential.id)).rejects.toMatchObject({ code: "not_found" });
    for (const who of [c.as.doctor, c.as.secretary, c.as.finance]) {
      await expect(issuePharmacyCredential(who, { pharmacyName: "X", cnpj: generateCnpj() })).rejects.toMatchObject({ code: "forbidden" });
      await expect(listPharmacyCredentials(who)).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(issuePharmacyCredential(c.as.admin, { pharmacyName: "X", cnpj: "11.111.111/1111-11" })).rejects.toMatchObject({ code: "validation" });
  });
});
