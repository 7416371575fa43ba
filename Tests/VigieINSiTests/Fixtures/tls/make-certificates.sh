#!/usr/bin/env bash
# Test-only PKI for the mutual-TLS test (INSiTLSTests): a CA, a server certificate for 127.0.0.1/localhost and a
# client certificate (CN INSI-AUTO, as an IGC-Santé organisation certificate would say), and a rogue client
# certificate signed by nobody the server trusts. Generated once with
# OpenSSL and committed (valid 100 years); the private keys protect nothing. Run again to regenerate.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $days -subj "/CN=Vigie Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost"
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days $days \
    -extfile <(printf "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE")
openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/CN=INSI-AUTO"
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days $days \
    -extfile <(printf "extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE")
# A client certificate from no trusted CA: the server must refuse it.
openssl req -x509 -newkey rsa:2048 -nodes -keyout rogue.key -out rogue.pem -days $days -subj "/CN=INSI-AUTO" \
    -addext "extendedKeyUsage=clientAuth"
rm -f server.csr client.csr ca.srl ca.key
