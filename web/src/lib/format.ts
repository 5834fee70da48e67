/**
 * Small formatting shared by the portal and the console. Kept free of console code, so that the
 * portal's chunks do not pull the console's in.
 */
import dayjs from 'dayjs';
import type { Rating } from '../../../common/contracts/ratings';

/** A time as the bureau writes it (the browser's time zone, Beijing for the bureau); '—' for none. */
export const fmtTime = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** The tag colour of a satisfaction rating. */
export const RATING_COLORS: Record<Rating, string> = { satisfied: 'success', basically_satisfied: 'processing', dissatisfied: 'error' };
