import type { Browser, BrowserContext } from "@playwright/test";
import { signIn } from "./auth";
import { platformUrl, tenantUrl } from "./state";

// Signing in through the form costs a couple of seconds; specs that only need "a browser
// signed in as X" reuse one session per account for the whole run (the worker process; the
// e2e server and its database live as long as the run). Sessions are never signed out by specs.

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

const sessions = new Map<string, Promise<StorageState>>();
const signedInAt = new Map<string, number>();
// Sessions end after 15 idle minutes (the seeded clinics' setting): a long run signs in again
// rather than hand a spec a session the server has already ended.
const REUSE_FOR_MS = 10 * 60_000;

/** The login page an account signs in on: its clinic's host, or the root host for the platform. */
export function loginUrlFor(email: string): string {
  const slug = /@([a-z0-9-]+)\.prontivus\.dev$/.exec(email)?.[1];
  return slug ? tenantUrl(slug, "/login") : platformUrl("/login");
}

/** Storage state of a browser signed in as `email` (through the real form, once per run). */
export function sessionFor(browser: Browser, email: string): Promise<StorageState> {
  let session = sessions.get(email);
  if (session && Date.now() - (signedInAt.get(email) ?? 0) > REUSE_FOR_MS) session = undefined;
  if (!session) {
    signedInAt.set(email, Date.now());
    session = (async () => {
      const context = await browser.newContext();
      try {
        await signIn(await context.newPage(), loginUrlFor(email), email);
        return await context.storageState();
      } finally {
        await context.close();
      }
    })();
    session.catch(() => sessions.delete(email));
    sessions.set(email, session);
  }
  return session;
}

/** Every cookie of a state (the session token among them), re-addressed to another host, host-only like the originals. */
export function cookiesFor(state: StorageState, host: string) {
  if (!state.cookies.some((c) => c.name.endsWith("session-token"))) throw new Error("no session cookie in this state");
  return state.cookies.map((c) => ({ ...c, domain: host }));
}

/** For test.use({ storageState: signedInAs(email) }): every test starts signed in as `email`. */
export function signedInAs(email: string) {
  return async ({ browser }: { browser: Browser }, provide: (state: StorageState) => Promise<void>) =>
    provide(await sessionFor(browser, email));
}
