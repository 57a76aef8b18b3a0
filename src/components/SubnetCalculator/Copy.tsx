import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Per-instance actions: copy text and announce that `what` was copied; announce any other status. */
export interface Announcer {
  readonly copy: (text: string, what: string) => void;
  readonly announce: (message: string) => void;
}

/** The calculator's announcer (see SubnetCalculator: clipboard write + visually hidden status). */
export const CopyContext = createContext<Announcer>({ copy: () => undefined, announce: () => undefined });

/** A small "Copy" button; its accessible name says what it copies ("Copy netmask"). */
export function CopyButton(props: { readonly text: string; readonly what: string; readonly label?: string }) {
  const { copy } = useContext(CopyContext);
  return (
    <button
      type="button"
      class="sc-copy"
      aria-label={`${props.label ?? 'Copy'} ${props.what}`}
      onClick={() => copy(props.text, props.what)}
    >
      {props.label ?? 'Copy'}
    </button>
  );
}

/** Writes text to the clipboard; resolves false when the browser refuses (no permission, insecure context). */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Saves text as a file through a temporary Blob URL. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking synchronously can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
