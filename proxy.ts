import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { classifyHost, REQUEST_ID_HEADER, TENANT_HEADER } from "@/lib/tenancy/host";

// Host → tenant. Tenant hosts are rewritten under /t/<slug>/ and carry the slug in a header this
// function sets itself; whatever a client sent under that name is dropped. No authorization
// happens here: guards in pages, actions and route handlers do that.

export function proxy(request: NextRequest) {
  const host = request.headers.get("host");
  const target = classifyHost(host, env().APP_HOST);
  const headers = new Headers(request.headers);
  headers.delete(TENANT_HEADER);
  headers.set(REQUEST_ID_HEADER, crypto.randomUUID());
  // NextAuth derives its origin from X-Forwarded-Host: pin it to the host actually requested.
  if (host) headers.set("x-forwarded-host", host);

  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");

  if (target.kind === "unknown") {
    return new NextResponse("Host desconhecido.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  if (target.kind === "platform") {
    // The tenant tree is reachable only through a tenant host.
    if (pathname === "/t" || pathname.startsWith("/t/")) {
      return NextResponse.rewrite(new URL("/not-found", request.url), { request: { headers } });
    }
    return NextResponse.next({ request: { headers } });
  }

  headers.set(TENANT_HEADER, target.slug);
  if (isApi) return NextResponse.next({ request: { headers } });
  // Built on request.url, not nextUrl: NextURL renames 127.0.0.1 and [::1] to "localhost", and
  // a rewrite whose origin differs from the server's own (`next start -H 127.0.0.1`) is proxied
  // as an external request, which arrives with Host: localhost (the platform) and answers 404.
  // request.url keeps the server's origin because next.config.mjs sets skipProxyUrlNormalize.
  const url = new URL(`/t/${target.slug}${pathname === "/" ? "" : pathname}${request.nextUrl.search}`, request.url);
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
