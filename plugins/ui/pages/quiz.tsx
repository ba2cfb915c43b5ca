import { randomInt } from 'node:crypto'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { PokedexReader, TypeRow } from '../../../core/contracts/pokedex.ts'
import { wantsFragment } from '../htmx.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import { createQuizSigner, nextRandom, type QuizState, QuizStateError, seedState } from './quiz-state.ts'

/** The answer buttons, in the order a player reads them. */
const CHOICES = [0, 0.25, 0.5, 1, 2, 4] as const
/** Share of questions with a dual-typed defender: often enough to practise products, not always. */
const DUAL_SHARE = 0.4

const times = (m: number) => (m === 0.25 ? '×¼' : m === 0.5 ? '×½' : `×${m}`)

interface Chart {
  l: Locale
  types: TypeRow[]
  byId: Map<number, TypeRow>
  cell: (a: number, d: number) => number
}

/** Draws the next question from the real type chart, advancing the PRNG state. */
function draw(chart: Chart, rng: number): Pick<QuizState, 'attacking' | 'defending' | 'rng'> {
  const pick = (n: number): number => {
    const [r, next] = nextRandom(rng)
    rng = next
    return Math.floor(r * n)
  }
  const ids = chart.types.map((t) => t.id)
  const attacking = ids[pick(ids.length)]!
  const first = ids[pick(ids.length)]!
  const dual = pick(1000) < DUAL_SHARE * 1000
  const others = ids.filter((id) => id !== first)
  const defending = dual ? [first, others[pick(others.length)]!] : [first]
  return { attacking, defending, rng }
}

const multiplierOf = (chart: Chart, s: Pick<QuizState, 'attacking' | 'defending'>) =>
  s.defending.reduce((acc, d) => acc * chart.cell(s.attacking, d), 1)

const nameOf = (chart: Chart, id: number) => {
  const type = chart.byId.get(id)
  return type ? chart.l.typeName(type) : '?'
}

function Question(props: { chart: Chart; state: QuizState; fields: Record<string, string> }) {
  const { chart, state } = props
  return (
    <form
      class="quiz-question"
      method="post"
      action="/quiz/answer"
      hx-post="/quiz/answer"
      hx-target="#quiz-card"
      hx-swap="outerHTML"
    >
      <p class="quiz-prompt">
        {chart.l.t.quiz.prompt[0]}
        <strong>{nameOf(chart, state.attacking)}</strong>
        {chart.l.t.quiz.prompt[1]}
        <strong>{state.defending.map((d) => nameOf(chart, d)).join(' / ')}</strong>
        {chart.l.t.quiz.prompt[2]}
      </p>
      {Object.entries(props.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <div class="quiz-choices">
        {/* Stable ids: htmx puts the focus back on the same button after the swap. */}
        {CHOICES.map((m, i) => (
          <button type="submit" name="answer" value={String(m)} id={`quiz-answer-${i}`}>
            {times(m)}
          </button>
        ))}
      </div>
    </form>
  )
}

function Card(props: { chart: Chart; state: QuizState; fields: Record<string, string>; feedback?: unknown }) {
  return (
    <div id="quiz-card" class="quiz-card" aria-live="polite">
      {props.feedback ?? null}
      <p class="quiz-score">{props.chart.l.t.quiz.score(props.state.score, props.state.asked)}</p>
      <Question chart={props.chart} state={props.state} fields={props.fields} />
    </div>
  )
}

function Feedback(props: { chart: Chart; previous: QuizState; answer: number }) {
  const { chart, previous } = props
  const right = multiplierOf(chart, previous)
  const steps = previous.defending.map(
    (d) =>
      `${nameOf(chart, previous.attacking)} → ${nameOf(chart, d)} : ${times(chart.cell(previous.attacking, d))}`,
  )
  const why =
    steps.length > 1
      ? `${steps.join(' ; ')} ; ${steps.map((_, i) => times(chart.cell(previous.attacking, previous.defending[i]!))).join(' × ')} = ${times(right)}`
      : steps[0]
  const correct = props.answer === right
  return (
    <p class={correct ? 'quiz-feedback correct' : 'quiz-feedback incorrect'}>
      <strong>{correct ? chart.l.t.quiz.right : chart.l.t.quiz.wrong(times(right))}</strong>{' '}
      <span class="quiz-why">{why}</span>
    </p>
  )
}

/**
 * `/quiz` and `/quiz/answer`: a stateless type quiz. The score and the question travel in hidden
 * fields signed with a per-instance HMAC secret (created when the pages are created), so no
 * session store is needed and a forged score gets a 400.
 *
 * @example
 * const quiz = createQuizPages(pokedex)
 * app.get('/quiz', quiz.page)
 * app.post('/quiz/answer', quiz.answer)
 */
export function createQuizPages(pokedex: PokedexReader) {
  const signer = createQuizSigner()
  const load = async (l: Locale): Promise<Chart> => {
    const [types, rows] = await Promise.all([pokedex.listTypes(), pokedex.typeChart()])
    const cells = new Map(rows.map((r) => [`${r.attacking_id}:${r.defending_id}`, r.multiplier]))
    const sorted = [...types].sort((a, b) => a.id - b.id)
    return {
      l,
      types: sorted,
      byId: new Map(sorted.map((t) => [t.id, t])),
      cell: (a, d) => cells.get(`${a}:${d}`) ?? 1,
    }
  }
  /** The quiz section; htmx gets the card alone when it only swaps the card. */
  const section = (l: Locale, card: unknown) => (
    <section class="quiz">
      <h1>{l.t.quiz.title}</h1>
      <p class="hint">{l.t.quiz.hint}</p>
      {card as never}
    </section>
  )
  const answerPage = (c: Context, l: Locale, card: unknown) =>
    wantsFragment(c)
      ? c.html(card as never)
      : respond(c, { title: l.t.quiz.title, path: '/quiz', body: section(l, card), locale: l })
  return {
    async page(c: Context) {
      const l = localeOf(c)
      const chart = await load(l)
      const seed = c.req.query('seed')
      const start = seed === undefined || seed === '' ? randomInt(2 ** 32 - 1) : seedState(seed)
      const state: QuizState = { score: 0, asked: 0, ...draw(chart, start) }
      const card = <Card chart={chart} state={state} fields={signer.sign(state)} />
      return respond(c, { title: l.t.quiz.title, path: '/quiz', body: section(l, card), locale: l })
    },
    async answer(c: Context) {
      const l = localeOf(c)
      const form = await c.req.parseBody()
      let previous: QuizState
      try {
        previous = signer.verify(form)
      } catch (error) {
        if (!(error instanceof QuizStateError)) throw error
        throw new HTTPException(400, {
          message: l.t.quiz.tampered,
          cause: error,
        })
      }
      const chart = await load(l)
      const answer = Number(form.answer)
      if (typeof form.answer !== 'string' || !CHOICES.some((m) => m === answer)) {
        throw new HTTPException(400, { message: l.t.quiz.unknownAnswer })
      }
      if (![previous.attacking, ...previous.defending].every((id) => chart.byId.has(id))) {
        throw new HTTPException(400, { message: l.t.quiz.unknownQuestion })
      }
      const correct = answer === multiplierOf(chart, previous)
      const state: QuizState = {
        score: previous.score + (correct ? 1 : 0),
        asked: previous.asked + 1,
        ...draw(chart, previous.rng),
      }
      const card = (
        <Card
          chart={chart}
          state={state}
          fields={signer.sign(state)}
          feedback={<Feedback chart={chart} previous={previous} answer={answer} />}
        />
      )
      return answerPage(c, l, card)
    },
  }
}
