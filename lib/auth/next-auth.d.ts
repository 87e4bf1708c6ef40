import "next-auth";
import "next-auth/jwt";
import type { AccountKind } from "./account-store";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      /** Which table `id` belongs to (users or platform_users); null for a token minted before the split. */
      kind: AccountKind | null;
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
    kind?: AccountKind;
    tid?: string | null;
    tslug?: string | null;
    sv?: number;
    sid?: string | null;
    at?: number;
  }
}
