import { isValidCnpj, isValidCpf } from "@/lib/br/documents";
import type { Rng } from "./random";

// lib/br generates documents with Math.random; the seed needs the same CPFs on every run, so it
// computes check digits itself from PRNG digits and double-checks them with lib/br's validator.

function cpfCheckDigit(digits: string): number {
  const weightStart = digits.length + 1; // 10 for the first digit, 11 for the second
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (weightStart - i), 0);
  const rest = (sum * 10) % 11;
  return rest === 10 ? 0 : rest;
}

export function cpfFromBase(base9: string): string {
  const withFirst = base9 + cpfCheckDigit(base9);
  return withFirst + cpfCheckDigit(withFirst);
}

/** A valid CPF (11 digits) drawn from the PRNG; repeated-digit bases are redrawn. */
export function nextCpf(rng: Rng): string {
  for (;;) {
    const base = rng.digits(9);
    if (/^(\d)\1{8}$/.test(base)) continue;
    const cpf = cpfFromBase(base);
    if (!isValidCpf(cpf)) throw new Error(`seed produced an invalid CPF from ${base}`);
    return cpf;
  }
}

/** Fixed CNPJs for the demo tenants; asserted valid so a typo fails loudly, not at sign-up. */
export function assertValidCnpj(cnpj: string): string {
  if (!isValidCnpj(cnpj)) throw new Error(`seed CNPJ ${cnpj} is not valid`);
  return cnpj;
}
