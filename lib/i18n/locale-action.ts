"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, isLocale } from "./config";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/**
 * Stores the UI language. Every 'use server' export is a public POST endpoint, so
 * this needs no session but accepts nothing except a value from the allow-list:
 * anything else is ignored rather than echoed into a cookie.
 * Accepts FormData (field "locale", for <form action>) or a plain string.
 */
export async function setLocale(input: FormData | string): Promise<void> {
  const raw = typeof input === "string" ? input : input instanceof FormData ? input.get("locale") : null;
  if (!isLocale(raw)) return;

  (await cookies()).set(LOCALE_COOKIE, raw, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    // Only the server reads it; keeping it away from scripts costs nothing.
    httpOnly: true,
  });
  // Setting a cookie in a Server Action re-renders the current route, so the new
  // language appears without an explicit refresh.
}
