import { describe, expect, test } from 'bun:test'
import { recordArena, shelveArena } from './record-arena.ts'

const PAGE = 65_536

describe('record arena memory reuse', () => {
  test('a shelved memory is reused, zeroed, by the next arena that fits it', () => {
    const first = recordArena(1_000, 64)
    const total = first.histogramOffset + 64
    new Uint8Array(first.memory!.buffer).fill(0xff)
    shelveArena(first)
    const second = recordArena(1_000, 64)
    expect(second.memory).toBe(first.memory)
    const bytes = new Uint8Array(second.memory!.buffer)
    expect(bytes.subarray(0, total).every((b) => b === 0)).toBe(true)
    // Taken once: the next arena gets a memory of its own.
    expect(recordArena(1_000, 64).memory).not.toBe(second.memory)
  })

  test('a memory too small, or more than twice the size needed, is not reused', () => {
    const small = recordArena(1_000, 64)
    shelveArena(small)
    const larger = recordArena(3 * PAGE, 64)
    expect(larger.memory).not.toBe(small.memory)
    shelveArena(larger)
    expect(recordArena(1_000, 64).memory).not.toBe(larger.memory)
    // The refused spare is dropped, not kept for later.
    expect(recordArena(3 * PAGE, 64).memory).not.toBe(larger.memory)
  })
})
