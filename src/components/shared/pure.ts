import { Component, type ComponentChildren, type FunctionComponent } from 'preact';

/**
 * `memo` without preact/compat (which would add its option hooks to the bundle): re-renders only when a prop
 * changes identity.
 */
export function pure<P extends object>(render: FunctionComponent<P>): new (props: P) => Component<P> {
  return class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      for (const key in next) if (next[key] !== this.props[key]) return true;
      return false;
    }
    override render(): ComponentChildren {
      return render(this.props);
    }
  };
}
