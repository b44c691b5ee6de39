import type { DeliveryEvent } from '../send/deliver.js';
import type { Io } from './io.js';

/** Shows a delivery run: a progress bar on a terminal, JSON lines with `--json`. */
export interface ProgressReporter {
  onEvent(event: DeliveryEvent): void;
  /** Clears the bar (call before printing the summary). */
  finish(): void;
}

const REDRAW_MS = 100;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** The progress line: bar, counts, rate and time left. */
export function progressLine(state: { done: number; failed: number; remaining: number; total: number; elapsedMs: number }, width = 24): string {
  const handled = state.done + state.failed;
  const all = handled + state.remaining;
  const filled = all > 0 ? Math.round((handled / all) * width) : width;
  const rate = state.elapsedMs > 0 ? (handled / state.elapsedMs) * 1000 : 0;
  const eta = rate > 0 ? state.remaining / rate : Number.NaN;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${state.done.toLocaleString('en')} sent · ${state.failed.toLocaleString('en')} failed · ${state.remaining.toLocaleString('en')} left · ${rate.toFixed(0)}/s · ETA ${clock(eta)}`;
}

/** Picks the reporter: JSON lines (`--json`), a bar on a terminal, or nothing but failures. */
export function createProgressReporter(io: Io, options: { json: boolean }): ProgressReporter {
  if (options.json) {
    return {
      onEvent: (event) => io.out(JSON.stringify({ time: new Date().toISOString(), event: event.type, ...omitType(event) })),
      finish: () => {},
    };
  }
  const state = { done: 0, failed: 0, remaining: 0, total: 0, elapsedMs: 0 };
  const started = performance.now();
  let lastDraw = 0;
  let drawn = false;
  const draw = (force = false) => {
    if (!io.interactive || !io.errRaw) return;
    const now = performance.now();
    if (!force && now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    state.elapsedMs = now - started;
    io.errRaw(`\r${progressLine(state)}\u001b[K`);
    drawn = true;
  };
  const clear = () => {
    if (drawn && io.errRaw) io.errRaw('\r\u001b[K');
    drawn = false;
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'start':
          Object.assign(state, { total: event.total, remaining: event.remaining });
          draw(true);
          return;
        case 'sent':
          state.done++;
          state.remaining--;
          break;
        case 'failed':
          state.failed++;
          state.remaining--;
          clear();
          io.err(`failed: ${event.email}: ${event.code} ${event.response}${event.bounced ? ' (hard bounce)' : ''}`);
          break;
        case 'skipped':
          state.remaining--;
          break;
        case 'server-down':
          clear();
          io.err(`the SMTP server looks down (${event.code}): fresh messages wait while retries probe it`);
          break;
        case 'paused':
          clear();
          io.err(`paused: daily cap reached (${event.sentToday} sent today); resuming at ${event.until}`);
          break;
        default:
          break;
      }
      draw();
    },
    finish: clear,
  };
}

function omitType(event: DeliveryEvent): Record<string, unknown> {
  const { type: _type, ...rest } = event;
  return rest;
}
