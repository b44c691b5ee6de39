export { parseBounce } from './parse.js';
export { splitMbox } from './mbox.js';
export { verpToken } from './verp.js';
export { applyReport, type BounceStore, type BounceTarget, type Outcome } from './apply.js';
export type { BounceEvent, BounceReport, ParseOptions, ReportType } from './types.js';
