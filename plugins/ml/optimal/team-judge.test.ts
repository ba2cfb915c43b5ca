import { describe, expect, test } from 'bun:test'
import { createBusyJudge, DEFAULT_TEAM_OPTIONS } from './team-judge.ts'

describe('the busy-core judge', () => {
  const options = { ...DEFAULT_TEAM_OPTIONS, minShare: 0.5, restSolves: 3, warmUp: 2, lowInARow: 2 }

  test('low shares during the warm-up send nothing alone; two in a row after it rest the next solves', () => {
    const judge = createBusyJudge(options)
    judge.record(0.1, true)
    judge.record(0.1, true)
    expect(judge.rest()).toBe(false)
    // the third shared sweep is past the warm-up, and the second low one in a row
    judge.record(0.2, true)
    expect([judge.rest(), judge.rest(), judge.rest(), judge.rest()]).toEqual([true, true, true, false])
  })

  test('a good share breaks the row; a sweep whose helper was starting is recorded but judges nothing', () => {
    const judge = createBusyJudge(options)
    for (const share of [0.9, 0.9, 0.1, 0.8, 0.1]) judge.record(share, true)
    expect(judge.rest()).toBe(false)
    judge.record(0.1, false)
    expect(judge.rest()).toBe(false)
    judge.record(0.1, true)
    expect(judge.rest()).toBe(true)
  })
})
