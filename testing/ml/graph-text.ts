import type { HpOp } from '../../plugins/ml/solver/kernel.ts'

/** An HP op as text, a distribution by its content (test support: graphs compared as text). */
export function opText(op: HpOp): string {
  if (op.kind === 'damage') return `d${op.side}[${op.dist.min},${op.dist.max}:${op.dist.probs.join(',')}]`
  if (op.kind === 'recoil' || op.kind === 'drain') return `${op.kind}${op.side}:${op.num}/${op.den}`
  if (op.kind === 'heal' || op.kind === 'leech') return `${op.kind}${op.side}:${op.amount}`
  if (op.kind === 'guard') return `g${op.side}:${op.test}`
  return `${op.kind}${op.side}`
}
