import type { ActionResult } from "@/lib/users/schemas";

// Props shared by the user-admin components. Server actions arrive as props, so these
// components stay free of app/ imports and of any data access.

export type UserAction = (input: unknown) => Promise<ActionResult>;
export type RoleOption = { value: string; label: string };
