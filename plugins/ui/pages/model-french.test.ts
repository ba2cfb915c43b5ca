import { expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { frenchDocument, frenchText } from './model-french.ts'

const MODELS = join(import.meta.dir, '..', '..', '..', 'models')
const CHAMPION = join(MODELS, readFileSync(join(MODELS, 'champion'), 'utf8').trim())
/** English words the trainer's sentences use; none may survive in the French documents. */
const ENGLISH =
  /\b(battles|Pair test|Species test|Observed|against|boosting round|Share of|Feature importance|Calibration of|Model report|How to read|Summary|Hyper-parameter|False positive|True positive|unseen|model)\b/

test('the champion’s five charts and its report read in French, numbers included', async () => {
  for (const file of [
    'calibration.svg',
    'roc-pair-test.svg',
    'roc-species-test.svg',
    'feature-importance.svg',
    'training-loss.svg',
    'report.html',
  ]) {
    const french = frenchDocument(await Bun.file(join(CHAMPION, file)).text())
    const texts = [...french.replace(/<style[\s\S]*?<\/style>/g, '').matchAll(/>([^<>]+)</g)].map(
      (m) => m[1]!,
    )
    expect([file, texts.filter((t) => ENGLISH.test(t))]).toEqual([file, []])
    expect([
      file,
      texts.filter((t) => /(?<![\w.])\d+\.\d+(?![\w.])/.test(t) && !/\d{4}-\d{2}-\d{2}T/.test(t)),
    ]).toEqual([file, []])
    expect([file, texts.filter((t) => /^\s*\d{4}-\d{2}-\d{2}T/.test(t))]).toEqual([file, []])
  }
})

test('sentences with figures, thousands and decimals', () => {
  expect(
    frenchText(
      'model · Pair test (unseen matchups), p in [0.00, 0.10): mean predicted 0.0157, observed 0.0162, 94,200 battles',
    ),
  ).toBe(
    'modèle · test par paires (duels jamais vus), p dans [0,00 ; 0,10[ : prédit en moyenne 0,0157, observé 0,0162, 94\u202f200 combats',
  )
  expect(frenchText(' Observed win rate ')).toBe(' Taux de victoire observé ')
  // identifiers and hashes are left alone; a timestamp reads as a French date
  expect(frenchText('b_move_power')).toBe('b_move_power')
  expect(frenchText('2026-11-26T04:42:44.344Z')).toBe('26 novembre 2026 à 04:42 UTC')
  expect(frenchText('best round 437')).toBe('optimum : 437')
  expect(
    frenchDocument('<html lang="en"><style>a{b:0.5}</style><p title="Observed win rate">0.25</p></html>'),
  ).toBe('<html lang="fr"><style>a{b:0.5}</style><p title="Taux de victoire observé">0,25</p></html>')
})
