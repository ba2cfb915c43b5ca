/**
 * Battles per second of the LGPE engine with our policies, on one thread.
 *
 *   bun bench/battles.ts [battlesPerRun]     (default 1000; 5 runs per matchup, < 30 s in total)
 *
 * Prints the median of 5 runs for a typical short matchup (the target is ≥ 550 battles/s on the
 * 2-core reference machine) and for a long, bulky one (to show the per-turn cost).
 */
import { createLgpeEngine } from '../plugins/ml/battle/engine.ts'
import { bestPolicy } from '../plugins/ml/battle/policies.ts'
import { deriveSeed } from '../plugins/ml/battle/prng.ts'
import { runBattle } from '../plugins/ml/battle/run.ts'
import { type BattleFormInput, buildBattleSet } from '../plugins/ml/battle/sets.ts'
import { median } from './median.ts'

const RUNS = 5
const battlesPerRun = Number(process.argv[2] ?? 1000)
if (!Number.isInteger(battlesPerRun) || battlesPerRun < 1)
  throw new Error('battlesPerRun must be a positive integer')

const engine = createLgpeEngine()
/** [label, A, B, share of battlesPerRun]: the long matchup runs fewer battles to stay under 30 s. */
const matchups: [string, BattleFormInput, BattleFormInput, number][] = [
  [
    'Pikachu vs Squirtle (typical)',
    { species: 'Pikachu', moves: ['thunderbolt', 'quickattack', 'irontail', 'thunderwave'] },
    { species: 'Squirtle', moves: ['watergun', 'bite', 'tackle', 'withdraw'] },
    1,
  ],
  [
    'Chansey vs Chansey (long)',
    { species: 'Chansey', moves: ['seismictoss', 'softboiled', 'pound', 'sing'] },
    { species: 'Chansey', moves: ['seismictoss', 'softboiled', 'pound', 'sing'] },
    0.25,
  ],
]

function measure(a: BattleFormInput, b: BattleFormInput, battles: number, run: number) {
  const [setA, setB] = [buildBattleSet(engine, a), buildBattleSet(engine, b)]
  const [policyA, policyB] = [bestPolicy(), bestPolicy()]
  let turns = 0
  const start = performance.now()
  for (let i = 0; i < battles; i++) {
    turns += runBattle(engine, setA, setB, policyA, policyB, deriveSeed([run, 1, 2, 3], i)).turns
  }
  const seconds = (performance.now() - start) / 1000
  return { battlesPerSecond: battles / seconds, meanTurns: turns / battles }
}

for (const [label, a, b, share] of matchups) {
  const battles = Math.max(1, Math.round(battlesPerRun * share))
  measure(a, b, battles, 99) // warm-up: JIT and the dex's lazy caches
  const runs = Array.from({ length: RUNS }, (_, run) => measure(a, b, battles, run))
  const rates = runs.map((r) => r.battlesPerSecond).sort((x, y) => x - y)
  console.log(
    `${label}: median ${median(rates).toFixed(0)} battles/s over ${RUNS}×${battles} ` +
      `(runs ${rates.map((r) => r.toFixed(0)).join(', ')}; ${runs[0]?.meanTurns.toFixed(1)} turns/battle)`,
  )
}
