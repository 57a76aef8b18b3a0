import { describe, expect, it } from 'vitest';
import { searchButtonLabelInName } from '../../../../src/lib/a11y/label-in-name.ts';

const starlightButton =
  '<site-search><button data-open-modal disabled aria-label="Search" aria-keyshortcuts="Control+K" class="a">' +
  '<svg aria-hidden="true"></svg><span class="sl-hidden" aria-hidden="true">Search</span><kbd class="k" style="display: none;">' +
  '<kbd class="a">Ctrl</kbd><kbd class="a">K</kbd></kbd></button><dialog aria-label="Search"></dialog></site-search>';

describe('searchButtonLabelInName', () => {
  it('names the button after everything it shows, and spaces the keys', () => {
    const patched = searchButtonLabelInName(starlightButton, 'Search', 'Ctrl');
    expect(patched).toContain('aria-label="Search Ctrl K"');
    expect(patched).toContain('</span> <kbd class="k"');
    expect(patched).toContain('<kbd class="a">Ctrl</kbd> <kbd class="a">K</kbd>');
  });

  it('leaves the rest of the markup alone (the dialog keeps its own label)', () => {
    const patched = searchButtonLabelInName(starlightButton, 'Search', 'Ctrl');
    expect(patched).toContain('<dialog aria-label="Search"></dialog>');
    expect(patched.replace(/ (?=<kbd)/g, '').replace('Search Ctrl K', 'Search')).toBe(starlightButton);
  });

  it('returns markup without the button, or with a truncated one, unchanged', () => {
    expect(searchButtonLabelInName('<p>no search here</p>', 'Search', 'Ctrl')).toBe('<p>no search here</p>');
    const truncated = '<button data-open-modal aria-label="Search">';
    expect(searchButtonLabelInName(truncated, 'Search', 'Ctrl')).toBe(truncated);
  });

  it('uses the translated label and key name', () => {
    const german = starlightButton.replace(
      'aria-label="Search" aria-keyshortcuts',
      'aria-label="Suchen" aria-keyshortcuts',
    );
    expect(searchButtonLabelInName(german, 'Suchen', 'Strg')).toContain('aria-label="Suchen Strg K"');
  });
});
