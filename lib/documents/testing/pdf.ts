import { inflateSync } from "node:zlib";
import jsQR from "jsqr";
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// Reading a PDF as its reader would, for the integration and end-to-end tests: the text through
// pdfjs-dist (Mozilla's PDF.js), the QR code by decoding the embedded image with jsQR.

/** The text a reader extracts from the PDF, one line per text line, runs joined. */
export async function pdfTextOf(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join(""));
  }
  await pdf.destroy();
  return pages.join("\n");
}

/** Whitespace collapsed: what a sentence wrapped over lines reads as. */
export const flat = (text: string) => text.replace(/\s+/g, " ");

/** The texts of every QR code drawn on the first page (the embedded PNG images, decoded by jsQR). */
export async function qrCodesOf(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const resources = doc.getPages()[0]!.node.Resources();
  const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  const found: string[] = [];
  for (const [, ref] of xobjects?.entries() ?? []) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of("Subtype"))?.toString() !== "/Image") continue;
    const width = (stream.dict.get(PDFName.of("Width")) as PDFNumber).asNumber();
    const height = (stream.dict.get(PDFName.of("Height")) as PDFNumber).asNumber();
    const rgb = inflateSync(stream.contents);
    if (rgb.length !== width * height * 3) continue;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
    }
    const qr = jsQR(rgba, width, height);
    if (qr) found.push(qr.data);
  }
  return found;
}

