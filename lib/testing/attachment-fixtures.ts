import { randomUUID } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import type { TestPatient, TestTenant, TestUser } from "./factories";
import { asOwner } from "./owner-db";

// Tiny real files for attachment tests, built here byte by byte (no binary fixtures in the
// repository), each carrying a marker string so a test can prove it never reaches storage in
// clear; plus the hostile ones: an executable and an HTML page under innocent names. And a
// medical record written with SQL, using only the columns every branch agrees on.

export function pdfFile(marker: string): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${marker}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([head, typed, crc]);
}

/** A 1×1 red PNG with a tEXt chunk holding the marker. */
export function pngFile(marker: string): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("tEXt", Buffer.from(`Comment\0${marker}`, "latin1")),
    pngChunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

// A valid 1×1 baseline JPEG (JFIF); the marker goes into a COM segment right after SOI.
const TINY_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);

export function jpegFile(marker: string): Buffer {
  const text = Buffer.from(marker, "latin1");
  const length = Buffer.alloc(2);
  length.writeUInt16BE(text.length + 2);
  return Buffer.concat([TINY_JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe]), length, text, TINY_JPEG.subarray(2)]);
}

/** A Windows PE executable header (what file-type reports as application/x-msdownload). */
export function exeFile(marker: string): Buffer {
  const header = Buffer.alloc(0x80);
  header.write("MZ", 0, "ascii");
  header.writeUInt32LE(0x40, 0x3c);
  header.write("PE\0\0", 0x40, "latin1");
  return Buffer.concat([header, Buffer.from(marker, "latin1")]);
}

export const htmlFile = (marker: string) => Buffer.from(`<!DOCTYPE html><html><body><script>alert("${marker}")</script></body></html>`, "utf8");

/** A medical record row (draft unless told), written as the owner with the shared columns only. */
export async function createMedicalRecord(
  tenant: TestTenant,
  options: { patient: TestPatient; doctor: TestUser; status?: "DRAFT" | "SIGNED" },
): Promise<string> {
  const id = randomUUID();
  const signed = options.status === "SIGNED";
  await asOwner(
    `INSERT INTO medical_records (id, tenant_id, patient_id, doctor_id, status, signed_at, signed_by, updated_at)
     VALUES ($1, $2, $3, $4, $5::"RecordStatus", $6, $7, now())`,
    [id, tenant.id, options.patient.id, options.doctor.id, signed ? "SIGNED" : "DRAFT", signed ? new Date() : null, signed ? options.doctor.id : null],
  );
  return id;
}
