import { expect, test } from 'bun:test'
import { callingThread } from './calling-thread.ts'

test('the calling thread answers like a worker: in order, with copies, errors as error events, nothing after terminate', async () => {
  const received: unknown[] = []
  const thread = callingThread({
    onStart: (post) => post({ ready: true }),
    async onMessage(message, post) {
      const { n } = message as { n: number }
      if (n < 0) throw new Error('negative')
      await Bun.sleep(n === 1 ? 20 : 0) // a slower first job is still answered first
      post({ n, doubled: 2 * n })
    },
  })
  const errors: string[] = []
  thread.onerror = (event) => errors.push(event.message)
  const answered = new Promise<void>((resolve) => {
    thread.onmessage = (event) => {
      received.push(event.data)
      if (received.length === 3) resolve()
    }
  })
  const sent = { n: 1 }
  thread.postMessage(sent)
  sent.n = 99 // a worker gets a copy: changing the object after posting changes nothing
  thread.postMessage({ n: -1 })
  thread.postMessage({ n: 2 })
  await answered
  expect(received).toEqual([{ ready: true }, { n: 1, doubled: 2 }, { n: 2, doubled: 4 }])
  expect(errors).toEqual(['Error: negative'])
  thread.terminate()
  thread.postMessage({ n: 3 })
  await Bun.sleep(10)
  expect(received).toHaveLength(3)
})

test('terminating the calling thread stops what its handler started, once', () => {
  let stops = 0
  const thread = callingThread({ onMessage() {}, onStop: () => stops++ })
  thread.terminate()
  thread.terminate()
  expect(stops).toBe(1)
})
