/**
 * 附件 (attachments): the rules shared by the server and the web app, so that the browser refuses a
 * file before sending it for the same reason the server would. The server checks again: the browser
 * is a convenience, never the gate.
 *
 * The type is sniffed from the content's first bytes, never taken from the name or the browser's
 * claim: an .exe renamed .jpg is refused, a PNG named .pdf is stored as a PNG.
 */

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** 10 MB each (the column's CHECK in migration 0003 says the same). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Per submission, supplement or staff upload: enough for a few photos and a document, small enough to keep a request bounded. */
export const MAX_ATTACHMENTS = 9;
/** The file name kept (the column allows 1–200 characters). */
export const MAX_FILE_NAME = 200;
/** How many leading bytes sniffing needs. */
export const SNIFF_BYTES = 12;

/** For messages and the file picker. */
export const ALLOWED_TYPES_LABEL = 'JPEG、PNG、GIF、WebP、PDF';
export const ALLOWED_TYPES_LABEL_EN = 'JPEG, PNG, GIF, WebP, PDF';
export const MAX_ATTACHMENT_LABEL = '10 MB';
/** The file picker's hint; the content is still sniffed, whatever the picker lets through. */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,.pdf,image/jpeg,image/png,image/gif,image/webp,application/pdf';

const EXTENSIONS: Record<AttachmentType, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'application/pdf': 'pdf',
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type of a file from its first bytes (at least SNIFF_BYTES of them), or undefined when it is none of the allowed ones. */
export function sniffType(head: Uint8Array): AttachmentType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

export function isImage(type: string): boolean {
  return type.startsWith('image/');
}

/**
 * A file name fit to keep and to show: no folders (a browser or a crafted request may send
 * `C:\fakepath\x.jpg` or `../../x`), no control or bidirectional-override characters (which can
 * disguise `gpj.exe` as `exe.jpg`), at most 200 characters, never empty.
 */
export function cleanFileName(name: string, type?: AttachmentType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const fallback = `attachment${type ? `.${EXTENSIONS[type]}` : ''}`;
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return fallback;
  const chars = [...cleaned]; // by code point: never split a surrogate pair
  if (chars.length <= MAX_FILE_NAME) return cleaned;
  // Keep the extension when cutting: it tells the person downloading what the file is.
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (ext.length > 0 && ext.length <= 10) return chars.slice(0, MAX_FILE_NAME - ext.length).join('') + ext.join('');
  return chars.slice(0, MAX_FILE_NAME).join('');
}

/**
 * Checks one file: its type from its first bytes, its size. Returns the sniffed type with the name to
 * keep (cleanFileName, with the type's extension when nothing of the name is left), or the problem
 * with the name to show.
 */
export function checkAttachment(
  name: string, size: number, head: Uint8Array,
): { type: AttachmentType; name: string } | { problem: 'type' | 'size'; name: string } {
  const type = size > 0 && size <= MAX_ATTACHMENT_BYTES ? sniffType(head) : undefined;
  const shown = cleanFileName(name, type);
  if (size > MAX_ATTACHMENT_BYTES) return { problem: 'size', name: shown };
  if (!type) return { problem: 'type', name: shown };
  return { type, name: shown };
}

/** Human-readable size: 532 B, 14.2 KB, 3.4 MB. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
