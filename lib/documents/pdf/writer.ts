import { readFile } from "node:fs/promises";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import type { Rgb } from "./branding";

// A small flowing-text layer over pdf-lib: A4 pages, a cursor that moves down, text wrapped to
// the column and a new page when the next block does not fit. The font is DejaVu Sans (free
// licence, the npm package dejavu-fonts-ttf), embedded as a subset: it carries every Portuguese
// letter and the typographic marks the documents print (ª º – — · §) and whatever a doctor types
// beyond WinAnsi (µ, ≥, →), which pdf-lib's standard fonts would refuse.

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 48;
export const FOOTER_HEIGHT = 118;

let fontBytes: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
function loadFonts() {
  const dir = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  fontBytes ??= Promise.all([readFile(path.join(dir, "DejaVuSans.ttf")), readFile(path.join(dir, "DejaVuSans-Bold.ttf"))])
    .then(([regular, bold]) => ({ regular, bold }))
    .catch((error: unknown) => {
      fontBytes = undefined;
      throw error;
    });
  return fontBytes;
}

export type Fonts = { regular: PDFFont; bold: PDFFont };
export type TextStyle = { size?: number; bold?: boolean; colour?: RGB; indent?: number; align?: "left" | "center" | "right"; lineGap?: number };

export const toRgb = (c: Rgb) => rgb(c.r / 255, c.g / 255, c.b / 255);
export const GREY = rgb(0.35, 0.35, 0.35);

export async function newDocument(): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const bytes = await loadFonts();
  const fonts = { regular: await doc.embedFont(bytes.regular, { subset: true }), bold: await doc.embedFont(bytes.bold, { subset: true }) };
  return { doc, fonts };
}

/** Lines of `text` that fit `width` at `size` (paragraph breaks kept; over-long words cut). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) { line = candidate; continue; }
      if (line) lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

export class PageWriter {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(readonly doc: PDFDocument, readonly fonts: Fonts, private readonly onNewPage: (w: PageWriter) => void) {}

  get left() { return MARGIN; }
  get width() { return A4.width - 2 * MARGIN; }
  get bottom() { return MARGIN + FOOTER_HEIGHT; }

  addPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN;
    this.onNewPage(this);
  }

  /** Starts a new page when `height` more points do not fit above the footer. */
  ensure(height: number): void {
    if (this.y - height < this.bottom) this.addPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  text(value: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const indent = style.indent ?? 0;
    const leading = size * 1.3 + (style.lineGap ?? 0);
    for (const line of wrap(value, font, size, this.width - indent)) {
      this.ensure(leading);
      this.y -= leading;
      const w = font.widthOfTextAtSize(line, size);
      const x = style.align === "center" ? this.left + (this.width - w) / 2 : style.align === "right" ? this.left + this.width - w : this.left + indent;
      this.page.drawText(line, { x, y: this.y + size * 0.25, size, font, color: style.colour ?? rgb(0, 0, 0) });
    }
  }

  rule(colour: RGB = GREY, thickness = 0.6): void {
    this.space(4);
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.left + this.width, y: this.y }, thickness, color: colour });
    this.space(4);
  }
}
