"""A local stand-in for LINE's Messaging API: the endpoints the app uses, with LINE's own rules.

Each request is checked as LINE would: the Authorization header, the body parsed by the SDK's own
request models (BroadcastRequest, NarrowcastRequest), and X-Line-Retry-Key as a UUID. A retry key
LINE has already accepted is answered 409 with X-Line-Accepted-Request-Id and not delivered again.
Tests script the answers: a list of "500", "429", "timeout" (accept, then answer too late), "200".
"""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from linebot.v3.messaging import BroadcastRequest, NarrowcastRequest

from cms.pagecache.stack import free_port

TOKEN = "test-channel-access-token"


class FakeLine:
    def __init__(self):
        self.requests = []  # every request received: (path, headers, body)
        self.delivered = []  # messages that reached residents: (path, request model)
        self.accepted_keys = {}
        self.script = []
        self.followers = {}
        self.lock = threading.Lock()
        self.late_seconds = 1.5

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body=None, headers=None):
                payload = json.dumps(body or {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("x-line-request-id", str(uuid.uuid4()))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def _authorised(self):
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._answer(401, {"message": "Authentication failed"})
                    return False
                return True

            def do_GET(self):
                url = urlparse(self.path)
                with fake.lock:
                    fake.requests.append((url.path, dict(self.headers), b""))
                if not self._authorised():
                    return
                if url.path == "/v2/bot/insight/followers":
                    day = parse_qs(url.query).get("date", [""])[0]
                    if day in fake.followers:
                        count = fake.followers[day]
                        return self._answer(200, {"status": "ready", "followers": count,
                                                  "targetedReaches": count, "blocks": 3})
                    return self._answer(200, {"status": "unready"})
                self._answer(404, {"message": "Not found"})

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with fake.lock:
                    fake.requests.append((self.path, dict(self.headers), body))
                if not self._authorised():
                    return
                models = {"/v2/bot/message/broadcast": BroadcastRequest,
                          "/v2/bot/message/narrowcast": NarrowcastRequest}
                if self.path not in models:
                    return self._answer(404, {"message": "Not found"})
                try:
                    request = models[self.path].from_json(body.decode())
                except Exception as error:  # the SDK's model refuses it: LINE would too
                    return self._answer(400, {"message": f"The request body has 1 error(s): {error}"})
                key = self.headers.get("X-Line-Retry-Key")
                if key is not None:
                    try:
                        uuid.UUID(key)
                    except ValueError:
                        return self._answer(400, {"message": "Invalid retry key"})
                with fake.lock:
                    if key in fake.accepted_keys:
                        return self._answer(409, {"message": "The retry key is already accepted"},
                                            {"x-line-accepted-request-id": fake.accepted_keys[key]})
                    step = fake.script.pop(0) if fake.script else "200"
                    if step in ("500", "429"):
                        pass
                    else:
                        fake.accepted_keys[key] = str(uuid.uuid4())
                        fake.delivered.append((self.path, request))
                if step == "500":
                    return self._answer(500, {"message": "Internal server error"})
                if step == "429":
                    return self._answer(429, {"message": "Too many requests"}, {"Retry-After": "0"})
                if step == "timeout":
                    time.sleep(fake.late_seconds)
                self._answer(200, {})

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def message_posts(self):
        return [r for r in self.requests if r[0].startswith("/v2/bot/message/")]
