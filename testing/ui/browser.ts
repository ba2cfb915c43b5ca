/**
 * Test support for the browser suite: the web app on a loopback port behind a strict
 * Content-Security-Policy, one headless Debian Chromium (playwright-core) for the whole suite, and
 * guards every journey asserts: no request leaves the origin, no console error, no duplicate id,
 * no page wider than the viewport; axe-core is injected from node_modules.
 */
import { afterAll, beforeAll } from 'bun:test'
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import type { Kernel } from '../../core/kernel.ts'
import { etlPlugin } from '../../plugins/etl/index.ts'
import { mlPlugin } from '../../plugins/ml/index.ts'
import { uiPlugin } from '../../plugins/ui/index.ts'
import { createTestKernel } from '../kernel.ts'
import { loadedPokedexFile } from '../pokedex-db.ts'

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Flags that work headless, as root, with no network beyond loopback (shared/notes/platform.md). */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
/** The strictest policy the app must live with: scripts, styles and images from itself only. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1366, height: 768 }

/** Where the suite writes its screenshots (the closing note describes them). */
export const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'predictiondex-screenshots')

export interface Harness {
  kernel: Kernel
  origin: string
  browser: Browser
  context: BrowserContext
  page: Page
  /** Requests the page tried to send to another origin (aborted). */
  offOrigin: string[]
  /** Console errors and page errors since the last `takeProblems()`. */
  takeProblems(): string[]
  stop(): Promise<void>
}

/**
 * Boots the app (the loaded Pokédex, shipped model) and one browser with one page; every journey reuses
 * them. Fails with a readable message when Chromium is missing.
 */
export async function startHarness(): Promise<Harness> {
  if (!(await Bun.file(CHROMIUM).exists())) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  }
  // A copy of the Pokédex loaded once per test process (not an ETL run per suite).
  const kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, uiPlugin],
    env: {
      DATABASE_URL: `sqlite:${await loadedPokedexFile()}`,
      MODELS_DIR: join(import.meta.dir, '..', '..', 'models'),
    },
  })
  await kernel.start()
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    // a solve (optimal play) may take longer than Bun's default 10 s on a loaded machine
    idleTimeout: 120,
    async fetch(request) {
      const response = await kernel.app.fetch(request)
      const headers = new Headers(response.headers)
      headers.set('content-security-policy', STRICT_CSP)
      return new Response(response.body, { status: response.status, headers })
    },
  })
  const origin = `http://127.0.0.1:${server.port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' })
  // Playwright's 30 s default is a time budget that a loaded machine exceeds (a journey failed at
  // 33 s in CI at load 12): waits are hang guards here, the suite tests what pages show.
  context.setDefaultTimeout(120_000)
  context.setDefaultNavigationTimeout(120_000)
  const offOrigin: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue()
    offOrigin.push(url)
    return route.abort()
  })
  const page = await context.newPage()
  let problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  await mkdir(SCREENSHOTS, { recursive: true })
  return {
    kernel,
    origin,
    browser,
    context,
    page,
    offOrigin,
    takeProblems() {
      const taken = problems
      problems = []
      return taken
    },
    async stop() {
      await browser.close()
      server.stop(true)
      await kernel.stop()
    },
  }
}

/**
 * The harness of one browser test file: started before its tests, stopped after them. Returned at
 * once (tests are declared before the hooks run), it forwards to the started harness, so every
 * file shares one setup instead of repeating the hooks; used before the start it throws.
 *
 * @example
 * const h = useHarness()
 * test('home', async () => expect((await h.page.goto(h.origin))?.status()).toBe(200))
 */
export function useHarness(): Harness {
  let started: Harness | undefined
  beforeAll(async () => {
    started = await startHarness()
  }, 300_000)
  afterAll(() => started?.stop())
  const get = (): Harness => {
    if (!started) throw new Error('the browser harness is not started yet: use it inside a test')
    return started
  }
  return {
    get kernel() {
      return get().kernel
    },
    get origin() {
      return get().origin
    },
    get browser() {
      return get().browser
    },
    get context() {
      return get().context
    },
    get page() {
      return get().page
    },
    get offOrigin() {
      return get().offOrigin
    },
    takeProblems: () => get().takeProblems(),
    stop: () => get().stop(),
  }
}

/** The rendered text of the first element matching `selector`: what a player reads. */
export function firstText(page: Page, selector: string): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a player reads
  return page.locator(selector).first().innerText()
}

/** Ids used more than once in the current document. */
export function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>()
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1)
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id)
  })
}

/**
 * Waits until the sections a page loads after `load` have arrived (the Pokémon page's matchups,
 * the predictor's optimal play: `hx-trigger="load"` placeholders swapped out) and htmx is idle,
 * so widths, axe and screenshots see the page a reader ends up with.
 */
export async function fragmentsLoaded(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[hx-trigger="load"], .htmx-request, .htmx-settling, .htmx-swapping')
        .length === 0,
    undefined,
    { timeout },
  )
}

/** How much wider than the viewport the document is (0 = fits). */
export function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

const AXE = Bun.file(join(import.meta.dir, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'))

/** axe-core's critical and serious violations on the current page, as "rule: n nodes" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = await AXE.text()
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(source)
  // Only violations are collected: gathering passes and incomplete results doubles the time.
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run(options: unknown): Promise<unknown> } }).axe.run({
      resultTypes: ['violations'],
    }),
  )) as { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)
}
