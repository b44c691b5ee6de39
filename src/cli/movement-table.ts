import { EVENT_KINDS, type ListMovement } from '../store/movement.js';

const HEADINGS = ['Week', 'New', 'Confirmed', 'Resubscribed', 'Unsubscribed', 'Bounced', 'Complained'] as const;

/**
 * The list's movement as plain text: a line of totals, then one row per
 * week with the numbers right-aligned under their headings.
 */
export function formatMovement(list: ListMovement): string[] {
  const { totals } = list;
  const lines = [
    `List: ${totals.active} active (${totals.paused} paused), ${totals.pending} pending, ` +
      `${totals.unsubscribed} unsubscribed, ${totals.bounced} bounced`,
  ];
  const rows = list.movement.map((week) => [week.week, ...EVENT_KINDS.map((kind) => String(week[kind]))]);
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(line(HEADINGS), ...rows.map(line));
  return lines;
}
