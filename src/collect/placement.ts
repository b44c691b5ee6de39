import { DigestError } from '../errors.js';
import type { WeekWindow } from '../types.js';
import { parseContentDate } from '../util/dates.js';
import { parseFrontMatter } from '../util/front-matter.js';
import { isInWeek } from '../util/week.js';
import type { Placement } from './cache.js';

/**
 * Where an article that failed validation would fall: its `draft:` and
 * `date:` read on their own. Undefined when even that is impossible (the
 * front matter does not parse, or the date is missing or unreadable): such
 * a file cannot be placed.
 */
export function placeInvalidArticle(text: string, file: string, timeZone: string): Placement | undefined {
  let data: Record<string, unknown>;
  try {
    data = parseFrontMatter(text, file).data;
  } catch (error) {
    if (error instanceof DigestError) return undefined;
    throw error;
  }
  const draft = data.draft === true;
  try {
    return { draft, date: parseContentDate(data.date, timeZone) };
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    return draft ? { draft } : undefined;
  }
}

/**
 * Why an invalid file may be left out of `week` with a warning instead of
 * failing the build: it is a draft, or dated outside the week. Undefined
 * when it must fail the build (it cannot be placed, or belongs to the week).
 */
export function toleratedBecause(placement: Placement | undefined, week: WeekWindow): string | undefined {
  if (!placement) return undefined;
  if (placement.draft) return 'a draft';
  if (!placement.date || isInWeek(placement.date, week)) return undefined;
  return placement.date.getTime() < week.start.getTime() ? 'dated before the week' : 'dated after the week';
}
