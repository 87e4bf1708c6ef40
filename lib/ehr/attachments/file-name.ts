import { ATTACHMENT_TYPES, type AttachmentMime } from "./file-type";

// The name a file was uploaded with is shown to staff and sent back in Content-Disposition, so
// it is cleaned once, at upload: no directory part, no control or bidirectional-override
// characters (an "exe.pdf" spoof like "cod\u202Efdp.exe"), no characters Windows refuses, a
// bounded length, and an extension that matches the type detected from the bytes.

const MAX_BASE = 120;
const FALLBACK = "anexo";
// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and BOM characters.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
const RESERVED = /[<>:"/\\|?*]/g;
const EXTENSIONS: Record<AttachmentMime, string[]> = { "application/pdf": ["pdf"], "image/jpeg": ["jpg", "jpeg"], "image/png": ["png"] };

export function sanitizeFileName(raw: unknown, mime: AttachmentMime): string {
  const text = typeof raw === "string" ? raw : "";
  const lastPart = text.split(/[/\\]/).pop() ?? "";
  let name = lastPart.normalize("NFC").replace(INVISIBLE, "").replace(RESERVED, "_").replace(/\s+/g, " ").trim();
  name = name.replace(/^[.\s]+|[.\s]+$/g, "");
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  let base = EXTENSIONS[mime].includes(ext) ? name.slice(0, dot) : name;
  base = [...base].slice(0, MAX_BASE).join("").trim().replace(/[.\s]+$/g, "") || FALLBACK;
  return `${base}.${EXTENSIONS[mime].includes(ext) ? ext : ATTACHMENT_TYPES[mime]}`;
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 with
 * the RFC 5987 extended parameter), so every browser shows the accented name and none can be
 * tricked by quotes or semicolons in it.
 */
export function contentDisposition(name: string, disposition: "attachment" | "inline" = "attachment"): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9._ ()-]/g, "_") || "anexo";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
