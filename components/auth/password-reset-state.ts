// What the forgot/reset server actions answer, shared by the actions and their client forms.
// Messages are already written for the person reading them.

export type ForgotPasswordState =
  | { status: "idle" }
  | { status: "sent" }
  | { status: "error"; message?: string; fields?: Record<string, string[]>; email?: string };

export type ResetPasswordState =
  | { status: "idle" }
  | { status: "done" }
  | { status: "invalid_link"; message: string }
  | { status: "error"; message?: string; fields?: Record<string, string[]> };
