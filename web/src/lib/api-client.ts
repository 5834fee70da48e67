/**
 * The one way the web app talks to the API: JSON in and out, the UI language in Accept-Language
 * (the server localizes its messages by it), and every error turned into an ApiError whose message
 * is fit to show. A raw response body is never shown to the user.
 */
import type { FormInstance } from 'antd';

export type Locale = 'zh-CN' | 'en';
export type FieldError = { path: string; message: string };

let locale: Locale = 'zh-CN';
let fallbackMessages = { network: '网络连接失败，请检查网络后重试', unknown: '系统繁忙，请稍后再试' };

/**
 * The staff session's CSRF token (synchronizer pattern): kept in module memory only, never in
 * localStorage, and sent as X-CSRF-Token on every request that is not a GET.
 */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called by the language switch, so that requests and client-made messages follow the UI language. */
export function configureApi(next: Locale, messages: { network: string; unknown: string }) {
  locale = next;
  fallbackMessages = messages;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A FormData body goes as multipart/form-data (files): the browser writes its content type with the boundary. */
type RequestOptions = { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale, ...options.headers };
  const form = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (csrfToken && method.toUpperCase() !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method, headers, signal: options.signal, credentials: 'same-origin',
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(fallbackMessages.network, 0, 'NETWORK');
  }
  if (res.status === 204) return undefined as T;
  const data = parseJson(await res.text());
  if (res.ok) return data as T;
  throw toApiError(res.status, data);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The server's error body ({ error: { code, message, fields, requestId } }) as an ApiError; anything else as "system busy". */
function toApiError(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown; fields?: unknown; requestId?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const fields = Array.isArray(error.fields)
      ? error.fields.filter((f): f is FieldError => typeof f?.path === 'string' && typeof f?.message === 'string')
      : [];
    return new ApiError(error.message, status, error.code, fields, typeof error.requestId === 'string' ? error.requestId : undefined);
  }
  return new ApiError(fallbackMessages.unknown, status, 'UNKNOWN');
}

/**
 * Downloads a file (an .xlsx export) through fetch rather than a plain link, so that a refusal (session
 * expired, no permission, too many rows) becomes an ApiError to show instead of a saved file of JSON.
 * The file is named as the server's Content-Disposition says (filename*, RFC 6266), else `fallbackName`.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { 'accept-language': locale }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(fallbackMessages.network, 0, 'NETWORK');
  }
  if (!res.ok) throw toApiError(res.status, parseJson(await res.text()));
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  let name = fallbackName;
  if (encoded) {
    try {
      name = decodeURIComponent(encoded);
    } catch {
      // a malformed name: keep the fallback
    }
  }
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Puts the server's field errors next to the form's fields (`contact.phone` → ['contact', 'phone']).
 * Returns the errors that match no field of the form, for the caller to show as a message.
 */
export function applyFieldErrors(form: FormInstance, error: ApiError, fieldPaths: readonly string[]): FieldError[] {
  const known = new Set(fieldPaths);
  const matched = error.fields.filter((f) => known.has(f.path));
  const byPath = new Map<string, string[]>();
  for (const f of matched) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f.message]);
  form.setFields([...byPath].map(([path, errors]) => ({ name: path.split('.'), errors })));
  return error.fields.filter((f) => !known.has(f.path));
}
