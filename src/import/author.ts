/**
 * Which author an imported article belongs to: an existing author (by id or
 * by name) or a new one whose id is the slug of the name.
 */
import { DigestError, ErrorCodes } from '../errors.js';
import { slugify } from './write.js';

/** The authors already in `authors/`: id → name (undefined when the file does not parse). */
export type KnownAuthors = ReadonlyMap<string, string | undefined>;

/** The author chosen for an article. */
export interface AuthorChoice {
  id: string;
  /** The name: from the card for an existing author, else as given. */
  name?: string;
  isNew: boolean;
}

const ID_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function normaliseName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Resolves an author id or name: a known id; else a known author with that
 * name (case and accents ignored); else the slug of the name ("Jane Doe" →
 * `jane-doe`), which is new unless a card with that id exists. A new author
 * given as an id-like word ("jane-doe") is named from it ("Jane Doe").
 *
 * @throws DigestError INPUT_INVALID when nothing of the name can make an id.
 */
export function resolveAuthor(reference: string, known: KnownAuthors, field = '--author'): AuthorChoice {
  const ref = reference.trim().replace(/\s+/g, ' ');
  if (known.has(ref)) return { id: ref, name: known.get(ref), isNew: false };
  const wanted = normaliseName(ref);
  for (const [id, name] of known) if (name !== undefined && normaliseName(name) === wanted) return { id, name, isNew: false };
  const id = slugify(ref, 60, '');
  if (!id) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `author "${reference}" has no letters or digits to make an id from`, {
      field,
      hint: 'pass an author id (the name of a file in authors/) or a name like "Jane Doe"',
    });
  }
  if (known.has(id)) return { id, name: known.get(id), isNew: false };
  const name = ID_SHAPE.test(ref) ? ref.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ') : ref;
  return { id, name, isNew: true };
}
