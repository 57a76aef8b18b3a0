/**
 * WCAG 2.5.3 (Label in Name): a control's accessible name must contain its visible text. Starlight's search
 * button is named "Search" but also shows the shortcut as `<kbd>Ctrl</kbd><kbd>K</kbd>`, whose text reads "CtrlK";
 * axe reports label-content-name-mismatch. This names the button "Search Ctrl K" and separates the keys with
 * spaces (the keys sit in a flex container, so the spaces do not change the layout).
 */
export function searchButtonLabelInName(html: string, label: string, ctrlKey: string): string {
  const start = html.indexOf('<button data-open-modal');
  if (start === -1) return html;
  const end = html.indexOf('</button>', start);
  if (end === -1) return html;
  const button = html
    .slice(start, end)
    .replace(`aria-label="${label}"`, `aria-label="${label} ${ctrlKey} K"`)
    .replace(/<\/span>\s*<kbd/, '</span> <kbd')
    .replace(/<\/kbd>\s*<kbd/g, '</kbd> <kbd');
  return html.slice(0, start) + button + html.slice(end);
}
