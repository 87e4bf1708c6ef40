// The per-request security headers that proxy.ts sets (the static ones live in next.config.mjs).
//
// Content-Security-Policy: scripts run only with this response's nonce. Next 16 reads the nonce
// from the Content-Security-Policy *request* header the proxy forwards and stamps it on its own
// bootstrap and chunk scripts; 'strict-dynamic' then trusts the chunks those scripts load, so no
// host list and no 'unsafe-inline' for scripts. Styles keep 'unsafe-inline': React's style
// attributes cannot carry a nonce, and injected CSS cannot run code.

/** 128 random bits, base64: unguessable and fresh for every request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    // React's development build evaluates source maps and call stacks with eval; never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * HSTS: two years, subdomains included (every clinic is a subdomain), only where the app is
 * served over HTTPS, which is exactly when its cookies are Secure (COOKIE_SECURE, on by default
 * in production). The e2e server is a production build over plain http with COOKIE_SECURE=0,
 * and a browser told to pin *.localhost to HTTPS would break it.
 */
export function strictTransportSecurity(https: boolean): string | null {
  return https ? "max-age=63072000; includeSubDomains" : null;
}
