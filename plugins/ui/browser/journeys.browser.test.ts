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
 * What a player does, in a real browser under a strict CSP: predict (and every error case),
 * filter the Pokédex and come Back, browse detail pages, search moves in French, use the type
 * calculator and the quiz, read the model page, switch language.
 */
const h = useHarness()

/** Console errors allowed in a journey: the browser's own line for an answer we expect to be 4xx. */
const onlyExpectedStatuses = (problems: string[], statuses: number[]) =>
  problems.filter((p) => !statuses.some((s) => p.includes(`status of ${s}`)))

const go = async (path: string) => {
  const response = await h.page.goto(h.origin + path, { waitUntil: 'load' })
  return response?.status()
}
/** Waits for htmx to finish its requests and swaps. */
const settled = () =>
  h.page.waitForFunction(
    () => document.querySelectorAll('.htmx-request, .htmx-settling, .htmx-swapping').length === 0,
  )
const text = (selector: string) => firstText(h.page, selector)

describe('predictor', () => {
  test('type names in French or English, get a ranking, share its address', async () => {
    const { page } = h
    await page.setViewportSize(PHONE)
    expect(await go('/predict?a=pikachu')).toBe(200)
    // The picker offers Tonnerre, and accepts it typed without accent or capital.
    expect(await page.locator('#moves-a-list option[value="Tonnerre"]').count()).toBe(1)
    for (const i of [1, 2, 3, 4]) await page.fill(`#ma-${i}`, '')
    await page.fill('#ma-1', 'tonnerre')
    await page.fill('#ma-2', 'Quick Attack')
    await page.fill('#b', 'Gengar')
    await page.press('#b', 'Tab')
    await settled()
    expect(await text('#side-b .poke-name')).toContain('Ectoplasma')
    // A slow answer shows the loading indicator.
    await page.route('**/predict?*', async (route) => {
      await Bun.sleep(400)
      await route.continue()
    })
    await page.click('#predict-submit')
    await page.waitForSelector('#predict-loading', { state: 'visible' })
    await page.waitForSelector('.advice-list')
    await page.unroute('**/predict?*')
    const moves = await page.locator('.advice-move strong').allInnerTexts()
    expect(moves).toEqual(['Tonnerre', 'Vive-Attaque'])
    expect(await text('.advice.best .win-value')).toMatch(/^\d+,\d %$/)
    const shared = page.url()
    expect(shared).toContain('ma=tonnerre')
    await page.screenshot({ path: join(SCREENSHOTS, 'predict-result-390.png'), fullPage: true })
    // The address alone reproduces the result.
    expect(await go(shared.slice(h.origin.length))).toBe(200)
    expect(await page.locator('.advice-move strong').allInnerTexts()).toEqual(moves)
    expect(await duplicateIds(page)).toEqual([])
    expect(h.takeProblems()).toEqual([])
  }, 300_000)

  test('every error case is shown in the page, naming the field and the side', async () => {
    const { page } = h
    await page.setViewportSize(DESKTOP)
    // Ditto as your Pokémon: its card says so as soon as it is chosen, then the summary on submit.
    await go('/predict')
    await page.fill('#a', 'Métamorph')
    await page.press('#a', 'Tab')
    await settled()
    expect(await text('#side-a')).toContain(
      'Votre Pokémon : Métamorph n’a aucune attaque qui inflige des dégâts',
    )
    await page.click('#predict-submit')
    await settled()
    expect(await text('.error-summary')).toContain('Votre Pokémon : Métamorph n’a aucune attaque')
    expect(await page.getAttribute('#a', 'aria-invalid')).toBe('true')
    // No move chosen.
    await go('/predict?a=pikachu')
    for (const i of [1, 2, 3, 4]) await page.fill(`#ma-${i}`, '')
    await page.click('#predict-submit')
    await settled()
    expect(await text('.error-summary')).toContain('Vos attaques : choisissez au moins une attaque.')
    expect(await page.isVisible('#ma-error')).toBe(true)
    // Ditto as the opponent: the message names the opponent, not your Pokémon.
    await go('/predict?a=pikachu')
    await page.fill('#b', 'Ditto')
    await page.press('#b', 'Tab')
    await settled()
    await page.click('#predict-submit')
    await settled()
    const summary = await text('.error-summary')
    expect(summary).toContain('L’adversaire : Métamorph n’a aucune attaque')
    expect(summary).not.toContain('Votre Pokémon')
    await page.screenshot({ path: join(SCREENSHOTS, 'predict-error-1366.png'), fullPage: true })
    // An unknown name in the address.
    expect(await go('/predict?a=26x')).toBe(400)
    expect(await text('.error-summary')).toContain('Votre Pokémon : « 26x »')
    expect(await duplicateIds(page)).toEqual([])
    expect(onlyExpectedStatuses(h.takeProblems(), [400])).toEqual([])
  }, 300_000)
})

describe('Pokédex and moves', () => {
  test('filters update live (Enter too, without reloading), Back restores filters and results', async () => {
    const { page } = h
    await page.setViewportSize(DESKTOP)
    await go('/pokedex')
    await page.evaluate(() => {
      ;(window as unknown as { marker: number }).marker = 1
    })
    await page.fill('input[name="q"]', 'dra')
    await page.press('input[name="q"]', 'Enter')
    await settled()
    await page.selectOption('select[name="type"]', 'fire')
    await settled()
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1)
    expect(page.url()).toContain('q=dra')
    const count = await text('#pokedex-results .count')
    expect(count).toMatch(/^3 Pokémon sur 188$/) // Dracaufeu and its two Megas
    await page.click('#pokedex-results a[href="/pokedex/charizard"]')
    await page.waitForURL('**/pokedex/charizard')
    await page.goBack()
    await page.waitForSelector('#pokedex-results')
    await settled()
    expect(await page.inputValue('input[name="q"]')).toBe('dra')
    expect(await page.inputValue('select[name="type"]')).toBe('fire')
    expect(await text('#pokedex-results .count')).toBe(count)
    expect(h.takeProblems()).toEqual([])
  }, 300_000)

  test('detail pages: next Pokémon, learnset filter, ids stay unique', async () => {
    const { page } = h
    await go('/pokedex/pikachu')
    await page.click('.siblings a[rel="next"]')
    await page.waitForURL((url) => !url.pathname.endsWith('/pikachu'))
    await settled()
    expect(await text('h1')).toContain('Pikachu Partenaire') // same number, next form
    await page.click('.siblings a[rel="prev"]')
    await page.waitForURL('**/pokedex/pikachu')
    await settled()
    await page.click('.method-filter a:has-text("CT")')
    await settled()
    expect(page.url()).toContain('methode=ct')
    expect(await page.locator('#learnset .method-level-up').count()).toBe(0)
    expect(await duplicateIds(page)).toEqual([])
    expect(h.takeProblems()).toEqual([])
  }, 300_000)

  test('moves are found by their French name: Tonnerre, Séisme', async () => {
    const { page } = h
    await go('/moves')
    const searches: [string, string][] = [
      ['Tonnerre', 'thunderbolt'],
      ['seisme', 'earthquake'],
    ]
    for (const [typed, slug] of searches) {
      await page.fill('input[name="q"]', typed)
      await settled()
      await page.waitForSelector(`#moves-results table a[href="/moves/${slug}"]`)
    }
    // The search pushes its address once it settles; a push during the click's navigation cancels
    // it, so wait for that push (a loaded machine makes it late) before clicking.
    await settled()
    await page.waitForURL(/[?&]q=seisme/)
    await Promise.all([
      page.waitForURL('**/moves/earthquake'),
      page.click('#moves-results table a[href="/moves/earthquake"]'),
    ])
    expect(await text('h1')).toContain('Séisme')
    expect(await text('.description')).toContain('tremblement de terre')
    expect(h.takeProblems()).toEqual([])
  }, 300_000)
})

describe('types, quiz, model, language, errors', () => {
  test('the type calculator answers a dual type', async () => {
    const { page } = h
    await go('/types')
    await page.selectOption('select[name="attacking"]', 'ice')
    await page.selectOption('select[name="defending"]', 'dragon')
    await page.selectOption('select[name="defending2"]', 'flying')
    await settled()
    expect(await text('#answer')).toContain('×4 (super efficace)')
    expect(h.takeProblems()).toEqual([])
  })

  test('the quiz keeps the keyboard focus on its buttons after answering', async () => {
    const { page } = h
    await go('/quiz?seed=focus')
    await page.focus('#quiz-answer-3')
    await page.keyboard.press('Enter')
    await page.waitForSelector('.quiz-feedback')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('quiz-answer-3')
    expect(await text('.quiz-score')).toMatch(/^Score : [01] \/ 1$/)
    expect(h.takeProblems()).toEqual([])
  })

  test('the model page shows its figures and charts in French', async () => {
    const { page } = h
    await go('/model')
    expect(await text('.identity')).toMatch(/Entraîné le\s+\d+ \p{L}+ \d{4}/u)
    expect(await text('table.metrics')).toMatch(/0,\d{4}/)
    const charts = page.locator('.charts img')
    expect(await charts.count()).toBe(5)
    for (const img of await charts.all()) {
      await img.scrollIntoViewIfNeeded()
      expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
    }
    expect(h.takeProblems()).toEqual([])
  }, 300_000)

  test('the language switch gives English, remembered from page to page, and back', async () => {
    const { page } = h
    await go('/moves/thunderbolt')
    await page.click('.lang-switch')
    await page.waitForURL('**lang=en')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await text('h1')).toContain('Thunderbolt')
    await page.click('nav a[href="/pokedex"]')
    await page.waitForURL('**/pokedex')
    await settled()
    expect(await text('h1')).toBe('Pokédex')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await text('#pokedex-results .count')).toBe('188 of 188 Pokémon')
    await page.click('.lang-switch')
    await page.waitForURL('**lang=fr')
    expect(await page.getAttribute('html', 'lang')).toBe('fr')
    expect(h.takeProblems()).toEqual([])
  })

  test('an unknown address is a 404 page with the navigation; the API docs link opens the docs', async () => {
    const { page } = h
    expect(await go('/nulle-part')).toBe(404)
    expect(await text('h1')).toBe('Page introuvable')
    expect(await page.locator('header nav a').count()).toBe(7)
    expect(onlyExpectedStatuses(h.takeProblems(), [404])).toEqual([])
    await go('/')
    await page.click('footer a[href="/docs"]')
    await page.waitForURL('**/docs')
    // The docs page renders its text from a script after `load`: wait for it (a blank page times out).
    // biome-ignore lint/performance/useDomNodeTextContent: a blank page has no rendered text
    await page.waitForFunction(() => document.body.innerText.trim().length > 0)
    h.takeProblems() // the docs page is the kernel's, outside this suite's CSP promise
  })
})
