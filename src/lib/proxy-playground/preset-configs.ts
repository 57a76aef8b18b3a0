/**
 * The config text of each preset. The first one is the L7 example from the "Layer 4 vs layer 7" guide (its /api/
 * routing); the directives the model does not simulate (certificates, timeouts, http2) show up as notes.
 */
import type { PresetId } from './preset-list.ts';

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
        http2 on;
        server_name app.example.com;

        ssl_certificate     /etc/ssl/app.example.com/fullchain.pem;
        ssl_certificate_key /etc/ssl/app.example.com/privkey.pem;

        proxy_http_version 1.1;
        proxy_set_header Connection        "";
        proxy_set_header Host              $host;
        proxy_set_header X-Forwarded-For   $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;

        location /api/ {
            proxy_pass http://api_servers;   # no URI part: /api/users is passed on unchanged
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
            proxy_read_timeout 30s;
        }

        location /static/ {
            root /srv/www;                   # served by nginx itself
            expires 7d;
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

export const PRESET_CONFIGS: Readonly<Record<PresetId, string>> = {
  'l7-api': L7_API,
  'trailing-slash': `http {
${upstreamApp}
    server {
        listen 80;
        location /api { proxy_pass http://app/; }        # try /api/users: the backend gets //users
        location /v2/ { proxy_pass http://app/; }        # /v2/users → /users
        location /raw/ { proxy_pass http://app; }        # no URI part: /raw/users unchanged
    }
}`,
  'regex-beats-prefix': `http {
${upstreamApp}
    server {
        listen 80;
        location /images/thumbnails/ { proxy_pass http://app; }
        location ~* \\.(png|jpg)$ { return 200 "served by the regex location"; }
    }
}`,
  'caret-tilde': `http {
${upstreamApp}
    server {
        listen 80;
        location ^~ /images/ { proxy_pass http://app; }
        location ~* \\.(png|jpg)$ { return 200 "served by the regex location"; }
    }
}`,
  'wildcard-names': `http {
    server { listen 80 default_server; server_name _;               return 200 "default server"; }
    server { listen 80; server_name example.com;                    return 200 "exact name"; }
    server { listen 80; server_name *.example.com;                  return 200 "leading wildcard"; }
    server { listen 80; server_name www.example.*;                  return 200 "trailing wildcard"; }
    server { listen 80; server_name ~^api\\d+\\.example\\.com$;       return 200 "regex"; }
}`,
  'weighted-round-robin': `http {
    upstream app {
        server 10.0.0.11:8080 weight=5;
        server 10.0.0.12:8080;
        server 10.0.0.13:8080;
    }
    server { listen 80; location / { proxy_pass http://app; } }
}`,
  'ip-hash': `http {
    upstream app {
        ip_hash;
        server 10.0.0.11:8080;
        server 10.0.0.12:8080;
        server 10.0.0.13:8080;
    }
    server { listen 80; location / { proxy_pass http://app; } }
}`,
  'consistent-hash': `http {
    upstream cache {
        hash $request_uri consistent;
        server 10.0.0.21:8080;
        server 10.0.0.22:8080;
        server 10.0.0.23:8080;
        server 10.0.0.24:8080;
    }
    server { listen 80; location / { proxy_pass http://cache; } }
}`,
  'tls-passthrough': `stream {
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
};
