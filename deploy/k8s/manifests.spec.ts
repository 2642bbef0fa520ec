import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformConfig } from '@claims/service-host';
import { Manifest, readKustomization, validateManifest } from './validate-manifests';

const SERVICES = ['intake', 'claims-review', 'complaint', 'notification', 'analytics'];
const REPOSITORY = join(__dirname, '..', '..');

interface Container {
  name: string;
  image: string;
  args: string[];
  ports: { name: string; containerPort: number }[];
  envFrom: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
}

describe('Kubernetes manifests (deploy/k8s)', () => {
  const { kustomization, files } = readKustomization(__dirname);
  const manifests = files.flatMap((f) => f.manifests);
  const find = (kind: string, name: string) =>
    manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const data = (kind: string, name: string, field: 'data' | 'stringData') =>
    (find(kind, name)?.[field] ?? {}) as Record<string, string>;

  it('are valid against the Kubernetes API schemas, with no unknown field', () => {
    expect(manifests.length).toBeGreaterThan(10);
    expect(
      files.flatMap(({ file, manifests: inFile }) =>
        inFile.flatMap((m) => validateManifest(m).map((p) => `${file}: ${p}`)),
      ),
    ).toEqual([]);
  });

  it('would refuse a wrong type, a missing required field and an unknown field', () => {
    const deployment = find('Deployment', 'intake') as Manifest & { spec: Record<string, unknown> };
    const broken = (
      change: (copy: {
        spec: Record<string, unknown> & { template: { spec: { containers: Record<string, unknown>[] } } };
      }) => void,
    ) => {
      const copy = structuredClone(deployment) as never;
      change(copy);
      return validateManifest(copy);
    };
    expect(broken((d) => (d.spec.replicas = 'two'))).toEqual([
      expect.stringContaining('replicas must be integer'),
    ]);
    expect(broken((d) => delete d.spec.selector)).toEqual([
      expect.stringContaining('spec must have required property selector'),
    ]);
    expect(broken((d) => (d.spec.template.spec.containers[0].resourcez = {}))).toEqual([
      'apps/v1/Deployment intake: unknown field spec.template.spec.containers.0.resourcez',
    ]);
  });

  it('run each of the five services with liveness, readiness and startup probes, resources, config and secrets', () => {
    expect(kustomization.namespace).toBe('claims-platform');
    for (const service of SERVICES) {
      const deployment = find('Deployment', service) as Manifest & {
        spec: {
          selector: { matchLabels: Record<string, string> };
          template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
        };
      };
      expect(deployment).toBeDefined();
      const [container] = deployment.spec.template.spec.containers;
      expect(container.image).toBe('claims-platform:0.1.0');
      expect(container.args).toEqual([`services/${service}/src/main.ts`]);
      expect(existsSync(join(REPOSITORY, container.args[0]))).toBe(true);
      expect(container.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: 3000 })]);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits.memory).toBeDefined();
      for (const source of container.envFrom) {
        if (source.configMapRef) expect(find('ConfigMap', source.configMapRef.name)).toBeDefined();
        if (source.secretRef) expect(find('Secret', source.secretRef.name)).toBeDefined();
      }
      expect(container.envFrom).toHaveLength(2);
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);

      const serviceManifest = find('Service', service) as Manifest & {
        spec: { selector: Record<string, string>; ports: { targetPort: string }[] };
      };
      expect(deployment.spec.template.metadata.labels).toMatchObject(serviceManifest.spec.selector);
      expect(serviceManifest.spec.ports.map((p) => p.targetPort)).toEqual(['http']);
    }
  });

  it('hold a configuration the platform accepts, and a secret placeholder it refuses until it is replaced', () => {
    const config = data('ConfigMap', 'claims-platform-config', 'data');
    const secret = data('Secret', 'claims-platform-secrets', 'stringData');
    expect(Object.keys(secret).sort()).toEqual(['AUTH_JWT_SECRET', 'DATABASE_URL']);
    expect(() => loadPlatformConfig({ ...config, ...secret })).toThrow(/AUTH_JWT_SECRET/);
    const accepted = loadPlatformConfig({ ...config, ...secret, AUTH_JWT_SECRET: 'x'.repeat(32) });
    expect(accepted).toMatchObject({
      EVENT_STORE: 'postgres',
      READ_MODELS: 'postgres',
      BUS: 'kafka',
      PORT: 3000,
      DATA_DIR: '/data',
    });
  });
});
