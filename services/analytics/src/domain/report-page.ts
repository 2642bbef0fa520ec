import { QuarterlyReport } from './quarterly-report';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A grouped horizontal bar chart in plain SVG (no charting library is in the workspace): each
 * key with the quarter's bar and the previous quarter's beside it.
 */
export function barChart(
  title: string,
  current: Record<string, number>,
  previous: Record<string, number>,
  labels: [string, string],
): string {
  const keys = [...new Set([...Object.keys(current), ...Object.keys(previous)])].sort();
  const max = Math.max(1, ...keys.map((k) => Math.max(current[k] ?? 0, previous[k] ?? 0)));
  const row = 34;
  const width = 640;
  const left = 170;
  const barWidth = (v: number) => Math.round(((width - left - 60) * v) / max);
  const height = 40 + keys.length * row + 24;
  const bars = keys
    .map((k, i) => {
      const y = 36 + i * row;
      const c = current[k] ?? 0;
      const p = previous[k] ?? 0;
      return [
        `<text x="${left - 8}" y="${y + 14}" text-anchor="end" font-size="12">${escape(k)}</text>`,
        `<rect class="bar current" data-key="${escape(k)}" x="${left}" y="${y}" width="${barWidth(c)}" height="13" fill="#1f5fa8"/>`,
        `<text x="${left + barWidth(c) + 4}" y="${y + 11}" font-size="11">${c}</text>`,
        `<rect class="bar previous" x="${left}" y="${y + 14}" width="${barWidth(p)}" height="13" fill="#9bb7d9"/>`,
        `<text x="${left + barWidth(p) + 4}" y="${y + 25}" font-size="11">${p}</text>`,
      ].join('');
    })
    .join('');
  const legend =
    `<rect x="${left}" y="${height - 18}" width="10" height="10" fill="#1f5fa8"/><text x="${left + 14}" y="${height - 9}" font-size="11">${escape(labels[0])}</text>` +
    `<rect x="${left + 100}" y="${height - 18}" width="10" height="10" fill="#9bb7d9"/><text x="${left + 114}" y="${height - 9}" font-size="11">${escape(labels[1])}</text>`;
  return (
    `<svg class="chart" role="img" aria-label="${escape(title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<text x="0" y="18" font-size="14" font-weight="bold">${escape(title)}</text>${bars}${legend}</svg>`
  );
}

const num = (v: number | null) => (v === null ? '–' : String(v));

/** The quarterly report as a printable page: figures in tables, charts as inline SVG. */
export function reportPage(report: QuarterlyReport): string {
  const labels: [string, string] = [report.quarter, report.previous.quarter];
  const cl = report.claims;
  const co = report.complaints;
  const compliance = (r: typeof co.current) =>
    Object.fromEntries(
      Object.entries(r.timeLimitCompliance)
        .filter(([, v]) => v.compliance !== null)
        .map(([k, v]) => [k, Math.round((v.compliance ?? 0) * 100)]),
    );
  const table = (rows: [string, string, string][]) =>
    `<table><thead><tr><th>figure</th><th>${escape(labels[0])}</th><th>${escape(labels[1])}</th></tr></thead><tbody>${rows
      .map(([a, b, c]) => `<tr><td>${escape(a)}</td><td>${escape(b)}</td><td>${escape(c)}</td></tr>`)
      .join('')}</tbody></table>`;
  const payout = (r: typeof cl.current) =>
    Object.entries(r.payoutTotalsMinor)
      .map(([cur, minor]) => `${cur} ${minor}`)
      .join(', ') || '0';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quarterly report ${escape(report.quarter)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#111}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #bbb;padding:3px 8px;font-size:12px;text-align:right}
td:first-child,th:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:16px}
.basis{font-size:11px;color:#555}
@media print{body{margin:0}.chart,table{break-inside:avoid}h2{break-after:avoid}}
@page{size:A4;margin:14mm}
</style></head><body>
<h1>Quarterly report ${escape(report.quarter)} (beside ${escape(report.previous.quarter)})</h1>
<p class="basis">Computed from ${report.basis.events} received integration events up to positions ${escape(
    Object.entries(report.basis.positions)
      .map(([k, v]) => `${k}@${v}`)
      .join(', '),
  )}. Quarters in China Standard Time.</p>
<h2>Claims</h2>
<div class="charts">
${barChart('Claims by channel', cl.current.byChannel, cl.previous.byChannel, labels)}
${barChart('Claims by product line', cl.current.byProductLine, cl.previous.byProductLine, labels)}
${barChart('Denial reason codes', cl.current.denialReasonCodes, cl.previous.denialReasonCodes, labels)}
</div>
${table([
  ['received', String(cl.current.received), String(cl.previous.received)],
  ['approval rate', num(cl.current.approvalRate), num(cl.previous.approvalRate)],
  ['denial rate', num(cl.current.denialRate), num(cl.previous.denialRate)],
  ['fast-track share', num(cl.current.fastTrackShare), num(cl.previous.fastTrackShare)],
  [
    'hours to acceptance p50 / p90',
    `${num(cl.current.hoursToAcceptance.p50)} / ${num(cl.current.hoursToAcceptance.p90)}`,
    `${num(cl.previous.hoursToAcceptance.p50)} / ${num(cl.previous.hoursToAcceptance.p90)}`,
  ],
  [
    'hours to decision p50 / p90',
    `${num(cl.current.hoursToDecision.p50)} / ${num(cl.current.hoursToDecision.p90)}`,
    `${num(cl.previous.hoursToDecision.p50)} / ${num(cl.previous.hoursToDecision.p90)}`,
  ],
  [
    'hours to payment p50 / p90',
    `${num(cl.current.hoursToPayment.p50)} / ${num(cl.current.hoursToPayment.p90)}`,
    `${num(cl.previous.hoursToPayment.p50)} / ${num(cl.previous.hoursToPayment.p90)}`,
  ],
  [
    'incomplete first submissions',
    String(cl.current.incompleteFirstSubmissions),
    String(cl.previous.incompleteFirstSubmissions),
  ],
  [
    'supplementary rounds per case',
    num(cl.current.supplementaryRoundsPerCase),
    num(cl.previous.supplementaryRoundsPerCase),
  ],
  ['escalations above authority', String(cl.current.escalations), String(cl.previous.escalations)],
  ['payout totals (minor units)', payout(cl.current), payout(cl.previous)],
  [
    'fraud / misrepresentation denials',
    String(cl.current.fraudOrMisrepresentationDenials),
    String(cl.previous.fraudOrMisrepresentationDenials),
  ],
])}
<h2>Complaints</h2>
<div class="charts">
${barChart('Complaints by category', co.current.byCategory, co.previous.byCategory, labels)}
${barChart('Complaints by channel', co.current.byChannel, co.previous.byChannel, labels)}
${barChart('Time-limit compliance (%)', compliance(co.current), compliance(co.previous), labels)}
</div>
${table([
  ['received', String(co.current.received), String(co.previous.received)],
  ['accepted', String(co.current.accepted), String(co.previous.accepted)],
  ['declined', String(co.current.declined), String(co.previous.declined)],
  [
    'hours to closure p50 / p90',
    `${num(co.current.hoursToClosure.p50)} / ${num(co.current.hoursToClosure.p90)}`,
    `${num(co.previous.hoursToClosure.p50)} / ${num(co.previous.hoursToClosure.p90)}`,
  ],
  ['re-evaluations', String(co.current.reevaluations), String(co.previous.reevaluations)],
  [
    'satisfied share',
    num(co.current.satisfaction.satisfiedShare),
    num(co.previous.satisfaction.satisfiedShare),
  ],
])}
<h2>Not in the published events</h2>
<ul>${report.missing.map((m) => `<li><b>${escape(m.figure)}</b>: ${escape(m.why)}</li>`).join('')}</ul>
</body></html>
`;
}
