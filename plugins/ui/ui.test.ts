import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { type PokedexReader, pokedexRef } from '../../core/contracts/pokedex.ts'
import type { Kernel } from '../../core/kernel.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { etlPlugin } from '../etl/index.ts'
import { mlPlugin } from '../ml/index.ts'
import { uiPlugin } from './index.ts'

/** The web app over the shipped champion model (models/), as a fresh clone serves it. */
let kernel: Kernel
beforeAll(async () => {
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, uiPlugin],
    env: { MODELS_DIR: join(import.meta.dir, '..', '..', 'models') },
  })
  await kernel.stages.run(
    'etl:load',
    {},
    { log: kernel.log, tty: false, signal: new AbortController().signal },
  )
  await kernel.start()
}, 300_000)
afterAll(() => kernel.stop())

const html = async (path: string, headers: Record<string, string> = {}) => {
  const res = await kernel.app.request(path, { headers })
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), res }
}
const htmx = { 'hx-request': 'true' }
/** The advice cards of a ranking, in order: [move name, win percentage]. */
const ranked = (text: string) =>
  [...text.matchAll(/<p class="advice-move"><strong>([^<]+)<\/strong>.*?class="win-value">([^<]+)</g)].map(
    (m) => [m[1], m[2]],
  )

describe('layout', () => {
  test('every page is a standards-mode document with its doctype, favicon and htmx, or a fragment for htmx', async () => {
    for (const path of [
      '/',
      '/types',
      '/predict',
      '/pokedex',
      '/pokedex/pikachu',
      '/moves',
      '/moves/thunderbolt',
      '/quiz',
      '/model',
      '/credits',
    ]) {
      const page = await html(path)
      expect(page.status).toBe(200)
      expect(page.type).toContain('text/html')
      expect(page.text.startsWith('<!doctype html><html lang="fr">')).toBe(true)
      expect(page.text).toContain('<script src="/static/htmx.min.js"')
      expect(page.text).toContain('rel="icon" href="/static/favicon.svg"')
      expect(page.text).not.toMatch(/<script>|\son[a-z]+="|style="/) // strict CSP: no inline script, handler or style
    }
    const fragment = await html('/predict', htmx)
    expect(fragment.text).not.toContain('<html')
    const boosted = await html('/pokedex', { ...htmx, 'hx-boosted': 'true' })
    expect(boosted.text).toContain('<nav aria-label="Navigation principale">')
    for (const file of ['app.css', 'pokedex.css', 'model.css', 'favicon.svg']) {
      expect((await html(`/static/${file}`)).status).toBe(200)
    }
    expect((await html('/favicon.ico')).type).toContain('image/svg+xml')
  })

  test('the API docs link leaves htmx boosting (a boosted swap would show a blank page)', async () => {
    const { text } = await html('/')
    expect(text.match(/<a href="\/docs" hx-boost="false">/g)).toHaveLength(2)
  })

  test('every form has a sprite served locally', async () => {
    const catalogue = await (kernel.services.get(pokedexRef.id) as PokedexReader).catalogue()
    for (const p of catalogue.pokemon) {
      const res = await kernel.app.request(`/static/sprites/${p.slug}.png`)
      expect([p.slug, res.status, res.headers.get('content-type')]).toEqual([p.slug, 200, 'image/png'])
    }
    expect((await html('/static/sprites/..%2Fpackage.json')).status).toBe(404)
  })
})

describe('errors', () => {
  test('an unknown address is a 404 page in the layout, in the reader’s language; JSON stays under /api', async () => {
    const page = await html('/nulle-part')
    expect(page.status).toBe(404)
    expect(page.text).toContain('<!doctype html>')
    expect(page.text).toContain('<h1>Page introuvable</h1>')
    expect(page.text).toContain('Aucune page à l’adresse « /nulle-part ».')
    expect(page.text).toContain('<nav aria-label="Navigation principale">')
    const english = await html('/nowhere?lang=en')
    expect(english.text).toContain('<h1>Page not found</h1>')
    const api = await html('/api/v1/nope')
    expect(api.type).toContain('application/problem+json')
    const fragment = await html('/pokedex/zzz', htmx)
    expect(fragment.status).toBe(404)
    expect(fragment.text).toBe('<p class="error" role="alert">Pokémon inconnu : « zzz ».</p>')
  })

  test('a bad filter is a 400 page naming the field and the accepted values', async () => {
    const page = await html('/pokedex?form=shiny')
    expect(page.status).toBe(400)
    expect(page.text).toContain(
      'Forme : valeur inconnue « shiny ». Valeurs acceptées : base, alola, mega, partner.',
    )
  })
})

describe('language', () => {
  test('?lang=en gives the English page and a cookie that remembers it; French is the default', async () => {
    const first = await html('/moves/thunderbolt?lang=en')
    expect(first.text).toContain('<html lang="en">')
    expect(first.text).toContain('<h1>Thunderbolt <small lang="fr">Tonnerre</small>')
    const cookie = first.res.headers.get('set-cookie') ?? ''
    expect(cookie).toContain('lang=en')
    const next = await html('/moves', { cookie: 'lang=en' })
    expect(next.text).toContain('<h1>Moves</h1>')
    expect(next.text).toContain('href="/moves?lang=fr"')
    expect((await html('/moves')).text).toContain('<h1>Capacités</h1>')
  })

  test('numbers follow the language: « 100 % » and "100%"', async () => {
    expect((await html('/moves/thunderbolt')).text).toContain('<dd>100 %</dd>')
    expect((await html('/moves/thunderbolt?lang=en')).text).toContain('<dd>100%</dd>')
  })
})

describe('predictor', () => {
  test('a shareable address ranks your moves, immune ones last, names typed in French or English', async () => {
    const page = await html('/predict?a=pikachu&ma=vive-attaque&ma=Thunderbolt&b=Ectoplasma&mb=')
    expect(page.status).toBe(200)
    const rows = ranked(page.text)
    expect(rows.map((r) => r[0])).toEqual(['Tonnerre', 'Vive-Attaque'])
    expect(rows[0]![1]).toMatch(/^\d+,\d %$/)
    expect(page.text).toContain('Riposte la plus dangereuse')
    // the fields show the moves by their French names, however the address spelled them
    expect(page.text).toContain('name="ma" type="text" list="moves-a-list" value="Vive-Attaque"')
    expect(page.text).toContain('name="ma" type="text" list="moves-a-list" value="Tonnerre"')
    // the same address through htmx: the predictor section alone, with the same ranking
    const swapped = await html('/predict?a=pikachu&ma=vive-attaque&ma=Thunderbolt&b=Ectoplasma&mb=', htmx)
    expect(swapped.text.startsWith('<section class="predictor" id="predictor">')).toBe(true)
    // same moves in the same order; the figures may differ: a first answer over the solve budget
    // comes from the model, the second from the exact answer solved meanwhile
    expect(ranked(swapped.text).map(([move]) => move)).toEqual(rows.map(([move]) => move))
  })

  test('without moves sent, the form preselects four moves and shows the cards', async () => {
    const page = await html('/predict?a=gengar')
    expect(page.status).toBe(200)
    expect(page.text).toContain('id="a" name="a" type="text" list="pokemon-list" value="Ectoplasma"')
    expect(page.text.match(/name="ma" type="text" list="moves-a-list" value="[^"]+"/g)).toHaveLength(4)
    expect(page.text).toContain('class="poke-card"')
    expect(page.text).toContain('<option value="Tonnerre">')
    expect(page.text).not.toContain('id="result" aria-live="polite"><section')
  })

  test('every error is shown in the page, naming the field and the side', async () => {
    const cases: [string, string[]][] = [
      ['/predict?a=zzz', ['Votre Pokémon : « zzz » n’est pas un Pokémon de Let’s Go']],
      ['/predict?a=pikachu&ma=&b=pikachu', ['Vos attaques : choisissez au moins une attaque.']],
      ['/predict?a=ditto&ma=', ['Votre Pokémon : Métamorph n’a aucune attaque qui inflige des dégâts']],
      [
        '/predict?a=pikachu&ma=Tonnerre&b=ditto',
        ['L’adversaire : Métamorph n’a aucune attaque qui inflige des dégâts'],
      ],
      [
        '/predict?a=pikachu&ma=Surf&b=gengar',
        ['Vos attaques : « Surf » n’est pas une attaque offensive que Pikachu peut utiliser.'],
      ],
      [
        '/predict?a=pikachu&ma=Tonnerre&b=gengar&mb=Surf',
        ['Attaques de l’adversaire : « Surf » n’est pas une attaque offensive que Ectoplasma peut utiliser.'],
      ],
    ]
    for (const [path, messages] of cases) {
      for (const headers of [{}, htmx]) {
        const page = await html(path, headers)
        expect([path, page.status]).toEqual([path, 400])
        for (const m of messages) expect(page.text).toContain(m)
        expect(page.text).toContain('class="error-summary" role="alert"')
        expect(page.text).toContain('aria-invalid="true"')
      }
    }
    const english = await html('/predict?a=pikachu&ma=Surf&b=gengar&lang=en')
    expect(english.text).toContain('Your moves: “Surf” is not a damaging move Pikachu can use.')
  })

  test('changing a Pokémon swaps its card and move fields, ids unchanged', async () => {
    const side = await html('/predict/side?side=a&a=gengar', htmx)
    expect(side.status).toBe(200)
    expect(side.text.startsWith('<div class="side-details" id="side-a">')).toBe(true)
    expect(side.text).toContain('<option value="Ball’Ombre">')
    expect(side.text).not.toContain('<option value="Cage Éclair">')
    expect(side.text.match(/id="ma-\d"/g)).toEqual(['id="ma-1"', 'id="ma-2"', 'id="ma-3"', 'id="ma-4"'])
    const unknown = await html('/predict/side?side=b&b=pikachoo', htmx)
    expect(unknown.status).toBe(400)
    expect(unknown.text).toContain('L’adversaire : « pikachoo »')
  })

  test('the pickers offer Tonnerre and Séisme, and « seisme » typed without its accent ranks Séisme', async () => {
    expect((await html('/predict?a=pikachu')).text).toContain(
      '<option value="Tonnerre">Thunderbolt · 90</option>',
    )
    expect((await html('/predict?a=dracaufeu')).text).toContain(
      '<option value="Séisme">Earthquake · 100</option>',
    )
    const typed = await html('/predict?a=dracaufeu&ma=seisme&b=pikachu&mb=')
    expect(typed.status).toBe(200)
    expect(ranked(typed.text).map(([move]) => move)).toEqual(['Séisme'])
  })

  test('the Pokédex links here with ?a=, and a national number works too', async () => {
    expect((await html('/pokedex/gengar')).text).toContain('href="/predict?a=gengar"')
    expect((await html('/predict?a=26')).text).toContain('value="Raichu"')
  })
})
