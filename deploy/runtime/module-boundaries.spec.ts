import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function lint(filePath: string, source: string): { status: number | null; output: string } {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'eslint'),
    ['--stdin', '--stdin-filename', filePath],
    {
      cwd: root,
      input: source,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
      timeout: 120_000,
    },
  );
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('Nx module boundaries (npm run lint)', () => {
  it('refuses a service importing another service', () => {
    const result = lint(
      'services/complaint/src/domain/x.ts',
      "import { IntakeModule } from '@claims/intake';\nexport const m = IntakeModule;\n",
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('@nx/enforce-module-boundaries');
  }, 120_000);

  it('refuses a lib importing a service', () => {
    const result = lint(
      'libs/messaging/src/x.ts',
      "import { IntakeModule } from '@claims/intake';\nexport const m = IntakeModule;\n",
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('@nx/enforce-module-boundaries');
  }, 120_000);

  it('lets a service import a lib', () => {
    const result = lint(
      'services/complaint/src/domain/x.ts',
      "import { newEvent } from '@claims/event-sourcing';\nexport const f = newEvent;\n",
    );
    expect(result.output).not.toContain('enforce-module-boundaries');
    expect(result.status).toBe(0);
  }, 120_000);
});

describe('layers inside a service (npm run lint)', () => {
  it('refuses an application module importing infrastructure', () => {
    const result = lint(
      'services/claims-review/src/application/x.ts',
      "import { X } from '../infrastructure/review-cases';\nexport const y = X;\n",
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('no-restricted-imports');
  }, 120_000);

  it('refuses an application module importing TypeORM or throwing HTTP exceptions', () => {
    const typeorm = lint(
      'services/intake/src/application/queries/x.ts',
      "import { DataSource } from 'typeorm';\nexport type D = DataSource;\n",
    );
    expect(typeorm.status).toBe(1);
    const http = lint(
      'services/intake/src/application/x.ts',
      "import { NotFoundException } from '@nestjs/common';\nexport const e = NotFoundException;\n",
    );
    expect(http.status).toBe(1);
    expect(http.output).toContain('no-restricted-imports');
  }, 120_000);

  it('refuses a domain module importing the application layer or a framework', () => {
    expect(
      lint(
        'services/intake/src/domain/claim/x.ts',
        "import { Y } from '../../application/ports';\nexport const y = Y;\n",
      ).status,
    ).toBe(1);
    expect(
      lint(
        'services/intake/src/domain/x.ts',
        "import { AggregateRoot } from '@nestjs/cqrs';\nexport const a = AggregateRoot;\n",
      ).status,
    ).toBe(1);
  }, 120_000);

  it('lets http import application and application import domain', () => {
    const http = lint(
      'services/intake/src/http/x.ts',
      "import { Y } from '../application/ports';\nexport const y = Y;\n",
    );
    expect(http.output).not.toContain('no-restricted-imports');
    const app = lint(
      'services/intake/src/application/x.ts',
      "import { Y } from '../domain/vocabulary';\nimport { Injectable } from '@nestjs/common';\nexport const y = [Y, Injectable];\n",
    );
    expect(app.output).not.toContain('no-restricted-imports');
  }, 120_000);
});
