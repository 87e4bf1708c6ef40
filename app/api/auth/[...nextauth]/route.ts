import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { sessionHonoured } from "@/lib/auth/session";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** What NextAuth itself answers when there is no session. */
const signedOut = () => Response.json({}, { headers: { "cache-control": "private, no-cache, no-store" } });

// Built per request so configuration errors surface as a clear error at first use, not at build.
const handler: Handler = async (req, ctx) => {
  const params = await ctx.params;
  // NextAuth's session endpoint trusts any cookie it can verify; a cookie whose session row has
  // ended (signed out, revoked, idle) or that belongs to another clinic reads as signed out here,
  // as it does on every page.
  if (req.method === "GET" && params.nextauth.join("/") === "session" && !(await sessionHonoured())) return signedOut();
  const nextAuth = NextAuth(authOptions()) as unknown as (r: Request, c: { params: { nextauth: string[] } }) => Promise<Response>;
  return nextAuth(req, { params });
};

export { handler as GET, handler as POST };
