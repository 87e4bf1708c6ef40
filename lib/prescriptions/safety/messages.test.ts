import { readFileSync } from "node:fs";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en";
import ptBR from "@/lib/i18n/messages/pt-BR";
import { DRUG_CLASSES } from "@/lib/prescriptions/catalogue/classes";

// Every finding code the safety check emits is a message of both catalogues and formats with the
// params the check gives it; every class has a label.
const codes = [...new Set(["allergies.ts", "interactions.ts"].flatMap((f) =>
  [...readFileSync(new URL(`./${f}`, import.meta.url), "utf8").matchAll(/"(findings\.\w+)"/g)].map((m) => m[1]!)))];
const params = {
  drug: "Amoxil", ingredient: "amoxicilina", substance: "Penicilina", drugA: "A", drugB: "B", ingredientA: "a", ingredientB: "b",
  otherDrug: "C", otherIngredient: "c", drugs: "A, B", severity: "MAJOR", allergySeverity: "SEVERE", fromClass: "penicillin", toClass: "cephalosporin",
};

describe("safety messages", () => {
  it("has every finding code in pt-BR and en, formatted with its params", () => {
    expect(codes.length).toBeGreaterThanOrEqual(7);
    for (const messages of [ptBR, en]) {
      const t = createTranslator({ locale: "pt-BR", messages, namespace: "prescriptionSafety" });
      for (const code of codes) {
        const text = t(code as "findings.interaction", params as never);
        expect(text, code).not.toMatch(/[{}]/);
        expect(text.length, code).toBeGreaterThan(10);
      }
    }
  });

  it("labels every class in both languages", () => {
    for (const messages of [ptBR, en]) for (const c of DRUG_CLASSES) expect(messages.prescriptionCatalogue.classes[c], c).toBeTruthy();
  });
});
