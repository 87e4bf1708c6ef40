// What an upload really is, read from its bytes (file-type 21 looks at magic numbers and
// structure), never from its name or the Content-Type the browser guessed from that name.
// Only PDF, JPEG and PNG are clinical attachments here: they open everywhere and none of them
// runs code in the browser when served as a download with nosniff.

export const ATTACHMENT_TYPES = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
} as const;

export type AttachmentMime = keyof typeof ATTACHMENT_TYPES;

export const isAttachmentMime = (mime: string): mime is AttachmentMime => Object.hasOwn(ATTACHMENT_TYPES, mime);

/** The detected type when it is one we accept, else null (unknown, text, HTML, executables…). */
export async function detectAttachmentType(bytes: Uint8Array): Promise<AttachmentMime | null> {
  // file-type is ESM-only; a dynamic import keeps it loadable from CommonJS test runners too.
  const { fileTypeFromBuffer } = await import("file-type");
  const detected = await fileTypeFromBuffer(bytes);
  return detected && isAttachmentMime(detected.mime) ? detected.mime : null;
}
