/** Child process for the data-dir lock tests: takes the lock on argv[2], says so, and waits. */
import { lockDataDir } from '../../src/db/data-dir-lock';

const dir = process.argv[2];
if (!dir) throw new Error('usage: hold-data-dir-lock <dir>');
await lockDataDir(dir, { warn: () => {} });
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
