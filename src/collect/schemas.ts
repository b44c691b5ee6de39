import { z } from 'zod';
import { DigestError, ErrorCodes } from '../errors.js';
import type { FrontMatterFile } from '../util/front-matter.js';
import { isLocalReference } from '../util/media.js';

const requiredText = (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : 'must be text');
const nonEmpty = z.string({ error: requiredText }).trim().min(1, { message: 'must not be empty' });
const httpUrl = z
  .string({ error: requiredText })
  .trim()
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), {
    message: 'must be an absolute http(s) URL',
  });

/** An image: an http(s) URL, or a path to a local file (relative to the file, or "/" for the content folder). */
const imageReference = z
  .string({ error: requiredText })
  .trim()
  .min(1, { message: 'must not be empty' })
  .refine((value) => (isLocalReference(value) ? !value.includes("\\") : /^https?:\/\//i.test(value) && URL.canParse(value)), {
    message: 'must be an http(s) URL or the path of an image file (e.g. ../images/lead.png)',
  });
const pixels = z.number({ error: 'must be a whole number of pixels' }).int({ message: 'must be a whole number of pixels' }).min(1, { message: 'must be at least 1' }).max(10_000, { message: 'must be at most 10000' });

/** Front matter of `articles/*.md`. Unknown keys are errors so `drfat: true` cannot publish a draft. */
export const articleFrontMatterSchema = z.strictObject({
  title: z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).trim().min(1, {
    message: 'is required',
  }),
  date: z.union([z.string(), z.date()], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be an ISO date like 2026-11-24'),
  }),
  author: nonEmpty.optional(),
  summary: nonEmpty.optional(),
  url: httpUrl.optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lowercase letters, digits and dashes' })
    .optional(),
  section: nonEmpty.optional(),
  tags: z.union([z.array(nonEmpty), nonEmpty.transform((tag) => [tag])]).optional(),
  image: imageReference.optional(),
  imageAlt: z.string().optional(),
  imageWidth: pixels.optional(),
  imageHeight: pixels.optional(),
  draft: z.boolean({ error: 'must be true or false' }).optional(),
  featured: z.boolean({ error: 'must be true or false' }).optional(),
});

/** Longest subject an issue file may set: inboxes show 40–80 characters, and RFC 5322 lines stop at 998. */
export const MAX_SUBJECT_LENGTH = 200;
/** Longest preheader: inbox lists show about 100 characters of it after the subject. */
export const MAX_PREHEADER_LENGTH = 250;

/** One line of text for a header-like field: a line break would end the Subject header, or show as a stray space. */
const oneLine = (max: number) =>
  nonEmpty
    .refine((value) => !/[\r\n\u2028\u2029]/.test(value), { message: 'must be one line (write it without line breaks)' })
    .refine((value) => [...value].length <= max, { message: `must be at most ${max} characters` });

/** Front matter of `issues/<YYYY-Www>.md`, the editor's issue file. */
export const issueFileFrontMatterSchema = z.strictObject({
  subject: oneLine(MAX_SUBJECT_LENGTH).optional(),
  preheader: oneLine(MAX_PREHEADER_LENGTH).optional(),
  featured: z
    .string({ error: "must be an article's file name without .md, e.g. 2026-11-24-moving-our-job-queue" })
    .trim()
    .min(1, { message: 'must not be empty' })
    .optional(),
});

/** Front matter of `authors/<id>.md`. */
export const authorFrontMatterSchema = z.strictObject({
  name: z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).trim().min(1, {
    message: 'is required',
  }),
  role: nonEmpty.optional(),
  avatar: imageReference.optional(),
  links: z.array(z.strictObject({ label: nonEmpty, url: httpUrl })).optional(),
});

/**
 * Validates front matter against a schema; the first problem becomes a
 * DigestError naming the file, line and field.
 */
export function validateFrontMatter<T extends z.ZodType>(
  schema: T,
  parsed: FrontMatterFile,
  file: string,
  hint: string,
): z.infer<T> {
  const result = schema.safeParse(parsed.data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).filter((key): key is string | number => typeof key !== 'symbol');
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = [...path, ...(unknownKey ? [unknownKey] : [])].join('.');
  const problem = unknownKey ? 'is not a known field (check its spelling)' : (issue?.message ?? 'is invalid');
  throw new DigestError(ErrorCodes.FRONT_MATTER_INVALID, `"${field}" ${problem}`, {
    file,
    line: parsed.lineOf(unknownKey ? [...path, unknownKey] : path) ?? 1,
    field,
    hint,
  });
}
