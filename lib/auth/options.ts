import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookiesSecure, env } from "@/lib/env";
import { requestMeta, requestMetaFrom, type RequestMeta } from "@/lib/request";
import { MAX_ABSOLUTE_SESSION_HOURS, endWebSessionOnSignOut, openWebSession } from "./sessions";
import { beginSignIn, promptOf, type SessionUser } from "./sign-in";
import { completeSecondStep } from "./two-factor-sign-in";
import { encodePrompt, TWO_FACTOR_REPLAY_ERROR } from "./two-factor-protocol";

// Tenants live on their own subdomains, so NextAuth must take its origin from the request host
// (proxy.ts pins X-Forwarded-Host to the real Host header). Cookies stay host-only: a session
// made on demo.{APP_HOST} is never even sent to another tenant's host, and guards re-check.
process.env.AUTH_TRUST_HOST ??= "true";

// Two-step sign-in in one provider. NextAuth v4's signIn() hands the client nothing but an
// error string, so when the account has a second factor the password step throws an error
// carrying the signed challenge (it reaches the form in the JSON body of the callback, never a
// navigated URL: the form signs in with redirect: false); the form then calls
// signIn("credentials", { challenge, code }). The password never leaves the NextAuth request,
// and nothing changes for accounts without 2FA.
//
// The cookie only carries who signed in and which user_sessions row is theirs (sid): idle and
// absolute limits, revocation and "sign out everywhere" are decided by that row on every request
// (lib/auth/sessions.ts). NextAuth's own expiry is only an outer bound.
const COOKIE_MAX_AGE_S = MAX_ABSOLUTE_SESSION_HOURS * 60 * 60;

/**
 * Over HTTPS every cookie is __Host-: Secure, Path=/, no Domain, so it is bound to the exact
 * clinic host and cannot be planted by a sibling subdomain. HttpOnly and SameSite=Lax always.
 * COOKIE_SECURE=0 (lib/env.ts) drops Secure and the prefix for a build served over plain http.
 */
function cookies(secure: boolean): NonNullable<NextAuthOptions["cookies"]> {
  const prefix = secure ? "__Host-" : "";
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${prefix}next-auth.csrf-token`, options },
  };
}

/** A web sign-in that succeeded: its session row is opened here, its id goes into the JWT. */
async function withSessionRow(user: SessionUser, meta: RequestMeta) {
  const sessionId = await openWebSession(user, meta);
  return { ...user, id: user.id, sessionId, authTime: Date.now() };
}

export function authOptions(): NextAuthOptions {
  const secure = cookiesSecure();
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: COOKIE_MAX_AGE_S },
    useSecureCookies: secure,
    cookies: cookies(secure),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" }, challenge: { type: "text" }, code: { type: "text" } },
        async authorize(credentials, req) {
          const h = req.headers ?? {};
          const meta = requestMetaFrom({ get: (name) => (typeof h[name] === "string" ? h[name] : null) });
          if (credentials?.challenge) {
            const result = await completeSecondStep(credentials, meta);
            // A replayed TOTP code gets its own answer, so the form can say why.
            if (!result.ok && result.reason === "replay") throw new Error(TWO_FACTOR_REPLAY_ERROR);
            return result.ok ? withSessionRow(result.user, meta) : null;
          }
          const step = await beginSignIn(credentials, meta);
          if (step?.kind === "two_factor") throw new Error(encodePrompt(promptOf(step)));
          return step ? withSessionRow(step.user, meta) : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as Awaited<ReturnType<typeof withSessionRow>>;
          token.sub = u.id;
          token.kind = u.kind;
          token.tid = u.tenantId;
          token.tslug = u.tenantSlug;
          token.sv = u.sessionVersion;
          token.sid = u.sessionId;
          token.at = u.authTime;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          ...session.user,
          id: token.sub ?? "",
          kind: token.kind ?? null,
          tenantId: token.tid ?? null,
          tenantSlug: token.tslug ?? null,
          sessionVersion: token.sv ?? 0,
          sessionId: token.sid ?? null,
          authTime: token.at ?? null,
        };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.kind !== "clinic" || !token.tid || !token.sid || !token.sub) return;
        // Best effort: the cookie is cleared whatever happens here, and a row left open still
        // ends by idleness.
        await endWebSessionOnSignOut(token.tid, token.sub, token.sid, await requestMeta())
          .catch((error: unknown) => console.error("[auth] ending the session row on sign-out failed", error));
      },
    },
  };
}
