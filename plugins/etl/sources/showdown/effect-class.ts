/**
 * Deterministic classification of a move into one `EffectClass`.
 *
 * Precedence (first rule that matches wins; the order puts what most changes a 1v1 first):
 *
 * Damaging moves (category Physical/Special):
 *  1. `ohko`            the dex's `ohko` flag (Fissure, Guillotine, Horn Drill)
 *  2. `counter`         returns damage taken: Counter, Mirror Coat, Bide
 *  3. `fixed-damage`    a `damage` value (Dragon Rage 40, Sonic Boom 20, Seismic Toss/Night Shade =
 *                       level) or a damage callback (Super Fang, Psywave)
 *  4. `weight-based`    Low Kick, Grass Knot, Heavy Slam, Heat Crash (none is in Let's Go)
 *  5. `variable-power`  base power 0 computed at run time (Pika Papow, Veevee Volley: friendship)
 *  6. `self-destruct`   the user faints (Self-Destruct, Explosion)
 *  7. `two-turn`        `flags.charge`: charge turn or semi-invulnerable turn (Solar Beam, Fly, Dig)
 *  8. `recharge`        `self.volatileStatus === 'mustrecharge'` (Hyper Beam)
 *  9. `multi-hit`       `multihit` (Double Kick, Pin Missile, Double Iron Bash…)
 * 10. `recoil`          `recoil` (Double-Edge, Take Down, Submission, Flare Blitz); crash damage on
 *                       a miss (High Jump Kick) is not recoil
 * 11. `drain`           `drain` (Absorb, Mega Drain, Leech Life, Dream Eater, Bouncy Bubble)
 * 12. `priority`        priority > 0 (Quick Attack, Zippy Zap, Fake Out, Ice Shard…)
 * 13. `damage`          every other damaging move
 *
 * Status moves:
 * 14. `protect`         `stallingMove` (Protect)
 * 15. `healing`         `heal` or `flags.heal` (Recover, Roost, Soft-Boiled, Rest)
 * 16. `status-condition` inflicts a status (`status`) or confusion/drowsiness (`volatileStatus`
 *                       confusion/yawn): Thunder Wave, Toxic, Confuse Ray, Yawn…
 * 17. `stat-change`     `boosts` on the target or the user (Growl, Swords Dance, Minimize…)
 * 18. `field`           side/field conditions or a whole-field target (Reflect, Light Screen,
 *                       Mist, Stealth Rock, Haze)
 * 19. `other`           everything else (Teleport, Roar, Substitute, Transform, Metronome…)
 *
 * Why named lists for rules 2–4: `@pkmn/dex` is data only, the engine's callbacks
 * (`damageCallback`, `basePowerCallback`) are stripped, so the few moves whose behaviour lives
 * only in code are named here; a test checks them against `@pkmn/sim`, which keeps the callbacks.
 */
import type { Move } from '@pkmn/dex'
import type { EffectClass } from '../../model.ts'

/** Moves that return damage taken (engine callbacks / the `bide` volatile). */
export const COUNTER_MOVE_IDS: ReadonlySet<string> = new Set(['counter', 'mirrorcoat', 'bide'])
/** Fixed damage computed by an engine callback rather than a `damage` value. */
export const FIXED_DAMAGE_CALLBACK_IDS: ReadonlySet<string> = new Set(['superfang', 'psywave'])
/** Power from the target's or user's weight. */
export const WEIGHT_BASED_MOVE_IDS: ReadonlySet<string> = new Set([
  'lowkick',
  'grassknot',
  'heavyslam',
  'heatcrash',
])

const FIELD_TARGETS: ReadonlySet<string> = new Set(['all', 'allySide', 'foeSide', 'allyTeam'])
const STATUS_VOLATILES: ReadonlySet<string> = new Set(['confusion', 'yawn'])

function dealsFixedDamage(move: Move): boolean {
  const hasDamageValue = move.damage !== undefined && move.damage !== null && move.damage !== false
  return hasDamageValue || FIXED_DAMAGE_CALLBACK_IDS.has(move.id)
}

function inflictsStatus(move: Move): boolean {
  return Boolean(move.status) || STATUS_VOLATILES.has(move.volatileStatus ?? '')
}

function affectsField(move: Move): boolean {
  const condition = move.sideCondition ?? move.weather ?? move.pseudoWeather ?? move.terrain
  return Boolean(condition) || FIELD_TARGETS.has(move.target)
}

function classifyDamaging(move: Move): EffectClass {
  if (move.ohko) return 'ohko'
  if (COUNTER_MOVE_IDS.has(move.id)) return 'counter'
  if (dealsFixedDamage(move)) return 'fixed-damage'
  if (WEIGHT_BASED_MOVE_IDS.has(move.id)) return 'weight-based'
  if (move.basePower === 0) return 'variable-power'
  if (move.selfdestruct) return 'self-destruct'
  if (move.flags.charge) return 'two-turn'
  if (move.self?.volatileStatus === 'mustrecharge') return 'recharge'
  if (move.multihit !== undefined) return 'multi-hit'
  if (move.recoil) return 'recoil'
  if (move.drain) return 'drain'
  if (move.priority > 0) return 'priority'
  return 'damage'
}

function classifyStatus(move: Move): EffectClass {
  if (move.stallingMove) return 'protect'
  if (move.heal || move.flags.heal) return 'healing'
  if (inflictsStatus(move)) return 'status-condition'
  if (move.boosts || move.self?.boosts) return 'stat-change'
  if (affectsField(move)) return 'field'
  return 'other'
}

/**
 * Classifies a move; see the module comment for the precedence.
 *
 * @example
 * classifyEffect(dex.moves.get('solarbeam'))  // 'two-turn'
 * classifyEffect(dex.moves.get('pikapapow'))  // 'variable-power'
 */
export function classifyEffect(move: Move): EffectClass {
  return move.category === 'Status' ? classifyStatus(move) : classifyDamaging(move)
}
