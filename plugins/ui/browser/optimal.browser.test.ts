import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import {
  DESKTOP,
  duplicateIds,
  firstText,
  PHONE,
  SCREENSHOTS,
  useHarness,
} from '../../../testing/ui/browser.ts'

/**
 * Optimal play in a real browser under the strict CSP: after a prediction the section loads by
 * itself (htmx), shows the value, the move to use now and the chart coloured per move; the HP
 * sliders ask again for a mid-battle situation and the answer replaces the section.
 */
const h = useHarness()

const text = (selector: string) => firstText(h.page, selector)

describe('optimal play', () => {
  test('the section loads after the ranking: value, move to use now, chart and legend', async () => {
    const { page } = h
    await page.setViewportSize(DESKTOP)
    const address = '/predict?a=pikachu&ma=thunderbolt&ma=quick-attack&b=squirtle&mb=water-gun&mb=tackle'
    expect((await page.goto(h.origin + address, { waitUntil: 'load' }))?.status()).toBe(200)
    await page.waitForSelector('#optimal .policy-chart', { timeout: 90_000 })
    expect(await text('#optimal h2')).toBe('Jeu optimal : choisir à chaque tour')
    expect(await text('#optimal .win-value')).toMatch(/^\d+,\d %$/)
    expect(['Tonnerre', 'Vive-Attaque']).toContain(await text('#optimal .optimal-choices strong'))
    // one coloured block per region of the grid, and a legend entry per move the chart uses
    expect(await page.locator('#optimal .policy-chart rect[class^="choice-"]').count()).toBeGreaterThan(0)
    expect(await page.locator('#optimal .policy-legend li').count()).toBeGreaterThan(0)
    expect(await text('#optimal .policy-legend')).toMatch(/Tonnerre|Vive-Attaque/)
    // from full HP, the HP just below full are out of reach: greyed, and the legend says why
    expect(await page.locator('#optimal .policy-chart rect.choice-unreachable').count()).toBeGreaterThan(0)
    expect(await text('#optimal .policy-legend')).toMatch(/impossible dans ce combat/)
    await page.screenshot({ path: join(SCREENSHOTS, 'optimal-1366.png'), fullPage: true })
    expect(await duplicateIds(page)).toEqual([])
    expect(h.takeProblems()).toEqual([])
  }, 300_000)

  test('mid-battle: moving an HP slider answers for that situation', async () => {
    const { page } = h
    await page.setViewportSize(PHONE)
    await page.goto(
      `${h.origin}/predict/optimal?a=pikachu&ma=thunderbolt&ma=quick-attack&b=squirtle&mb=water-gun&mb=tackle`,
      { waitUntil: 'load' },
    )
    // a solve can take long on a loaded machine: wait for the rendered answer, never for a timer
    await page.waitForSelector('#optimal .policy-chart .policy-now', { timeout: 90_000 })
    expect(await text('#optimal .optimal-at')).toMatch(/PV adverses (\d+) \/ \1\./)
    const dotBefore = await page.locator('#optimal .policy-now').getAttribute('cx')
    // the slider's change event sends the form through htmx; the answer replaces the section
    await page.fill('#hpb', '3')
    await page.dispatchEvent('#hpb', 'change')
    await page.waitForFunction(
      () => /PV adverses 3 \//.test(document.querySelector('#optimal .optimal-at')?.textContent ?? ''),
      undefined,
      { timeout: 90_000 },
    )
    expect(await page.inputValue('#hpb')).toBe('3')
    // what to click now, the value there, and the chart's dot at the new situation (further left)
    expect(['Tonnerre', 'Vive-Attaque']).toContain(await text('#optimal .optimal-choices strong'))
    expect(await text('#optimal .win-value')).toMatch(/^\d+,\d %$/)
    const dotAfter = await page.locator('#optimal .policy-now').getAttribute('cx')
    expect(Number(dotAfter)).toBeLessThan(Number(dotBefore))
    await page.screenshot({ path: join(SCREENSHOTS, 'optimal-mid-battle-390.png'), fullPage: true })
    expect(await duplicateIds(page)).toEqual([])
    expect(h.takeProblems()).toEqual([])
  }, 300_000)
})
