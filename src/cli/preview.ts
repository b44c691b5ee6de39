import type { Command } from 'commander';
import { DigestError, ErrorCodes } from '../errors.js';
import { displayPath } from '../util/paths.js';
import { cliLog, clockOf, type GlobalOptions } from './context.js';
import type { Io } from './io.js';
import { portOf } from './options.js';
import { loadConfig } from '../config/load.js';

interface PreviewOptions {
  port: string;
  host: string;
  week?: string;
  screenshot?: string;
  width: string;
  dark?: boolean;
}

function widthOf(value: string): number {
  const width = Number(value);
  if (!Number.isInteger(width) || width < 200 || width > 3000) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `--width must be between 200 and 3000 pixels, got "${value}"`, {
      field: '--width',
      hint: 'e.g. --width 375 for a phone, 700 for desktop',
    });
  }
  return width;
}

/** `digest preview`: the live editor preview, or `--screenshot` to a PNG. */
export function registerPreviewCommand(program: Command, io: Io, run: (action: () => Promise<void>) => Promise<void>): void {
  program
    .command('preview')
    .description('serve a live preview of the upcoming issue (desktop, mobile, plain text, size, checks, test sends)')
    .option('--port <n>', 'port to listen on', '4321')
    .option('--host <address>', 'address to bind (loopback by default); requests must name it, localhost or 127.0.0.1 in Host', '127.0.0.1')
    .option('--week <YYYY-Www>', 'week to show first (default: the week containing now, which the next run sends)')
    .option('--screenshot <file.png>', 'render the issue to a PNG and exit')
    .option('--width <px>', 'screenshot width in pixels', '700')
    .option('--dark', 'screenshot as a dark-mode client shows it')
    .action((options: PreviewOptions, command: Command) =>
      run(async () => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const config = loadConfig(globals.config, io.cwd);
        const clock = clockOf(globals, config.timezone);
        const log = cliLog(io);
        // Loaded on use: the preview builds issues (MJML) and may drive a browser.
        const [{ PreviewSession }, { startPreviewServer }, { screenshotHtml }] = await Promise.all([
          import('../preview/session.js'),
          import('../preview/server.js'),
          import('../preview/screenshot.js'),
        ]);
        const session = new PreviewSession(globals.config, io.cwd, clock, io.env, config);
        const weekId = options.week ?? session.upcomingWeekId();
        if (options.screenshot) {
          const width = widthOf(options.width);
          const snapshot = await session.snapshot(weekId);
          const problem = snapshot.problems[0];
          if (problem) throw new DigestError(ErrorCodes.INPUT_INVALID, problem.message, { file: problem.file, line: problem.line, hint: problem.hint });
          if (!snapshot.html) {
            throw new DigestError(ErrorCodes.INPUT_INVALID, `week ${weekId} has no articles: nothing to render`, {
              hint: 'pick a week with --week or --now',
            });
          }
          const media = { prefix: snapshot.mediaPrefix, fileOf: (name: string) => session.mediaFile(name, [weekId]) };
          await screenshotHtml(snapshot.html, options.screenshot, { width, dark: options.dark, env: io.env, media });
          io.out(`Wrote ${displayPath(options.screenshot, io.cwd)} (${weekId}, ${width}px${options.dark ? ', dark' : ''})`);
          return;
        }
        const server = await startPreviewServer({ session, host: options.host, port: portOf(options.port), clock, env: io.env, log });
        const url = options.week ? `${server.url}?week=${options.week}` : server.url;
        io.out(`Preview of ${config.newsletter.name}, issue ${weekId}: ${url}`);
        io.out('Watching content, templates and config; saved changes refresh the page. Ctrl-C stops.');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await server.close();
      }),
    );
}
