#!/usr/bin/env python3
"""Independent HL7 v2.5 check of `vigie worker` with hl7apy (PyPI, MIT): messages built by hl7apy, answers
parsed back by hl7apy. Used by Tests/VigieWorkerTests/HL7apyPeerTests.swift; `.ci/run` installs hl7apy.

  hl7apy-peer.py build          one message per line (segments separated by CR) on stdout: the issue #13 session
  hl7apy-peer.py build-zfd      an A28 with a ZFD (mode, INSi date, document type and expiry), then a Q22 for it
  hl7apy-peer.py parse          answers on stdin (one per line); one JSON object per answer on stdout
"""
import json
import sys

from hl7apy.core import Message
from hl7apy.parser import parse_message

INS = "279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS"


def adt(event, control, ipp, name, ins=False, status="VALI", operator="", zfd=None):
    m = Message("ADT_A05", version="2.5")
    m.msh.msh_3 = "GAM"
    m.msh.msh_4 = "CHU-X"
    m.msh.msh_5 = "VIGIE"
    m.msh.msh_6 = "CHU-X"
    m.msh.msh_7 = "20261203090000"
    m.msh.msh_9 = "ADT^%s^ADT_A05" % event
    m.msh.msh_10 = control
    m.msh.msh_11 = "P"
    m.msh.msh_12 = "2.5"
    m.msh.msh_18 = "UNICODE UTF-8"
    m.evn.evn_2 = "20261203090000"
    if operator:
        m.evn.evn_5 = operator
    local = m.pid.add_field("PID_3")
    local.value = "%s^^^CHU-X&000897406&N^PI" % ipp
    if ins:
        national = m.pid.add_field("PID_3")
        national.value = INS
    m.pid.pid_5 = "%s^DOMINIQUE^DOMINIQUE^^^^L" % name
    m.pid.pid_7 = "19790328"
    m.pid.pid_8 = "F"
    m.pid.pid_11 = "^^^^^^BDL^^63220"
    m.pid.pid_32 = status
    if zfd:
        segment = m.add_segment("ZFD")
        for number, value in zfd.items():
            setattr(segment, "zfd_%d" % number, value)
    return m.to_er7()


def q22(control, name):
    m = Message("QBP_Q21", version="2.5")
    m.msh.msh_3 = "DPI"
    m.msh.msh_4 = "CHU-X"
    m.msh.msh_7 = "20261203090000"
    m.msh.msh_9 = "QBP^Q22^QBP_Q21"
    m.msh.msh_10 = control
    m.msh.msh_11 = "P"
    m.msh.msh_12 = "2.5"
    m.msh.msh_18 = "UNICODE UTF-8"
    m.qpd.qpd_1 = "IHE PDQ Query"
    m.qpd.qpd_2 = "Q" + control
    for parameter in ("@PID.5.1.1^" + name, "@PID.5.2^DOMINIQUE", "@PID.7.1^19790328"):
        repetition = m.qpd.add_field("QPD_3")
        repetition.value = parameter
    m.rcp.rcp_1 = "I"
    return m.to_er7()


def build():
    messages = [
        adt("A28", "1", "100", "PAT-TROIS", ins=True, operator="jdupont"),   # QUAL: VALI with the INS
        q22("2", "PAT-TROIS"),                                                 # the INS is shared (QUAL)
        adt("A31", "3", "100", "PAT-QUATRE", ins=False),                       # birth name edited, no INSi
        q22("4", "PAT-QUATRE"),                                                # not QUAL: no INS in PID-3
    ]
    for message in messages:
        print(message.replace("\n", "\r"))


def build_zfd():
    # PAM FR §6.18: ZFD-5 mode INSI, ZFD-6 date of the INSi call, ZFD-7 CN (identity card), ZFD-8 its expiry.
    messages = [
        adt("A28", "1", "200", "PAT-TROIS", ins=True, zfd={4: "N", 5: "INSI", 6: "20261201", 7: "CN", 8: "20310314"}),
        q22("2", "PAT-TROIS"),
    ]
    for message in messages:
        print(message.replace("\n", "\r"))


def field(segment, name):
    try:
        return getattr(segment, name).to_er7()
    except Exception:
        return ""


def parse():
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        message = parse_message(line, find_groups=False)
        out = {"type": field(message.msh, "msh_9"), "segments": [s.name for s in message.children]}
        for segment in message.children:
            if segment.name == "MSA":
                out["msa"] = [field(segment, "msa_1"), field(segment, "msa_2")]
            elif segment.name == "ERR":
                out.setdefault("err", []).append(
                    {"location": field(segment, "err_2"), "code": field(segment, "err_3"), "severity": field(segment, "err_4"),
                     "diagnostic": field(segment, "err_7")})
            elif segment.name == "ZVG":
                out["zvg"] = [field(segment, "zvg_%d" % i) for i in range(1, 6)]
            elif segment.name == "ZFD":
                out.setdefault("zfd", []).append([field(segment, "zfd_%d" % i) for i in range(1, 9)])
            elif segment.name == "PID":
                out.setdefault("pid3", []).append([rep.to_er7() for rep in segment.pid_3])
                out.setdefault("pid32", []).append(field(segment, "pid_32"))
        print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    {"build": build, "build-zfd": build_zfd, "parse": parse}[sys.argv[1]]()
