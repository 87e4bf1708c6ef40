// One formatter instance: constructing Intl.NumberFormat is comparatively slow.
const brl = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" });

/**
 * Formats an amount held in centavos (integer, as stored) as Brazilian reais:
 * 123456 → "R$ 1.234,56". Intl puts a non-breaking space (U+00A0) after "R$" so the
 * symbol never wraps away from the number; keep it.
 */
export function formatBRL(centavos: number): string {
  // Money is integer centavos end to end; a fraction here means a float leaked in.
  if (!Number.isSafeInteger(centavos)) {
    throw new RangeError(`Amount must be an integer number of centavos: ${centavos}`);
  }
  return brl.format(centavos / 100);
}
