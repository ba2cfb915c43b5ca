import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { Hono } from 'hono'
import { type PokedexCatalogue, type PokedexReader, pokedexRef } from '../../core/contracts/pokedex.ts'
import type { Kernel } from '../../core/kernel.ts'
import { definePlugin } from '../../core/plugin.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { etlPlugin } from '../etl/index.ts'
import { registerPokedexPages } from './pages/pokedex.tsx'

/**
 * The Pokédex and moves pages behind the real kernel (its HTML error handler included), mounted
 * by a test plugin exactly as the ui plugin mounts them, over the offline ETL data.
 */
const pagesPlugin = definePlugin({
  name: 'pokedex-pages',
  requires: [pokedexRef],
  setup(ctx) {
    const app = new Hono()
    registerPokedexPages(app, { pokedex: ctx.services.get(pokedexRef) })
    ctx.http.mount('/', app)
  },
})

let kernel: Kernel
let catalogue: PokedexCatalogue
beforeAll(async () => {
  kernel = await createTestKernel({ plugins: [etlPlugin, pagesPlugin] })
  await kernel.stages.run(
    'etl:load',
    {},
    { log: kernel.log, tty: false, signal: new AbortController().signal },
  )
  catalogue = await (kernel.services.get(pokedexRef.id) as PokedexReader).catalogue()
}, 300_000)
afterAll(() => kernel.stop())

const get = async (path: string, htmx = false) => {
  const res = await kernel.app.request(path, htmx ? { headers: { 'hx-request': 'true' } } : undefined)
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() }
}
/** Slugs of the forms listed in the Pokédex table, in order. */
const listed = (html: string) =>
  [...html.matchAll(/class="dex-name" href="\/pokedex\/([^"]+)"/g)].map((m) => m[1])
/** Slugs of the moves in the moves table (not the top-10 box). */
const movesListed = (html: string) => {
  const table = html.slice(html.indexOf('<table'))
  return [...table.matchAll(/href="\/moves\/([^"]+)"/g)].map((m) => m[1]!)
}
const topListed = (html: string) => {
  const box = html.slice(html.indexOf('id="top-moves"'), html.indexOf('</aside>'))
  return [...box.matchAll(/href="\/moves\/([^"]+)"/g)].map((m) => m[1]!)
}

describe('every route answers a full page, or only its fragment to htmx', () => {
  for (const path of ['/pokedex', '/pokedex/pikachu', '/moves', '/moves/thunderbolt']) {
    test(path, async () => {
      const page = await get(path)
      expect(page.status).toBe(200)
      expect(page.type).toContain('text/html')
      expect(page.text).toContain('<html lang="fr">')
      expect(page.text).toContain('<script src="/static/htmx.min.js"')
      const fragment = await get(path, true)
      expect(fragment.status).toBe(200)
      expect(fragment.text).not.toContain('<html')
      expect(fragment.text).toContain('<h1>')
    })
  }
})

describe('/pokedex filters', () => {
  test('lists the 188 forms with French and English names and no broken sprite', async () => {
    const page = await get('/pokedex')
    expect(listed(page.text)).toHaveLength(188)
    expect(page.text).toContain('188 Pokémon sur 188')
    expect(page.text).toContain(
      '<span class="dex-names"><span>Dracaufeu</span><small lang="en">Charizard</small></span></a>',
    )
    // Sprites are served by us, one per form, whatever the ETL found online.
    expect(page.text.match(/<img class="sprite" src="\/static\/sprites\/[a-z0-9-]+\.png"/g)).toHaveLength(188)
  })

  test('the name search ignores case and accents, in French or English', async () => {
    const charizards = ['charizard', 'charizard-mega-x', 'charizard-mega-y']
    expect(listed((await get('/pokedex?q=dracaufeu', true)).text)).toEqual(charizards)
    expect(listed((await get('/pokedex?q=CHARIZARD', true)).text)).toEqual(charizards)
    const eevees = listed((await get('/pokedex?q=evoli', true)).text)
    expect(eevees).toEqual(['eevee', 'eevee-starter'])
  })

  test('type by slug or French name, and form kind', async () => {
    const ghosts = ['gastly', 'haunter', 'gengar', 'gengar-mega', 'marowak-alola']
    expect(listed((await get('/pokedex?type=ghost')).text)).toEqual(ghosts)
    expect(listed((await get('/pokedex?type=Spectre')).text)).toEqual(ghosts)
    const alola = listed((await get('/pokedex?form=alola', true)).text)
    expect(alola).toHaveLength(18)
    expect(alola.every((slug) => slug?.endsWith('-alola'))).toBe(true)
    expect(listed((await get('/pokedex?form=mega&type=fire', true)).text)).toEqual([
      'charizard-mega-x',
      'charizard-mega-y',
    ])
  })

  test('sorting by a stat puts the highest first', async () => {
    const bySpeed = listed((await get('/pokedex?sort=spe', true)).text)
    const speeds = bySpeed.map((slug) => catalogue.pokemonBySlug.get(slug!)!.stats.spe)
    expect(speeds).toEqual([...speeds].sort((a, b) => b - a))
    const byName = listed((await get('/pokedex?sort=nom&form=mega', true)).text)
    expect(byName.slice(0, 3)).toEqual(['alakazam-mega', 'beedrill-mega', 'charizard-mega-x'])
    expect(byName).toContain('aerodactyl-mega') // Méga-Ptéra: sorted by the French name
  })

  test('unknown filter values are a 400 HTML fragment', async () => {
    for (const query of ['type=fantome', 'form=shiny', 'sort=poids']) {
      const res = await get(`/pokedex?${query}`, true)
      expect(res.status).toBe(400)
      expect(res.type).toContain('text/html')
      expect(res.text).toContain('class="error"')
      expect(res.text).not.toContain('<html')
    }
  })
})

describe('/pokedex/:slug', () => {
  test('pikachu: stat bars with real ranks, 18 weakness badges, link to predict', async () => {
    const { text } = await get('/pokedex/pikachu')
    const pikachu = catalogue.pokemonBySlug.get('pikachu')!
    expect(text).toContain(`${pikachu.stat_rank.spe}ᵉ sur 188`)
    expect(text).toContain(`${pikachu.stat_rank.hp}ᵉ sur 188`)
    expect(text).toContain(`width="${((100 * 90) / 255).toFixed(1)}"`)
    expect(text.match(/weak-badge/g)).toHaveLength(18)
    const double = text.slice(text.indexOf('weak-m2"'), text.indexOf('weak-m1"'))
    expect(double).toContain('type-ground')
    expect(double).not.toContain('type-water')
    expect(text).toContain('href="/predict"')
    expect(text).toContain('Prédire un combat')
    expect(text).toContain('Taille : 0,4 m')
    expect(text).toContain('href="/pokedex/raichu"')
    expect(text).toContain('href="/pokedex/pikachu-starter"')
  })

  test('a rank of 1 reads « 1ᵉʳ sur 188 »', async () => {
    const fastest = catalogue.pokemon.find((p) => p.stat_rank.spe === 1)!
    expect((await get(`/pokedex/${fastest.slug}`, true)).text).toContain('1ᵉʳ sur 188')
  })

  test('learnset: Zippy Zap from the tutor on Partner Pikachu, method filter, inherited moves', async () => {
    const starter = (await get('/pokedex/pikachu-starter', true)).text
    expect(starter).toContain('href="/moves/zippy-zap">Pika-Sprint</a>')
    expect(starter).toContain('donneur')
    const tutorOnly = (await get('/pokedex/pikachu-starter?methode=donneur', true)).text
    const learnset = tutorOnly.slice(tutorOnly.indexOf('id="learnset"'))
    expect(learnset.match(/class="method method-/g)).toHaveLength(4)
    expect(learnset).not.toContain('method-tm')
    const raichu = (await get('/pokedex/raichu?methode=herite', true)).text
    expect(raichu).toContain('hérité de <a href="/pokedex/pikachu">Pikachu</a>')
    expect(raichu).toContain('(Pierre Foudre)')
    const ivysaur = catalogue.pokemonBySlug.get('ivysaur')!
    const levels = catalogue.learnsetByPokemon
      .get(ivysaur.id)!
      .filter((e) => e.method === 'level-up')
      .map((e) => `niveau ${e.level}`)
    const byLevel = (await get('/pokedex/ivysaur?methode=niveau', true)).text
    expect(levels.length).toBeGreaterThan(3)
    for (const level of levels) expect(byLevel).toContain(`>${level}</td>`)
    expect(byLevel).not.toContain('method-tm')
    expect((await get('/pokedex/pikachu?methode=oeuf', true)).status).toBe(400)
  })

  test('an unknown slug is a 404 HTML error without a stack trace, hostile text escaped', async () => {
    const res = await get('/pokedex/pikachoo')
    expect(res.status).toBe(404)
    expect(res.type).toContain('text/html')
    expect(res.text).toContain('class="error"')
    expect(res.text).toContain('pikachoo')
    expect(res.text).not.toMatch(/\.tsx?:\d+|\n\s+at /)
    const hostile = await get('/pokedex/%3Cscript%3Ealert(1)%3C%2Fscript%3E')
    expect(hostile.status).toBe(404)
    expect(hostile.text).not.toContain('<script>')
    expect(hostile.text).toContain('&lt;script&gt;')
    expect((await get('/moves/surfing')).status).toBe(404)
  })
})

describe('/moves', () => {
  test('lists the 226 moves and the 10 most powerful first', async () => {
    const { text } = await get('/moves')
    expect(movesListed(text)).toHaveLength(226)
    const top = topListed(text)
    expect(top).toHaveLength(10)
    expect(top[0]).toBe('explosion')
    const powers = top.map((slug) => catalogue.moveBySlug.get(slug)!.power!)
    expect(powers).toEqual([...powers].sort((a, b) => b - a))
    const tenth = powers[9]!
    const stronger = catalogue.moves.filter((m) => (m.power ?? 0) > tenth).map((m) => m.slug)
    expect(top).toEqual(expect.arrayContaining(stronger))
  })

  test('type, category, power band and search filter the list and the top 10', async () => {
    const electricSpecial = movesListed((await get('/moves?type=electric&categorie=speciale', true)).text)
    expect(electricSpecial).toContain('thunderbolt')
    expect(electricSpecial).not.toContain('thunder-punch')
    for (const slug of electricSpecial) {
      const move = catalogue.moveBySlug.get(slug)!
      expect([move.type_id, move.category]).toEqual([13, 'special'])
    }
    const status = movesListed((await get('/moves?categorie=statut', true)).text)
    expect(status).toHaveLength(catalogue.moves.filter((m) => m.category === 'status').length)
    const strong = (await get('/moves?puissance=121%2B', true)).text
    expect(movesListed(strong).every((slug) => catalogue.moveBySlug.get(slug)!.power! > 120)).toBe(true)
    const fireTop = topListed((await get('/moves?type=feu', true)).text)
    expect(fireTop.every((slug) => catalogue.moveBySlug.get(slug)!.type_id === 10)).toBe(true)
    expect(movesListed((await get('/moves?q=THUNDER', true)).text)).toContain('thunder-wave')
    for (const query of ['categorie=autre', 'puissance=9000', 'type=sound']) {
      expect((await get(`/moves?${query}`, true)).status).toBe(400)
    }
  })

  test('move detail: every field in French and who can use it', async () => {
    const zippy = (await get('/moves/zippy-zap', true)).text
    expect(zippy).toContain('<dd>+2</dd>')
    expect(zippy).toContain('toujours critique')
    expect(zippy).toContain('prioritaire')
    expect(zippy).toContain('<dd>15</dd>')
    expect(zippy).toContain('Pokémon qui peuvent l’utiliser (1)')
    expect(zippy).toContain('href="/pokedex/pikachu-starter"')
    const thunderbolt = (await get('/moves/thunderbolt', true)).text
    expect(thunderbolt).toContain('10% chance to paralyze the target')
    expect(thunderbolt).toContain('href="/pokedex/pikachu"')
  })
})

test('hostile query text is escaped, never echoed as markup', async () => {
  const attack = encodeURIComponent('"><script>alert(1)</script>')
  for (const path of [`/pokedex?q=${attack}`, `/moves?q=${attack}`, `/pokedex?type=${attack}`]) {
    const res = await get(path)
    expect(res.text).not.toContain('<script>alert')
    expect(res.text).toContain('&lt;script&gt;')
  }
})
