import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import {
  axeViolations,
  DESKTOP,
  duplicateIds,
  fragmentsLoaded,
  overflow,
  PHONE,
  SCREENSHOTS,
  useHarness,
} from '../../../testing/ui/browser.ts'

/**
 * Every main page in a real browser, at phone (390 px) and desktop (1366 px) widths, under a
 * strict CSP: it fits the screen at both, axe-core finds nothing critical or serious, no request leaves
 * the origin, no console error, no duplicate id. Screenshots go to SCREENSHOTS.
 */
const h = useHarness()

/** The main pages, with a name for their screenshots. */
const MAIN_PAGES: [string, string][] = [
  ['home', '/'],
  ['predict', '/predict?a=Pikachu&ma=Tonnerre&ma=Vive-Attaque&ma=Queue+de+Fer&ma=&b=Ectoplasma&mb='],
  ['pokedex', '/pokedex'],
  ['pokemon', '/pokedex/charizard'],
  ['moves', '/moves'],
  ['move', '/moves/earthquake'],
  ['types', '/types'],
  ['quiz', '/quiz?seed=demo'],
  ['model', '/model'],
  ['credits', '/credits'],
]

describe('main pages at 390 and 1366 px', () => {
  for (const [name, path] of MAIN_PAGES) {
    test(`${name} (${path})`, async () => {
      const { page } = h
      for (const [label, viewport] of [
        ['390', PHONE],
        ['1366', DESKTOP],
      ] as const) {
        await page.setViewportSize(viewport)
        const response = await page.goto(h.origin + path, { waitUntil: 'load' })
        expect(response?.status()).toBe(200)
        await fragmentsLoaded(page)
        expect([label, await overflow(page)]).toEqual([label, 0])
        // axe once per page, on the phone layout: the desktop one is the same document, wider.
        if (viewport === PHONE) expect(await axeViolations(page)).toEqual([])
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true })
      }
      expect(await duplicateIds(page)).toEqual([])
      expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat')
      expect(h.offOrigin).toEqual([])
      expect(h.takeProblems()).toEqual([])
    }, 300_000)
  }

  test('the English pages too', async () => {
    const { page } = h
    await page.setViewportSize(PHONE)
    for (const path of ['/?lang=en', '/predict', '/pokedex/pikachu', '/moves', '/model']) {
      await page.goto(h.origin + path)
      expect(await page.getAttribute('html', 'lang')).toBe('en')
      expect([path, await overflow(page)]).toEqual([path, 0])
      expect(await axeViolations(page)).toEqual([])
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'model-en-390.png'), fullPage: true })
    await page.goto(`${h.origin}/?lang=fr`)
    expect(h.takeProblems()).toEqual([])
  }, 300_000)
})
