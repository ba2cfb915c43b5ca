import type { Logger } from './log.ts'

/**
 * Progress for long work: a redrawn bar with ETA on a terminal, a log line every few seconds
 * otherwise (containers, CI), and a summary line at the end.
 *
 * @example
 * const p = createProgress({ label: 'battles', total: 1000, log, tty: process.stderr.isTTY })
 * for (...) p.tick()
 * p.done('1000 battles in 1.8 s')
 */
export interface Progress {
  tick(n?: number): void
  /** Sets absolute progress, for work whose total grows as it is discovered (crawls). */
  update(done: number, total: number): void
  done(summary?: string): void
}

export interface ProgressOptions {
  label: string
  total: number
  log: Logger
  tty?: boolean
  /**
   * Work already done before this run (a resumed build): shown in the bar and the percentage, but
   * left out of the rate, or a build resumed at 90 % would promise to finish in seconds.
   */
  resumed?: number
  /** Seconds between log lines when not on a TTY. */
  everySeconds?: number
  write?: (text: string) => void
  now?: () => number
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  if (seconds < 60) return `${seconds.toFixed(0)}s`
  const m = Math.floor(seconds / 60)
  return m < 60
    ? `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${m % 60}m`
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now())
  const write = options.write ?? ((text: string) => process.stderr.write(text))
  const started = now()
  const every = (options.everySeconds ?? 5) * 1000
  const resumed = options.resumed ?? 0
  let done = resumed
  let total = options.total
  let lastDraw = 0
  const line = () => {
    const elapsed = (now() - started) / 1000
    const rate = (done - resumed) / Math.max(elapsed, 1e-9)
    const eta = total > done ? (total - done) / rate : 0
    const pct = total > 0 ? (100 * done) / total : 100
    return { pct, rate, eta, elapsed }
  }
  const draw = (force: boolean) => {
    const t = now()
    if (!force && t - lastDraw < (options.tty ? 100 : every)) return
    lastDraw = t
    const { pct, rate, eta } = line()
    if (options.tty) {
      const width = 30
      const filled = Math.round((pct / 100) * width)
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled)
      write(
        `\r${options.label} ${bar} ${pct.toFixed(1).padStart(5)}% ${done}/${total} ${rate.toFixed(0)}/s ETA ${formatSeconds(eta)}  `,
      )
    } else {
      options.log.info(`${options.label}: ${done}/${total} (${pct.toFixed(1)}%)`, {
        rate: Math.round(rate),
        eta: formatSeconds(eta),
      })
    }
  }
  return {
    tick(n = 1) {
      done += n
      draw(false)
    },
    update(newDone, newTotal) {
      done = newDone
      total = newTotal
      draw(false)
    },
    done(summary) {
      if (options.tty) {
        draw(true)
        write('\n')
      }
      const { elapsed } = line()
      options.log.info(summary ?? `${options.label}: ${done} done in ${elapsed.toFixed(1)}s`)
    },
  }
}
