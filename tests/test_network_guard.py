"""The conftest guard: the internet is unreachable from tests, loopback and unix sockets are not."""

import http.client
import http.server
import os
import socket
import threading

import pytest

from conftest import NETWORK_DISABLED


@pytest.mark.parametrize(
    "address",
    [("93.184.216.34", 80), ("example.com", 443), ("huggingface.co", 443), ("2606:2800:220:1::", 80, 0, 0)],
)
def test_outbound_connections_are_refused(address):
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        with pytest.raises(RuntimeError, match=NETWORK_DISABLED):
            sock.connect(address)
    with pytest.raises(RuntimeError, match=NETWORK_DISABLED):
        socket.create_connection(address[:2], timeout=1)


def test_model_hubs_are_offline():
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert os.environ["ANONYMIZED_TELEMETRY"] == "False"


@pytest.fixture
def local_http_server():
    class Hello(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = "xin chào".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_servers_stay_reachable(local_http_server, host):
    conn = http.client.HTTPConnection(host, local_http_server, timeout=5)
    try:
        conn.request("GET", "/")
        response = conn.getresponse()
        assert response.status == 200
        assert response.read().decode() == "xin chào"
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no unix sockets on this platform")
def test_unix_sockets_stay_reachable(tmp_path):
    path = str(tmp_path / "s.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
            conn, _ = server.accept()
            with conn:
                client.sendall(b"ok")
                assert conn.recv(2) == b"ok"
