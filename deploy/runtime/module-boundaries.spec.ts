import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function lint(filePath: string, source: string): { status: number | null; output: string } {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'eslint'), ['--stdin', '--stdin-filename', filePath], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
    timeout: 120_000,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('Nx module boundaries (npm run lint)', () => {
  it('refuses a service importing another service', () => {
    const result = lint('services/complaint/src/domain/x.ts', "import { IntakeModule } from '@claims/intake';\nexport const m = IntakeModule;\n");
    expect(result.status).toBe(1);
    expect(result.output).toContain('@nx/enforce-module-boundaries');
  }, 120_000);

  it('refuses a lib importing a service', () => {
    const result = lint('libs/messaging/src/x.ts', "import { IntakeModule } from '@claims/intake';\nexport const m = IntakeModule;\n");
    expect(result.status).toBe(1);
    expect(result.output).toContain('@nx/enforce-module-boundaries');
  }, 120_000);

  it('lets a service import a lib', () => {
    const result = lint('services/complaint/src/domain/x.ts', "import { newEvent } from '@claims/event-sourcing';\nexport const f = newEvent;\n");
    expect(result.output).not.toContain('enforce-module-boundaries');
    expect(result.status).toBe(0);
  }, 120_000);
});
