#!/usr/bin/env python3
"""Independent MLLP peer for Vigie's tests: python-hl7's MLLPClient (PyPI `hl7`).

  mllp-peer.py HOST PORT MESSAGES_FILE
sends each message of MESSAGES_FILE (one a line, segments separated by the two characters backslash-r) over one
MLLP connection, waiting for each answer, parses the answer with hl7.parse and prints `MSA-1 MSA-2 MSH-9` per
message. Exit status 2 when python-hl7 is missing.
"""
import sys

try:
    import hl7
    from hl7.client import MLLPClient
except ImportError:
    sys.stderr.write("python-hl7 is required: python3 -m pip install hl7\n")
    sys.exit(2)


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path, encoding="utf-8") as handle:
        messages = [line.rstrip("\n").replace("\\r", "\r") for line in handle if line.strip()]
    with MLLPClient(host, port) as client:
        for message in messages:
            raw = client.send_message(message)
            text = raw.decode("utf-8").strip("\x0b\x1c\r")
            answer = hl7.parse(text)
            msa = answer.segment("MSA")
            print(f"{msa[1]} {msa[2]} {answer.segment('MSH')[9]}", flush=True)


if __name__ == "__main__":
    main()
