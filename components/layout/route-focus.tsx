"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation (a link, or a form that moves on once saved), focus goes to
 * the new page's main heading, so a keyboard or screen-reader user starts reading where the
 * page starts, not at whatever control they left (the language button, the body). The first
 * load is left alone: the browser starts at the top.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    const heading = document.querySelector<HTMLElement>("#main-content h1");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: false });
  }, [pathname]);
  return null;
}
