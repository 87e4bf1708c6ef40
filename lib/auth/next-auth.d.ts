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
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    tid?: string | null;
    tslug?: string | null;
    sv?: number;
  }
}
