import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Built per request so configuration errors surface as a clear error at first use, not at build.
const handler: Handler = async (req, ctx) => {
  const nextAuth = NextAuth(authOptions()) as unknown as (r: Request, c: { params: { nextauth: string[] } }) => Promise<Response>;
  return nextAuth(req, { params: await ctx.params });
};

export { handler as GET, handler as POST };
