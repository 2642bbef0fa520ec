import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionMatrixMarkdown, roleMay } from '../src';

describe('permission matrix', () => {
  it('is rendered unchanged in docs/security.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/security.md'), 'utf8');
    const rendered = /<!-- permission-matrix:start -->\n([\s\S]*?)\n<!-- permission-matrix:end -->/.exec(
      doc,
    )?.[1];
    expect(rendered).toBe(permissionMatrixMarkdown());
  });

  it('keeps the separations the business relies on', () => {
    expect(roleMay('claims-handler', 'claim.approve')).toBe(false);
    expect(roleMay('approver', 'claim.review')).toBe(false);
    expect(roleMay('customer', 'history.read')).toBe(false);
    expect(roleMay('analyst', 'claim.read')).toBe(false);
    expect(roleMay('admin', 'personal-data.forget')).toBe(true);
    expect(roleMay('auditor', 'personal-data.forget')).toBe(false);
  });
});
