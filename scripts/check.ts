/**
 * `bun run check`: the type check, the lint and the tests, started together.
 *
 * Why together: the tests wait on worker threads, child processes and the database part of the
 * time, and the type check and the lint (≈ 10 CPU-seconds) fill those gaps instead of running
 * before the tests on an otherwise idle core (issue 13: the check within 75 s on an idle 2-core
 * machine). The tests' output streams as they run; the type check's and the lint's are printed
 * whole when each ends, so nothing interleaves mid-line. The tests' summary stays the last counts
 * printed (CI reads them), and the exit code is non-zero when any of the three failed.
 *
 * The type check is incremental (its state in node_modules/.cache, never committed): a repeated
 * check re-checks only what changed and what depends on it, ≈ 1 CPU-second instead of ≈ 3.5, and
 * still reports every error of the unchanged files. A clean checkout (CI) pays the full check. It
 * runs on one thread (`--singleThreaded`): TypeScript 7's parallel checkers took ≈ 7 CPU-seconds
 * instead of ≈ 3.5 for the same answers, and beside the tests the second core is not idle anyway.
 *
 * Arguments after the script name go to the tests (`bun run check -- plugins/api/`).
 */
import { spawn } from 'bun'

interface Outcome {
  readonly name: string
  readonly exitCode: number
  readonly seconds: number
}

/** Runs a package script with its output captured, and prints that output once it ends. */
async function runBuffered(name: string): Promise<Outcome> {
  const started = performance.now()
  const child = spawn([process.execPath, 'run', name], { stdout: 'pipe', stderr: 'pipe' })
  const [out, err, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ])
  process.stdout.write(`\n---- ${name} (exit ${exitCode}) ----\n${out}${err}`)
  return { name, exitCode, seconds: (performance.now() - started) / 1000 }
}

/** Runs the tests with their output going straight to this process's. */
async function runStreamed(name: string, args: readonly string[]): Promise<Outcome> {
  const started = performance.now()
  const child = spawn([process.execPath, 'run', name, ...args], { stdout: 'inherit', stderr: 'inherit' })
  const exitCode = await child.exited
  return { name, exitCode, seconds: (performance.now() - started) / 1000 }
}

const outcomes = await Promise.all([
  runBuffered('typecheck'),
  runBuffered('lint'),
  runStreamed('test', process.argv.slice(2)),
])
const line = outcomes
  .map(
    (o) =>
      `${o.name} ${o.exitCode === 0 ? 'ok' : `FAILED (exit ${o.exitCode})`} in ${o.seconds.toFixed(1)} s`,
  )
  .join(', ')
console.log(`check: ${line}`)
process.exit(outcomes.every((o) => o.exitCode === 0) ? 0 : 1)
