/**
 * The playground's presets as data: a config, a request and the traffic mode for the L4/L7 view. The first one is
 * the L7 example from the "Layer 4 vs layer 7" guide (its /api/ routing).
 */
import type { TrafficMode } from '../proxy/index.ts';

export interface ProxyPreset {
  readonly id: PresetId;
  readonly label: string;
  /** One sentence: what to look at. */
  readonly hint: string;
  readonly config: string;
  readonly host: string;
  readonly path: string;
  readonly client: string;
  readonly mode: TrafficMode;
}

export const PRESET_IDS = [
  'l7-api',
  'trailing-slash',
  'regex-beats-prefix',
  'caret-tilde',
  'wildcard-names',
  'weighted-round-robin',
  'ip-hash',
  'consistent-hash',
  'tls-passthrough',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const L7_API = `http {
    upstream api_servers {
        least_conn;
        server 10.0.1.20:8080 max_fails=3 fail_timeout=10s;
        server 10.0.1.21:8080 max_fails=3 fail_timeout=10s;
        keepalive 32;
    }

    upstream web_servers {
        server 10.0.1.10:8080;
        server 10.0.1.11:8080;
        keepalive 32;
    }

    server {
        listen 443 ssl;
        server_name app.example.com;

        proxy_http_version 1.1;
        proxy_set_header Connection        "";
        proxy_set_header Host              $host;
        proxy_set_header X-Forwarded-For   $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;

        location /api/ {
            proxy_pass http://api_servers;   # no URI part: /api/users is passed on unchanged
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
        }

        location /static/ {
            root /srv/www;                   # served by nginx itself
        }

        location / {
            proxy_pass http://web_servers;
        }
    }
}`;

const upstreamApp = `    upstream app {
        server 10.0.0.11:8080;
        server 10.0.0.12:8080;
    }
`;

export const PRESETS: Readonly<Record<PresetId, ProxyPreset>> = {
  'l7-api': {
    id: 'l7-api',
    label: 'The L7 guide: /api/ to the API pool',
    hint: 'The longest matching prefix wins: /api/users goes to api_servers, /about to web_servers.',
    config: L7_API,
    host: 'app.example.com',
    path: '/api/users?page=2',
    client: '203.0.113.7',
    mode: 'tls-termination',
  },
  'trailing-slash': {
    id: 'trailing-slash',
    label: 'The trailing-slash trap',
    hint: 'With a URI part ("/") in proxy_pass, the matched prefix is replaced: "/api" + "/users" becomes "//users".',
    config: `http {
${upstreamApp}
    server {
        listen 80;
        location /api { proxy_pass http://app/; }        # try /api/users: the backend gets //users
        location /v2/ { proxy_pass http://app/; }        # /v2/users → /users
        location /raw/ { proxy_pass http://app; }        # no URI part: /raw/users unchanged
    }
}`,
    host: 'example.com',
    path: '/api/users',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'regex-beats-prefix': {
    id: 'regex-beats-prefix',
    label: 'A regex beats a longer prefix',
    hint: 'nginx remembers the longest prefix, then tries the regexes in order; the first match wins.',
    config: `http {
${upstreamApp}
    server {
        listen 80;
        location /images/thumbnails/ { proxy_pass http://app; }
        location ~* \\.(png|jpg)$ { return 200 "served by the regex location"; }
    }
}`,
    host: 'example.com',
    path: '/images/thumbnails/cat.png',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'caret-tilde': {
    id: 'caret-tilde',
    label: '^~ stops the regex search',
    hint: 'When the longest prefix is marked ^~, the regexes are not tried at all.',
    config: `http {
${upstreamApp}
    server {
        listen 80;
        location ^~ /images/ { proxy_pass http://app; }
        location ~* \\.(png|jpg)$ { return 200 "served by the regex location"; }
    }
}`,
    host: 'example.com',
    path: '/images/cat.png',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'wildcard-names': {
    id: 'wildcard-names',
    label: 'Wildcard server names',
    hint: 'Exact name first, then the longest *.name, then the longest name.*, then the first regex, else the default.',
    config: `http {
    server { listen 80 default_server; server_name _;               return 200 "default server"; }
    server { listen 80; server_name example.com;                    return 200 "exact name"; }
    server { listen 80; server_name *.example.com;                  return 200 "leading wildcard"; }
    server { listen 80; server_name www.example.*;                  return 200 "trailing wildcard"; }
    server { listen 80; server_name ~^api\\d+\\.example\\.com$;       return 200 "regex"; }
}`,
    host: 'www.example.com',
    path: '/',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'weighted-round-robin': {
    id: 'weighted-round-robin',
    label: 'Weighted round-robin',
    hint: 'Smooth weighted round-robin: weights 5, 1, 1 give a a b a c a a — never five a in a row.',
    config: `http {
    upstream app {
        server 10.0.0.11:8080 weight=5;
        server 10.0.0.12:8080;
        server 10.0.0.13:8080;
    }
    server { listen 80; location / { proxy_pass http://app; } }
}`,
    host: 'example.com',
    path: '/',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'ip-hash': {
    id: 'ip-hash',
    label: 'ip_hash stickiness',
    hint: 'ip_hash hashes the first three octets of an IPv4 client: every client in one /24 lands on one server.',
    config: `http {
    upstream app {
        ip_hash;
        server 10.0.0.11:8080;
        server 10.0.0.12:8080;
        server 10.0.0.13:8080;
    }
    server { listen 80; location / { proxy_pass http://app; } }
}`,
    host: 'example.com',
    path: '/',
    client: '198.51.100.23',
    mode: 'plain-http',
  },
  'consistent-hash': {
    id: 'consistent-hash',
    label: 'Consistent hashing when a backend leaves',
    hint: 'Mark one server failed: only the keys it held move (about a quarter), the rest stay where they were.',
    config: `http {
    upstream cache {
        hash $request_uri consistent;
        server 10.0.0.21:8080;
        server 10.0.0.22:8080;
        server 10.0.0.23:8080;
        server 10.0.0.24:8080;
    }
    server { listen 80; location / { proxy_pass http://cache; } }
}`,
    host: 'example.com',
    path: '/products/42',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'tls-passthrough': {
    id: 'tls-passthrough',
    label: 'TLS passthrough vs termination',
    hint: 'Switch the traffic mode: passing TLS through, the proxy sees the SNI and nothing of HTTP.',
    config: `stream {
    map $ssl_preread_server_name $tls_backend {
        app.example.com   10.0.1.10:443;
        api.example.com   10.0.1.20:443;
        default           10.0.1.10:443;
    }
    server {
        listen 443;
        ssl_preread on;
        proxy_pass $tls_backend;
    }
}`,
    host: 'api.example.com',
    path: '/v1/orders',
    client: '203.0.113.7',
    mode: 'tls-passthrough',
  },
};
