vcl 4.1;
# 須賀川市 CMS: page cache in front of the application server (deploy/nginx/sukagawa-cms.conf).
#
# Django decides what may be cached (cms/pagecache/middleware.py marks public pages with s-maxage);
# this file only obeys, answers cached pages without touching Python, and accepts PURGE/BAN from the
# application servers (cms/pagecache/backends.py) on its own listener only. `manage.py serve_stack`
# runs this very file, with the backend port and host name rewritten for the local ports.
#
# Two listeners (varnishd -a, deploy/systemd/varnish.service.d-sukagawa-cms.conf):
#   -a 127.0.0.1:6081        visitors, through the front nginx (which refuses PURGE and BAN itself)
#   -a purge=127.0.0.1:6083  PURGE/BAN from gunicorn (FRONTEND_CACHE_URLS=http://127.0.0.1:6083);
#                            the front nginx never connects here, so no visitor can empty the cache.

import std;

# The application server (deploy/nginx/app-server.conf) for pages: healthy while Django answers.
# When gunicorn is gone the probe fails within ~6 s and every cached page is served from its grace
# (hours) instead of waiting for Django; an uncached URL gets the Japanese page of vcl_backend_error.
backend default {
    .host = "127.0.0.1";
    .port = "8001";
    # The probe's Host: a name in ALLOWED_HOSTS (the city site).
    .host_header = "www.city.sukagawa.example";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
    .probe = {
        .url = "/robots.txt";
        .interval = 2s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# The same nginx for what it serves from disk (/static/, /media/, the emergency copy /emergency/):
# no probe, so these stay reachable while Django is down.
backend files {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 5s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
}

# Application servers that may send PURGE/BAN to the purge listener (add each gunicorn host).
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

    if (req.method == "PURGE" || req.method == "BAN") {
        # Only on the purge listener and only from an application server: never through the front.
        if (local.socket != "purge" || !client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
    } elsif (local.socket == "purge") {
        return (synth(405, "Not allowed"));
    }

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

    if (req.url ~ "^/(static|media|emergency)/") {
        set req.backend_hint = files;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/emergency/") {
        # The emergency copy is rewritten on each publish: always the file nginx has now.
        unset req.http.Cookie;
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
    # Search results (search/views.py marks them for a short time): one cached copy per normalised
    # query. Only q, kind and page change the page; their order, other parameters (tracking tags) and
    # how the spaces were typed (+, %20, full-width, several) do not. Django reads the query the same
    # way (NFKC, spaces collapsed), so every spelling below gives the same page.
    if (req.url ~ "^/([a-z]{2}(-[a-z]+)?/)?search/\?") {
        set req.url = regsuball(req.url, "(?i)(%20|%E3%80%80|\+)+", "+");
        set req.url = regsuball(req.url, "([?&])(?!(q|kind|page)=)[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsuball(req.url, "=\+", "=");
        set req.url = regsuball(req.url, "\+(&|$)", "\1");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = regsub(req.url, "\?&+", "?");
        set req.url = std.querysort(req.url);
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
    # nginx's own 502/504 (gunicorn gone or stuck) never reach a visitor: the Japanese page instead.
    if ((beresp.status == 502 || beresp.status == 504) && bereq.backend == default) {
        return (error(503, "Service Unavailable"));
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
    # (publish, 災害モード …) removes it at once, grace or not. While the probe says Django is down,
    # the whole grace counts: a disaster night is covered by the copies Varnish holds.
    set beresp.grace = 12h;
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
    # A refresh in the background that failed leaves the stale copy to be served for its grace.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    # Django unreachable and no copy to serve: a short page in Japanese instead of Varnish's own.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    synthetic({"<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ただいま表示できません</title></head>
<body><main><h1>ただいま表示できません</h1>
<p>アクセスが集中しているか、保守作業中です。しばらくたってから、もう一度お試しください。</p>
<p>災害の情報や避難所などは、<a href="/emergency/">緊急時の情報ページ（災害時用の簡易版）</a>でご覧いただけます。</p>
</main></body></html>
"});
    return (deliver);
}
