import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends a generated file as a download. RFC 6266/5987: an ASCII fallback name for old clients, and the
 * Chinese name in UTF-8 for Excel, WPS and browsers. Never cached: it holds the user's own view of the data.
 */
export function sendDownload(reply: FastifyReply, file: { buffer: Buffer; filename: string; asciiName: string; type?: string }) {
  return reply
    .header('content-type', file.type ?? XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .send(file.buffer);
}
