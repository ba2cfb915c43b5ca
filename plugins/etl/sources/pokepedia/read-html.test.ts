import { describe, expect, test } from 'bun:test'
import { fixture } from '../../../../testing/etl/pokepedia-memory-fetcher.ts'
import { readHtmlSection } from './read-html.ts'

describe('readHtmlSection', () => {
  test("level-up: the Let's Go column is found by its header link title; <br> separates levels", async () => {
    const read = readHtmlSection(await fixture('raichu-alola.html'), 'level')
    if (!read.ok) throw new Error(read.reason)
    expect(read.rows.map((row) => [row.name, row.cell])).toEqual([
      ['Psyko', 'Départ, Évolution'],
      ['Éclair', 'Départ'],
      ['Ultimapoing', 'Départ'],
      ['Rugissement', 'Départ'],
    ])
  })

  test("the column is chosen by title, not position (Let's Go first here)", () => {
    const html = `<h3><span class="mw-headline" id="Par_mont.C3.A9e_en_niveau">Par montée en niveau</span></h3>
<table class="tableaustandard"><tr><th rowspan="2">Capacité</th><th colspan="3">Niveau</th></tr>
<tr><th><a title="Pokémon : Let's Go, Pikachu et Let's Go, Évoli">LGPE</a></th><th><a title="Pokémon Soleil et Lune">SL</a></th><th><a title="Pokémon Ultra-Soleil et Ultra-Lune">USUL</a></th></tr>
<tr><td>Charge</td><td>N.7</td><td>1</td><td>2</td></tr></table>`
    const read = readHtmlSection(html, 'level')
    expect(read.ok && read.rows).toEqual([
      { row: 1, raw: 'Charge | N.7 | 1 | 2', name: 'Charge', cell: 'N.7' },
    ])
  })

  test("TM: the table under the h4 whose link title names Let's Go, with CT numbers", async () => {
    const read = readHtmlSection(await fixture('raichu-alola.html'), 'tm')
    if (!read.ok) throw new Error(read.reason)
    expect(read.rows.map((row) => `${row.tm}:${row.name}`)).toEqual([
      '33:Plénitude',
      '40:Psyko',
      '4:Téléport',
    ])
  })

  test("a level table without a Let's Go column is malformed", async () => {
    const read = readHtmlSection(await fixture('rattata-alola.malformed-html'), 'level')
    expect(read).toEqual({ ok: false, reason: "no level-up table with a Let's Go column" })
  })

  test("a TM section without a Let's Go heading, or no such section, is malformed", async () => {
    const html = await fixture('rattata-alola.malformed-html')
    expect(readHtmlSection(html, 'tm')).toEqual({ ok: false, reason: "no Let's Go heading under 'Par CT'" })
    expect(readHtmlSection(html, 'tutor')).toEqual({
      ok: false,
      reason: "no 'Par donneur de capacités' heading",
    })
  })

  test('not HTML at all: no section, no crash', () => {
    expect(readHtmlSection('<<<>>> ]]] {{', 'level').ok).toBe(false)
  })
})
