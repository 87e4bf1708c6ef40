import { describe, expect, it } from "vitest";
import { escapeHtml, MAIL_FOOTER, mailLayout } from "./templates";

describe("mailLayout", () => {
  it("escapes everything the caller passes into the HTML", () => {
    const { html, text } = mailLayout({
      clinicName: `Clínica <b>"Bem" & 'Mal'</b>`,
      body: `<script>alert(1)</script>\n\nTom & Jerry <tom@example.test>`,
      action: { label: "<img src=x onerror=alert(1)>", url: "https://example.test/a?x=1&y=\"2\"" },
    });
    expect(html).not.toMatch(/<script|<b>|<img/);
    expect(html).toContain("Clínica &lt;b&gt;&quot;Bem&quot; &amp; &#39;Mal&#39;&lt;/b&gt;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('href="https://example.test/a?x=1&amp;y=%222%22"');
    // The plain-text part is not HTML: it keeps the characters as written.
    expect(text).toContain("Tom & Jerry <tom@example.test>");
  });

  it("lays out header, paragraphs, link and footer in both parts", () => {
    const { html, text } = mailLayout({
      clinicName: "Clínica Demo",
      body: "Olá, Ana!\r\n\r\nLinha um\nlinha dois",
      action: { label: "Redefinir senha", url: "https://demo.prontivus.dev/redefinir?t=abc" },
    });
    expect(text).toBe(
      ["Clínica Demo", "", "Olá, Ana!", "", "Linha um\nlinha dois", "", "Redefinir senha: https://demo.prontivus.dev/redefinir?t=abc", "", "--", MAIL_FOOTER].join("\n"),
    );
    expect(html).toContain("Linha um<br>linha dois");
    expect(html).toContain(MAIL_FOOTER);
    expect(html).toContain('lang="pt-BR"');
  });

  it("refuses links that are not http(s)", () => {
    expect(() => mailLayout({ clinicName: "C", body: "b", action: { label: "x", url: "javascript:alert(1)" } })).toThrow(/http\(s\)/);
  });

  it("escapeHtml covers the five special characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});
