/**
 * `bun run faults`: the fault suite (faults/*.fault.ts), bounded and loopback only. Kept out of
 * `bun run check` (its files are not *.test.ts) because each fault starts real processes and
 * takes tens of seconds; .ci/run runs it after the check, with TEST_DATABASE_URL still set.
 */
import { Glob } from 'bun'

const files = [...new Glob('faults/*.fault.ts').scanSync({ cwd: `${import.meta.dir}/..` })].sort()
const run = Bun.spawn(['bun', 'test', '--timeout', '300000', ...files.map((f) => `./${f}`)], {
  cwd: `${import.meta.dir}/..`,
  stdio: ['ignore', 'inherit', 'inherit'],
})
process.exit(await run.exited)
