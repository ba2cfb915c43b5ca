import { expect, test } from 'bun:test'
import type { PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import { createLocale } from '../i18n/locale.ts'
import { koText, Ranking } from './predict-result.tsx'

const fr = createLocale('fr')
const en = createLocale('en')
const move = (slug: string, name_fr: string) => ({ slug, name_fr, name_en: slug, type_id: 13 })
/** The two moves and the type the rankings below name. */
const catalogue = {
  moveBySlug: new Map([
    ['thunderbolt', move('thunderbolt', 'Tonnerre')],
    ['surf', move('surf', 'Surf')],
  ]),
  typeById: new Map([[13, { id: 13, slug: 'electric', name_fr: 'Électrik', name_en: 'Electric' }]]),
} as unknown as PokedexCatalogue
const side = { name_fr: 'Pikachu', name_en: 'Pikachu' } as PokemonEntry

test('KO wording, as players write it, when the advice gives KO chances', () => {
  expect(koText(fr, { ko: { hits: 2, chance: 1 } })).toBe('K.O. garanti en 2 coups')
  expect(koText(fr, { ko: { hits: 1, chance: 0.5625 } })).toBe('56 % de chances de K.O. en 1 coup')
  expect(koText(en, { ko: { hits: 1, chance: 0.5625 } })).toBe('56% chance to KO in 1 hit')
  expect(koText(en, { ko: { hits: 3, chance: 1 } })).toBe('guaranteed KO in 3 hits')
  // the model's average when there is no exact KO chance
  expect(koText(fr, { hitsToKo: 4 })).toBe('K.O. en 4 coups en moyenne')
  expect(koText(fr, { hitsToKo: 99 })).toBe('aucun K.O. possible')
})

test('damage ranges (critical hits apart) and the method are shown when present', async () => {
  const html = await (
    Ranking({
      l: fr,
      catalogue,
      a: side,
      b: side,
      advice: [
        {
          move: 'thunderbolt',
          winProbability: 0.731,
          method: 'exact',
          reply: 'surf',
          yours: { range: { min: 0.45, max: 0.53, critMin: 0.68, critMax: 0.8 }, ko: { hits: 2, chance: 1 } },
          theirs: { range: { min: 0.2, max: 0.24 }, ko: { hits: 5, chance: 0.25 } },
        },
      ],
    }) as unknown as { toString(): Promise<string> | string }
  ).toString()
  expect(html).toContain('45–53 % (critique : 68–80 %) · K.O. garanti en 2 coups')
  expect(html).toContain('20–24 % · 25 % de chances de K.O. en 5 coups')
  expect(html).toContain('73,1 %')
  expect(html).toContain('calcul exact')
})

test('an answer without damage details says so instead of claiming no KO is possible', async () => {
  const render = async (method: 'model' | 'sampled') =>
    (
      Ranking({
        l: fr,
        catalogue,
        a: side,
        b: side,
        advice: [{ move: 'thunderbolt', winProbability: 0.2, method, reply: 'surf', yours: {}, theirs: {} }],
      }) as unknown as { toString(): Promise<string> | string }
    ).toString()
  const model = await render('model')
  expect(model).not.toContain('aucun K.O. possible')
  expect(model).not.toContain('Vos dégâts')
  expect(model).toContain('non détaillés : chance estimée par le modèle')
  expect(await render('sampled')).toContain('combats simulés par le moteur')
})
