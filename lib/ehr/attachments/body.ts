import { AttachmentError } from "./errors";

// Reads an upload's body with the clinic's limit enforced while it streams in: a declared
// Content-Length over the limit is refused before a byte is read, and a body that keeps coming
// is cut off at limit + 1 byte, so memory never holds more than the limit whatever is sent.
// A body shorter than its declared length (client gone, or a proxy that truncated it) is
// refused as incomplete rather than stored as a shorter file.
// Past the limit the rest is read and thrown away (up to as much again) instead of cancelling
// at once: cancelling destroys the socket, and the browser would see a network error instead
// of the refusal and its reason.

export async function readBoundedBody(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: number | null,
  limitBytes: number,
  maxMegabytes: number,
): Promise<Buffer> {
  if (declaredLength !== null && declaredLength > limitBytes) throw new AttachmentError("too_large", { maxMegabytes });
  if (!body || declaredLength === 0) throw new AttachmentError("empty");
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limitBytes) {
        await discardRest(reader, limitBytes);
        throw new AttachmentError("too_large", { maxMegabytes });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AttachmentError) throw error;
    throw new AttachmentError("incomplete");
  }
  if (total === 0) throw new AttachmentError("empty");
  if (declaredLength !== null && total !== declaredLength) throw new AttachmentError("incomplete");
  return Buffer.concat(chunks, total);
}

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let discarded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    discarded += value.byteLength;
    if (discarded > budget) {
      await reader.cancel();
      return;
    }
  }
}
