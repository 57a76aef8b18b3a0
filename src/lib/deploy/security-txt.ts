/**
 * `/.well-known/security.txt` (RFC 9116): where to report a vulnerability. The deployer sets the contact with the
 * `SECURITY_CONTACT` environment variable at build time (an e-mail address or an https:// URL); unset, a
 * placeholder on the reserved `.invalid` domain is written and flagged in a comment.
 */

export type SecurityTxtErrorCode = 'contact-has-control-character' | 'contact-not-mailto-or-https' | 'contact-too-long';
export type SecurityTxtResult =
  | { ok: true; value: string }
  | { ok: false; error: { code: SecurityTxtErrorCode; message: string } };

export const PLACEHOLDER_CONTACT = 'mailto:security@example.invalid';
const MAX_CONTACT = 512;
const DAY_MS = 86_400_000;

/** The contact as a URI: `mailto:` added to a bare e-mail address; https:// URLs kept. */
function contactUri(raw: string): SecurityTxtResult {
  if (raw.length > MAX_CONTACT) {
    return {
      ok: false,
      error: {
        code: 'contact-too-long',
        message: `SECURITY_CONTACT is ${raw.length} characters long; at most ${MAX_CONTACT} are allowed`,
      },
    };
  }
  const position = [...raw].findIndex((char) => /\s/.test(char) || char.charCodeAt(0) < 0x20 || char === '\u007f');
  if (position >= 0) {
    return {
      ok: false,
      error: {
        code: 'contact-has-control-character',
        message: `SECURITY_CONTACT "${raw}" has whitespace or a control character at position ${position + 1}`,
      },
    };
  }
  if (/^https:\/\/[^/]+/.test(raw) || /^mailto:[^@]+@[^@]+$/.test(raw)) return { ok: true, value: raw };
  if (/^[^@:/]+@[^@:/]+\.[^@:/]+$/.test(raw)) return { ok: true, value: `mailto:${raw}` };
  return {
    ok: false,
    error: {
      code: 'contact-not-mailto-or-https',
      message: `SECURITY_CONTACT "${raw}" is neither an e-mail address, a mailto: URI nor an https:// URL`,
    },
  };
}

/**
 * The file's text. `contact` is SECURITY_CONTACT (undefined or empty: the placeholder); `canonical` is the file's own
 * https URL (omitted when the site is not served over https); `now` is the build time: `Expires` is a year later.
 */
export function securityTxt(contact: string | undefined, canonical: string, now: Date): SecurityTxtResult {
  const unset = contact === undefined || contact === '';
  const uri = unset ? { ok: true as const, value: PLACEHOLDER_CONTACT } : contactUri(contact);
  if (!uri.ok) return uri;
  const expires = new Date(now.getTime() + 365 * DAY_MS);
  const lines = [
    '# Generated at build time (RFC 9116). Set SECURITY_CONTACT when building to change the contact.',
    ...(unset ? ['# PLACEHOLDER: SECURITY_CONTACT was not set for this build.'] : []),
    `Contact: ${uri.value}`,
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    ...(canonical.startsWith('https://') ? [`Canonical: ${canonical}`] : []),
    'Preferred-Languages: en',
    '',
  ];
  return { ok: true, value: lines.join('\n') };
}
