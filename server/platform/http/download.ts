import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The name for clients that do not read filename*: printable ASCII, without the characters that end or escape the quoted value. */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
}

/**
 * Sends a file as a download. RFC 6266/5987: an ASCII fallback name for old clients (`asciiName`, or
 * the name with every other character replaced), and the real name in UTF-8 for Excel, WPS and
 * browsers. Never cached: it holds the user's own view of the data. `headers` adds to these or
 * replaces them (a stored upload adds nosniff and a sandbox CSP).
 */
export function sendDownload(
  reply: FastifyReply,
  file: { buffer: Buffer; filename: string; asciiName?: string; type?: string },
  headers: Record<string, string> = {},
) {
  return reply
    .header('content-type', file.type ?? XLSX_TYPE)
    .header('content-disposition',
      `attachment; filename="${asciiFallback(file.asciiName ?? file.filename)}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .headers(headers)
    .send(file.buffer);
}
