// What client code may import about attachments: the DTO a list returns and the error body an
// upload answers with. No Prisma types, no server modules.

export type AttachmentDto = {
  id: string;
  fileName: string;
  mimeType: "application/pdf" | "image/jpeg" | "image/png";
  sizeBytes: number;
  createdAt: string;
  uploadedBy: string;
  /** GET this to download (same-origin; the read is logged). */
  downloadUrl: string;
};

export type AttachmentErrorBody = {
  error: { code: string; message: string; reason?: string; params?: Record<string, number | string> };
};

export const attachmentDownloadUrl = (id: string) => `/api/v1/attachments/${id}`;
