import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { foldAll } from '../src/domain/case-archive';
import { quarterlyReport } from '../src/domain/quarterly-report';
import { positionsOf } from '../src/domain/received-event';
import { reportPage } from '../src/domain/report-page';
import { asReceived, seedTwoQuarters } from './seed';

/** Debian's `chromium` (or CHROMIUM_BIN); the test is skipped, and says so, when there is none. */
function findChromium(): string | null {
  const candidates = [process.env['CHROMIUM_BIN'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => typeof c === 'string' && existsSync(c)) ?? null;
}

const chromium = findChromium();
if (!chromium && process.env.CI === 'true')
  throw new Error('CI needs Chromium for the report page test (apt-get install chromium)');
if (!chromium) {
  console.warn(
    'SKIPPED: the report page screenshot test needs Chromium (apt-get install chromium, or set CHROMIUM_BIN); none was found',
  );
}
const withChromium = chromium ? it : it.skip;

/** Decodes an 8-bit RGB or RGBA PNG (what Chromium writes) into its pixels. */
function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8) throw new Error('only 8-bit PNGs');
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      if (!channels) throw new Error(`PNG colour type ${body[9]} not handled`);
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels] : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter] ?? 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

describe('the quarterly report page in headless Chromium', () => {
  withChromium(
    'renders its SVG charts: a screenshot shows the bars',
    async () => {
      const events = asReceived(seedTwoQuarters());
      const cases = await foldAll(events, () => Promise.resolve(undefined));
      const html = reportPage(
        quarterlyReport('2026-Q1', cases, { positions: positionsOf(events), events: events.length }),
      );
      const dir = mkdtempSync(join(tmpdir(), 'report-page-'));
      try {
        const page = join(dir, 'report.html');
        const shot = join(dir, 'report.png');
        writeFileSync(page, html);
        execFileSync(
          chromium as string,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--hide-scrollbars',
            `--user-data-dir=${join(dir, 'profile')}`,
            '--window-size=1300,2200',
            `--screenshot=${shot}`,
            `file://${page}`,
          ],
          { stdio: 'pipe', timeout: 60_000 },
        );
        const { width, height, channels, pixels } = decodePng(readFileSync(shot));
        expect([width, height]).toEqual([1300, 2200]);
        // The quarter's bars are #1f5fa8, the previous quarter's #9bb7d9: count the pixels of each.
        let current = 0;
        let previous = 0;
        for (let i = 0; i < pixels.length; i += channels) {
          const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
          if (Math.abs(r - 0x1f) < 6 && Math.abs(g - 0x5f) < 6 && Math.abs(b - 0xa8) < 6) current++;
          if (Math.abs(r - 0x9b) < 6 && Math.abs(g - 0xb7) < 6 && Math.abs(b - 0xd9) < 6) previous++;
        }
        expect(current).toBeGreaterThan(5_000);
        expect(previous).toBeGreaterThan(1_000);
        // And it prints: Chromium's print to PDF gives a document of several pages.
        const pdf = join(dir, 'report.pdf');
        execFileSync(
          chromium as string,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            `--user-data-dir=${join(dir, 'profile')}`,
            '--no-pdf-header-footer',
            `--print-to-pdf=${pdf}`,
            `file://${page}`,
          ],
          { stdio: 'pipe', timeout: 60_000 },
        );
        const printed = readFileSync(pdf);
        expect(printed.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(
          (printed.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length,
        ).toBeGreaterThanOrEqual(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
