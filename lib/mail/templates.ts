// A consistent look for every e-mail: the clinic's name on top, the caller's Portuguese text,
// an optional link-button, and the Prontivus footer. Returns both parts for sendMail: the plain
// text is what many clients (and screen readers) show, the HTML is the same words, escaped.

export const MAIL_FOOTER = "Esta mensagem foi enviada automaticamente pela Prontivus.";

export type MailLayoutInput = {
  clinicName: string;
  /** Plain text; a blank line separates paragraphs. Never HTML: it is escaped. */
  body: string;
  /** A link shown as a button in HTML and as "label: url" in text. http(s) only. */
  action?: { label: string; url: string };
};

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Only web links: a `javascript:` or `data:` URL in a button would be an attack, not a link. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`Mail link must be http(s): ${url}`);
  return parsed.toString();
}

const paragraphsOf = (body: string) =>
  body.replace(/\r\n?/g, "\n").split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

export function mailLayout({ clinicName, body, action }: MailLayoutInput): { text: string; html: string } {
  const paragraphs = paragraphsOf(body);
  const url = action ? safeUrl(action.url) : undefined;

  const text = [clinicName, "", ...paragraphs.flatMap((p) => [p, ""]), ...(action ? [`${action.label}: ${url}`, ""] : []), "--", MAIL_FOOTER].join("\n");

  const p = (inner: string) => `<p style="margin:0 0 16px;line-height:1.5">${inner}</p>`;
  const html = [
    `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>${escapeHtml(clinicName)}</title></head>`,
    `<body style="margin:0;padding:24px;background:#f8fafc;font-family:Arial,Helvetica,sans-serif;color:#0f172a">`,
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">`,
    `<h1 style="margin:0 0 20px;font-size:18px">${escapeHtml(clinicName)}</h1>`,
    ...paragraphs.map((para) => p(escapeHtml(para).replace(/\n/g, "<br>"))),
    ...(action && url
      ? [p(`<a href="${escapeHtml(url)}" style="display:inline-block;background:#0f766e;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a>`),
        p(`<span style="font-size:12px;color:#475569">${escapeHtml(url)}</span>`)]
      : []),
    `</div>`,
    `<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#64748b">${escapeHtml(MAIL_FOOTER)}</p>`,
    `</body></html>`,
  ].join("\n");

  return { text, html };
}
