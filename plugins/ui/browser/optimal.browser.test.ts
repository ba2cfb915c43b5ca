import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import {
  DESKTOP,
  duplicateIds,
  type Harness,
  PHONE,
  SCREENSHOTS,
  startHarness,
} from '../../../testing/ui/browser.ts'

/**
 * Optimal play in a real browser under the strict CSP: after a prediction the section loads by
 * itself (htmx), shows the value, the move to use now and the chart coloured per move; the HP
 * sliders ask again for a mid-battle situation and the answer replaces the section.
 */
let h: Harness
beforeAll(async () => {
  h = await startHarness()
}, 120_000)
afterAll(() => h?.stop())

// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a player reads
const text = (selector: string) => h.page.locator(selector).first().innerText()

describe('optimal play', () => {
  test('the section loads after the ranking: value, move to use now, chart and legend', async () => {
    const { page } = h
    await page.setViewportSize(DESKTOP)
    const address = '/predict?a=pikachu&ma=thunderbolt&ma=quick-attack&b=squirtle&mb=water-gun&mb=tackle'
    expect((await page.goto(h.origin + address, { waitUntil: 'load' }))?.status()).toBe(200)
    await page.waitForSelector('#optimal .policy-chart', { timeout: 60_000 })
    expect(await text('#optimal h2')).toBe('Jeu optimal : choisir à chaque tour')
    expect(await text('#optimal .win-value')).toMatch(/^\d+,\d %$/)
    expect(['Tonnerre', 'Vive-Attaque']).toContain(await text('#optimal .optimal-choices strong'))
    // one coloured block per region of the grid, and a legend entry per move the chart uses
    expect(await page.locator('#optimal .policy-chart rect[class^="choice-"]').count()).toBeGreaterThan(0)
    expect(await page.locator('#optimal .policy-legend li').count()).toBeGreaterThan(0)
    expect(await text('#optimal .policy-legend')).toMatch(/Tonnerre|Vive-Attaque/)
    await page.screenshot({ path: join(SCREENSHOTS, 'optimal-1366.png'), fullPage: true })
    expect(await duplicateIds(page)).toEqual([])
    expect(h.takeProblems()).toEqual([])
  }, 120_000)

  test('mid-battle: moving an HP slider answers for that situation', async () => {
    const { page } = h
    await page.setViewportSize(PHONE)
    await page.goto(
      `${h.origin}/predict/optimal?a=pikachu&ma=thunderbolt&ma=quick-attack&b=squirtle&mb=water-gun&mb=tackle`,
      {
        waitUntil: 'load',
      },
    )
    await page.waitForSelector('#hpb')
    const before = await text('#optimal .optimal-at')
    // the slider's change event sends the form through htmx; the answer replaces the section
    const answered = page.waitForResponse(
      (r) => r.url().includes('/predict/optimal?') && r.url().includes('hpb=3'),
    )
    await page.fill('#hpb', '3')
    await page.dispatchEvent('#hpb', 'change')
    await answered
    await page.waitForFunction(
      (old) => document.querySelector('#optimal .optimal-at')?.textContent !== old,
      before,
    )
    expect(await text('#optimal .optimal-at')).toMatch(/PV adverses 3 \/ \d+/)
    expect(await page.inputValue('#hpb')).toBe('3')
    // the opponent at 3 HP: a sure KO now wins more often than from full HP
    expect(await text('#optimal .win-value')).toMatch(/^\d+,\d %$/)
    await page.screenshot({ path: join(SCREENSHOTS, 'optimal-mid-battle-390.png'), fullPage: true })
    expect(await duplicateIds(page)).toEqual([])
    expect(h.takeProblems()).toEqual([])
  }, 120_000)
})
