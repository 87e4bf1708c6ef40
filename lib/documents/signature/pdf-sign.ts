import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { Signer as PdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import type { PDFDocument } from "pdf-lib";
import { buildDetachedCms, type SignAttributes } from "./cms";

// The PDF's own signature (PAdES-style): a signature dictionary with /ByteRange and /Contents
// (placeholder by @signpdf/placeholder-pdf-lib), filled by @signpdf/signpdf with the CMS that
// EhrCmsSigner builds over every byte of the file except /Contents. A PDF reader lists it in its
// signature panel (as "validity unknown" until the clinic's root is trusted there: it is not an
// ICP-Brasil chain; docs/documents.md).

/** Room for the CMS: two P-256 certificates and the attributes take ~1.6 KB; 8 KB leaves headroom for an ICP-Brasil chain. */
const SIGNATURE_BYTES = 8192;

class EhrCmsSigner extends PdfSigner {
  constructor(private readonly certificatePem: string, private readonly chainPem: string[], private readonly signAttributes: SignAttributes) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return buildDetachedCms(pdfBuffer, this.certificatePem, this.chainPem, this.signAttributes);
  }
}

export type PdfSignatureInfo = { name: string; location: string; reason: string; contactInfo: string; signingTime: Date };
export type PdfSigningKey = { certificatePem: string; chainPem: string[]; sign: SignAttributes };

export async function signPdf(doc: PDFDocument, info: PdfSignatureInfo, key: PdfSigningKey): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: doc, reason: info.reason, contactInfo: info.contactInfo, name: info.name, location: info.location,
    signingTime: info.signingTime, signatureLength: SIGNATURE_BYTES, subFilter: SUBFILTER_ETSI_CADES_DETACHED, appName: "Prontivus",
  });
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(unsigned, new EhrCmsSigner(key.certificatePem, key.chainPem, key.sign));
}
