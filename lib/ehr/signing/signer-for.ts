import type { Context } from "@/lib/context";
import { localCaSigner } from "./local-ca";
import type { SignatureEnvelope, Signer } from "./signer";

// The one place that decides who signs for a clinic. Today every clinic signs with its local
// CA. An ICP-Brasil cloud signer (A3 in the cloud: BirdID, VIDaaS…) becomes a second entry in
// SIGNERS and a clinic setting (e.g. `settings.signing.provider`, validated in
// lib/tenancy/settings.ts) read here; documents keep calling signerFor(ctx).sign(...).
//
// Verification never follows the clinic's current choice: an envelope is checked by the signer
// that made it (its signerKind), so records signed before a switch still verify after it.

const SIGNERS: ReadonlyMap<string, Signer> = new Map([[localCaSigner.kind, localCaSigner]]);

// The clinic (ctx) is the input once a second signer exists; today there is one answer.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function signerFor(_ctx: Context): Signer {
  return localCaSigner;
}

/** The signer that can verify this envelope, or null for a kind this server does not know. */
export function verifierFor(envelope: Pick<SignatureEnvelope, "signerKind">): Signer | null {
  return SIGNERS.get(envelope.signerKind) ?? null;
}
