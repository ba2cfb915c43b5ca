import { appendFileSync } from 'node:fs'

/**
 * Starting and stopping the real monitoring programs (and the app) for the end-to-end run.
 *
 * Every process started here is stopped by its handle (SIGTERM, then SIGKILL after a grace
 * period) and, when `PDEX_MONITORING_PIDFILE` is set, its PID is appended to that file so
 * `.ci/run` can stop it even if this process itself is killed.
 */
export interface Program {
  readonly name: string
  readonly pid: number
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number>
  /** Everything the process printed so far (stdout and stderr), for failure reports. */
  output(): string
  stop(): Promise<void>
}

/** The most a process may print before older output is dropped (we only show the tail). */
const OUTPUT_LIMIT = 200_000

/**
 * @example
 * const gateway = startProgram('prometheus-pushgateway', ['--web.listen-address=127.0.0.1:39091'])
 * await gateway.stop()
 */
export function startProgram(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; name?: string } = {},
): Program {
  const child = Bun.spawn([command, ...args], {
    env: options.env ?? process.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  })
  const pidFile = process.env.PDEX_MONITORING_PIDFILE
  if (pidFile) appendFileSync(pidFile, `${child.pid}\n`)
  let text = ''
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder()
    for await (const chunk of stream) {
      text += decoder.decode(chunk, { stream: true })
      if (text.length > OUTPUT_LIMIT) text = text.slice(-OUTPUT_LIMIT / 2)
    }
  }
  void collect(child.stdout)
  void collect(child.stderr)
  let stopping: Promise<void> | undefined
  return {
    name: options.name ?? command,
    pid: child.pid,
    exited: child.exited,
    output: () => text,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return
        child.kill('SIGTERM')
        const killed = await Promise.race([child.exited.then(() => true), Bun.sleep(5000).then(() => false)])
        if (!killed) {
          child.kill('SIGKILL')
          await child.exited
        }
      })()
      return stopping
    },
  }
}

/**
 * Polls `url` until it answers 2xx, or throws after `timeoutMs` (or when `program` exits first).
 *
 * @example
 * await waitForHttp('http://127.0.0.1:39091/-/ready', { program: gateway })
 */
export async function waitForHttp(
  url: string,
  options: { timeoutMs?: number; program?: Program } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  let exited = false
  void options.program?.exited.then(() => {
    exited = true
  })
  let last = ''
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`${options.program?.name} exited before ${url} answered:\n${options.program?.output()}`)
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (response.ok) return
      last = `HTTP ${response.status}`
    } catch (error) {
      last = String(error)
    }
    await Bun.sleep(200)
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs ?? 30_000} ms (${last})`)
}
