// How a person is addressed by first name ("Olá, Ana"). Staff names are often entered with a
// title ("Dra. Ana Souza"), which is not a name: it is skipped, with or without its period.

const TITLES = new Set(["dr", "dra", "prof", "profa", "sr", "sra", "srta", "enf", "enfa"]);

/** The first word of `name` that is not a title; the title itself when it is all there is. */
export function firstName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words.find((w) => !TITLES.has(w.toLowerCase().replace(/\.$/, ""))) ?? words[0] ?? "";
}
