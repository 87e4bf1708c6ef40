import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { classifyBodies, encodeReply } from "../support/action-reply";
import { ownerQuery } from "../support/db";
import { apiRoutes, pagePath, serverActions, type ApiRoute, type Method, type ServerAction } from "../support/fuzz-targets";
import { FIELDS, hostileBody, hostileQuery, hostileSegment, hostileValue, deepJson } from "../support/fuzz-values";
import { cookieHeader, multipart, rawRequest, type RawResponse } from "../support/raw-http";
import { formSession, fuzzAdmin } from "../support/fuzz-callers";
import { E2E_PORT } from "../support/state";
import { dbNow, PERSONS_AUDIT, writeSnapshot } from "../support/write-snapshot";

// Property-based fuzzing of every door a client can knock on: each route handler under
// app/api/v1 and each server action of the build, found on disk and in the build's manifest
// (e2e/support/fuzz-targets.ts), called over HTTP as a browser or an attacker would, signed out
// and signed in as a user allowed to call it. Inputs: hostile strings (NUL, lone surrogates,
// 5,000 characters, SQL/HTML metacharacters, emoji, RTL marks), numbers, dates (year 0, 9999,
// impossible days), arrays and objects where scalars belong, deep nesting. Asserts: no 5xx, the
// API error shape, and nothing written. Fixed seed (printed) and bounded runs keep it to minutes.

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const TENANT_HOST = `demo.localhost:${E2E_PORT}`;
const PLATFORM_HOST = `localhost:${E2E_PORT}`;
// Throttling counts client IPs (the last X-Forwarded-For hop): the fuzz gets an address of its
// own, so the sign-in throttle it trips never reaches the specs that run after it.
const FUZZ_IP = "198.51.100.77";

type Cookies = { name: string; value: string; domain: string }[];
type Callers = { staffToken: string; cookies: Record<"staff" | "patient" | "platform", Cookies> };
type Failure = { target: string; request: string; status: number; body: string };

// Tests run in file order (one worker); the last one compares the database with the snapshot taken first.
test.describe.configure({ timeout: 600_000 });

let callers: Callers;
let realIds: string[];
let since: string;
let callerIds: string[];
let before: Record<string, number>;
const failures: Failure[] = [];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  console.log(`[fuzz] seed ${SEED}, ${RUNS} runs per target (FUZZ_SEED / FUZZ_RUNS to change)`);
  const admin = await fuzzAdmin(browser, TENANT_HOST);
  const patient = await formSession(browser, "paciente@demo.prontivus.dev", TENANT_HOST);
  const platform = await formSession(browser, "root@prontivus.dev", PLATFORM_HOST);
  callers = { staffToken: admin.token, cookies: { staff: admin.cookies, patient, platform } };
  const ids = await ownerQuery<{ id: string }>(
    `(SELECT p.id FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'demo' LIMIT 2)
     UNION ALL (SELECT a.id FROM appointments a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'demo' LIMIT 2)
     UNION ALL (SELECT a.id FROM agendas a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'demo' LIMIT 1)`);
  realIds = ids.map((r) => r.id);
  const own = await ownerQuery<{ id: string }>(
    "SELECT id FROM users WHERE email = $1 UNION ALL SELECT id FROM platform_users WHERE email = $2", ["paciente@demo.prontivus.dev", "root@prontivus.dev"]);
  callerIds = [admin.id, ...own.map((r) => r.id)];
  since = await dbNow();
  before = await writeSnapshot(since, callerIds);
});

const brief = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

/** Every distinct target and status that failed, then the first examples in full. */
const report = (list: Failure[]) =>
  `${[...new Set(list.map((f) => `${f.status} ${f.target}`))].join("\n")}\n\n${JSON.stringify(list.slice(0, 6), null, 2)}`;

function record(target: string, request: string, res: RawResponse) {
  failures.push({ target, request: brief(request), status: res.status, body: brief(res.body) });
}

/** The API's one error shape: { error: { code, message, fields? } }, fields as { name: string[] }. */
function hasErrorShape(body: string): boolean {
  try {
    const e = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown; fields?: unknown } }).error;
    if (!e || typeof e.code !== "string" || typeof e.message !== "string" || !e.message) return false;
    if (e.fields === undefined) return true;
    return typeof e.fields === "object" && e.fields !== null
      && Object.values(e.fields).every((v) => Array.isArray(v) && v.every((m) => typeof m === "string"));
  } catch {
    return false;
  }
}

const encodeSegment = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80"; // a lone surrogate has no UTF-8 form: send the bytes a careless encoder would
  }
};

async function callRoute(route: ApiRoute, method: Method, auth: boolean, path: string[], query: Record<string, string>, body: unknown, key?: string) {
  const search = new URLSearchParams(query).toString();
  const url = "/" + path.join("/") + (search ? `?${search}` : "");
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": FUZZ_IP, origin: `http://${TENANT_HOST}` };
  if (auth) headers.authorization = `Bearer ${callers.staffToken}`;
  if (key) headers["idempotency-key"] = key;
  const payload = method === "GET" || body === undefined ? undefined : JSON.stringify(body) ?? "null";
  const res = await rawRequest({ host: TENANT_HOST, method, path: url, headers, body: payload });
  const described = `${method} ${url} ${auth ? "(bearer)" : "(anonymous)"} ${payload ?? ""}`;
  // 431: Node's HTTP parser refuses a request line or headers over 16 KiB before any code runs.
  const nodeRefusal = res.status === 431 && res.body === "";
  if (res.status >= 500 || (res.status >= 400 && !nodeRefusal && !hasErrorShape(res.body))) record(route.file, described, res);
  return res;
}

test("every API route answers hostile input without 5xx, in the error shape", async () => {
  failures.length = 0;
  const routes = apiRoutes();
  expect(routes.length).toBeGreaterThan(5);
  for (const route of routes) {
    for (const method of route.methods) {
      // A route that reads nothing from the client (logout) has no input: with a token, any call is legitimate.
      for (const auth of route.input ? [false, true] : [false]) {
        const segments = fc.tuple(...route.segments.map((s) => (/^\[.*\]$/.test(s) ? hostileSegment(realIds).map(encodeSegment) : fc.constant(s))));
        const key = fc.option(fc.constantFrom(randomUUID(), "x".repeat(300), "a b", "k"), { nil: undefined });
        await fc.assert(fc.asyncProperty(segments, hostileQuery, hostileBody, key, async (path, query, body, k) => {
          await callRoute(route, method, auth, path, query, body, k);
        }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
      }
    }
  }
  expect(failures, report(failures)).toHaveLength(0);
});

test("a body nested 20,000 deep (with an Idempotency-Key) is a 400 in the error shape at every route that reads a body", async () => {
  const withBody = apiRoutes().filter((r) => r.input && r.segments.every((s) => !/^\[/.test(s)));
  for (const route of withBody) {
    for (const method of route.methods.filter((m) => m !== "GET")) {
      const res = await rawRequest({
        host: TENANT_HOST, method, path: "/" + route.segments.join("/"),
        headers: {
          "content-type": "application/json", authorization: `Bearer ${callers.staffToken}`, "idempotency-key": randomUUID(),
          "x-forwarded-for": FUZZ_IP, origin: `http://${TENANT_HOST}`,
        },
        body: deepJson(20_000),
      });
      expect.soft(res.status, `${method} ${route.file}: ${brief(res.body)}`).toBe(400);
      expect.soft(hasErrorShape(res.body), res.body).toBe(true);
    }
  }
});

function actionRequest(action: ServerAction, body: string | FormData, signedIn: boolean) {
  const host = action.host === "platform" ? PLATFORM_HOST : TENANT_HOST;
  const path = pagePath(action.page, (segment) => (segment === "id" ? randomUUID() : "fuzz"));
  const headers: Record<string, string> = {
    "next-action": action.id, accept: "text/x-component", origin: `http://${host}`, "x-forwarded-for": FUZZ_IP,
  };
  if (signedIn) headers.cookie = cookieHeader(callers.cookies[action.caller], host);
  if (typeof body === "string") return rawRequest({ host, method: "POST", path, headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, body });
  const form = multipart(body);
  return rawRequest({ host, method: "POST", path, headers: { ...headers, "content-type": form.contentType }, body: form.body });
}

/** Arguments as the action's own form or caller would shape them, filled with hostile values. */
const actionArgs = (action: ServerAction) => {
  const plain = fc.array(hostileValue, { maxLength: Math.max(1, action.params + 1) });
  if (!action.takesForm) return plain;
  const form = fc.dictionary(fc.constantFrom(...FIELDS), fc.string({ unit: "binary", maxLength: 40 }), { maxKeys: 6 }).map((fields) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  });
  return fc.oneof(plain, fc.tuple(hostileValue, form), fc.tuple(form));
};

test("every server action answers hostile arguments without 5xx, signed out and signed in", async () => {
  failures.length = 0;
  const actions = serverActions();
  expect(actions.length).toBeGreaterThan(20);
  for (const action of actions) {
    // An action with no parameters has no input: signed in, any call is a legitimate one.
    for (const signedIn of action.params > 0 ? [false, true] : [false]) {
      await fc.assert(fc.asyncProperty(actionArgs(action), async (args) => {
        const body = await encodeReply(args);
        const res = await actionRequest(action, body, signedIn);
        if (res.status >= 500) record(`${action.name} (${action.file})`, `${signedIn ? action.caller : "anonymous"} ${typeof body === "string" ? body : "[FormData]"}`, res);
      }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
    }
  }
  expect(failures, report(failures)).toHaveLength(0);
});

// Bodies no browser sends. Next decodes them (React's decodeReply) and applies the action to the
// result before our code runs; where that fails it answers 500 itself (docs/security.md). Each
// body is classified with Next's own decoder, so a 500 is accepted only where Next's decoding is
// what fails, and every body that decodes to arguments must reach the action and get its answer.
const MALFORMED = [
  "not json", "[", '"just a string"', "42", "true", '{"a":1}', "null", '["$Q1"]', '["$h1"]', '["$@1"]', '["$K1"]',
  `[${"1,".repeat(1000)}1]`, `[${"[".repeat(5000)}${"]".repeat(5000)}]`, '["\\u0000", "\\ud800"]', '["$undefined","$NaN","$D9999-12-31T23:59:59Z"]',
];

test("malformed action bodies: a 500 only where Next's own decoding fails, never in our code", async () => {
  failures.length = 0;
  const kinds = classifyBodies(MALFORMED);
  const target = serverActions().find((a) => a.name === "searchPatientsAction");
  expect(target, "searchPatientsAction is in the manifest").toBeDefined();
  for (const action of [target!, ...serverActions().filter((a) => a.params > 0).slice(0, 6)]) {
    for (const [i, body] of MALFORMED.entries()) {
      const res = await actionRequest(action, body, true);
      if (kinds[i] === "arguments") {
        if (res.status >= 500) record(`${action.name} (${action.file})`, `malformed but decodable ${brief(body)}`, res);
      } else {
        expect.soft(res.status, `${action.name} ${kinds[i]} ${brief(body)}`).toBe(500);
      }
    }
  }
  expect(kinds).toContain("arguments");
  expect(kinds).toContain("undecodable");
  expect(failures, report(failures)).toHaveLength(0);
});

test("the calls reach our code: a NUL byte comes back as the catalogued field error, signed in; signed out is refused", async () => {
  const nul = "O texto contém um caractere inválido (byte nulo). Remova-o e tente de novo.";
  const api = await rawRequest({
    host: TENANT_HOST, method: "GET", path: "/api/v1/patients?q=ma%00ria",
    headers: { authorization: `Bearer ${callers.staffToken}`, "x-forwarded-for": FUZZ_IP },
  });
  expect([api.status, (JSON.parse(api.body) as { error: { fields?: Record<string, string[]> } }).error.fields?.q]).toEqual([400, [nul]]);
  const search = serverActions().find((a) => a.name === "searchPatientsAction")!;
  const body = await encodeReply(["ma\u0000ria"]);
  const signedIn = await actionRequest(search, body, true);
  expect(signedIn.status).toBe(200);
  expect(signedIn.body).toContain(JSON.stringify(nul).slice(1, -1));
  const signedOut = await actionRequest(search, body, false);
  expect(signedOut.status).toBe(200);
  expect(signedOut.body).toContain('"code":"unauthorized"');
});

test("the patients page answers a NUL search with the refusal and an over-long one with results, never a 500", async () => {
  const page = (q: string) => rawRequest({
    host: TENANT_HOST, method: "GET", path: `/patients?${new URLSearchParams({ q })}`,
    headers: { cookie: cookieHeader(callers.cookies.staff, TENANT_HOST), "x-forwarded-for": FUZZ_IP },
  });
  // The refusal is a danger alert in the page itself (the catalogue also travels in the payload).
  const refusal = /role="alert"[^>]*><div[^>]*>O texto contém um caractere inválido \(byte nulo\)/;
  const nul = await page("ma\u0000ria");
  expect(nul.status).toBe(200);
  expect(nul.body).toMatch(refusal);
  const long = await page("Maria ".repeat(1000));
  expect(long.status).toBe(200);
  expect(long.body).not.toMatch(refusal);
});

test("nothing was written", async () => {
  const after = await writeSnapshot(since, callerIds);
  const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k]} → ${after[k]}`);
  const audited = await ownerQuery<{ action: string; n: number }>(
    `SELECT action, count(*)::int AS n FROM audit_logs WHERE ${PERSONS_AUDIT} AND created_at >= $1::timestamptz GROUP BY action`, [since, callerIds]);
  expect(changed, `audit rows written: ${JSON.stringify(audited)}`).toEqual([]);
});
