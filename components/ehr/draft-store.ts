import type { DiagnosisInput, Sections } from "@/lib/ehr/records/schemas";

// Unsent chart text kept in this browser (localStorage) until the server has it, so a dropped
// network or a closed tab loses nothing. Keyed by record id; `baseVersion` is the server version
// the edit was made on, so text written against an older version is never sent over a newer one.
// The entry is removed as soon as the server holds the same text, and every entry goes when the
// user signs out (after a warning if some text never reached the server): a clinic's computers
// are shared, and a chart's words must not outlive the session of the doctor who wrote them.

export type LocalDraft = { baseVersion: number; sections: Sections; diagnoses: DiagnosisInput[]; at: string };

const PREFIX = "prontivus.chart.";
const keyOf = (id: string) => `${PREFIX}${id}`;

function draftKeys(): string[] {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    return keys;
  } catch {
    return [];
  }
}

/** How many charts have text in this browser that the server does not hold yet. */
export function unsentDraftCount(): number {
  return draftKeys().length;
}

/** Forgets every chart's unsent text in this browser (sign-out). */
export function clearAllLocalDrafts(): void {
  for (const key of draftKeys()) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing to clear
    }
  }
}

export function readLocalDraft(id: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(keyOf(id));
    if (!raw) return null;
    const value = JSON.parse(raw) as LocalDraft;
    return typeof value.baseVersion === "number" && value.sections && Array.isArray(value.diagnoses) ? value : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(id: string, draft: LocalDraft): boolean {
  try {
    window.localStorage.setItem(keyOf(id), JSON.stringify(draft));
    return true;
  } catch {
    return false; // storage full or disabled: the save status still tells the truth
  }
}

export function clearLocalDraft(id: string): void {
  try {
    window.localStorage.removeItem(keyOf(id));
  } catch {
    // nothing to clear
  }
}

const norm = (s: Sections) => JSON.stringify(Object.entries(s).filter(([, v]) => v && v.trim() !== "").sort(([a], [b]) => a.localeCompare(b)));
const normDx = (d: DiagnosisInput[]) => JSON.stringify(d.map((x) => [x.code, !!x.isMain, x.certainty ?? "CONFIRMED"]));

export function sameDraft(a: { sections: Sections; diagnoses: DiagnosisInput[] }, b: { sections: Sections; diagnoses: DiagnosisInput[] }): boolean {
  return norm(a.sections) === norm(b.sections) && normDx(a.diagnoses) === normDx(b.diagnoses);
}
