#!/usr/bin/env python3
"""Independent MLLP receiver for `vigie feed`'s tests: python-hl7's asyncio MLLP server (PyPI `hl7`) receives,
hl7apy (PyPI `hl7apy`) parses every message against its HL7 v2.5 structure.

  feed-receiver.py --port PORT --out FILE [--refuse CONTROL_ID:CODE] [--delay-ms N] [--tls-cert PEM --tls-key PEM]

Prints the port it listens on (PORT 0: one chosen by the system) as its first stdout line. For each message it
appends one JSON line to FILE — control id, event, structure as hl7apy read it, PID-3, PID-32, MRG-1 — flushed and
synced *before* it answers, then answers AA (or CODE, AE or AR, for CONTROL_ID). With --tls-cert/--tls-key it
accepts TLS connections only (Python's ssl module). Exit status 2 when python-hl7 or
hl7apy is missing, so that a test that needs this peer fails instead of skipping.
"""
import argparse
import asyncio
import json
import os
import ssl
import sys

try:
    import hl7
    import hl7.mllp
    from hl7apy.parser import parse_message
    from hl7apy.consts import VALIDATION_LEVEL
except ImportError as error:
    sys.stderr.write(f"python-hl7 and hl7apy are required: python3 -m pip install hl7 hl7apy ({error})\n")
    sys.exit(2)


def identifiers(field):
    """A CX field as `value^type^authority-oid` strings, one per repetition."""
    result = []
    for repetition in str(field).split("~") if str(field) else []:
        components = repetition.split("^")
        authority = components[3].split("&") if len(components) > 3 else [""]
        oid = authority[1] if len(authority) > 1 else authority[0]
        result.append(f"{components[0]}^{components[4] if len(components) > 4 else ''}^{oid}")
    return result


def describe(text):
    # hl7apy: the message must parse, with its segments grouped as its structure says.
    parsed = parse_message(text, find_groups=True, validation_level=VALIDATION_LEVEL.TOLERANT)
    message = hl7.parse(text)
    pids = [segment for segment in message if str(segment[0]) == "PID"]
    mrgs = [segment for segment in message if str(segment[0]) == "MRG"]
    msh = message.segment("MSH")
    return {
        "control": str(msh[10]),
        "event": str(msh[9][0][1]),
        "structure": parsed.name,
        "evn5": str(message.segment("EVN")[5]) if len(message.segment("EVN")) > 5 else "",
        "pid3": [identifiers(pid[3]) for pid in pids],
        "pid32": [str(pid[32]) if len(pid) > 32 else "" for pid in pids],
        "mrg1": identifiers(mrgs[0][1]) if mrgs else [],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--refuse", default="")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--tls-cert", default="")
    parser.add_argument("--tls-key", default="")
    args = parser.parse_args()
    refused_control, _, refused_code = args.refuse.partition(":")
    out = open(args.out, "a", encoding="utf-8")

    async def handle(reader, writer):
        try:
            while not writer.is_closing():
                message = await reader.readmessage()
                text = str(message)
                record = describe(text)
                out.write(json.dumps(record) + "\n")
                out.flush()
                os.fsync(out.fileno())
                if args.delay_ms:
                    await asyncio.sleep(args.delay_ms / 1000)
                code = refused_code if record["control"] == refused_control else "AA"
                writer.writemessage(message.create_ack(ack_code=code))
                await writer.drain()
        except asyncio.IncompleteReadError:
            pass
        finally:
            writer.close()

    async def serve():
        context = None
        if args.tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(args.tls_cert, args.tls_key)
        server = await hl7.mllp.start_hl7_server(handle, host="127.0.0.1", port=args.port, ssl=context)
        print(server.sockets[0].getsockname()[1], flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
