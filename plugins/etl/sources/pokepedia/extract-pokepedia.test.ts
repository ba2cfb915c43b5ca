import { beforeAll, describe, expect, test } from 'bun:test'
import {
  createMemoryFetcher,
  fixture,
  type RecordedPage,
} from '../../../../testing/etl/pokepedia-memory-fetcher.ts'
import type { HttpFetcher } from '../../http/types.ts'
import type { Extract, FormKind, LearnsetEntry, MoveRecord, PokemonRecord } from '../../model.ts'
import { extractPokepedia } from './index.ts'

const BASE_URL = 'https://wiki.test'

function form(slug: string, species: string, kind: FormKind, fr: string): PokemonRecord {
  const stats = { hp: 1, atk: 1, def: 1, spa: 1, spd: 1, spe: 1 }
  return { slug, species, form: kind, names: { fr }, types: ['normal'], stats }
}

/** French names as PokéAPI gives them; Sludge Bomb is left out: the built-in `Bomb-Beurk` spelling covers it. */
const MOVE_NAMES_FR = new Map(
  Object.entries({
    Charge: 'tackle',
    Rugissement: 'growl',
    Vampigraine: 'leech-seed',
    'Fouet Lianes': 'vine-whip',
    'Poudre Toxik': 'poison-powder',
    'Poudre Dodo': 'sleep-powder',
    Bélier: 'take-down',
    "Tranch'Herbe": 'razor-leaf',
    Croissance: 'growth',
    Damoclès: 'double-edge',
    'Lance-Soleil': 'solar-beam',
    "Coup d'Boule": 'headbutt',
    Repos: 'rest',
    'Mur Lumière': 'light-screen',
    Abri: 'protect',
    Clonage: 'substitute',
    Protection: 'reflect',
    Façade: 'facade',
    Toxik: 'toxic',
    Colère: 'outrage',
    'Méga-Sangsue': 'mega-drain',
    Éclair: 'thunder-shock',
    'Mimi-Queue': 'tail-whip',
    'Vive-Attaque': 'quick-attack',
    'Double Pied': 'double-kick',
    Reflet: 'double-team',
    Tonnerre: 'thunderbolt',
    Souplesse: 'slam',
    Hâte: 'agility',
    'Fatal-Foudre': 'thunder',
    'Poing Éclair': 'thunder-punch',
    Jackpot: 'pay-day',
    'Pika-Sprint': 'zippy-zap',
    'Pika-Splash': 'splishy-splash',
    'Pika-Piqué': 'floaty-fall',
    Psyko: 'psychic',
    Plénitude: 'calm-mind',
    Téléport: 'teleport',
    'Balle Graine': 'bullet-seed',
  }),
)

const LGPE_MOVES = [
  ...new Set([...MOVE_NAMES_FR.values(), 'sludge-bomb', 'teleport', 'thunder-wave']),
].filter((slug) => slug !== 'bullet-seed')

const base: Extract = {
  source: 'showdown',
  pokemon: [
    form('ivysaur', 'ivysaur', 'base', 'Herbizarre'),
    form('venusaur-mega', 'venusaur', 'mega', 'Méga-Florizarre'),
    form('pikachu', 'pikachu', 'base', 'Pikachu'),
    form('pikachu-starter', 'pikachu', 'partner', 'Pikachu Partenaire'),
    form('raichu-alola', 'raichu', 'alola', "Raichu d'Alola"),
    form('rattata-alola', 'rattata', 'alola', "Rattata d'Alola"),
    form('raticate-alola', 'raticate', 'alola', "Rattatac d'Alola"),
    form('eevee', 'eevee', 'base', 'Évoli'),
    form('eevee-starter', 'eevee', 'partner', 'Évoli Partenaire'),
  ],
  moves: LGPE_MOVES.map((slug) => ({ slug, names: { en: slug } }) as MoveRecord),
  rejects: [],
  warnings: [],
}

let pages: Record<string, RecordedPage>
beforeAll(async () => {
  pages = {
    'Herbizarre/Génération_7': { wikitext: await fixture('herbizarre.wikitext') },
    'Pikachu/Génération_7': { wikitext: await fixture('pikachu.wikitext'), legacyShape: true },
    "Raichu_d'Alola/Génération_7": {
      wikitext: await fixture('raichu-alola.wikitext'),
      html: await fixture('raichu-alola.html'),
    },
    "Rattata_d'Alola/Génération_7": {
      wikitext: await fixture('rattata-alola.wikitext'),
      html: await fixture('rattata-alola.malformed-html'),
    },
    "Rattatac_d'Alola/Génération_7": { missing: true },
  }
})

const has = (entries: LearnsetEntry[] | undefined, pokemon: string, move: string) =>
  (entries ?? [])
    .filter((e) => e.pokemon === pokemon && e.move === move)
    .map((e) => `${e.method}${e.level ?? ''}${e.tm === undefined ? '' : `#${e.tm}`}`)
    .sort()

describe('extractPokepedia on recorded pages', () => {
  let extract: Extract
  let requests: string[]
  const progress: string[] = []
  beforeAll(async () => {
    const http = createMemoryFetcher(BASE_URL, pages)
    extract = await extractPokepedia(base, http, {
      baseUrl: BASE_URL,
      moveNamesFr: MOVE_NAMES_FR,
      onProgress: ({ done, total, page }) => progress.push(`${done}/${total} ${page}`),
    })
    requests = http.requests
  })

  test('a cell with several levels gives one entry a level', () => {
    expect(extract.source).toBe('pokepedia')
    expect(has(extract.learnsets, 'ivysaur', 'leech-seed')).toEqual(['level-up9', 'start0'])
    expect(has(extract.learnsets, 'ivysaur', 'vine-whip')).toEqual(['level-up5', 'start0'])
    expect(has(extract.learnsets, 'ivysaur', 'razor-leaf')).toEqual(['level-up31'])
  })

  test("TMs come from the Let's Go table only, with Let's Go numbers", () => {
    expect(has(extract.learnsets, 'ivysaur', 'toxic')).toEqual(['tm#27'])
    expect(has(extract.learnsets, 'ivysaur', 'sludge-bomb')).toEqual(['tm#52'])
    expect(has(extract.learnsets, 'pikachu', 'thunder-punch')).toEqual(['tm#23'])
    expect(has(extract.learnsets, 'ivysaur', 'bullet-seed')).toEqual([])
    expect(extract.learnsets?.filter((e) => e.pokemon === 'ivysaur' && e.method === 'tm')).toHaveLength(12)
  })

  test('partner tutor moves go to the partner form only; both forms share the base page', () => {
    expect(has(extract.learnsets, 'pikachu-starter', 'zippy-zap')).toEqual(['tutor'])
    expect(has(extract.learnsets, 'pikachu', 'zippy-zap')).toEqual([])
    expect(has(extract.learnsets, 'pikachu-starter', 'thunderbolt')).toEqual(['level-up21', 'tm#36'])
    expect(has(extract.learnsets, 'pikachu', 'thunderbolt')).toEqual(['level-up21', 'tm#36'])
    expect(extract.learnsets?.filter((e) => e.method === 'tutor').map((e) => e.move)).toEqual([
      'zippy-zap',
      'splishy-splash',
      'floaty-fall',
    ])
  })

  test("moves not learned in Let's Go are skipped, even with unknown names", () => {
    expect(extract.rejects.map((r) => r.raw).join('\n')).not.toContain('Frotte-Frimousse')
    expect(has(extract.learnsets, 'pikachu', 'thunder-shock')).toEqual(['start0'])
  })

  test('Alolan form via the HTML fallback: Départ + Évolution in one cell, TMs still from wikitext', () => {
    expect(has(extract.learnsets, 'raichu-alola', 'psychic')).toEqual(['evolution', 'start0', 'tm#40'])
    expect(has(extract.learnsets, 'raichu-alola', 'teleport')).toEqual(['tm#4'])
  })

  test('unknown name → reject with page URL, section and row; the other rows load', () => {
    const unknown = extract.rejects.find((r) => r.reason.includes('Ultimapoing'))
    expect(unknown).toEqual({
      source: 'pokepedia',
      locator: `${BASE_URL}/Raichu_d'Alola/G%C3%A9n%C3%A9ration_7#Par_mont%C3%A9e_en_niveau row 3`,
      raw: 'Ultimapoing | — | — | Départ | Normal | Physique | 80 | 85 | 20',
      reason: 'unknown move name "Ultimapoing"',
    })
    expect(has(extract.learnsets, 'raichu-alola', 'growl')).toEqual(['start0'])
  })

  test('malformed section → one reject naming both readers; the rest of the page loads', () => {
    const broken = extract.rejects.find((r) => r.locator.includes('Rattata_d'))
    expect(broken?.locator).toBe(
      `${BASE_URL}/Rattata_d'Alola/G%C3%A9n%C3%A9ration_7#Par_mont%C3%A9e_en_niveau`,
    )
    expect(broken?.reason).toBe(
      "'Par montée en niveau' unreadable (wikitext: a {{#invoke:Apprentissage}} table is never closed; HTML: no level-up table with a Let's Go column) (for rattata-alola)",
    )
    expect(has(extract.learnsets, 'rattata-alola', 'headbutt')).toEqual(['tm#1'])
  })

  test('missing pages (missingtitle, HTTP 404) → rejects naming the forms; Megas are not fetched', () => {
    const missing = extract.rejects.filter((r) => r.reason.startsWith('page not found'))
    expect(missing.map((r) => r.reason)).toEqual([
      "page not found: missingtitle: The page you specified doesn't exist. (for raticate-alola)",
      'page not found: HTTP 404 (for eevee, eevee-starter)',
    ])
    expect(extract.rejects).toHaveLength(4)
    expect(requests.some((url) => url.includes('Florizarre'))).toBe(false)
  })

  test('one request a page, plus one HTML request only where the wikitext was not enough', () => {
    expect(requests).toHaveLength(8)
    expect(requests.filter((url) => url.includes('prop=text'))).toHaveLength(2)
    expect(progress).toHaveLength(6)
    expect(progress[5]).toBe('6/6 Évoli/Génération_7')
    expect(extract.warnings).toEqual([])
  })
})

describe('extractPokepedia when things go wrong', () => {
  test('unreachable host: stop at once, one warning, keep what was read', async () => {
    const http = createMemoryFetcher(BASE_URL, pages, { unreachableAfter: 2 })
    const extract = await extractPokepedia(base, http, { baseUrl: BASE_URL, moveNamesFr: MOVE_NAMES_FR })
    expect(http.requests).toHaveLength(3)
    expect(extract.warnings).toEqual([
      'pokepedia: wiki.test unreachable (getaddrinfo ENOTFOUND wiki.test); stopped after 2 of 6 pages, keeping what was read',
    ])
    expect(has(extract.learnsets, 'pikachu-starter', 'zippy-zap')).toEqual(['tutor'])
    expect(extract.learnsets?.some((e) => e.pokemon === 'raichu-alola')).toBe(false)
  })

  test('status 0 also means unreachable', async () => {
    const http: HttpFetcher = { get: async (url) => ({ status: 0, body: '', fromCache: false, url }) }
    const extract = await extractPokepedia(base, http, { moveNamesFr: MOVE_NAMES_FR })
    expect(extract.warnings).toHaveLength(1)
    expect(extract.warnings[0]).toContain('www.pokepedia.fr unreachable')
    expect(extract.rejects).toEqual([])
  })

  test('no French move names at all: one warning, nothing fetched', async () => {
    const http = createMemoryFetcher(BASE_URL, pages)
    const extract = await extractPokepedia(base, http, { baseUrl: BASE_URL })
    expect(http.requests).toEqual([])
    expect(extract.warnings).toEqual([
      'pokepedia: no French move names (pass moveNamesFr, e.g. from PokéAPI); nothing fetched',
    ])
  })

  test("a name that maps to a move outside Let's Go is rejected, and a fetcher bug costs one page only", async () => {
    const wikitext =
      '=== Par montée en niveau ===\n{{#invoke:Apprentissage|niveau|génération=7|\nBalle Graine / 1 / 1 / 5\n}}'
    const one: Extract = { ...base, pokemon: [form('bulbasaur', 'bulbasaur', 'base', 'Bulbizarre')] }
    const http = createMemoryFetcher(BASE_URL, { 'Bulbizarre/Génération_7': { wikitext } })
    const extract = await extractPokepedia(one, http, { baseUrl: BASE_URL, moveNamesFr: MOVE_NAMES_FR })
    expect(extract.rejects.map((r) => r.reason)).toContain(
      '"Balle Graine" is bullet-seed, which is not a Let\'s Go move in the base extract',
    )
    const failing: HttpFetcher = { get: async () => Promise.reject(new TypeError('bad header')) }
    const failed = await extractPokepedia(one, failing, { baseUrl: BASE_URL, moveNamesFr: MOVE_NAMES_FR })
    expect(failed.rejects).toEqual([
      {
        source: 'pokepedia',
        locator: `${BASE_URL}/Bulbizarre/G%C3%A9n%C3%A9ration_7`,
        raw: 'Bulbizarre/Génération_7',
        reason: 'failed: bad header',
      },
    ])
  })
})
