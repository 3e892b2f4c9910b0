import { writeFileSync } from 'node:fs';

/**
 * Preloaded (`node --import`) into a measured child process: on exit, writes the process's peak
 * resident set size to `$BENCH_PEAK_FILE`. Works for any Node program (tsc, the audit CLI) and on
 * any OS, unlike `/usr/bin/time -v`.
 */
const target = process.env.BENCH_PEAK_FILE;
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
