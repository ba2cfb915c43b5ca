/**
 * What a pool needs of a worker thread: the `Worker` members it uses. A real `Worker` is one; so
 * is `callingThread(…)`.
 */
export interface ThreadLike {
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  postMessage(message: unknown): void
  terminate(): void
}

/**
 * A worker's message handler: gets each message the pool posts, and `post` to answer (any number
 * of times, e.g. a `ready` at start from `onStart`).
 */
export interface ThreadHandler {
  onStart?(post: (reply: unknown) => void): void
  onMessage(message: unknown, post: (reply: unknown) => void): void | Promise<void>
  /**
   * The thread is terminated: release what the handler started (threads of its own). A worker's
   * own threads end with it; on the calling thread they would outlive the pool.
   */
  onStop?(): void
}

/**
 * The calling thread dressed as a worker, for the pools' `inThread` modes (test kernels): the
 * handler a worker module runs, run here instead, so no worker is started — a worker's cold start
 * loads the battle engine again (≈ 1 CPU-second), which a process that has it loaded already
 * need not pay. Messages are copied both ways (`structuredClone`), as between threads, so what
 * would not cross a thread fails here too; each is handled on a later turn of the event loop (the
 * pool's own timers are set first), one at a time; after `terminate` nothing more is answered.
 *
 * Why not everywhere: a job on the calling thread holds it until it ends — no request is answered
 * meanwhile and no timeout can cut the job short. Serving keeps its workers.
 *
 * @example
 * const thread = inThread ? callingThread(createBattleHandler()) : new Worker(url)
 */
export function callingThread(handler: ThreadHandler): ThreadLike {
  let stopped = false
  let queue: Promise<void> = Promise.resolve()
  const post = (reply: unknown) => {
    if (stopped) return
    const data = structuredClone(reply)
    thread.onmessage?.(new MessageEvent('message', { data }))
  }
  const thread: ThreadLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const data = structuredClone(message)
      queue = queue.then(
        () =>
          new Promise<void>((resolve) => {
            setTimeout(async () => {
              try {
                if (!stopped) await handler.onMessage(data, post)
              } catch (error) {
                if (!stopped) thread.onerror?.(new ErrorEvent('error', { message: String(error), error }))
              }
              resolve()
            }, 0)
          }),
      )
    },
    terminate() {
      if (stopped) return
      stopped = true
      handler.onStop?.()
    },
  }
  if (handler.onStart) setTimeout(() => handler.onStart!(post), 0)
  return thread
}
