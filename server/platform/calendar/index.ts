export * from './civil-date.js';
export * from './holiday-notice.js';
export { WorkCalendar, type DayKind } from './work-calendar.js';
export * from './deadline.js';
