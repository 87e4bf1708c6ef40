import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layering rule of the project: UI (app/, components/) never reaches the database. Route
// handlers under app/api call domain functions too. The privileged systemDb may be imported only
// by the few modules that resolve tenants, sign people in, or serve the platform area.
const DB_IMPORTS = [
  { group: ["@prisma/client", "@prisma/client/*", "@prisma/adapter-pg"], message: "UI never imports Prisma: call a domain function in lib/<domain>/." },
  { group: ["@/lib/db/*", "**/lib/db/*"], message: "UI never imports lib/db: call a domain function in lib/<domain>/." },
  { group: ["@/lib/generated/*", "**/lib/generated/*"], message: "Use the DTO and enum types exported by lib/<domain>/schemas.ts." },
];

// Client text enters through one building block (lib/validation/text.ts: NUL bytes and lone
// surrogates are field errors, not database 500s), so a new schema is safe by default.
const RAW_STRING = {
  selector: "CallExpression[callee.object.name='z'][callee.property.name='string'], CallExpression[callee.object.object.name='z'][callee.object.property.name='coerce'][callee.property.name='string']",
  message: "Build client text with text() from lib/validation/text.ts (it refuses NUL bytes and lone surrogates).",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", "scripts/prisma-migrate/node_modules/**", ".data/**", "playwright-report/**", "test-results/**"]),
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: DB_IMPORTS }] },
  },
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/db/**", "lib/tenancy/current.ts", "lib/auth/sign-in.ts", "lib/auth/session.ts", "lib/auth/policy.ts", "lib/platform/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@/lib/db/system", message: "systemDb is privileged: only tenancy lookup, sign-in and the platform area may use it." }] }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: DB_IMPORTS, paths: [{ name: "@/lib/db/system", message: "systemDb is privileged." }] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.ts"],
    ignores: ["lib/validation/**", "lib/env.ts", "lib/outbox/**", "**/*.test.ts", "lib/generated/**"],
    rules: { "no-restricted-syntax": ["error", RAW_STRING] },
  },
]);
