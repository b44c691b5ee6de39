import type { Command } from 'commander';
import { displayPath } from '../util/paths.js';
import type { Io } from './io.js';
import type { Runner } from './runner.js';

interface ImportCommandOptions {
  date?: string;
  author?: string;
  section?: string;
  dryRun?: boolean;
}

/**
 * `digest import <file-or-url> [--date] [--author] [--section] [--dry-run]`:
 * prints the paths written (the article, then a new author card; one per
 * line). With --dry-run it prints `would create <path>` / `would update
 * <path>` for each file it would write, a blank line, then the article.
 * Notes for the editor go to stderr.
 */
export function registerImportCommand(program: Command, io: Io, runner: Runner): void {
  program
    .command('import <file-or-url>')
    .description('turn one article (.md, .html, .txt or an http(s) URL) into content/articles/<date>-<slug>.md for review')
    .option('--date <YYYY-MM-DD>', "the article's date (default: the date in the source, else today)")
    .option('--author <id-or-name>', 'an author id, or a name ("Jane Doe" → jane-doe; a new author gets a card)')
    .option('--section <name>', 'the section shown above the title')
    .option('--dry-run', 'print the paths it would create or update, then the article; write nothing')
    .action((source: string, options: ImportCommandOptions, command: Command) =>
      runner.withContext(command, async (context) => {
        // Loaded on use: the page extractor (a DOM, Readability, Turndown) is large.
        const { importArticle } = await import('../import/index.js');
        const result = await importArticle(source, {
          config: context.config,
          now: context.clock.now(),
          cwd: io.cwd,
          date: options.date,
          author: options.author,
          section: options.section,
          dryRun: options.dryRun,
        });
        for (const note of result.notes) io.err(`note: ${note}`);
        if (options.dryRun) {
          const shown = displayPath(result.articleFile, io.cwd);
          io.out(result.action === 'create' ? `would create ${shown}` : `would update ${shown}${result.action === 'unchanged' ? ' (unchanged)' : ''}`);
          if (result.author?.isNew) io.out(`would create ${displayPath(result.author.file, io.cwd)}`);
          io.out('');
          io.out(result.markdown.trimEnd());
          return;
        }
        io.out(displayPath(result.articleFile, io.cwd));
        if (result.author?.isNew) io.out(displayPath(result.author.file, io.cwd));
      }),
    );
}
