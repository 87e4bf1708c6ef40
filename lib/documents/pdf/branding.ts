// The clinic's look on its documents, read defensively from tenants.branding (JSON an admin may
// have written by hand): colours as "#rrggbb" and, when one is stored, a logo as a data URL of a
// PNG or JPEG (`logoDataUrl`) of at most 512 KB. Anything else is ignored, never an error: a
// document must print even when the branding is wrong.

export type Rgb = { r: number; g: number; b: number };
export type Branding = { primary: Rgb; accent: Rgb; logo: { type: "png" | "jpeg"; bytes: Buffer } | null };

/** The app's own brand colour (Tailwind brand-700) when the clinic has none. */
const DEFAULT_PRIMARY: Rgb = { r: 0x0f, g: 0x5e, b: 0x9c };
const MAX_LOGO_BYTES = 512 * 1024;

function colour(value: unknown): Rgb | null {
  if (typeof value !== "string") return null;
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value.trim());
  return m ? { r: parseInt(m[1]!, 16), g: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) } : null;
}

function logo(value: unknown): Branding["logo"] {
  if (typeof value !== "string") return null;
  const m = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(value);
  if (!m) return null;
  const bytes = Buffer.from(m[2]!, "base64");
  return bytes.length > 0 && bytes.length <= MAX_LOGO_BYTES ? { type: m[1] as "png" | "jpeg", bytes } : null;
}

export function parseBranding(json: unknown): Branding {
  const b = json && typeof json === "object" ? (json as Record<string, unknown>) : {};
  const primary = colour(b.primaryColor) ?? DEFAULT_PRIMARY;
  return { primary, accent: colour(b.accentColor) ?? colour(b.secondaryColor) ?? primary, logo: logo(b.logoDataUrl) };
}
