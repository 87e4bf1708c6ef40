import type { Signer } from "@/lib/ehr/signing/signer";

// Which Signer signs encounter notes. The local per-clinic CA (lib/ehr/signing, branch
// ehr-signing) is installed here when it lands; an ICP-Brasil cloud certificate would be chosen
// here too (per clinic or per doctor). Until one is installed, signing answers a clear refusal.

let installed: Signer | null = null;

export function installRecordSigner(signer: Signer): void {
  installed = signer;
}

export function recordSigner(): Signer | null {
  return installed;
}
