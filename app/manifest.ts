import type { MetadataRoute } from "next";

// The web app manifest (served as /manifest.webmanifest on every host, outside the tenant rewrite:
// proxy.ts). In the default language; installed, the app opens on the host it was installed from.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Prontivus — prontuário e gestão da clínica",
    short_name: "Prontivus",
    description: "Agenda, prontuário eletrônico, prescrições e portal do paciente.",
    lang: "pt-BR",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0f766e",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
