// Posology presets the editor offers beside the medication picker: common regimens written the
// way Brazilian prescriptions word them, so a doctor picks one and adjusts instead of typing it.
// They fill fields only; nothing about the drug is assumed. Renewing "uso contínuo" items is
// its own action (lib/prescriptions/lifecycle.ts), which copies the items of a signed prescription.

export type RegimenTemplate = {
  key: string;
  frequency: string;
  duration: string | null;
  durationDays: number | null;
  continuousUse: boolean;
};

export const REGIMEN_TEMPLATES: readonly RegimenTemplate[] = [
  { key: "q8h7d", frequency: "de 8 em 8 horas", duration: "por 7 dias", durationDays: 7, continuousUse: false },
  { key: "q12h7d", frequency: "de 12 em 12 horas", duration: "por 7 dias", durationDays: 7, continuousUse: false },
  { key: "q12h10d", frequency: "de 12 em 12 horas", duration: "por 10 dias", durationDays: 10, continuousUse: false },
  { key: "daily5d", frequency: "1 vez ao dia", duration: "por 5 dias", durationDays: 5, continuousUse: false },
  { key: "q6hPrn", frequency: "de 6 em 6 horas, se dor ou febre", duration: "por até 3 dias", durationDays: 3, continuousUse: false },
  { key: "dailyContinuous", frequency: "1 vez ao dia", duration: "uso contínuo", durationDays: null, continuousUse: true },
  { key: "bidContinuous", frequency: "de 12 em 12 horas", duration: "uso contínuo", durationDays: null, continuousUse: true },
  { key: "nightContinuous", frequency: "1 vez ao dia, à noite", duration: "uso contínuo", durationDays: null, continuousUse: true },
];
