import { Tag } from 'antd';
import { STATE_LABELS, type MatterState } from '../../../../common/workflow';
import { fill } from '../../app/i18n';
import type { Locale } from '../../lib/api-client';
import type { ConsoleMessages } from '../../locales/console.zh-CN';
import type { Kind } from './console-api';

export { fmtTime } from '../../lib/format';

export function kindLabel(kinds: Kind[] | undefined, code: string, locale: Locale) {
  const kind = kinds?.find((k) => k.code === code);
  return kind ? (locale === 'en' ? kind.nameEn : kind.nameZh) : code;
}

const STATE_COLORS: Record<MatterState, string> = {
  received: 'gold', transferring: 'orange', handling: 'blue', paused: 'purple', replied: 'cyan', closed: 'green', not_accepted: 'default',
};
export function StateTag({ state, locale }: { state: MatterState; locale: Locale }) {
  return <Tag color={STATE_COLORS[state]} data-testid="state">{locale === 'en' ? STATE_LABELS[state].en : STATE_LABELS[state].zh}</Tag>;
}

/** "2天3小时" / "45分钟": the largest two units of a span. */
export function formatSpan(ms: number, c: ConsoleMessages): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [];
  if (d) parts.push(fill(c.duration.d, { n: d }));
  if (h) parts.push(fill(c.duration.h, { n: h }));
  if (!d && (m || !h)) parts.push(fill(c.duration.m, { n: m }));
  return parts.slice(0, 2).join(' ');
}
