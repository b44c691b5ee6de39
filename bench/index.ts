/**
 * `npm run bench`: every benchmark, each reported beside a floor measured in
 * the same run. Figures are for reading, never asserted.
 */
import { printBuildBench, runBuildBench } from './build.js';
import { printChecksBench, runChecksBench } from './checks.js';
import { printFeedBench, runFeedBench } from './feeds.js';
import { printPreviewBench, runPreviewBench } from './preview.js';
import { printSendBench, runSendBench } from './send.js';
import { runSummaryBench } from './summaries.js';

console.log('newsletter-digest benchmarks');
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);

await runSummaryBench();
printBuildBench(await runBuildBench());
printChecksBench(await runChecksBench());
printPreviewBench(await runPreviewBench());
printFeedBench(await runFeedBench());
printSendBench(await runSendBench());
