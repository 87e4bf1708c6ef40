// Which receituário a prescription must be, from what its items contain. The rules:
//
// - Portaria SVS/MS 344/1998, lists A1–A3 (entorpecentes, psicotrópicos "A"), B1 and B2: only on a
//   Notificação de Receita A or B/B2, numbered by the health authority through the national
//   SNCR system. This app does not issue those: it explains why and refuses to sign.
// - C2 (retinoids) for systemic use and C3 (thalidomide) have their own notifications too
//   (Notificação de Receita Especial de Retinoides; de Talidomida, RDC 11/2011): refused likewise.
// - C1, C4, C5 and topical C2: Receita de Controle Especial, in two copies (1ª via retained by the
//   pharmacy), patient CPF and address mandatory (RDC 1.000/2025), valid 30 days.
// - Lists E and F: proscribed substances, never prescribable.
// - RDC 471/2021: an antimicrobial goes on a prescription in two copies, one retained, valid
//   10 days. With a C-list item as well, the controle especial form serves both (two copies,
//   retained); its validity is then the shorter, 10 days.
// - Anything else: receita simples. No federal rule fixes its validity; the clinic's rule here is
//   30 days, or 180 days when every item is continuous use (what pharmacies commonly honour for
//   uso contínuo). Documented in docs/prescriptions.md.
// Days count from the day after issue (Código Civil art. 132): issued on the 2nd, ten days of
// validity end on the 12th.

export const PRESCRIPTION_KINDS = ["SIMPLE", "SPECIAL_CONTROL", "ANTIMICROBIAL"] as const;
export type PrescriptionKindName = (typeof PRESCRIPTION_KINDS)[number];

export type ItemRegulation = {
  position: number;
  drugName: string;
  route: string;
  /** Portaria 344/98 lists of the item's ingredients (empty when none is controlled). */
  controlLists: string[];
  antimicrobial: boolean;
  continuousUse: boolean;
};

export type KindReason =
  | { code: "controlled"; params: { drug: string; list: string } }
  | { code: "antimicrobial"; params: { drug: string } }
  | { code: "simple"; params: Record<string, never> };

/** Why an item cannot go on any receituário of this app. */
export type KindRefusal =
  | { code: "notificationRequired"; params: { drug: string; list: string; form: NotificationForm } }
  | { code: "prohibitedSubstance"; params: { drug: string; list: string } };

export type NotificationForm = "A" | "B" | "B2" | "retinoids" | "thalidomide";

export type KindDecision = {
  kind: PrescriptionKindName;
  validityDays: number;
  reasons: KindReason[];
  /** Items this app must not issue at all (empty when the prescription can be signed). */
  refusals: KindRefusal[];
};

const NOTIFICATION: Record<string, NotificationForm> = { A1: "A", A2: "A", A3: "A", B1: "B", B2: "B2", C3: "thalidomide" };
const SPECIAL = new Set(["C1", "C2", "C4", "C5"]);
const PROHIBITED = /^(E|F\d?)$/;
// Systemic routes: a C2 retinoid taken this way needs its own notification.
const SYSTEMIC = /oral|sublingual|intravenos|intramuscular|subcut|sist[eê]mic|endovenos/i;

export const VALIDITY_DAYS = { SIMPLE: 30, SIMPLE_CONTINUOUS: 180, SPECIAL_CONTROL: 30, ANTIMICROBIAL: 10 } as const;

function refusalOf(item: ItemRegulation, list: string): KindRefusal | null {
  if (PROHIBITED.test(list)) return { code: "prohibitedSubstance", params: { drug: item.drugName, list } };
  const form = list === "C2" ? (SYSTEMIC.test(item.route) ? "retinoids" : null) : NOTIFICATION[list];
  return form ? { code: "notificationRequired", params: { drug: item.drugName, list, form } } : null;
}

export function decideKind(items: readonly ItemRegulation[]): KindDecision {
  const reasons: KindReason[] = [];
  const refusals: KindRefusal[] = [];
  let special = false;
  let antimicrobial = false;
  for (const item of items) {
    for (const list of item.controlLists) {
      const refusal = refusalOf(item, list);
      if (refusal) refusals.push(refusal);
      else if (SPECIAL.has(list)) {
        special = true;
        reasons.push({ code: "controlled", params: { drug: item.drugName, list } });
      }
    }
    if (item.antimicrobial) {
      antimicrobial = true;
      reasons.push({ code: "antimicrobial", params: { drug: item.drugName } });
    }
  }
  const kind: PrescriptionKindName = special ? "SPECIAL_CONTROL" : antimicrobial ? "ANTIMICROBIAL" : "SIMPLE";
  if (kind === "SIMPLE") reasons.push({ code: "simple", params: {} });
  const allContinuous = items.length > 0 && items.every((i) => i.continuousUse);
  const validityDays = antimicrobial ? VALIDITY_DAYS.ANTIMICROBIAL
    : special ? VALIDITY_DAYS.SPECIAL_CONTROL
      : allContinuous ? VALIDITY_DAYS.SIMPLE_CONTINUOUS : VALIDITY_DAYS.SIMPLE;
  return { kind, validityDays, reasons, refusals };
}

/** The last valid day of a prescription issued on `issuedOn` (yyyy-mm-dd, the clinic's calendar). */
export function validUntilOf(issuedOn: string, validityDays: number): string {
  const t = new Date(`${issuedOn}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + validityDays);
  return t.toISOString().slice(0, 10);
}
