import type { FieldError, Locale } from '../../../common/errors.js';

export type AjvError = {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  parentSchema?: { title?: string; description?: string; properties?: Record<string, { title?: string; description?: string }> };
  schema?: unknown;
};

type Templates = Record<string, { zh: string; en: string }>;

const TEMPLATES: Templates = {
  required: { zh: '{label}为必填项', en: '{label} is required' },
  minLength: { zh: '{label}至少需要 {limit} 个字符', en: '{label} needs at least {limit} characters' },
  maxLength: { zh: '{label}不能超过 {limit} 个字符', en: '{label} cannot exceed {limit} characters' },
  pattern: { zh: '{label}格式不正确', en: '{label} is not in a valid format' },
  format: { zh: '{label}格式不正确（应为 {format}）', en: '{label} must be a valid {format}' },
  enum: { zh: '{label}的取值无效，可选值：{allowed}', en: '{label} must be one of: {allowed}' },
  type: { zh: '{label}的类型不正确（应为 {type}）', en: '{label} must be of type {type}' },
  minimum: { zh: '{label}不能小于 {limit}', en: '{label} must be at least {limit}' },
  maximum: { zh: '{label}不能大于 {limit}', en: '{label} must be at most {limit}' },
  minItems: { zh: '{label}至少需要 {limit} 项', en: '{label} needs at least {limit} items' },
  maxItems: { zh: '{label}不能超过 {limit} 项', en: '{label} cannot have more than {limit} items' },
  additionalProperties: { zh: '不允许提交字段“{label}”', en: 'The field "{label}" is not allowed' },
  // Only the update bodies (PATCH) set minProperties: an empty one changes nothing.
  minProperties: { zh: '请至少修改一项', en: 'Change at least one field' },
  fallback: { zh: '{label}的值无效', en: '{label} is not valid' },
};

const FORMAT_NAMES: Record<string, { zh: string; en: string }> = {
  'date-time': { zh: '带时区的日期时间，如 2026-11-29T09:30:00+08:00', en: 'ISO 8601 date-time such as 2026-11-29T09:30:00+08:00' },
  date: { zh: '日期，如 2026-11-29', en: 'date such as 2026-11-29' },
};

function pathOf(error: AjvError, context: string): string {
  const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra =
    error.keyword === 'required' ? String(error.params.missingProperty ?? '') :
    error.keyword === 'additionalProperties' ? String(error.params.additionalProperty ?? '') : '';
  const path = [base, extra].filter(Boolean).join('.');
  return path || context;
}

function labelOf(error: AjvError, path: string, locale: Locale): string {
  if (locale === 'en' || error.keyword === 'additionalProperties') return path;
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty ?? '');
    const field = error.parentSchema?.properties?.[missing];
    return field?.title ?? field?.description ?? path;
  }
  return error.parentSchema?.title ?? error.parentSchema?.description ?? path;
}

/** Turns every schema violation into a field error in the user's language, named by the field's title or description. */
export function fieldErrorsOf(errors: AjvError[], context: string, locale: Locale): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const error of errors) {
    const path = pathOf(error, context);
    const template = TEMPLATES[error.keyword] ?? TEMPLATES.fallback;
    const format = String(error.params.format ?? '');
    const params: Record<string, string> = {
      label: labelOf(error, path, locale),
      limit: String(error.params.limit ?? ''),
      type: String(error.params.type ?? ''),
      allowed: Array.isArray(error.params.allowedValues) ? error.params.allowedValues.join('、') : '',
      format: FORMAT_NAMES[format]?.[locale === 'en' ? 'en' : 'zh'] ?? format,
    };
    const text = (locale === 'en' ? template.en : template.zh).replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? '');
    const key = `${path}:${text}`;
    if (!seen.has(key)) {
      seen.add(key);
      fields.push({ path, message: text });
    }
  }
  return fields;
}
