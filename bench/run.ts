/**
 * `bun run bench [name…]`: runs the benchmark scripts in bench/ (all when no name is given) and
 * prints their figures. Each script can also be run alone: `bun bench/etl.ts`.
 */
import { readdirSync } from 'node:fs'

const available = readdirSync(import.meta.dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'median.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
const wanted = process.argv.slice(2)
const unknown = wanted.filter((w) => !available.includes(w))
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`)
  process.exit(2)
}
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n== bench/${name}.ts`)
  const proc = Bun.spawn(['bun', `${import.meta.dir}/${name}.ts`], { stdout: 'inherit', stderr: 'inherit' })
  if ((await proc.exited) !== 0) process.exit(1)
}
