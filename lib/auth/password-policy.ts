import { readFileSync } from "node:fs";
import { join } from "node:path";

// Password rules (SBIS NGS1, OWASP ASVS L2 §2.1): length over composition theatre, a block list
// of passwords attackers try first, and nothing derived from the user's own data. No forced
// rotation (ASVS 2.1.10): a password changes when it is suspected, not on a calendar.

export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_CHARS = 128;
/** Shorter name parts ("Ana", "de") are too common to refuse on their own. */
const MIN_PERSONAL_PART = 4;

export type PasswordOwner = { name?: string | null; email?: string | null; cpf?: string | null };

export const PASSWORD_MESSAGES = {
  tooShort: `A senha deve ter pelo menos ${MIN_PASSWORD_CHARS} caracteres.`,
  tooLong: `A senha deve ter no máximo ${MAX_PASSWORD_CHARS} caracteres.`,
  lettersAndDigits: "A senha deve conter letras e números.",
  common: "Esta senha é muito comum e fácil de adivinhar. Escolha outra.",
  name: "A senha não pode conter o seu nome.",
  email: "A senha não pode conter o seu e-mail.",
  cpf: "A senha não pode conter o seu CPF.",
} as const;

/** Lower case, no accents: "João" and "joao" are the same guess to an attacker. */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

let common: ReadonlySet<string> | undefined;

/**
 * The shipped block list (lib/auth/data/common-passwords.txt, see its README), read once.
 * Resolved from the working directory: the app and the tests both run from the project root,
 * and a plain file read keeps this module free of bundler-specific asset imports.
 */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(join(process.cwd(), "lib/auth/data/common-passwords.txt"), "utf8")
      .split(/\r?\n/)
      .map((line) => fold(line.trim()))
      .filter((line) => line.length > 0 && !line.startsWith("#")),
  );
  return common;
}

/** Pieces of the user's own data an attacker would try: name parts, the e-mail local part. */
function personalParts(owner: PasswordOwner): { name: string[]; email: string[] } {
  const name = fold(owner.name ?? "").split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= MIN_PERSONAL_PART);
  const local = fold(owner.email ?? "").split("@")[0] ?? "";
  const email = [local, ...local.split(/[^\p{L}\p{N}]+/u)].filter((p) => p.length >= MIN_PERSONAL_PART);
  return { name, email };
}

/**
 * Every rule the password breaks, as messages for the person choosing it (pt-BR); empty when
 * acceptable. Pure: the caller decides what to do (field errors, refuse the change).
 */
export function validatePassword(password: string, owner: PasswordOwner = {}): string[] {
  const errors: string[] = [];
  const length = [...password].length; // code points: an emoji is one character to the user
  if (length < MIN_PASSWORD_CHARS) errors.push(PASSWORD_MESSAGES.tooShort);
  if (length > MAX_PASSWORD_CHARS) errors.push(PASSWORD_MESSAGES.tooLong);
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) errors.push(PASSWORD_MESSAGES.lettersAndDigits);

  const folded = fold(password);
  if (commonPasswords().has(folded)) errors.push(PASSWORD_MESSAGES.common);

  const { name, email } = personalParts(owner);
  if (name.some((part) => folded.includes(part))) errors.push(PASSWORD_MESSAGES.name);
  if (email.some((part) => folded.includes(part))) errors.push(PASSWORD_MESSAGES.email);

  // The CPF counts whatever punctuation separates its digits in the password ("529.982.247-25").
  const cpf = (owner.cpf ?? "").replace(/\D/g, "");
  if (cpf.length === 11) {
    const digits = password.replace(/\D/g, "");
    if (digits.includes(cpf) || digits.includes(cpf.slice(0, 9))) errors.push(PASSWORD_MESSAGES.cpf);
  }
  return errors;
}
