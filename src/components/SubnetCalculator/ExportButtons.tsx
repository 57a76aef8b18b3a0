import { useContext } from 'preact/hooks';
import { type ExportTable, exportFileName, toCsv, toMarkdown } from '../../lib/subnet-calculator/index.ts';
import { CopyContext, downloadText } from './Copy.tsx';

/** Download and copy buttons for a table as CSV and Markdown; `note` says what the export holds. */
export function ExportButtons(props: {
  readonly table: () => ExportTable;
  readonly name: string;
  readonly note: string;
}) {
  const { copy, announce } = useContext(CopyContext);
  const save = (format: 'csv' | 'md') => {
    const table = props.table();
    const fileName = exportFileName(props.name, format);
    if (format === 'csv') downloadText(toCsv(table), fileName, 'text/csv;charset=utf-8');
    else downloadText(toMarkdown(table), fileName, 'text/markdown;charset=utf-8');
    announce(`Downloading ${fileName}`);
  };
  return (
    <fieldset class="sc-export">
      <legend class="sc-export-note">{props.note}</legend>
      <span class="sc-export-buttons">
        <button type="button" onClick={() => save('csv')}>
          Download CSV
        </button>
        <button type="button" onClick={() => copy(toCsv(props.table()), 'table as CSV')}>
          Copy CSV
        </button>
        <button type="button" onClick={() => save('md')}>
          Download Markdown
        </button>
        <button type="button" onClick={() => copy(toMarkdown(props.table()), 'table as Markdown')}>
          Copy Markdown
        </button>
      </span>
    </fieldset>
  );
}
