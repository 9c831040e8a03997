// A due date is a plan: one already behind us is refused where a deep dive is started, so that a
// typo (2024 for 2026) does not make a new dive overdue on its first day.
import { DeepDiveError } from '../errors';
import { checkDate } from './ops';

/** Today as YYYY-MM-DD in UTC (the date the report counts days left from). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The date, checked to be a real date that is today or later. */
export function checkFutureDate(due: string, now = new Date(), flag = '--due'): string {
  checkDate(due);
  const today = todayUtc(now);
  if (due < today) throw new DeepDiveError(`${flag} ${due} is in the past (today is ${today}): give the date the deep dive should be finished by`);
  return due;
}
