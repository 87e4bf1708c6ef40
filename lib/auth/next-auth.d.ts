import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      name?: string | null;
      email?: string | null;
      tenantId: string | null;
      tenantSlug: string | null;
      sessionVersion: number;
      /** user_sessions row of a clinic sign-in (lib/auth/sessions.ts); null for platform accounts. */
      sessionId: string | null;
      /** Sign-in time (ms since epoch): the absolute limit of sessions without a row. */
      authTime: number | null;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    tid?: string | null;
    tslug?: string | null;
    sv?: number;
    sid?: string | null;
    at?: number;
  }
}
