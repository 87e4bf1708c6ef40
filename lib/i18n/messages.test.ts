import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { defaultLocale, isLocale, locales, resolveLocale } from "./config";
import ptBR from "./messages/pt-BR";
import en from "./messages/en";

type Tree = { [key: string]: string | Tree };

function leafKeys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : leafKeys(value, `${prefix}${key}.`),
  );
}

describe("message catalogues", () => {
  it("en has exactly the keys of pt-BR (the source of truth)", () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(ptBR).sort());
  });

  it("has no empty messages", () => {
    for (const tree of [ptBR, en] as Tree[]) {
      for (const key of leafKeys(tree)) {
        const value = key.split(".").reduce<string | Tree>((node, part) => (node as Tree)[part]!, tree);
        expect(value, key).not.toBe("");
      }
    }
  });

  it("formats interpolated and plural messages in both locales", () => {
    const pt = createTranslator({ locale: "pt-BR", messages: ptBR });
    expect(pt("common.pageOf", { page: 2, pageCount: 5 })).toBe("Página 2 de 5");
    expect(pt("patients.total", { count: 0 })).toBe("Nenhum paciente");
    expect(pt("patients.total", { count: 1 })).toBe("1 paciente");
    expect(pt("patients.total", { count: 1234 })).toBe("1.234 pacientes");

    const t = createTranslator({ locale: "en", messages: en });
    expect(t("patients.total", { count: 2 })).toBe("2 patients");
  });
});

describe("locale resolution", () => {
  it("accepts only the configured locales", () => {
    for (const locale of locales) expect(isLocale(locale)).toBe(true);
    for (const bad of ["pt", "EN", "fr", "", " en", "__proto__", null, undefined, 1]) {
      expect(isLocale(bad)).toBe(false);
    }
  });

  it("falls back to pt-BR", () => {
    expect(defaultLocale).toBe("pt-BR");
    expect(resolveLocale(undefined)).toBe("pt-BR");
    expect(resolveLocale("de")).toBe("pt-BR");
    expect(resolveLocale("en")).toBe("en");
  });
});
