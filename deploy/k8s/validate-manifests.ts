import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parseAllDocuments } from 'yaml';

/** A manifest as parsed from YAML. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

export interface ManifestFile {
  readonly file: string;
  readonly manifests: readonly Manifest[];
}

/** The kinds the platform's manifests use, with the schema validator of kubernetes-models for each. */
const MODELS: Record<string, { prototype: { validate(): void } }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Namespace': Namespace,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Every file a kustomization lists under `resources`, parsed (YAML errors throw). */
export function readKustomization(directory: string): {
  kustomization: Record<string, unknown>;
  files: ManifestFile[];
} {
  const kustomization = parseAllDocuments(
    readFileSync(join(directory, 'kustomization.yaml'), 'utf8'),
  )[0].toJS() as Record<string, unknown>;
  const files = (kustomization.resources as string[]).map((resource) => {
    const file = resolve(directory, resource);
    if (!existsSync(file)) throw new Error(`kustomization.yaml lists ${resource}, which does not exist`);
    const documents = parseAllDocuments(readFileSync(file, 'utf8'));
    for (const document of documents) {
      if (document.errors.length)
        throw new Error(`${resource}: ${document.errors.map((e) => e.message).join('; ')}`);
    }
    return {
      file: resource,
      manifests: documents.map((d) => d.toJS() as Manifest).filter((m) => m !== null),
    };
  });
  return { kustomization, files };
}

/**
 * Validates one manifest against the Kubernetes API's OpenAPI schema (kubernetes-models: types,
 * required fields, enums, formats) and, like kubeconform's strict mode, refuses fields the schema
 * does not know: the validator is run over a proxy that records every field it reads, and a
 * field it never read is unknown. Returns the problems found (none: valid).
 */
export function validateManifest(manifest: Manifest): string[] {
  const group = `${manifest.apiVersion}/${manifest.kind}`;
  const model = MODELS[group];
  if (!model) return [`${group}: no schema for this kind (add it to MODELS)`];
  const { root, unread } = recordingProxy(manifest);
  try {
    model.prototype.validate.call(root);
  } catch (error) {
    return [`${group} ${manifest.metadata?.name}: ${(error as Error).message}`];
  }
  return unread().map((path) => `${group} ${manifest.metadata?.name}: unknown field ${path}`);
}

function recordingProxy(value: unknown): { root: unknown; unread: () => string[] } {
  const read = new Set<string>();
  const all = new Set<string>();
  const wrap = (target: unknown, path: string): unknown => {
    if (target === null || typeof target !== 'object') return target;
    for (const key of Object.keys(target)) all.add(`${path}.${key}`);
    return new Proxy(target as Record<string, unknown>, {
      get(object, property, receiver) {
        const child = Reflect.get(object, property, receiver);
        if (typeof property !== 'string' || !Object.prototype.hasOwnProperty.call(object, property))
          return child;
        read.add(`${path}.${property}`);
        return wrap(child, `${path}.${property}`);
      },
    });
  };
  const root = wrap(value, '');
  // Array items are read by index; an array itself counts as read when its parent field was.
  return {
    root,
    unread: () => [...all].filter((p) => !read.has(p) && !/\.\d+$/.test(p)).map((p) => p.slice(1)),
  };
}

/** `node -r @swc-node/register deploy/k8s/validate-manifests.ts`: exit 1 listing the problems. */
if (require.main === module) {
  const directory = dirname(__filename);
  const problems = readKustomization(directory).files.flatMap(({ file, manifests }) =>
    manifests.flatMap((m) => validateManifest(m).map((problem) => `${file}: ${problem}`)),
  );
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stdout.write(problems.length ? `${problems.length} problem(s)\n` : 'manifests valid\n');
  process.exitCode = problems.length ? 1 : 0;
}
