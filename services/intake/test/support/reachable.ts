import { execFileSync } from 'node:child_process';

const PROBE = `
const socket = require('node:net').connect({ host: process.argv[1], port: Number(process.argv[2]) });
socket.setTimeout(1000, () => process.exit(1));
socket.on('connect', () => process.exit(0));
socket.on('error', () => process.exit(1));
`;

/**
 * Same rule as the libs' suites: a server the spec needs is probed synchronously (jest decides
 * what runs at load time); missing, it skips the spec locally and fails it under CI=true.
 */
export function reachable(name: string, hostAndPort: string): boolean {
  const [host, port] = hostAndPort.split(':');
  try {
    execFileSync(process.execPath, ['-e', PROBE, host, port], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    if (process.env.CI === 'true')
      throw new Error(`CI needs ${name} at ${hostAndPort}, and it is not reachable`);
    console.log(`skipped: no ${name} at ${hostAndPort}`);
    return false;
  }
}
