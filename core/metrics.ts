import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { KernelError } from './errors.ts'

/**
 * One Prometheus registry per kernel (never prom-client's global one), with default label `role`.
 *
 * Why: two kernels in one test process must not share series, and every series says which
 * container role produced it. Metric creation freezes with the other registries after setup, so
 * every series is declared up front (no cardinality surprises at run time).
 *
 * @example
 * const m = createMetrics('api')
 * const hits = m.counter({ name: 'predictiondex_cache_hits_total', help: 'Cache hits', labelNames: ['cache'] })
 */
export interface Metrics {
  readonly registry: Registry
  counter<L extends string>(config: { name: string; help: string; labelNames?: readonly L[] }): Counter<L>
  gauge<L extends string>(config: {
    name: string
    help: string
    labelNames?: readonly L[]
    collect?: () => void | Promise<void>
  }): Gauge<L>
  histogram<L extends string>(config: {
    name: string
    help: string
    labelNames?: readonly L[]
    buckets?: number[]
  }): Histogram<L>
  freeze(): void
}

export function createMetrics(role: string, options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry()
  registry.setDefaultLabels({ role })
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry })
  let frozen = false
  const guard = (name: string) => {
    if (frozen) {
      throw new KernelError('KERNEL_FROZEN', `metric ${name} created after setup; declare metrics in setup()`)
    }
  }
  return {
    registry,
    counter(config) {
      guard(config.name)
      return new Counter({ ...config, labelNames: config.labelNames ?? [], registers: [registry] })
    },
    gauge(config) {
      guard(config.name)
      const { collect, ...rest } = config
      return new Gauge({
        ...rest,
        labelNames: config.labelNames ?? [],
        registers: [registry],
        ...(collect ? { collect } : {}),
      })
    },
    histogram(config) {
      guard(config.name)
      return new Histogram({ ...config, labelNames: config.labelNames ?? [], registers: [registry] })
    },
    freeze() {
      frozen = true
    },
  }
}
