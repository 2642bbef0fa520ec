import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tree, getProjects, readJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import * as ts from 'typescript';
import { EMBEDDED_RUNTIME, ROOT_TSCONFIG, serviceGenerator } from '../src/service/generator';

const root = join(__dirname, '..', '..', '..');
const real = (path: string) => readFileSync(join(root, path), 'utf-8');

/** An in-memory workspace holding the real registration files and two existing projects; nothing is written to disk. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const path of [
    ROOT_TSCONFIG,
    EMBEDDED_RUNTIME,
    'services/intake/project.json',
    'libs/messaging/project.json',
  ]) {
    tree.write(path, real(path));
  }
  return tree;
}

const generate = (tree: Tree, name: string) => serviceGenerator(tree, { name, skipFormat: true });

const contents = (tree: Tree) =>
  new Map(tree.listChanges().map((change) => [change.path, change.content?.toString('utf-8')]));

/** The files a generation created or changed in the workspace. */
async function changedBy(tree: Tree, name: string): Promise<string[]> {
  const before = contents(tree);
  await generate(tree, name);
  return [...contents(tree)].filter(([path, content]) => before.get(path) !== content).map(([path]) => path);
}

describe('nx g @claims/scaffold:service', () => {
  it('generates a service in the house style', async () => {
    const tree = workspace();
    const changed = await changedBy(tree, 'demo-x');

    const expected = [
      'README.md',
      'project.json',
      'tsconfig.json',
      'src/main.ts',
      'src/index.ts',
      'src/demo-x.module.ts',
      'src/domain/demo-x-case/demo-x-case.events.ts',
      'src/domain/demo-x-case/demo-x-case.state.ts',
      'src/domain/demo-x-case/demo-x-case.decider.ts',
      'src/domain/demo-x-case/open-demo-x-case.ts',
      'src/domain/demo-x-case/close-demo-x-case.ts',
      'src/application/ports.ts',
      'src/application/open-demo-x-case/open-demo-x-case.command.ts',
      'src/application/get-demo-x-case/get-demo-x-case.query.ts',
      'src/application/demo-x-case-history/demo-x-case-history.queries.ts',
      'src/infrastructure/demo-x-case.projection.ts',
      'src/infrastructure/demo-x-case.repository.ts',
      'src/infrastructure/intake-claims.consumer.ts',
      'src/http/demo-x-cases.controller.ts',
      'src/http/demo-x-case.requests.ts',
      'test/demo-x-case.spec.ts',
      'test/demo-x.http.spec.ts',
    ].map((file) => `services/demo-x/${file}`);
    expect(changed.filter((path) => path.startsWith('services/demo-x/')).sort()).toEqual(
      [...expected].sort(),
    );
    expect(changed.filter((path) => !path.startsWith('services/demo-x/')).sort()).toEqual(
      [EMBEDDED_RUNTIME, ROOT_TSCONFIG].sort(),
    );

    const project = getProjects(tree).get('demo-x');
    expect(project?.root).toBe('services/demo-x');
    expect(project?.tags).toEqual(['type:service', 'scope:demo-x']);
    expect(Object.keys(project?.targets ?? {})).toEqual(['typecheck', 'lint', 'test', 'serve']);
    expect(project?.targets?.serve.options.command).toBe(
      'node -r @swc-node/register services/demo-x/src/main.ts',
    );

    const module = tree.read('services/demo-x/src/demo-x.module.ts', 'utf-8');
    expect(module).toContain("export const SERVICE_NAME = 'demo-x';");
    expect(module).toContain('CqrsModule.forRoot()');
    expect(module).toContain(
      'ServiceInfrastructureModule.forService({ name: SERVICE_NAME, entities: demoXReadModels })',
    );
    expect(tree.read('services/demo-x/src/domain/demo-x-case/demo-x-case.decider.ts', 'utf-8')).toContain(
      'unknownEvent(event)',
    );
    expect(tree.read('services/demo-x/src/http/demo-x-cases.controller.ts', 'utf-8')).toContain(
      "@Controller('demo-x/cases')",
    );
  });

  it('registers the service in the embedded runtime and as @claims/<name>', async () => {
    const tree = workspace();
    await generate(tree, 'demo-x');

    expect(readJson(tree, ROOT_TSCONFIG).compilerOptions.paths['@claims/demo-x']).toEqual([
      './services/demo-x/src/index.ts',
    ]);
    const embedded = tree.read(EMBEDDED_RUNTIME, 'utf-8') ?? '';
    expect(embedded).toContain("import { DemoXModule } from '@claims/demo-x';\n");
    expect(embedded.indexOf("from '@claims/complaint'")).toBeLessThan(
      embedded.indexOf("from '@claims/demo-x'"),
    );
    expect(embedded.indexOf("from '@claims/demo-x'")).toBeLessThan(embedded.indexOf("from '@claims/intake'"));
    expect(embedded).toMatch(
      /allServices = \(\) => \[[^\]]*AnalyticsModule\.register\(\),\n {2}DemoXModule\.register\(\),\n\];/,
    );
    // the existing registrations are untouched
    expect(
      embedded
        .replace("import { DemoXModule } from '@claims/demo-x';\n", '')
        .replace('  DemoXModule.register(),\n', ''),
    ).toBe(real(EMBEDDED_RUNTIME));
  });

  it('renders every template: valid TypeScript and JSON, no placeholder left', async () => {
    const tree = workspace();
    await generate(tree, 'fraud-screening');
    const files = tree.listChanges().filter((change) => change.path.startsWith('services/fraud-screening/'));
    expect(files.length).toBeGreaterThan(20);
    for (const { path, content } of files) {
      const text = content?.toString('utf-8') ?? '';
      expect(`${path}: ${/<%|%>|__\w+__|demo/i.exec(`${path}\n${text}`)?.[0] ?? 'clean'}`).toBe(
        `${path}: clean`,
      );
      if (path.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow();
      if (path.endsWith('.ts')) {
        const { diagnostics } = ts.transpileModule(text, { reportDiagnostics: true, fileName: path });
        expect(
          `${path}: ${diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ') ?? ''}`,
        ).toBe(`${path}: `);
      }
    }
    const ports = tree.read('services/fraud-screening/src/application/ports.ts', 'utf-8');
    expect(ports).toContain("export const FRAUD_SCREENING_CASES = Symbol('FRAUD_SCREENING_CASES');");
    expect(ports).toContain(
      'export type FraudScreeningCases = DeciderRepository<FraudScreeningCase, FraudScreeningCaseEvent>;',
    );
    expect(
      tree.read(
        'services/fraud-screening/src/domain/fraud-screening-case/fraud-screening-case.events.ts',
        'utf-8',
      ),
    ).toContain('FraudScreeningCaseOpened: 1, FraudScreeningCaseClosed: 1');
    expect(tree.read(EMBEDDED_RUNTIME, 'utf-8')).toContain('  FraudScreeningModule.register(),\n];');
  });

  it('refuses to run twice for one name', async () => {
    const tree = workspace();
    await generate(tree, 'demo-x');
    await expect(generate(tree, 'demo-x')).rejects.toThrow('Refused: services/demo-x already exists');
  });

  it('refuses an existing service, project or path alias', async () => {
    await expect(generate(workspace(), 'intake')).rejects.toThrow('Refused: services/intake already exists');
    await expect(generate(workspace(), 'messaging')).rejects.toThrow(
      'Refused: an Nx project named "messaging" already exists',
    );
    const tree = workspace();
    tree.delete('services/intake');
    await expect(generate(tree, 'intake')).rejects.toThrow(
      'Refused: tsconfig.base.json already maps @claims/intake',
    );
  });

  it.each(['DemoX', 'demo_x', 'demo x', '1demo', 'demo--x', '-demo', 'demo-', 'démo', '', '../intake'])(
    'refuses the name %j: not kebab-case',
    async (name) => {
      const tree = workspace();
      const before = contents(tree);
      await expect(generate(tree, name)).rejects.toThrow('Use kebab-case');
      expect(contents(tree)).toEqual(before);
    },
  );

  it('refuses a name too long for database schema and table names', async () => {
    await expect(generate(workspace(), `a${'-b'.repeat(20)}`)).rejects.toThrow('longer than 40 characters');
  });

  it('refuses clearly when the embedded runtime has no allServices list', async () => {
    const tree = workspace();
    tree.write(EMBEDDED_RUNTIME, 'export const services = [];\n');
    await expect(generate(tree, 'demo-x')).rejects.toThrow(
      'has no `export const allServices = () => [ ... ]`',
    );
  });
});
