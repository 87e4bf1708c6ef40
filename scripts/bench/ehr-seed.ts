import pg from "pg";
import { sealField } from "@/lib/crypto/config";
import { sealSections, sealSigned } from "@/lib/ehr/records/content";
import { sha256Hex } from "@/lib/ehr/records/canonical";
import type { SignatureEnvelope } from "@/lib/ehr/signing/signer";
import { BENCH_ID_SQL, cpfOf, KIND } from "./data";
import type { SeededTenant } from "./seed";

// Charts on top of the scheduling benchmark's seed, with SQL: for the first `charts` patients of
// the clinic, `perChart` encounters each (one every ~6 days back from today, by the clinic's
// doctors in turn), all signed with one or two CID-10 diagnoses except the newest, a draft.
// The narrative is sealed in Node with the app's keyring exactly as lib/ehr/records stores it
// (sealSections: AES-256-GCM, AAD = tenant + column), so every chart read decrypts for real;
// 24 distinct notes are sealed and generate_series spreads them over the rows.
//
// What differs from data the app writes: the signed rows carry a sealed canonical text and its
// hash but an envelope of kind "bench-seed" (no signature was computed for them, so verification
// reports an unknown signer; verification is not part of the read path). The signing scenario
// makes real signatures through the API, with the clinic's CA and the doctor's certificate.

export type ChartShape = { charts: number; perChart: number };
export type SeededCharts = { tenant: SeededTenant; charts: number; perChart: number; records: number; doctors: number };

// Chronic problems recur over a chart (the timeline pins them); acute ones vary per visit.
const CHRONIC = ["I10", "E11.9", "E78.5", "J45.9", "E66.9", "F41.1"];
const ACUTE = ["J06.9", "M54.5", "K29.7", "N39.0", "R51", "A09"];
const NOTES = 24;

const COMPLAINTS = ["cefaleia há três dias", "dor lombar após esforço", "tosse seca e coriza", "controle de pressão arterial",
  "retorno com exames", "epigastralgia pós-prandial", "disúria e polaciúria", "cansaço e sonolência"];

/** A note of realistic length (~1.5 kB of sealed JSON), the way a doctor writes the SOAP sections. */
function note(i: number) {
  const c = COMPLAINTS[i % COMPLAINTS.length]!;
  return {
    chiefComplaint: `Paciente refere ${c}.`,
    historyOfPresentIllness: `Quadro iniciado há ${2 + (i % 9)} dias, ${c}, sem febre aferida. Nega vômitos, nega dispneia. ` +
      "Refere piora no fim do dia e melhora parcial com analgésico comum. Mantém alimentação e diurese habituais.",
    pastAndFamilyHistory: "Hipertensão arterial em acompanhamento. Mãe diabética, pai com cardiopatia isquêmica.",
    habits: i % 3 === 0 ? "Ex-tabagista (20 maços-ano), etilismo social." : "Nega tabagismo. Atividade física duas vezes por semana.",
    examination: `BEG, corado, hidratado. PA ${118 + (i % 30)}/${76 + (i % 12)} mmHg, FC ${64 + (i % 25)} bpm. ` +
      "Ausculta cardíaca com ritmo regular em dois tempos, bulhas normofonéticas. Murmúrio vesicular presente, sem ruídos adventícios.",
    assessment: "Quadro compatível com a hipótese principal; sem sinais de alarme no momento.",
    plan: "Orientações gerais, sintomáticos se necessário, retorno em 30 dias com exames laboratoriais. Procurar pronto atendimento se piora.",
  };
}

function sealedNotes(tenantId: string) {
  const content: string[] = [];
  const signed: string[] = [];
  const hashes: string[] = [];
  for (let i = 0; i < NOTES; i++) {
    const sections = note(i);
    content.push(sealSections(tenantId, sections));
    const canonical = JSON.stringify({ schema: "bench-seed", sections });
    signed.push(sealSigned(tenantId, canonical));
    hashes.push(sha256Hex(canonical));
  }
  return { content, signed, hashes };
}

const seedEnvelope = (): SignatureEnvelope => ({
  signerKind: "bench-seed", algorithm: "none", contentSha256: "", signature: "", certificatePem: "", chainPem: [],
  signedAt: new Date().toISOString(),
});

/** Doctors who may sign (CPF and CRM on the profile) and a clinic that lets the bench staff in without a second factor. */
async function prepareClinic(db: pg.Client, tenant: SeededTenant): Promise<void> {
  // The benchmark's staff have no second factor enrolled; this clinic does not require one.
  await db.query(`UPDATE tenants SET settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{security}', '{"twoFactorRequiredRoles": []}') WHERE id = $1`, [tenant.id]);
  for (let d = 0; d < tenant.doctors; d++) {
    await db.query(`UPDATE users SET cpf_enc = $1, crm = $2, crm_uf = 'SP' WHERE id = pg_temp.bench_id($3, ${KIND.doctor}, $4)`,
      [sealField(tenant.id, "users.cpf", cpfOf(tenant.ordinal + 90, d)), String(100_000 + d), tenant.ordinal, d]);
  }
}

export async function seedCharts(ownerUrl: string, tenant: SeededTenant, shape: ChartShape, log: (line: string) => void): Promise<SeededCharts> {
  const charts = Math.min(shape.charts, tenant.patients);
  const records = charts * shape.perChart;
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await db.query(BENCH_ID_SQL);
    await db.query("SET synchronous_commit = off");
    await prepareClinic(db, tenant);
    const notes = sealedNotes(tenant.id);
    const t0 = performance.now();
    await db.query(`INSERT INTO medical_records (id, tenant_id, patient_id, doctor_id, type, status, content_enc, version,
        occurred_at, signed_at, signed_by, content_hash, signed_content_enc, signature, created_at, updated_at)
      SELECT pg_temp.bench_id($1, ${KIND.record}, n), $2::uuid, pg_temp.bench_id($1, ${KIND.patient}, n / $3), doc,
             'CONSULTATION', CASE WHEN draft THEN 'DRAFT' ELSE 'SIGNED' END::"RecordStatus", ($5::text[])[note], CASE WHEN draft THEN 1 ELSE 2 END,
             at, CASE WHEN NOT draft THEN at + interval '20 minutes' END, CASE WHEN NOT draft THEN doc END,
             CASE WHEN NOT draft THEN ($7::text[])[note] END, CASE WHEN NOT draft THEN ($6::text[])[note] END,
             CASE WHEN NOT draft THEN $8::jsonb END, at, at
        FROM generate_series(0, $4 - 1) n
       CROSS JOIN LATERAL (SELECT n % $3 AS k, 1 + abs(hashint8(n)) % ${NOTES} AS note) a
       CROSS JOIN LATERAL (SELECT a.k = $3 - 1 AS draft,
                                  pg_temp.bench_id($1, ${KIND.doctor}, ((n / $3) + a.k % 3) % $9) AS doc,
                                  date_trunc('hour', now()) - ($3 - 1 - a.k) * interval '6 days' - interval '2 hours' AS at) b`,
    [tenant.ordinal, tenant.id, shape.perChart, records, notes.content, notes.signed, notes.hashes, JSON.stringify(seedEnvelope()), tenant.doctors]);
    // The trigger that freezes a signed record's diagnoses would refuse these rows: the seed
    // writes them with the record already signed, as the owner, with triggers off.
    await db.query("SET session_replication_role = replica");
    await db.query(`INSERT INTO medical_record_diagnoses (id, tenant_id, medical_record_id, code, is_main, certainty, position)
      SELECT pg_temp.bench_id($1, ${KIND.diagnosis}, n * 2 + p), $2::uuid, pg_temp.bench_id($1, ${KIND.record}, n),
             CASE WHEN p = 0 THEN ($5::text[])[1 + (n / $3) % ${CHRONIC.length}] ELSE ($6::text[])[1 + abs(hashint8(n)) % ${ACUTE.length}] END,
             p = 0, 'CONFIRMED', p
        FROM generate_series(0, $4 - 1) n CROSS JOIN generate_series(0, 1) p
       WHERE n % $3 <> $3 - 1 AND (p = 0 OR abs(hashint8(n * 3)) % 2 = 0)`,
    [tenant.ordinal, tenant.id, shape.perChart, records, CHRONIC, ACUTE]);
    await db.query("SET session_replication_role = DEFAULT");
    const { rows: [orphans] } = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM medical_record_diagnoses d WHERE NOT EXISTS (SELECT 1 FROM cid10_codes c WHERE c.code = d.code)");
    if (Number(orphans!.n) > 0) throw new Error(`${orphans!.n} seeded diagnoses name a code missing from cid10_codes`);
    await db.query("VACUUM (ANALYZE) medical_records");
    await db.query("VACUUM (ANALYZE) medical_record_diagnoses");
    log(`  charts: ${charts} × ${shape.perChart} encounters (${records.toLocaleString("en")} records) ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { tenant, charts, perChart: shape.perChart, records, doctors: tenant.doctors };
  } finally {
    await db.end();
  }
}
