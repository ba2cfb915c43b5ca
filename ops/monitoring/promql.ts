import { parser } from '@prometheus-io/lezer-promql'

type SyntaxNode = ReturnType<typeof parser.parse>['topNode']

/**
 * What a PromQL expression refers to, read with Prometheus' own grammar (the Lezer parser its web
 * UI uses), so tests can check that rules and dashboards only name series that exist.
 */
export interface PromqlRefs {
  /** Each selector: the metric name and the label names its matchers use. */
  selectors: { metric: string; labels: string[] }[]
  /** Label names in by/without/on/ignoring clauses and label-taking functions. */
  groupingLabels: string[]
  /** Label names the expression's result keeps when it is a `by (...)` aggregation at the top. */
  topLevelBy: string[] | undefined
}

/** Grafana's variables, replaced by values PromQL accepts before parsing. */
export function substituteGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b/g, '5m')
    .replace(/\$\{?__[a-z_]+\}?/g, '300')
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, 'grafana_variable_$1')
}

/**
 * Parses an expression and lists what it refers to.
 *
 * @throws Error naming the position of the first syntax error.
 * @example
 * extractRefs('sum by (role) (rate(http_requests_total{status=~"5.."}[5m]))')
 * // { selectors: [{ metric: 'http_requests_total', labels: ['status'] }], groupingLabels: ['role'], topLevelBy: ['role'] }
 */
export function extractRefs(expr: string): PromqlRefs {
  const source = substituteGrafanaVariables(expr)
  const tree = parser.parse(source)
  const text = (node: SyntaxNode) => source.slice(node.from, node.to)
  const refs: PromqlRefs = { selectors: [], groupingLabels: [], topLevelBy: undefined }
  let error: number | undefined
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) error ??= ref.from
      const node = ref.node
      if (ref.name === 'VectorSelector') {
        const name = node.getChild('Identifier')
        const matchers = node.getChild('LabelMatchers')
        const labels = matchers
          ? matchers.getChildren('UnquotedLabelMatcher').map((m) => text(m.getChild('LabelName')!))
          : []
        refs.selectors.push({ metric: name ? text(name) : '', labels })
      }
      if (ref.name === 'GroupingLabels') {
        for (const label of node.getChildren('LabelName')) refs.groupingLabels.push(text(label))
      }
    },
  })
  if (error !== undefined) {
    throw new Error(`PromQL syntax error at ${error}: …${source.slice(error, error + 40)}… in ${expr}`)
  }
  const top = tree.topNode.firstChild
  if (top?.name === 'AggregateExpr') {
    const modifier = top.getChild('AggregateModifier')
    if (modifier?.getChild('By')) {
      refs.topLevelBy = modifier
        .getChild('GroupingLabels')!
        .getChildren('LabelName')
        .map((l) => text(l))
    }
  }
  return refs
}
