import { z } from "zod";
import { can } from "@/lib/auth/policy";
import type { Context } from "@/lib/context";
import { env } from "@/lib/env";
import { forbidden } from "@/lib/errors";
import { normalizeCep } from "@/lib/patients/br-input";
import { text } from "@/lib/validation/text";

// Address by CEP, a convenience for whoever types an address: it fills what it knows and never
// blocks a form. Behind an interface with an offline-safe default (it knows nothing, so tests and
// machines without internet behave the same); CEP_LOOKUP=viacep asks a ViaCEP-compatible service
// (CEP_LOOKUP_URL, default https://viacep.com.br). A failure or a slow answer is "not found".

export type CepAddress = { cep: string; street: string | null; district: string | null; city: string; uf: string; ibgeCode: string | null };

export interface CepLookup {
  find(cep: string): Promise<CepAddress | null>;
}

export const offlineLookup: CepLookup = { find: async () => null };

const viaCepAnswer = z.union([
  z.object({ erro: z.union([z.literal(true), z.literal("true")]) }),
  z.object({
    cep: text(), logradouro: text().max(200).optional(), bairro: text().max(120).optional(),
    localidade: text().min(1).max(120), uf: text().length(2), ibge: text().optional(),
  }),
]);

/** GET {baseUrl}/ws/{cep}/json/ (ViaCEP's API), answered within `timeoutMs` or treated as unknown. */
export function viaCepLookup(baseUrl: string, timeoutMs = 2500): CepLookup {
  return {
    async find(cep) {
      const digits = normalizeCep(cep);
      if (!digits) return null;
      try {
        const res = await fetch(new URL(`/ws/${digits}/json/`, baseUrl), { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
        if (!res.ok) return null;
        const parsed = viaCepAnswer.safeParse(await res.json());
        if (!parsed.success || "erro" in parsed.data) return null;
        const a = parsed.data;
        return {
          cep: digits, street: a.logradouro || null, district: a.bairro || null, city: a.localidade,
          uf: a.uf.toUpperCase(), ibgeCode: a.ibge && /^\d{7}$/.test(a.ibge) ? a.ibge : null,
        };
      } catch (error) {
        // Network down, timeout, not JSON: the person types the address. The CEP is not logged.
        console.warn(`CEP lookup failed: ${(error as Error).name}`);
        return null;
      }
    },
  };
}

/** The configured lookup (CEP_LOOKUP, CEP_LOOKUP_URL). */
export function cepLookup(): CepLookup {
  const { CEP_LOOKUP, CEP_LOOKUP_URL } = env();
  return CEP_LOOKUP === "viacep" ? viaCepLookup(CEP_LOOKUP_URL) : offlineLookup;
}

/** The address of `cep` for someone registering patients (patients:write); null when unknown. */
export async function findAddressByCep(ctx: Context, cep: unknown, lookup: CepLookup = cepLookup()): Promise<CepAddress | null> {
  if (!can(ctx, "patients:write")) throw forbidden();
  return typeof cep === "string" ? lookup.find(cep) : null;
}
