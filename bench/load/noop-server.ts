/**
 * `bun bench/load/noop-server.ts <host> <port>`: an HTTP server that answers every request with
 * an empty 204. The API benchmark loads it first, in its own process like the real server, so
 * the req/s it reaches is the ceiling the generator itself allows on this machine (what is left
 * after the generator's own CPU use), against which the real figures are read.
 */
const [host = '127.0.0.1', port = '0'] = process.argv.slice(2)
const server = Bun.serve({
  hostname: host,
  port: Number(port),
  fetch: () => new Response(null, { status: 204 }),
})
process.stdout.write(`noop server on http://${host}:${server.port}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.stop(true)
    process.exit(0)
  })
}
