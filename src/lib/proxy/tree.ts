/**
 * Groups tokens into directives: `name arg… ;` or `name arg… { … }`, like ngx_conf_parse. Structural errors
 * (a missing `;`, an unexpected `}`, an unclosed block) carry the position of the directive they concern.
 */
import type { Token } from './lexer.ts';
import type { Position } from './types.ts';

export interface Directive {
  readonly name: string;
  readonly args: readonly Token[];
  /** Child directives when the directive has a `{ … }` block, else null. */
  readonly block: readonly Directive[] | null;
  readonly position: Position;
}

/** Deepest nesting accepted (http → server → location → location … stays far below this). */
export const MAX_DEPTH = 12;

export type TreeResult =
  | { ok: true; directives: Directive[] }
  | { ok: false; error: { message: string; position: Position } };

/** Builds the directive tree; never throws, runs in one pass over the tokens. */
export function buildTree(tokens: readonly Token[]): TreeResult {
  const stack: { list: Directive[]; name: string; position: Position }[] = [];
  let list: Directive[] = [];
  const root = list;
  let pending: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'word') {
      pending.push(token);
      continue;
    }
    if (token.kind === ';') {
      const [head, ...args] = pending;
      if (head === undefined) {
        return { ok: false, error: { message: 'unexpected ";"', position: token.position } };
      }
      list.push({ name: head.text, args, block: null, position: head.position });
      pending = [];
      continue;
    }
    if (token.kind === '{') {
      const [head, ...args] = pending;
      if (head === undefined) {
        return { ok: false, error: { message: 'unexpected "{"', position: token.position } };
      }
      if (stack.length >= MAX_DEPTH) {
        return {
          ok: false,
          error: { message: `"${head.text}" is nested more than ${MAX_DEPTH} blocks deep`, position: head.position },
        };
      }
      const children: Directive[] = [];
      list.push({ name: head.text, args, block: children, position: head.position });
      stack.push({ list, name: head.text, position: head.position });
      list = children;
      pending = [];
      continue;
    }
    // '}'
    if (pending.length > 0) {
      const head = pending[0] as Token;
      return { ok: false, error: { message: `"${head.text}" is not terminated by ";"`, position: head.position } };
    }
    const frame = stack.pop();
    if (frame === undefined) {
      return { ok: false, error: { message: 'unexpected "}"', position: token.position } };
    }
    list = frame.list;
  }
  if (pending.length > 0) {
    const head = pending[0] as Token;
    return { ok: false, error: { message: `"${head.text}" is not terminated by ";"`, position: head.position } };
  }
  const open = stack.at(-1);
  if (open !== undefined) {
    return {
      ok: false,
      error: {
        message: `"${open.name}" block is never closed (unexpected end of file, expecting "}")`,
        position: open.position,
      },
    };
  }
  return { ok: true, directives: root };
}
