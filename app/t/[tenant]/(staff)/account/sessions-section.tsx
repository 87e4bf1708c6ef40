import { OwnSessions } from "@/components/sessions/own-sessions";
import type { Context } from "@/lib/context";
import { currentSessionId } from "@/lib/auth/session";
import { listOwnSessions } from "@/lib/auth/sessions-account";
import { revokeSessionAction, signOutEverywhereAction } from "./session-actions";

/** The account's sessions section, shared by the staff account page and the patient portal. */
export async function SessionsSection({ ctx }: { ctx: Context }) {
  const sessions = await listOwnSessions(ctx, await currentSessionId());
  return <OwnSessions sessions={sessions} timeZone={ctx.timeZone} actions={{ revoke: revokeSessionAction, everywhere: signOutEverywhereAction }} />;
}
