/**
 * A horizontal bar for a share in [0, 1], drawn in SVG so its length is an attribute, not an
 * inline style (a strict Content-Security-Policy blocks `style="width:…"`). Decorative: the value
 * is always printed next to it.
 *
 * @example
 * <Bar share={0.42} class="stat-hp" />
 */
export function Bar(props: { share: number; class?: string }) {
  const width = Math.round(1000 * Math.max(0, Math.min(1, props.share))) / 10
  return (
    <svg
      class={`bar-track${props.class ? ` ${props.class}` : ''}`}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect class="bar-fill" x="0" y="0" width={String(width)} height="10" />
    </svg>
  )
}
