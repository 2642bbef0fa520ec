/**
 * Writes the platform's public OpenAPI document (all five services, as the embedded platform and
 * the gateway serve it) to the given file: `node -r @swc-node/register deploy/openapi/export-document.ts out.json`.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { JsonLogger, createHost, loadPlatformConfig } from '@claims/service-host';
import { allServices } from '../runtime/embedded';

async function main(out: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openapi-'));
  const config = loadPlatformConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' });
  const app = await createHost({
    name: 'platform',
    config,
    services: allServices(),
    logger: new JsonLogger('openapi', 'error'),
  });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const document = await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).json();
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv[2] ?? 'tmp/openapi.json').catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
