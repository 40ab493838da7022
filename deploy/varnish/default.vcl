vcl 4.1;
# 須賀川市 CMS: page cache in front of the application server (deploy/nginx/sukagawa-cms.conf).
#
# Django decides what may be cached (cms/pagecache/middleware.py marks public pages with s-maxage);
# this file only obeys, answers cached pages without touching Python, and accepts PURGE/BAN from the
# application servers (cms/pagecache/backends.py). `manage.py serve_stack` runs this very file, with
# the backend port and the purge ACL rewritten for the local ports.

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

# Application servers that may send PURGE/BAN (add each gunicorn host).
acl purgers {
    "127.0.0.1";
    "::1";
}

# The TLS terminator in front of Varnish (deploy/nginx/sukagawa-cms.conf, port 443).
acl tls_terminators {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Bans address objects by host without port and by path without query string.
    set req.http.X-Cache-Host = std.tolower(regsub(req.http.Host, ":[0-9]+$", ""));
    unset req.http.X-Page-Cache-Variant;

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Wagtail's frontend cache: this path with any query string and any visitor-tools variant.
        if (!std.ban("obj.http.X-Cache-Host == " + req.http.X-Cache-Host +
                     " && obj.http.X-Cache-Path == " + regsub(req.url, "\?.*$", ""))) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Purged"));
    }
    if (req.method == "BAN") {
        if (!client.ip ~ purgers || !req.http.X-Ban-Site) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Ban-Site == "*") {
            std.ban("obj.http.X-Page-Cache-Site ~ .");
        } elsif (req.http.X-Ban-Site ~ "^[0-9]+$") {
            std.ban("obj.http.X-Page-Cache-Site == " + req.http.X-Ban-Site);
        } else {
            return (synth(400, "Bad site"));
        }
        return (synth(200, "Banned"));
    }

    # While Django answers, a copy past its lifetime is served for at most 10 s more (refreshed in the
    # background); when it cannot answer, for the whole grace.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    # Only the TLS terminator in front says whether the visitor used HTTPS.
    if (!req.http.X-Forwarded-Proto || !client.ip ~ tls_terminators) {
        set req.http.X-Forwarded-Proto = "http";
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(static|media)/") {
        unset req.http.Cookie;
        return (hash);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)" || req.http.Authorization) {
        return (pass);
    }
    # Signed-in staff and visitors with a pending message get their own pages from Django.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }

    # The visitor tools (文字サイズ・背景色・ふりがな, cms/a11y/visitor_tools.py) are the only cookies that
    # change a public page: keep just their non-default values, in a fixed order, so that Django's
    # Vary: Cookie yields at most 12 variants per page. All other cookies (CSRF, analytics) go.
    set req.http.X-Page-Cache-Variant = "";
    if (req.http.Cookie ~ "(^|;\s*)a11y_colour=black(;|$)") {
        set req.http.X-Page-Cache-Variant = "a11y_colour=black; ";
    } elsif (req.http.Cookie ~ "(^|;\s*)a11y_colour=blue(;|$)") {
        set req.http.X-Page-Cache-Variant = "a11y_colour=blue; ";
    }
    if (req.http.Cookie ~ "(^|;\s*)a11y_ruby=on(;|$)") {
        set req.http.X-Page-Cache-Variant = req.http.X-Page-Cache-Variant + "a11y_ruby=on; ";
    }
    if (req.http.Cookie ~ "(^|;\s*)a11y_text=large(;|$)") {
        set req.http.X-Page-Cache-Variant = req.http.X-Page-Cache-Variant + "a11y_text=large; ";
    }
    if (req.http.X-Page-Cache-Variant == "") {
        unset req.http.Cookie;
    } else {
        set req.http.Cookie = regsub(req.http.X-Page-Cache-Variant, ";\s*$", "");
    }
    unset req.http.X-Page-Cache-Variant;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.X-Cache-Host);
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # Keep the stale copy rather than replace it with an error while Django is overloaded or down.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.http.X-Cache-Host = bereq.http.X-Cache-Host;
    set beresp.http.X-Cache-Path = regsub(bereq.url, "\?.*$", "");

    if (bereq.url ~ "^/(static|media)/" && beresp.status == 200) {
        unset beresp.http.Set-Cookie;
        if (beresp.ttl <= 0s) {
            set beresp.ttl = 1h;
        }
        return (deliver);
    }
    # Only what Django marked public (s-maxage) and that sets no cookie is shared.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "s-maxage" ||
        beresp.http.Cache-Control ~ "(private|no-store|no-cache)" || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # After s-maxage the copy is refreshed in the background while visitors keep getting it; a ban
    # (publish, 災害モード …) removes it at once, grace or not.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Cache-Host;
    unset resp.http.X-Cache-Path;
    unset resp.http.X-Page-Cache-Site;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_backend_error {
    # Django unreachable and no copy to serve: a short page in Japanese instead of Varnish's own.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    synthetic({"<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ただいま表示できません</title></head>
<body><main><h1>ただいま表示できません</h1>
<p>アクセスが集中しているか、保守作業中です。しばらくたってから、もう一度お試しください。</p>
</main></body></html>
"});
    return (deliver);
}
