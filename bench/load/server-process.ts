import { readFileSync } from 'node:fs'

/** A server started by the benchmark, which the benchmark must always stop. */
export interface ServerProcess {
  readonly pid: number
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string
  /** Resolves with the exit code when the process ends (for any reason). */
  readonly exited: Promise<number>
  /** The last few kilobytes of its stdout and stderr, to say why it failed. */
  output(): string
  /** SIGTERM (a clean kernel stop), then SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>
  /** Synchronous SIGKILL, for `process.on('exit')` where nothing can be awaited. */
  killNow(): void
}

const OUTPUT_TAIL_CHARS = 8_000

/**
 * A free TCP port on `host`, found by letting the OS pick one and releasing it at once. The port
 * could in theory be taken again before the server binds it; the server then fails to start and
 * the benchmark says so, which is good enough for a benchmark.
 *
 * @example
 * const port = freePort('127.0.0.1')
 */
export function freePort(host: string): number {
  const probe = Bun.listen({ hostname: host, port: 0, socket: { data() {} } })
  const { port } = probe
  probe.stop(true)
  return port
}

/**
 * Starts `cmd` as a child process listening on `host:port`, keeping a bounded tail of its output
 * (piped, and always drained so a chatty server never blocks on a full pipe).
 *
 * @example
 * const server = spawnServer({ cmd: ['bun', 'core/cli/serve.ts', '--role', 'api'], cwd, env, host, port })
 * try { … } finally { await server.stop() }
 */
export function spawnServer(options: {
  cmd: string[]
  cwd: string
  env: Record<string, string | undefined>
  host: string
  port: number
}): ServerProcess {
  const child = Bun.spawn(options.cmd, {
    cwd: options.cwd,
    env: options.env,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  })
  let tail = ''
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder()
    for await (const chunk of stream) {
      tail = (tail + decoder.decode(chunk, { stream: true })).slice(-OUTPUT_TAIL_CHARS)
    }
  }
  void drain(child.stdout).catch(() => {})
  void drain(child.stderr).catch(() => {})
  let stopping: Promise<void> | undefined
  const alive = () => child.exitCode === null && child.signalCode === null

  return {
    pid: child.pid,
    baseUrl: `http://${options.host}:${options.port}`,
    exited: child.exited,
    output: () => tail,
    stop(graceMs = 5_000) {
      stopping ??= (async () => {
        if (!alive()) return
        child.kill('SIGTERM')
        const timer = setTimeout(() => alive() && child.kill('SIGKILL'), graceMs)
        await child.exited
        clearTimeout(timer)
      })()
      return stopping
    },
    killNow() {
      if (alive()) child.kill('SIGKILL')
    },
  }
}

/** What `/readyz` (or any readiness URL) said when the wait ended. */
export type Readiness = { ready: true } | { ready: false; reason: string }

/**
 * Polls `url` every 200 ms until `accept(status, body)` holds, the server exits, or `timeoutMs`
 * passes; the failure names the last answer (or the exit code) so the user sees why.
 *
 * @example
 * await waitForReady(server, `${server.baseUrl}/readyz`, { timeoutMs: 30_000, accept: (s) => s === 200 })
 */
export async function waitForReady(
  server: Pick<ServerProcess, 'exited'>,
  url: string,
  options: { timeoutMs: number; accept: (status: number, body: string) => boolean },
): Promise<Readiness> {
  let exitCode: number | undefined
  void server.exited.then((code) => {
    exitCode = code
  })
  const deadline = performance.now() + options.timeoutMs
  let last = 'no answer yet (connection refused)'
  while (performance.now() < deadline) {
    if (exitCode !== undefined) return { ready: false, reason: `the server exited with status ${exitCode}` }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3_000) })
      const body = await response.text()
      if (options.accept(response.status, body)) return { ready: true }
      last = `HTTP ${response.status}: ${body.slice(0, 500)}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await Bun.sleep(200)
  }
  return { ready: false, reason: `not ready after ${options.timeoutMs / 1000} s; last answer: ${last}` }
}

/**
 * CPU seconds (user + system, every thread) a process has used so far, from `/proc/<pid>/stat`;
 * undefined where there is no procfs. Why: on a 2-core machine shared by the generator and the
 * server, "how many cores did each side burn" explains the figures better than req/s alone.
 *
 * @example
 * const before = processCpuSeconds(server.pid)
 */
export function processCpuSeconds(pid: number, clockTicksPerSecond = 100): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined
    return (utime + stime) / clockTicksPerSecond
  } catch {
    return undefined
  }
}
