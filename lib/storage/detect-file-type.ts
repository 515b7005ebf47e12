/** The file types the shop accepts, told apart by their first bytes (never by name or by what the browser claims). */
export const fileTypes = {
  pdf: { contentType: "application/pdf", extension: "pdf" },
  zip: { contentType: "application/zip", extension: "zip" },
  png: { contentType: "image/png", extension: "png" },
  jpeg: { contentType: "image/jpeg", extension: "jpg" },
} as const;

export type FileType = keyof typeof fileTypes;

/** Bytes needed to tell every accepted type apart. */
export const magicBytesNeeded = 8;

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((byte, index) => head[index] === byte);

export function detectFileType(head: Uint8Array): FileType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  // Local file header, or the end record of an empty archive.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  return null;
}
