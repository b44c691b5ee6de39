import path from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../util/paths.js';
import { DEFAULT_SUMMARY_LENGTH, toSummary } from '../summarize/index.js';
import type { Io } from './io.js';
import type { Runner } from './runner.js';
import { clockOf, type GlobalOptions } from './context.js';

/** `digest feed <url-or-file> [--json]`: parse one feed and show its normalised items. */
export function registerFeedCommand(program: Command, io: Io, runner: Runner): void {
  program
    .command('feed <url-or-file>')
    .description('parse one RSS, Atom or JSON feed and print its items (title, url, date, author, summary)')
    .option('--json', 'print the items as a JSON array')
    .action((input: string, options: { json?: boolean }, command: Command) =>
      runner.run(async () => {
        // Loaded on use: the feed parser and HTML stack are not needed by other commands.
        const [{ feedItemsJson, parseFeed }, { htmlToParagraphs }, { readFeedSource }] = await Promise.all([
          import('../collect/feeds/parse.js'),
          import('../collect/feeds/to-articles.js'),
          import('../pipeline/feeds.js'),
        ]);
        const isUrl = /^https?:\/\//i.test(input);
        const location = isUrl ? input : path.resolve(io.cwd, input);
        const now = clockOf(command.optsWithGlobals<GlobalOptions>(), 'UTC').now();
        const read = await readFeedSource(location, { now, display: isUrl ? input : displayPath(location, io.cwd) });
        const feed = parseFeed(read.body, {
          source: isUrl ? input : displayPath(location, io.cwd),
          url: read.url,
          contentType: read.contentType ?? undefined,
        });
        // Items without a description get the summary the digest would make of their content.
        const items = feedItemsJson(feed).map((json, index) => {
          const item = feed.items[index];
          const body = item?.contentHtml ? htmlToParagraphs(item.contentHtml) : '';
          return { ...json, summary: json.summary ?? (toSummary({ body }, { maxLength: DEFAULT_SUMMARY_LENGTH }) || null) };
        });
        if (options.json) {
          io.out(JSON.stringify(items, null, 2));
          return;
        }
        io.out(`${feed.title ?? input} (${feed.format}, ${feed.items.length} items)`);
        for (const item of feed.items) {
          io.out(`- ${item.date ? item.date.toISOString().slice(0, 10) : '(no date)'}  ${item.title}${item.author ? ` — ${item.author}` : ''}`);
          if (item.url) io.out(`  ${item.url}`);
        }
        for (const warning of feed.warnings) io.err(`warning: ${warning}`);
      }),
    );
}
