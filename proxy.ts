import { NextResponse, type NextRequest } from "next/server";
import { cookiesSecure, env } from "@/lib/env";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/security-headers";
import { classifyHost, REQUEST_ID_HEADER, TENANT_HEADER } from "@/lib/tenancy/host";

// Host → tenant. Tenant hosts are rewritten under /t/<slug>/ and carry the slug in a header this
// function sets itself; whatever a client sent under that name is dropped. No authorization
// happens here: guards in pages, actions and route handlers do that.
// Also the per-request security headers: a fresh CSP nonce (Next reads it from the forwarded
// request header and puts it on its scripts) and HSTS where the app is served over HTTPS.

function secured(response: NextResponse, csp: string): NextResponse {
  response.headers.set("content-security-policy", csp);
  const hsts = strictTransportSecurity(cookiesSecure());
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export function proxy(request: NextRequest) {
  const host = request.headers.get("host");
  const target = classifyHost(host, env().APP_HOST);
  const headers = new Headers(request.headers);
  headers.delete(TENANT_HEADER);
  headers.set(REQUEST_ID_HEADER, crypto.randomUUID());
  // NextAuth derives its origin from X-Forwarded-Host: pin it to the host actually requested.
  if (host) headers.set("x-forwarded-host", host);
  const csp = contentSecurityPolicy(newNonce(), env().NODE_ENV === "development");
  headers.set("content-security-policy", csp);

  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");

  if (target.kind === "unknown") {
    return secured(new NextResponse("Host desconhecido.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } }), csp);
  }
  if (target.kind === "platform") {
    // The tenant tree is reachable only through a tenant host.
    if (pathname === "/t" || pathname.startsWith("/t/")) {
      return secured(NextResponse.rewrite(new URL("/not-found", request.url), { request: { headers } }), csp);
    }
    return secured(NextResponse.next({ request: { headers } }), csp);
  }

  headers.set(TENANT_HEADER, target.slug);
  if (isApi) return secured(NextResponse.next({ request: { headers } }), csp);
  // Built on request.url, not nextUrl: NextURL renames 127.0.0.1 and [::1] to "localhost", and
  // a rewrite whose origin differs from the server's own (`next start -H 127.0.0.1`) is proxied
  // as an external request, which arrives with Host: localhost (the platform) and answers 404.
  // request.url keeps the server's origin because next.config.mjs sets skipProxyUrlNormalize.
  const url = new URL(`/t/${target.slug}${pathname === "/" ? "" : pathname}${request.nextUrl.search}`, request.url);
  return secured(NextResponse.rewrite(url, { request: { headers } }), csp);
}

export const config = {
  // Static and metadata files are the same on every host: no tenant rewrite (app/icon.svg,
  // app/apple-icon.png, app/manifest.ts, public/).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|icon.svg|apple-icon.png|icon-192.png|icon-512.png|manifest.webmanifest).*)"],
};
