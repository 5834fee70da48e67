import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import {
  ALLOWED_TYPES_LABEL, ALLOWED_TYPES_LABEL_EN, checkAttachment, cleanFileName, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_LABEL,
  MAX_ATTACHMENTS, SNIFF_BYTES, type AttachmentType,
} from '../../../common/attachments.js';
import { AppError } from '../../platform/http/errors.js';

/** A file received, checked and ready to store. */
export type Upload = { name: string; type: AttachmentType; size: number; sha256: Buffer; content: Buffer };

/** The form field carrying the JSON (at most 1 MB, like a JSON body). */
const FIELD_BYTES = 1024 * 1024;

/**
 * Lets the routes of this scope (and only them) take multipart/form-data. The plugin adds a content
 * type parser to the scope it is registered in; JSON routes elsewhere never see it.
 * Busboy enforces the limits while the request streams in: a request never holds more than
 * MAX_ATTACHMENTS files of 10 MB each in memory.
 */
export async function acceptUploads(app: FastifyInstance) {
  await app.register(multipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fields: 4, fieldSize: FIELD_BYTES, parts: MAX_ATTACHMENTS + 4, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
}

const received = new WeakMap<FastifyRequest, Upload[]>();

/** The files that came with the request (none for a JSON request). */
export function uploadsOf(request: FastifyRequest): Upload[] {
  return received.get(request) ?? [];
}

/** The refusal for one file, in the user's language (common/errors.ts holds the texts). */
function refuseFile(problem: 'type' | 'size', name: string): AppError {
  return problem === 'size'
    ? new AppError('ATTACHMENT_TOO_LARGE', { name, limit: MAX_ATTACHMENT_LABEL })
    : new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', { name, types: { zh: ALLOWED_TYPES_LABEL, en: ALLOWED_TYPES_LABEL_EN } });
}

/**
 * A preValidation hook: for a multipart request, reads the files and puts the JSON of the form field
 * `field` where the body goes, so the route's schema validates it as it would a JSON body (with the
 * same field errors). A JSON request passes through untouched: no cost when there are no files.
 * Every file is checked (type from its first bytes, size, count) before the handler runs, so a
 * refused file changes nothing.
 */
export function multipartBody(field: string | null) {
  return async (request: FastifyRequest) => {
    if (!request.isMultipart()) return;
    const uploads: Upload[] = [];
    let json: string | undefined;
    let current = ''; // the name of the file being read, as sent
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          // Browsers write a quote in a file name as %22 and line breaks as %0A / %0D (HTML's multipart/form-data encoding).
          current = (part.filename ?? '').replace(/%22/g, '"').replace(/%0[AD]/gi, ' ');
          // No count check here: busboy's `files` limit refuses the file after the last allowed one (FST_FILES_LIMIT, below).
          const content = await part.toBuffer();
          if (current === '' && content.length === 0) continue; // an HTML form's empty file input
          const checked = checkAttachment(current, content.length, content.subarray(0, SNIFF_BYTES));
          if ('problem' in checked) throw refuseFile(checked.problem, checked.name);
          uploads.push({
            name: checked.name, type: checked.type, size: content.length,
            sha256: createHash('sha256').update(content).digest(), content,
          });
        } else if (field !== null && part.fieldname === field) {
          json = String(part.value);
        }
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw refuseFile('size', cleanFileName(current));
      if (code === 'FST_FILES_LIMIT') throw new AppError('ATTACHMENT_TOO_MANY', { max: MAX_ATTACHMENTS });
      // Anything else here is a malformed or cut-off multipart body (no boundary, truncated stream).
      request.log.info({ err: error }, 'multipart body refused');
      throw new AppError('BAD_REQUEST');
    }
    received.set(request, uploads);
    if (field === null) {
      request.body = {};
      return;
    }
    try {
      request.body = json === undefined ? undefined : JSON.parse(json);
    } catch {
      request.body = undefined;
    }
    // An array is an object to typeof, but never the body a route's schema describes.
    if (request.body === undefined || request.body === null || typeof request.body !== 'object' || Array.isArray(request.body)) {
      throw new AppError('VALIDATION_FAILED', {}, [{
        path: field, zh: `表单字段 ${field} 须为 JSON 对象`, en: `The form field ${field} must hold a JSON object`,
      }]);
    }
  };
}
