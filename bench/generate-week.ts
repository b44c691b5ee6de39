/**
 * A generated content folder for benchmarks: a week of articles by a handful
 * of authors, in varied, realistic Markdown (headings, lists, code, quotes,
 * tables, images, links), from a seeded generator so every run builds the
 * same week.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What {@link generateWeek} wrote. */
export interface GeneratedWeek {
  articles: number;
  authors: number;
  /** ISO week the articles are dated in. */
  week: string;
}

const WEEK = '2026-W48';
/** Monday of {@link WEEK} and the six days after it. */
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];

const FIRST = ['Ada', 'Bilal', 'Chiara', 'Dmitri', 'Efua', 'Farid', 'Greta', 'Hiro', 'Ines', 'Joaquín', 'Kalani', 'Lena'];
const LAST = ['Moreau', 'Nakamura', 'Osei', 'Petrov', 'Quispe', 'Rahman', 'Schultz', 'Tanaka', 'Underwood', 'Varga', 'Wójcik', 'Yilmaz'];
const ROLES = ['Staff Engineer, Platform', 'Product Designer', 'Data Engineer', 'Engineering Manager', 'SRE', 'Developer Advocate'];
const SECTIONS = ['Engineering', 'Design', 'Data', 'Process', 'Security'];
const TOPICS = [
  ['the job queue', 'workers', 'retries', 'the dead-letter table'],
  ['the design system', 'tokens', 'contrast', 'the component library'],
  ['the warehouse', 'partitions', 'query costs', 'the nightly pipeline'],
  ['on-call', 'alerts', 'handovers', 'the incident review'],
  ['the checkout service', 'certificates', 'timeouts', 'the payment processor'],
  ['the mobile app', 'bundle size', 'cold starts', 'the release train'],
];
const VERBS = ['moved', 'rewrote', 'measured', 'split', 'retired', 'simplified', 'instrumented', 'rebuilt'];
const QUALIFIERS = ['in production', 'without downtime', 'in a week', 'with two people', 'the slow way'];
const RESULTS = ['cut the median latency from 420 ms to 90 ms', 'removed a page that woke someone up twice a week', 'halved the monthly bill', 'made the failure visible in minutes instead of days', 'let two teams ship without waiting for each other'];

/** A small deterministic PRNG (mulberry32), so a run is reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `articles` articles by `authors` authors under `contentDir` (articles/, authors/). */
export function generateWeek(contentDir: string, articles: number, options: { authors?: number; seed?: number } = {}): GeneratedWeek {
  const rnd = random(options.seed ?? 48);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const authorCount = Math.max(1, Math.min(options.authors ?? Math.ceil(articles / 6), FIRST.length));
  fs.mkdirSync(path.join(contentDir, 'authors'), { recursive: true });
  fs.mkdirSync(path.join(contentDir, 'articles'), { recursive: true });

  const ids: string[] = [];
  for (let i = 0; i < authorCount; i++) {
    const name = `${FIRST[i]} ${LAST[(i * 5) % LAST.length]}`;
    const id = name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '-');
    ids.push(id);
    const avatar = i % 3 === 2 ? '' : `avatar: https://cdn.bench.example/avatars/${id}.jpg\n`;
    const links = i % 2 === 0 ? `links:\n  - label: Website\n    url: https://${id}.example\n  - label: Talks\n    url: https://${id}.example/talks\n` : '';
    const bio = Array.from({ length: 1 + (i % 3) }, () => `${name.split(' ')[0]} works on ${pick(TOPICS)[0]} and ${pick(VERBS)} most of it at least once.`).join(' ');
    fs.writeFileSync(
      path.join(contentDir, 'authors', `${id}.md`),
      `---\nname: ${name}\nrole: ${pick(ROLES)}\n${avatar}${links}---\n${bio} Before that, ${name.split(' ')[0]} spent six years on [a payments team](https://${id}.example/past).\n`,
    );
  }

  for (let i = 0; i < articles; i++) {
    const [topic, thing, problem, place] = pick(TOPICS) as [string, string, string, string];
    const day = DAYS[i % DAYS.length] as string;
    const hour = String(7 + (i % 11)).padStart(2, '0');
    // Titles differ, or the collect step would rightly drop same-day duplicates.
    const title = `${i % 4 === 0 ? `Field note ${i + 1}: how` : 'How'} we ${pick(VERBS)} ${topic}${i % 4 === 0 ? '' : ` (${pick(QUALIFIERS)}, part ${i + 1})`}`;
    const image = i % 3 === 0 ? `image: https://cdn.bench.example/leads/${i}.png\nimageAlt: "A chart of ${problem} over the quarter"\n` : '';
    const body = articleBody(rnd, pick, { topic, thing, problem, place, n: i });
    fs.writeFileSync(
      path.join(contentDir, 'articles', `${day}-bench-${i}.md`),
      `---\ntitle: "${title}"\ndate: ${day}T${hour}:${String((i * 7) % 60).padStart(2, '0')}\nauthor: ${ids[i % ids.length]}\nsection: ${SECTIONS[i % SECTIONS.length]}\ntags: [${thing.replace(/ /g, '-')}, bench]\n${image}---\n${body}\n`,
    );
  }
  return { articles, authors: authorCount, week: WEEK };
}

interface Topic {
  topic: string;
  thing: string;
  problem: string;
  place: string;
  n: number;
}

/** 5–12 blocks of Markdown about one topic, with the kinds of blocks real posts have. */
function articleBody(rnd: () => number, pick: <T>(list: readonly T[]) => T, t: Topic): string {
  const blocks: string[] = [
    `Last month we ${pick(VERBS)} ${t.topic}, and it ${pick(RESULTS)}. This post covers what we changed in ${t.place}, what broke on the way, and what we would do again.`,
    `## Why ${t.problem} mattered`,
    `For two years ${t.thing} were configured by hand in ${t.place}. Every change needed a review from the one person who understood them, and **${t.problem}** grew quietly until a quiet Tuesday turned into an incident. See [the review](https://bench.example/reviews/${t.n}) for the timeline.`,
  ];
  const extras = 3 + Math.floor(rnd() * 7);
  for (let k = 0; k < extras; k++) {
    switch (Math.floor(rnd() * 6)) {
      case 0:
        blocks.push(`We kept three rules:\n\n- Every change to ${t.thing} goes through a pull request.\n- Alerts name the runbook that fixes them.\n- Nothing in ${t.place} is edited by hand.`);
        break;
      case 1:
        blocks.push(`The change itself was small:\n\n\`\`\`ts\nexport const limits = { ${t.thing.replace(/\W/g, '')}: ${10 + k}, retries: 3 };\n\`\`\``);
        break;
      case 2:
        blocks.push(`> The best fix for ${t.problem} was the boring one. We wrote it down and stopped arguing about it.`);
        break;
      case 3:
        blocks.push(`| Metric | Before | After |\n|---|---|---|\n| p50 | ${200 + k * 10} ms | ${60 + k} ms |\n| pages a week | ${4 + k} | 1 |`);
        break;
      case 4:
        blocks.push(`![${t.problem} by week](https://cdn.bench.example/figures/${t.n}-${k}.png)\n*${t.problem} by week, before and after.*`);
        break;
      default:
        blocks.push(`The second round took longer than planned, because ${t.place} had grown its own conventions. We spent a week reading old tickets, found ${2 + k} assumptions nobody remembered making, and kept only the one that still held. The rest went into the [migration notes](https://bench.example/notes/${t.n}).`);
    }
  }
  blocks.push(`## What we would tell ourselves`, `Measure ${t.problem} before you change anything. The numbers we had in week one would have saved us most of the work we did in week three.`);
  return blocks.join('\n\n');
}
