import type { AllergySeverity, Sex } from "@/lib/generated/prisma/enums";
import { toSearchName } from "@/lib/patients/search-name";
import { nextCpf } from "./br";
import * as N from "./names";
import { Rng } from "./random";

// Pure generation of a tenant's demo patients. CPFs come from their own PRNG stream and every
// patient's other attributes from a stream of its own, so tweaking how names or addresses are
// drawn never changes a CPF — the natural key reruns rely on to avoid duplicates.

export type PatientSpec = {
  cpf: string; cns: string | null; fullName: string; socialName: string | null; searchName: string; sex: Sex;
  birthDate: Date; email: string | null; phone: string;
  address: { cep: string; street: string; number: string; complement: string | null; district: string } | null;
  insurance: { provider: string; plan: string; card: string; validUntil: Date } | null;
  consentEmail: boolean; consentSms: boolean; consentWhatsapp: boolean; deniesAllergies: boolean;
  allergies: { substance: string; reaction: string; severity: AllergySeverity }[];
  contact: { name: string; relationship: string; phone: string } | null;
};

/** The patient who has a portal login: fixed name and e-mail, the rest generated. */
export type LinkedPatient = { fullName: string; sex: Sex; email: string };

const ascii = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const phone = (rng: Rng) => `119${rng.int(6, 9)}${rng.digits(7)}`;

/** A provisional CNS (starts 7–9): 15 digits whose sum weighted 15…1 is a multiple of 11. */
function provisionalCns(rng: Rng): string {
  for (;;) {
    const body = `${rng.int(7, 9)}${rng.digits(13)}`;
    const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (15 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return `${body}${check}`;
  }
}

function name(rng: Rng, sex: "FEMALE" | "MALE"): { first: string; fullName: string; last: string } {
  const first = rng.pick(sex === "FEMALE" ? N.FEMALE_NAMES : N.MALE_NAMES);
  const middle = rng.chance(0.35) ? ` ${rng.pick(N.MIDDLE_NAMES[sex])}` : "";
  const last = rng.pick(N.SURNAMES);
  const mother = rng.chance(0.75) ? `${rng.pick(N.SURNAMES.filter((s) => s !== last))} ` : "";
  return { first, last, fullName: `${first}${middle} ${mother}${last}` };
}

function onePatient(rng: Rng, cpf: string, insurers: readonly string[], linked?: LinkedPatient): PatientSpec {
  const sex = linked?.sex === "MALE" || linked?.sex === "FEMALE" ? linked.sex : rng.chance(0.53) ? "FEMALE" : "MALE";
  const drawn = name(rng, sex);
  const fullName = linked?.fullName ?? drawn.fullName;
  const [first = drawn.first] = fullName.split(" ");
  const last = fullName.split(" ").at(-1) ?? drawn.last;
  const socialName = !linked && rng.chance(0.03) ? `${rng.pick(N.SOCIAL_NAMES[sex])} ${last}` : null;
  const birthDate = new Date(Date.UTC(rng.int(1940, 2023), rng.int(0, 11), rng.int(1, 28)));
  const email = linked?.email
    ?? (rng.chance(0.85) ? `${ascii(first)}.${ascii(last)}${rng.int(1, 99)}@${rng.pick(N.EMAIL_DOMAINS)}` : null);
  const street = rng.chance(0.8) ? rng.pick(N.SP_STREETS) : null;
  const address = street ? {
    cep: street[0], street: street[1], district: street[2], number: String(rng.int(10, 3500)),
    complement: rng.chance(0.4) ? rng.pick(N.COMPLEMENTS) : null,
  } : null;
  const provider = insurers.length > 0 && rng.chance(0.6) ? rng.pick(insurers) : null;
  const insurance = provider ? {
    provider, plan: rng.pick(N.INSURER_PLANS[provider] ?? ["Plano padrão"]), card: rng.digits(16),
    validUntil: new Date(Date.UTC(rng.int(2027, 2029), rng.int(0, 11), 28)),
  } : null;
  const allergies = rng.chance(0.1)
    ? rng.shuffle(N.ALLERGIES).slice(0, rng.int(1, 2)).map((a) => ({ ...a }))
    : [];
  const contact = rng.chance(0.3)
    ? { name: `${rng.pick([...N.FEMALE_NAMES, ...N.MALE_NAMES])} ${last}`, relationship: rng.pick(N.RELATIONSHIPS), phone: phone(rng) }
    : null;
  // Drawn last, so adding it left every earlier draw (and so every existing demo patient) as it was.
  const cns = rng.chance(0.3) ? provisionalCns(rng) : null;
  return {
    cpf, cns, fullName, socialName, searchName: toSearchName(fullName, socialName), sex, birthDate, email,
    phone: phone(rng), address, insurance,
    consentEmail: email !== null && rng.chance(0.7), consentSms: rng.chance(0.5), consentWhatsapp: rng.chance(0.6),
    deniesAllergies: allergies.length === 0 && rng.chance(0.5), allergies, contact,
  };
}

/** `count` patients for a tenant; the first is `linked` when given. Same input, same output. */
export function buildPatients(slug: string, count: number, insurers: readonly string[], linked?: LinkedPatient): PatientSpec[] {
  const cpfRng = new Rng(`${slug}:cpf`);
  const seen = new Set<string>();
  const out: PatientSpec[] = [];
  for (let i = 0; i < count; i++) {
    let cpf = nextCpf(cpfRng);
    while (seen.has(cpf)) cpf = nextCpf(cpfRng);
    seen.add(cpf);
    out.push(onePatient(new Rng(`${slug}:patient:${i}`), cpf, insurers, i === 0 ? linked : undefined));
  }
  return out;
}

/** CPFs for staff users, from a separate stream so they never collide with a patient's draw order. */
export function staffCpfs(slug: string, count: number): string[] {
  const rng = new Rng(`${slug}:staff-cpf`);
  return Array.from({ length: count }, () => nextCpf(rng));
}
