import { describe, expect, it } from "vitest";
import { exeFile, htmlFile, jpegFile, pdfFile, pngFile } from "@/lib/testing/attachment-fixtures";
import { contentDisposition, sanitizeFileName } from "./file-name";
import { detectAttachmentType } from "./file-type";

describe("detectAttachmentType", () => {
  it("recognises real PDF, JPEG and PNG files from their bytes", async () => {
    expect(await detectAttachmentType(pdfFile("laudo"))).toBe("application/pdf");
    expect(await detectAttachmentType(jpegFile("foto"))).toBe("image/jpeg");
    expect(await detectAttachmentType(pngFile("imagem"))).toBe("image/png");
  });

  it("refuses an executable, an HTML page, text and nothing, whatever they are called", async () => {
    for (const bytes of [exeFile("x"), htmlFile("x"), Buffer.from("apenas texto"), Buffer.alloc(0), Buffer.from([0x25, 0x50])]) {
      expect(await detectAttachmentType(bytes)).toBeNull();
    }
  });

  it("refuses other real formats (GIF, ZIP)", async () => {
    expect(await detectAttachmentType(Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"))).toBeNull();
    expect(await detectAttachmentType(Buffer.from("PK\x03\x04\x14\x00\x00\x00\x00\x00", "latin1"))).toBeNull();
  });
});

describe("sanitizeFileName", () => {
  it("keeps an accented name and a matching extension", () => {
    expect(sanitizeFileName("Exame de sangue – março.PDF", "application/pdf")).toBe("Exame de sangue – março.pdf");
    expect(sanitizeFileName("raio-x.jpeg", "image/jpeg")).toBe("raio-x.jpeg");
  });

  it("gives the detected type's extension when the name lies or has none", () => {
    expect(sanitizeFileName("laudo.exe", "application/pdf")).toBe("laudo.exe.pdf");
    expect(sanitizeFileName("foto", "image/png")).toBe("foto.png");
    expect(sanitizeFileName("", "image/jpeg")).toBe("anexo.jpg");
    expect(sanitizeFileName(42, "image/jpeg")).toBe("anexo.jpg");
  });

  it("drops directories, controls, bidi overrides and reserved characters", () => {
    expect(sanitizeFileName("C:\\Users\\ana\\..\\laudo.pdf", "application/pdf")).toBe("laudo.pdf");
    expect(sanitizeFileName("../../etc/passwd", "application/pdf")).toBe("passwd.pdf");
    expect(sanitizeFileName("cod\u202Efdp.exe", "application/pdf")).toBe("codfdp.exe.pdf");
    expect(sanitizeFileName("a\u0000b\r\nc<>:\"|?*.pdf", "application/pdf")).toBe("abc_______.pdf");
    expect(sanitizeFileName("...", "image/png")).toBe("anexo.png");
  });

  it("bounds the length without splitting a character", () => {
    const name = sanitizeFileName(`${"ç".repeat(300)}.pdf`, "application/pdf");
    expect(name).toBe(`${"ç".repeat(120)}.pdf`);
  });
});

describe("contentDisposition", () => {
  it("sends an ASCII fallback and the UTF-8 name (RFC 5987), with nothing that breaks the header", () => {
    expect(contentDisposition("Exame março.pdf")).toBe(`attachment; filename="Exame marco.pdf"; filename*=UTF-8''Exame%20mar%C3%A7o.pdf`);
    const tricky = contentDisposition(`a"; filename="evil.html'.pdf`);
    expect(tricky).toBe(`attachment; filename="a__ filename__evil.html_.pdf"; filename*=UTF-8''a%22%3B%20filename%3D%22evil.html%27.pdf`);
  });
});
