import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { KernelError } from '../../../core/errors.ts'

/** One quiz step: the running score and the question on screen, as carried by hidden fields. */
export interface QuizState {
  score: number
  asked: number
  /** Attacking type id. */
  attacking: number
  /** Defending type ids (one or two, distinct). */
  defending: number[]
  /** PRNG state for the next question, so `?seed=` replays the same sequence. */
  rng: number
}

/** The signed hidden fields of the quiz form (all strings, as a form posts them). */
export type QuizFields = Record<'score' | 'asked' | 'attacking' | 'defending' | 'rng' | 'sig', string>

export class QuizStateError extends KernelError {
  constructor(message: string) {
    super('UI_QUIZ_TAMPERED', message, { plugin: 'ui' })
    this.name = 'QuizStateError'
  }
}

const INT = /^\d{1,10}$/

/** mulberry32: tiny, fast and reproducible; returns [value in [0,1), next state]. */
export function nextRandom(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) >>> 0
  let t = next
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next]
}

/** Any `?seed=` text → a uint32 PRNG state (FNV-1a), so words work as seeds too. */
export function seedState(seed: string): number {
  let h = 0x811c9dc5
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
  return h
}

/**
 * Signs and verifies the quiz's hidden fields with an HMAC, so the quiz stays stateless on the
 * server yet a forged score or question is refused. The secret is random per process: a restart
 * only invalidates quizzes in progress, which is cheaper than managing a persistent key.
 *
 * @example
 * const signer = createQuizSigner()
 * const fields = signer.sign(state)
 * signer.verify(fields) // → state, or throws QuizStateError
 */
export function createQuizSigner(secret: Buffer = randomBytes(32)) {
  const canonical = (f: Omit<QuizFields, 'sig'>) =>
    ['quiz/1', f.score, f.asked, f.attacking, f.defending, f.rng].join('|')
  const mac = (text: string) => createHmac('sha256', secret).update(text).digest()
  return {
    sign(state: QuizState): QuizFields {
      const fields = {
        score: String(state.score),
        asked: String(state.asked),
        attacking: String(state.attacking),
        defending: state.defending.join(','),
        rng: String(state.rng >>> 0),
      }
      return { ...fields, sig: mac(canonical(fields)).toString('base64url') }
    },
    verify(form: Record<string, unknown>): QuizState {
      const text = (key: keyof QuizFields) => (typeof form[key] === 'string' ? (form[key] as string) : '')
      const fields = {
        score: text('score'),
        asked: text('asked'),
        attacking: text('attacking'),
        defending: text('defending'),
        rng: text('rng'),
      }
      const given = Buffer.from(text('sig'), 'base64url')
      const expected = mac(canonical(fields))
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new QuizStateError('quiz fields do not match their signature')
      }
      const defending = fields.defending.split(',')
      if (
        ![fields.score, fields.asked, fields.attacking, fields.rng, ...defending].every((v) => INT.test(v))
      ) {
        throw new QuizStateError('quiz fields are not integers')
      }
      return {
        score: Number(fields.score),
        asked: Number(fields.asked),
        attacking: Number(fields.attacking),
        defending: defending.map(Number),
        rng: Number(fields.rng),
      }
    },
  }
}
