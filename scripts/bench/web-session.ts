import http from "node:http";
import { BENCH_PASSWORD } from "./data";

// A staff web session over plain HTTP, the way the sign-in form gets one: NextAuth's CSRF token,
// then the credentials callback; the answer's cookies are the session. Pages (the patient page
// with its timeline) are then requested with that Cookie header.

type Raw = { status: number; cookies: string[]; body: string };

function request(port: number, host: string, method: string, path: string, cookie: string, form?: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const req = http.request({
      host: "127.0.0.1", port, method, path,
      headers: { host, cookie, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cookies: res.headers["set-cookie"] ?? [], body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const pairs = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]!).filter((c) => !c.endsWith("="));

/** Signs `email` in on `host` and returns the Cookie header of the session. */
export async function webSession(port: number, host: string, email: string): Promise<string> {
  const csrf = await request(port, host, "GET", "/api/auth/csrf", "");
  const token = (JSON.parse(csrf.body) as { csrfToken?: string }).csrfToken;
  if (csrf.status !== 200 || !token) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const jar = pairs(csrf.cookies);
  const signIn = await request(port, host, "POST", "/api/auth/callback/credentials", jar.join("; "),
    { csrfToken: token, email, password: BENCH_PASSWORD, json: "true" });
  const session = pairs(signIn.cookies);
  if (!session.some((c) => c.includes("session-token"))) {
    throw new Error(`sign-in as ${email} gave no session cookie (${signIn.status} ${signIn.body.slice(0, 200)})`);
  }
  return [...jar, ...session].join("; ");
}

/** A page's status and whole (streamed) HTML as the signed-in user. */
export async function fetchPage(port: number, host: string, path: string, cookie: string): Promise<{ status: number; html: string }> {
  const r = await request(port, host, "GET", path, cookie);
  return { status: r.status, html: r.body };
}
