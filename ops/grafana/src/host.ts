import { board, lines, stats } from './panels.ts'

const NODE = 'job="node-exporter"'
const DISKS = `${NODE}, fstype!~"tmpfs|ramfs|squashfs|overlay|nsfs|fuse.*"`

/** The machine, from node-exporter: CPU, load, memory, disk space. */
export function hostDashboard() {
  return board(
    'predictiondex-host',
    'PredictionDex · Host',
    'The host every container runs on (node-exporter): CPU, load, memory and disk space; HostMemoryLow and HostDiskSpaceLow fire below 10 %.',
  )
    .withPanel(
      stats(
        'Memory available',
        [
          {
            expr: `node_memory_MemAvailable_bytes{${NODE}} / node_memory_MemTotal_bytes{${NODE}}`,
            legend: '{{instance}}',
          },
        ],
        { unit: 'percentunit' },
      ),
    )
    .withPanel(
      stats(
        'Least free disk',
        [
          {
            expr: `min(node_filesystem_avail_bytes{${DISKS}} / node_filesystem_size_bytes{${DISKS}})`,
            legend: 'free',
          },
        ],
        { unit: 'percentunit' },
      ),
    )
    .withPanel(
      stats('CPU cores', [{ expr: `count(node_cpu_seconds_total{${NODE}, mode="idle"})`, legend: 'cores' }]),
    )
    .withPanel(
      stats('Uptime', [{ expr: `time() - node_boot_time_seconds{${NODE}}`, legend: '{{instance}}' }], {
        unit: 's',
      }),
    )
    .withPanel(
      lines(
        'CPU busy',
        [
          {
            expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{${NODE}, mode="idle"}[$__rate_interval]))`,
            legend: '{{instance}}',
          },
        ],
        { unit: 'percentunit' },
      ),
    )
    .withPanel(
      lines('Load', [
        { expr: `node_load1{${NODE}}`, legend: '1 min' },
        { expr: `node_load5{${NODE}}`, legend: '5 min' },
      ]),
    )
    .withPanel(
      lines(
        'Memory',
        [
          {
            expr: `node_memory_MemTotal_bytes{${NODE}} - node_memory_MemAvailable_bytes{${NODE}}`,
            legend: 'used',
          },
          { expr: `node_memory_MemAvailable_bytes{${NODE}}`, legend: 'available' },
        ],
        { unit: 'bytes' },
      ),
    )
    .withPanel(
      lines(
        'Free disk space by mount point',
        [
          {
            expr: `node_filesystem_avail_bytes{${DISKS}} / node_filesystem_size_bytes{${DISKS}}`,
            legend: '{{mountpoint}}',
          },
        ],
        { unit: 'percentunit', threshold: 0.1 },
      ),
    )
}
