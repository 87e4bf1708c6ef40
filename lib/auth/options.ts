import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { requestMetaFrom } from "@/lib/request";
import { beginSignIn } from "./sign-in";
import { completeSignIn } from "./two-factor-sign-in";
import { TWO_FACTOR_ERROR_PREFIX } from "./two-factor-protocol";

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
const STAFF_MAX_AGE_S = 8 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: STAFF_MAX_AGE_S },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" }, challenge: { type: "text" }, code: { type: "text" } },
        async authorize(credentials, req) {
          const h = req.headers ?? {};
          const meta = requestMetaFrom({ get: (name) => (typeof h[name] === "string" ? h[name] : null) });
          if (credentials?.challenge) {
            const user = await completeSignIn(credentials, meta);
            return user ? { ...user, id: user.id } : null;
          }
          const step = await beginSignIn(credentials, meta);
          if (step?.kind === "two_factor") throw new Error(`${TWO_FACTOR_ERROR_PREFIX}${step.challenge}`);
          return step ? { ...step.user, id: step.user.id } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as import("./sign-in").SessionUser;
          token.sub = u.id;
          token.tid = u.tenantId;
          token.tslug = u.tenantSlug;
          token.sv = u.sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          ...session.user,
          id: token.sub ?? "",
          tenantId: token.tid ?? null,
          tenantSlug: token.tslug ?? null,
          sessionVersion: token.sv ?? 0,
        };
        return session;
      },
    },
  };
}
