import { expect, test } from "@playwright/test";
import { platformUrl, tenantUrl } from "../support/state";

// The files a browser asks every host for: a favicon (no 404 in any page's log), app icons and
// a manifest in pt-BR, and robots.txt with X-Robots-Tag keeping clinic hosts out of search engines.

for (const [where, url] of [["a clinic host", tenantUrl("demo", "/")], ["the platform host", platformUrl("/")]] as const) {
  test(`${where} serves its icons, manifest and robots.txt, and pages ask for nothing missing`, async ({ page }) => {
    const missing: string[] = [];
    page.on("response", (r) => { if (r.status() === 404) missing.push(r.url()); });
    const base = new URL(url);
    const favicon = await page.goto(new URL("/favicon.ico", base).toString());
    expect([favicon!.status(), favicon!.headers()["content-type"]]).toEqual([200, "image/x-icon"]);
    const robots = await page.goto(new URL("/robots.txt", base).toString());
    expect(robots!.status()).toBe(200);
    expect(await robots!.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
    const manifest = await page.goto(new URL("/manifest.webmanifest", base).toString());
    expect(manifest!.status()).toBe(200);
    expect(JSON.parse(await manifest!.text())).toMatchObject({ lang: "pt-BR", short_name: "Prontivus", icons: expect.arrayContaining([expect.objectContaining({ src: "/icon-192.png" })]) });
    for (const icon of ["/icon.svg", "/icon-192.png", "/icon-512.png", "/apple-icon.png"]) {
      const res = await page.goto(new URL(icon, base).toString());
      expect(res!.status(), icon).toBe(200);
    }
    const signIn = await page.goto(new URL("/login", base).toString());
    expect(signIn!.headers()["x-robots-tag"]).toBe("noindex, nofollow");
    await expect(page.locator('head link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
    await expect(page.locator('head link[rel="apple-touch-icon"][href^="/apple-icon.png"]')).toHaveCount(1);
    await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    expect(missing).toEqual([]);
  });
}
