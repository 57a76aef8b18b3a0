import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { rowHeadersPlugin } from '../../../../src/lib/markdown/row-headers.ts';

const html = (md: string) => markdownToHtml(md, { hastPlugins: [rowHeadersPlugin() as never] }).html.replace(/\n/g, '');

describe('rowHeadersPlugin', () => {
  it('turns a comparison table with an empty corner into row and column headers', () => {
    const out = html('| | TCP | UDP |\n| --- | --- | --- |\n| Reliable | **yes** | no |\n| Ordered | yes | no |\n');
    expect(out).toBe(
      '<table><thead><tr><td></td><th scope="col">TCP</th><th scope="col">UDP</th></tr></thead><tbody>' +
        '<tr><th scope="row">Reliable</th><td><strong>yes</strong></td><td>no</td></tr>' +
        '<tr><th scope="row">Ordered</th><td>yes</td><td>no</td></tr></tbody></table>',
    );
  });

  it('keeps inline markup in the row header and leaves other cells alone', () => {
    const out = html('|  | A |\n| - | - |\n| `x` and [y](/y/) | 1 |\n');
    expect(out).toContain('<th scope="row"><code>x</code> and <a href="/y/">y</a></th><td>1</td>');
  });

  it('leaves ordinary tables (a named first column) as they are', () => {
    const md = '| Port | Use |\n| - | - |\n| 443 | HTTPS |\n';
    expect(html(md)).toBe(markdownToHtml(md).html.replace(/\n/g, ''));
  });
});
