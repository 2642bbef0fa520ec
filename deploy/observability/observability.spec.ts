/* eslint-disable @nx/enforce-module-boundaries -- the dashboard is checked against the metrics the real services serve */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ClaimsReviewModule } from '@claims/claims-review';
import { IntakeModule } from '@claims/intake';
import { JsonLogger, createHost, loadPlatformConfig } from '@claims/service-host';
import request from 'supertest';
import { parse } from 'yaml';

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: { refId: string; expr: string; legendFormat: string }[];
}

const dashboard = JSON.parse(readFileSync(join(__dirname, 'grafana-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string }[] };
};
const panels = dashboard.panels.filter((p) => p.type !== 'row');
const expressions = panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

/** Registered by the services that keep time limits (PlatformMetrics.registerGauge; runbook), not by the host. */
const SERVICE_REGISTERED = new Set(['claims_time_limits']);

function promtool(): string | null {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return 'promtool';
  } catch {
    return null;
  }
}

/** Metric names in a PromQL expression: identifiers followed by a selector, or inside a range. */
function metricNames(expr: string): string[] {
  const names = expr.match(/\b(?:http|claims|process|nodejs)_[a-z0-9_]+\b/g) ?? [];
  return [...new Set(names)];
}

describe('observability assets (deploy/observability)', () => {
  let dataDir: string;
  let app: INestApplication;
  let exposed: Set<string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'observability-assets-'));
    const config = loadPlatformConfig({ DATA_DIR: dataDir });
    app = await createHost({
      name: 'platform',
      config,
      services: [
        IntakeModule.register(),
        ClaimsReviewModule.register({ rules: { timeLimitCheckIntervalMs: 0 } }),
      ],
      logger: new JsonLogger('test', 'error'),
    });
    await app.init();
    await request(app.getHttpServer()).get('/health').expect(200); // one request, so the HTTP series exist
    const text = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    exposed = new Set(
      text
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split(/[{ ]/)[0]),
    );
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has a Grafana dashboard for HTTP rate, errors and p99, relay lag, consumer state, dead letters and time limits', () => {
    expect(dashboard.uid).toBe('claims-platform');
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'app', 'service']);
    const uses = (fragment: string) => expressions.some((e) => e.includes(fragment));
    expect(uses('rate(http_requests_total')).toBe(true);
    expect(uses('status=~"5.."')).toBe(true);
    expect(uses('histogram_quantile(0.99')).toBe(true);
    for (const metric of [
      'claims_relay_lag_events',
      'claims_consumer_up',
      'claims_dead_letters_published_total',
      'claims_time_limits',
      'claims_projection_lag_events',
    ]) {
      expect(uses(metric)).toBe(true);
    }
    for (const panel of panels) {
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  it('queries only metrics that the platform serves on /metrics', () => {
    const names = [...new Set(expressions.flatMap(metricNames))];
    const served = (name: string) => exposed.has(name) || SERVICE_REGISTERED.has(name);
    expect(names.filter((name) => !served(name))).toEqual([]);
    expect(names.length).toBeGreaterThan(10);
  });

  const tool = promtool();
  (tool ? it : it.skip)(
    'has PromQL that Prometheus parses, and a scrape configuration promtool accepts (promtool installed)',
    () => {
      const grafanaVariables: Array<[RegExp, string]> = [
        [/\$__rate_interval/g, '1m'],
        [/\$__range/g, '1h'],
        [/\$(app|service)/g, '.*'],
      ];
      const rules = {
        groups: [
          {
            name: 'dashboard',
            rules: expressions.map((expr, i) => ({
              record: `dashboard:panel_${i}`,
              expr: grafanaVariables.reduce((e, [from, to]) => e.replace(from, to), expr),
            })),
          },
        ],
      };
      const dir = mkdtempSync(join(tmpdir(), 'promql-'));
      try {
        writeFileSync(join(dir, 'rules.yml'), JSON.stringify(rules));
        execFileSync(tool as string, ['check', 'rules', join(dir, 'rules.yml')], { stdio: 'pipe' });
        execFileSync(tool as string, ['check', 'config', join(__dirname, 'prometheus.yml')], {
          stdio: 'pipe',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('scrapes every process of start:distributed and the pods the Kubernetes manifests annotate', () => {
    const config = parse(readFileSync(join(__dirname, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: {
        job_name: string;
        metrics_path: string;
        static_configs: { targets: string[]; labels: { app: string } }[];
      }[];
    };
    const distributed = config.scrape_configs.find((j) => j.job_name === 'claims-platform-distributed');
    const services = readFileSync(join(__dirname, '..', 'distributed', 'lib.sh'), 'utf8')
      .match(/^SERVICES=\(([^)]*)\)/m)?.[1]
      .split(' ');
    expect(distributed?.static_configs.map((s) => s.labels.app)).toEqual(services);
    expect(distributed?.static_configs.map((s) => s.targets[0])).toEqual(
      services?.map((_, i) => `127.0.0.1:${3001 + i}`),
    );

    const kubernetes = parse(readFileSync(join(__dirname, 'prometheus-kubernetes.yml'), 'utf8')) as {
      scrape_configs: { relabel_configs: { source_labels: string[] }[] }[];
    };
    const sources = kubernetes.scrape_configs[0].relabel_configs.flatMap((r) => r.source_labels);
    const deployment = readFileSync(join(__dirname, '..', 'k8s', 'intake.yaml'), 'utf8');
    for (const annotation of ['scrape', 'port', 'path']) {
      expect(sources).toContain(`__meta_kubernetes_pod_annotation_prometheus_io_${annotation}`);
      expect(deployment).toContain(`prometheus.io/${annotation}:`);
    }
  });
});
