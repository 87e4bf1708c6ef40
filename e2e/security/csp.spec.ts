import { expect, test, type Page, type Response } from "@playwright/test";
import { signIn } from "../support/auth";
import { platformUrl, tenantUrl } from "../support/state";

// The Content-Security-Policy, as a browser enforces it: every main page of every persona is
// served with a nonce-only script policy, every script on it carries this response's nonce, the
// page still works (hydrated forms validate on the client), and nothing is refused or logged as
// an error on the way. A script the policy blocks shows up here as a violation.

type Problem = { page: string; kind: "console" | "pageerror" | "csp"; text: string };

async function watch(page: Page): Promise<Problem[]> {
  const problems: Problem[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const where = msg.location().url;
    problems.push({ page: page.url(), kind: "console", text: where ? `${msg.text()} (${where})` : msg.text() });
  });
  page.on("pageerror", (error) => problems.push({ page: page.url(), kind: "pageerror", text: error.message }));
  await page.exposeFunction("__reportCspViolation", (text: string) => problems.push({ page: page.url(), kind: "csp", text }));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation(t: string): void })
        .__reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} ${e.sample}`);
    });
  });
  return problems;
}

function scriptSrc(response: Response | null): string[] {
  const csp = response?.headers()["content-security-policy"] ?? "";
  const directive = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "));
  return directive?.split(/\s+/).slice(1) ?? [];
}

/** Loads `url`, checks the policy it came with and that every script on it carries that nonce. */
async function visit(page: Page, url: string): Promise<string> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBeLessThan(400);
  const sources = scriptSrc(response);
  expect(sources, url).not.toContain("'unsafe-inline'");
  expect(sources, url).not.toContain("'unsafe-eval'");
  const nonce = sources.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, url).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(response!.headers()["content-security-policy"]).toContain("object-src 'none'");
  await page.waitForLoadState("load");
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
  expect(scripts.length, url).toBeGreaterThan(0);
  expect(scripts.filter((n) => n !== nonce), url).toEqual([]);
  return nonce!;
}

test("every response gets its own nonce; no HSTS on the plain-http e2e server", async ({ page }) => {
  const problems = await watch(page);
  const first = await visit(page, tenantUrl("demo", "/login"));
  const second = await visit(page, tenantUrl("demo", "/login"));
  expect(second).not.toBe(first);
  const response = await page.goto(platformUrl("/login"));
  // HSTS follows COOKIE_SECURE (HTTPS); the e2e server runs with COOKIE_SECURE=0.
  expect(response!.headers()["strict-transport-security"]).toBeUndefined();
  expect(response!.headers()["x-frame-options"]).toBe("DENY");
  expect(problems).toEqual([]);
});

test("staff pages run under the policy: dashboard, patients, a validated form, schedule, admin", async ({ page }) => {
  const problems = await watch(page);
  await visit(page, tenantUrl("demo", "/login"));
  await signIn(page, tenantUrl("demo", "/login"), "admin@demo.prontivus.dev");
  await visit(page, tenantUrl("demo", "/"));
  await expect(page.getByRole("heading", { name: "Consultas de hoje" })).toBeVisible();
  await visit(page, tenantUrl("demo", "/patients"));
  await expect(page.getByRole("searchbox")).toBeVisible();

  // A react-hook-form + zod form validates in the browser: proof that the bundle hydrated and
  // that zod parses without the eval the policy refuses.
  await visit(page, tenantUrl("demo", "/patients/new"));
  const form = page.locator("form[novalidate]").first();
  await form.locator("button[type=submit]").click();
  await expect(form.locator("[aria-invalid=true]").first()).toBeVisible();
  await expect(page).toHaveURL(tenantUrl("demo", "/patients/new"));

  for (const path of ["/schedule", "/admin", "/admin/settings", "/admin/agendas", "/account"]) {
    await visit(page, tenantUrl("demo", path));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test("the patient portal runs under the policy", async ({ page }) => {
  const problems = await watch(page);
  await visit(page, tenantUrl("demo", "/portal/signup"));
  await signIn(page, tenantUrl("demo", "/login"), "paciente@demo.prontivus.dev");
  await visit(page, tenantUrl("demo", "/portal"));
  await expect(page.getByRole("heading", { name: "Próximas consultas" })).toBeVisible();
  await visit(page, tenantUrl("demo", "/portal/account"));
  expect(problems).toEqual([]);
});

test("the platform runs under the policy", async ({ page }) => {
  const problems = await watch(page);
  await visit(page, platformUrl("/"));
  await visit(page, platformUrl("/login"));
  await signIn(page, platformUrl("/login"), "root@prontivus.dev");
  await visit(page, platformUrl("/platform"));
  await expect(page.getByRole("rowheader", { name: "Clínica Vida" })).toBeVisible();
  await visit(page, platformUrl("/platform/account"));
  expect(problems).toEqual([]);
});

test("an injected inline script, event handler or eval is refused, and this spec sees it", async ({ page }) => {
  const problems = await watch(page);
  const url = tenantUrl("demo", "/login");
  // As if the server's HTML carried injected markup (stored XSS), under the page's real policy.
  // DevTools evaluation is exempt from CSP, so the injection has to come with the document.
  await page.route(url, async (route) => {
    // Node cannot resolve *.localhost: fetch from loopback, naming the clinic's host.
    const response = await route.fetch({
      url: platformUrl("/login").replace("localhost", "127.0.0.1"),
      headers: { ...route.request().headers(), host: new URL(url).host },
    });
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    const mark = "document.documentElement.dataset";
    const injected = `<script>${mark}.inline = "ran"</script>` +
      `<img alt="" src="data:image/png;base64,AAAA" onerror="${mark}.handler = 'ran'">` +
      `<script nonce="${nonce}">try { new Function("")(); ${mark}.evaluated = "ran" } catch { ${mark}.evaluated = "refused" }</script>`;
    await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injected}</body>`) });
  });
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("data-evaluated", "refused");
  await expect.poll(() => problems.filter((p) => p.kind === "csp").map((p) => p.text.split(" ")[0]).sort())
    .toEqual(["script-src", "script-src-attr", "script-src-elem"]);
  expect(await page.evaluate(() => ({ ...document.documentElement.dataset }))).toEqual({ evaluated: "refused" });
});
