#!/usr/bin/env python3
"""Independent MLLP load for Vigie's tests: python-hl7's MLLPClient (PyPI `hl7`) on several connections at once.

  mllp-load.py HOST PORT CONNECTIONS MESSAGES PREFIX [CA_PEM]
opens CONNECTIONS connections (one thread each; over TLS, checking the server against CA_PEM, when given) and sends
MESSAGES PAM FR ADT^A28 on each, waiting for each answer. Message i of connection c has MSH-10 `PREFIX<c>-<i>` and
the local identifier (PID-3) `PREFIX<c>-<i>` too, so that a test can look each acknowledged message up in the store.
Each answer is parsed with hl7.parse; an AA whose MSA-2 is the message's control id prints `AA <control id>` (flushed
at once: a test that kills the server reads what was acknowledged before). Any other answer prints
`<code> <control id>`. A connection that fails stops its thread with a line on stderr. Exit status: 0 when every
message got AA, 1 otherwise, 2 when python-hl7 is missing.
"""
import socket
import ssl
import sys
import threading

try:
    import hl7
    from hl7.client import MLLPClient
except ImportError:
    sys.stderr.write("python-hl7 is required: python3 -m pip install hl7\n")
    sys.exit(2)

FIRST_NAMES = ["JEANNE", "LOUIS", "MARIE", "PAUL", "CLAIRE", "HUGO", "EMMA", "JULES", "LEA", "ADAM", "CHLOE", "NOAH"]
LETTERS = "BCDFGHJKLMNPRSTVZ"
lock = threading.Lock()
failures = []


def name(n):
    """A distinct name for patient n (letters only), so that patients are not duplicates of each other."""
    text = "NOM"
    while True:
        text += LETTERS[n % len(LETTERS)]
        n //= len(LETTERS)
        if n == 0:
            return text


def birth(n):
    return f"{1930 + n % 80}{1 + (n // 80) % 12:02d}{1 + (n // 960) % 28:02d}"


def a28(control, n):
    return "\r".join([
        f"MSH|^~\\&|GAM|CHU-X|VIGIE|CHU-X|20260101120000||ADT^A28^ADT_A05|{control}|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8",
        "EVN||20260101120000",
        f"PID|1||{control}^^^CHU-X&000897406&N^PI||{name(n)}^{FIRST_NAMES[n % len(FIRST_NAMES)]}^{FIRST_NAMES[n % len(FIRST_NAMES)]}^^^^L||{birth(n)}|F",
    ])


def run(host, port, connection, count, prefix, context):
    try:
        with MLLPClient(host, port) as client:
            if context is not None:
                client.socket = context.wrap_socket(client.socket, server_hostname=host)
            for i in range(count):
                control = f"{prefix}{connection}-{i}"
                raw = client.send_message(a28(control, connection * count + i))
                answer = hl7.parse(raw.decode("utf-8").strip("\x0b\x1c\r"))
                msa = answer.segment("MSA")
                code = str(msa[1]) if str(msa[2]) == control else f"{msa[1]}-for-{msa[2]}"
                with lock:
                    print(f"{code} {control}", flush=True)
                    if code != "AA":
                        failures.append(control)
    except Exception as error:  # noqa: BLE001 - a reset, a TLS refusal or an empty answer all end this connection
        with lock:
            sys.stderr.write(f"connection {connection}: {error!r}\n")
            failures.append(f"connection {connection}")


def main():
    host, port, connections, count, prefix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    context = None
    if len(sys.argv) > 6:
        context = ssl.create_default_context(cafile=sys.argv[6])
    threads = [threading.Thread(target=run, args=(host, port, c, count, prefix, context)) for c in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
