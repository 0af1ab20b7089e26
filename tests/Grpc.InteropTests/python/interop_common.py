"""Shared by the interop scripts: loads the modules protoc generated for this run."""
import argparse
import base64
import sys

SERVICE = "doanketsangtao.registration.v1.InitiativeLookup"
HEALTH_SERVICE = "grpc.health.v1.Health"


def parse_args(extra=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--gen", required=True, help="directory protoc wrote the *_pb2.py modules to")
    if extra:
        extra(parser)
    args = parser.parse_args()
    # The generated modules are plain top-level modules in --gen.
    sys.path.insert(0, args.gen)
    return args


def metadata_to_json(metadata):
    """[(key, value)] to a JSON-friendly list; bytes values (keys ending -bin) as base64."""
    result = []
    for key, value in metadata or ():
        if isinstance(value, bytes):
            result.append({"key": key, "base64": base64.b64encode(value).decode("ascii")})
        else:
            result.append({"key": key, "value": value})
    return result
