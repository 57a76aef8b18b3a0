/**
 * The bounds, addresses and starting texts of the NAT playground's network editor (custom.ts parses the texts): the
 * small part the view model's fields and the island's hints need up front.
 */

/** The home LAN and the router's addresses in a custom network (the same as the built-in scenarios'). */
export const CUSTOM_NETWORK = {
  lan: '192.168.1.0/24',
  routerLan: '192.168.1.1',
  routerWan: '203.0.113.2',
} as const;

/** Bounds on what a reader (or a link) can build. */
export const CUSTOM_LIMITS = { hosts: 8, forwards: 8, packets: 40, lineLength: 80, waitSeconds: 604_800 } as const;

/** Longest text kept per editor field (URL parameter): lines × line length, plus newlines. */
export const CUSTOM_TEXT_LIMIT = CUSTOM_LIMITS.packets * (CUSTOM_LIMITS.lineLength + 1);

export const CUSTOM_FIELDS = ['hosts', 'forwards', 'packets'] as const;
export type CustomField = (typeof CUSTOM_FIELDS)[number];

/** The editor's texts, one item a line. */
export interface CustomText {
  readonly hosts: string;
  readonly forwards: string;
  readonly packets: string;
}

/** The editor's starting point: a laptop and a home server with a forward, visited from outside and from inside. */
export const CUSTOM_DEFAULT: CustomText = {
  hosts: 'laptop=192.168.1.10\nserver=192.168.1.20',
  forwards: 'tcp 8080=server:80',
  packets: [
    'laptop:50000>198.51.100.10:443 tcp SYN',
    'reply 1 SYN-ACK',
    '198.51.100.7:40000>203.0.113.2:8080 tcp SYN',
    'reply 3 SYN-ACK',
    'laptop:50001>203.0.113.2:8080 tcp SYN',
    'reply 5 SYN-ACK',
  ].join('\n'),
};
