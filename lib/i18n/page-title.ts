import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type ptBR from "./messages/pt-BR";

// A page's <title> in the reader's language: `export const generateMetadata = titled("patients")`.
// The words live in the catalogues (core.json, "titles"); the root layout adds " · Prontivus".

export type TitleKey = keyof (typeof ptBR)["titles"];

export function titled(key: TitleKey, extra: Omit<Metadata, "title"> = {}): () => Promise<Metadata> {
  return async () => ({ ...extra, title: (await getTranslations("titles"))(key) });
}
