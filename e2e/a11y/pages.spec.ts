import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ownerQuery } from "../support/db";
import { signedInAs } from "../support/sessions";
import { platformUrl, tenantUrl } from "../support/state";

// axe-core (WCAG 2.1 A and AA rules) on every page each role reaches, at a laptop's 1366 px and a
// phone's 390 px: no serious or critical violation. A finding names the rule and the elements.

const WIDTHS = [1366, 390] as const;

type Finding = { page: string; width: number; rule: string; impact: string | null | undefined; nodes: string[] };

async function audit(page: Page, urls: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const url of urls) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBeLessThan(400);
      await page.locator("h1").first().waitFor();
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
        findings.push({ page: new URL(url).pathname, width, rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
      }
    }
  }
  return findings;
}

async function demoIds() {
  const [row] = await ownerQuery<{ patient: string; appointment: string }>(
    `SELECT a.patient_id AS patient, a.id AS appointment FROM appointments a JOIN tenants t ON t.id = a.tenant_id
      WHERE t.slug = 'demo' ORDER BY a.starts_at DESC LIMIT 1`);
  return row!;
}

const demo = (path: string) => tenantUrl("demo", path);

test.describe("signed out", () => {
  test("sign-in, password reset and portal sign-up", async ({ page }) => {
    test.slow();
    expect(await audit(page, [demo("/login"), demo("/forgot-password"), demo("/portal/signup"), platformUrl("/login")])).toEqual([]);
  });
});

test.describe("admin (admin@demo)", () => {
  test.use({ storageState: signedInAs("admin@demo.prontivus.dev") });
  test("the clinic's administration and front-desk pages", async ({ page }) => {
    test.setTimeout(180_000);
    const { patient } = await demoIds();
    expect(await audit(page, [
      "/", "/schedule", "/schedule/week", "/patients", "/patients/new", `/patients/${patient}`, `/patients/${patient}/edit`, "/waitlist",
      "/admin", "/admin/audit", "/admin/agendas", "/admin/agendas/new", "/admin/settings", "/admin/insurers", "/admin/record-templates",
      "/admin/medications", "/admin/pharmacies", "/admin/break-glass", "/account", "/appointments/new",
    ].map(demo))).toEqual([]);
  });
});

test.describe("doctor (medica@demo)", () => {
  test.use({ storageState: signedInAs("medica@demo.prontivus.dev") });
  test("the doctor's day, records and a chart", async ({ page }) => {
    test.setTimeout(120_000);
    const { patient } = await demoIds();
    expect(await audit(page, ["/", "/my-day", "/records", "/patients", `/patients/${patient}`, "/schedule", "/cid10", "/account"].map(demo))).toEqual([]);
  });
});

test.describe("secretary (recepcao@demo)", () => {
  test.use({ storageState: signedInAs("recepcao@demo.prontivus.dev") });
  test("the front desk's pages and an appointment", async ({ page }) => {
    test.setTimeout(120_000);
    const { appointment } = await demoIds();
    expect(await audit(page, ["/", "/schedule", "/patients", "/patients/new", "/waitlist", `/appointments/${appointment}`, "/account"].map(demo))).toEqual([]);
  });
});

test.describe("finance (financeiro@demo)", () => {
  test.use({ storageState: signedInAs("financeiro@demo.prontivus.dev") });
  test("finance", async ({ page }) => {
    expect(await audit(page, ["/", "/finance", "/patients", "/account"].map(demo))).toEqual([]);
  });
});

test.describe("patient (paciente@demo)", () => {
  test.use({ storageState: signedInAs("paciente@demo.prontivus.dev") });
  test("the patient portal", async ({ page }) => {
    expect(await audit(page, ["/portal", "/portal/account"].map(demo))).toEqual([]);
  });
});

test.describe("platform (root@prontivus.dev)", () => {
  test.use({ storageState: signedInAs("root@prontivus.dev") });
  test("the platform console", async ({ page }) => {
    expect(await audit(page, [platformUrl("/platform"), platformUrl("/platform/account")])).toEqual([]);
  });
});
