import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { requestMetaFrom } from "@/lib/request";
import { authenticate } from "./sign-in";

// Tenants live on their own subdomains, so NextAuth must take its origin from the request host
// (proxy.ts pins X-Forwarded-Host to the real Host header). Cookies stay host-only: a session
// made on demo.{APP_HOST} is never even sent to another tenant's host, and guards re-check.
process.env.AUTH_TRUST_HOST ??= "true";

const STAFF_MAX_AGE_S = 8 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: STAFF_MAX_AGE_S },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const h = req.headers ?? {};
          const meta = requestMetaFrom({ get: (name) => (typeof h[name] === "string" ? h[name] : null) });
          const user = await authenticate(credentials, meta);
          return user ? { ...user, id: user.id } : null;
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
