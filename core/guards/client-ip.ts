import type { Context } from 'hono'
import { getConnInfo } from 'hono/bun'

/**
 * The address every request without a socket (Hono's `app.request()` in tests, a bare
 * `app.fetch(req)`) shares. A constant, never a header: headers are the client's to forge.
 */
export const UNKNOWN_CLIENT = 'unknown'

const ADDRESS_CHARS = /^[0-9a-fA-F:.]{2,45}$/

/** Eight 16-bit groups of an IPv6 address, or undefined if it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address
  const groups: number[] = []
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const bytes = dotted.slice(1).map(Number)
    if (bytes.some((b) => b > 255)) return undefined
    text = `${text.slice(0, dotted.index)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)))
  const head = parse(halves[0]!)
  const tail = halves.length === 2 ? parse(halves[1]!) : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  groups.push(...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail)
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined
}

/**
 * The rate-limit identity of an address: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 as its
 * /64 network.
 *
 * Why /64: one IPv6 subscriber usually owns a whole /64 and can rotate through 2^64 addresses,
 * so a per-address bucket would be no limit at all.
 *
 * @example
 * clientBucketId('2001:db8::1') // '2001:db8:0:0::/64'
 */
export function clientBucketId(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (!bare.includes(':')) return bare
  const groups = ipv6Groups(bare)
  if (!groups) return bare
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.')
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    // No Bun server in c.env: app.request() in tests, or a custom fetch wrapper.
    return undefined
  }
}

/**
 * Who is calling, for per-IP rate limits.
 *
 * Why the *last* X-Forwarded-For entry, and only when `trustProxy`: a client can send any
 * X-Forwarded-For it likes; the last entry is the one our own proxy appended, the only one we can
 * believe. Without a trusted proxy the header is ignored and the socket address is used.
 *
 * @example
 * clientAddress(c, false) // '203.0.113.9' (socket) or 'unknown' under app.request()
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')
    const last = forwarded
      ?.split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0)
      .at(-1)
    if (last && ADDRESS_CHARS.test(last.replace(/^\[|\]$/g, ''))) return last
  }
  return socketAddress(c) ?? UNKNOWN_CLIENT
}
