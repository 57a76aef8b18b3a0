/**
 * The Details mode's special-purpose classification: the table of IANA special-purpose ranges a network touches, and
 * the classification module it renders (re-exported), loaded together on first use so the first download leaves out
 * the registry table (see `loadClassifier` in DetailsPanel.tsx).
 */
import type { DetailsBasicView } from '../../lib/subnet-calculator/details-basics.ts';
import type { SpecialRow } from '../../lib/subnet-calculator/details-special.ts';
import { ScrollRegion } from './Table.tsx';

export { detailsClassification } from '../../lib/subnet-calculator/details-special.ts';

/** The special-purpose ranges the network touches, or a sentence saying there are none. */
export function SpecialRanges(props: {
  readonly id: string;
  readonly view: DetailsBasicView;
  readonly special: readonly SpecialRow[];
}) {
  return props.special.length === 0 ? (
    <p class="sc-summary">
      No special-purpose range applies: this is ordinary {props.view.version === 4 ? 'public IPv4' : 'IPv6'} address
      space.
    </p>
  ) : (
    <ScrollRegion labelledBy={`${props.id}-special-caption`}>
      <table class="sc-table">
        <caption id={`${props.id}-special-caption`}>
          Special-purpose ranges (IANA registries) that {props.view.cidr} touches
        </caption>
        <thead>
          <tr>
            <th scope="col">Range</th>
            <th scope="col">Name</th>
            <th scope="col">{props.view.cidr} is…</th>
            <th scope="col">Globally reachable</th>
            <th scope="col">Defined in</th>
          </tr>
        </thead>
        <tbody>
          {props.special.map((s) => (
            <tr key={s.cidr}>
              <th scope="row">{s.cidr}</th>
              <td>{s.name}</td>
              <td>{s.relation}</td>
              <td>{s.globallyReachable}</td>
              <td>
                {s.links.map((link, i) => (
                  <span key={link.href}>
                    {i > 0 ? ', ' : null}
                    <a href={link.href} rel="external">
                      {link.label}
                    </a>
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
