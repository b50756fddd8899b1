#!/usr/bin/env python3
"""Known-answer vectors for the Kingdee K/3 Cloud mock (docs/vendor-apis/kingdee-k3cloud.md §4.2, §4.5; the
values are listed in docs/vendor-apis/kingdee-k3cloud.md §13), derived with Python's own
hmac/hashlib/base64 following the official Python WebAPI SDK (BuildHeader, hmac_util.HmacSHA256,
encode_util.DecodeAppSecret) and the LoginBySign recipe. The mock's tests hard-code these outputs, so the
Java verifier is checked against an independent implementation. Run: python3 mock-systems/tools/kingdee_vectors.py
"""
import base64
import hashlib
import hmac
from urllib.parse import quote

# The mock's demo identity (KingdeeMock defaults).
ACCT_ID = "6571d9a3c1b2e4000a1b2c3d"
USER = "integration"
CLIENT_ID = "228761"
ENCODED_SECRET = base64.b64encode(b"aftersales-hub-mock-2026").decode()  # 24 bytes -> 32 chars, as the SDK needs
APP_ID = CLIENT_ID + "_" + ENCODED_SECRET
APP_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
LCID = 2052
ORG_NUM = "100"
XOR_KEY = b"0054f397c6234378b09ca7d3e5debce7"


def kd_hmac(msg: str, key: str) -> str:
    """base64 over the lower-case HEX string of HmacSHA256 (not over the raw digest)."""
    hexdigest = hmac.new(key.encode(), msg.encode(), hashlib.sha256).hexdigest()
    return base64.b64encode(hexdigest.encode()).decode()


def gateway_secret(encoded: str) -> str:
    raw = base64.b64decode(encoded)
    return base64.b64encode(bytes(b ^ XOR_KEY[i] for i, b in enumerate(raw))).decode()


def api_signature(path: str, ts: str, nonce: str) -> str:
    encoded_path = quote(path, encoding="utf-8").replace("/", "%2F")
    msg = "POST\n" + encoded_path + "\n\nx-api-nonce:" + nonce + "\nx-api-timestamp:" + ts + "\n"
    return kd_hmac(msg, gateway_secret(ENCODED_SECRET))


def login_sign(ts: str, algo) -> str:
    parts = sorted([ACCT_ID, USER, APP_ID, APP_SECRET, ts])
    return algo("".join(parts).encode("utf-8")).hexdigest()


SAVE_PATH = "/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc"
app_data = ",".join([ACCT_ID, USER, str(LCID), ORG_NUM])
print("== Kingdee identity (mock defaults)")
print("   appId =", repr(APP_ID))
print("   appSecret =", repr(APP_SECRET))
print("   gatewaySecret =", repr(gateway_secret(ENCODED_SECRET)))
print("== Kingdee SDK 8.x signature headers (DERIVED)")
print("   X-Kd-Appdata =", repr(base64.b64encode(app_data.encode()).decode()))
print("   X-Kd-Signature =", repr(kd_hmac(APP_ID + app_data, APP_SECRET)))
print("   path =", repr(SAVE_PATH))
print("   X-Api-Signature(ts=nonce='1700000000', Python SDK seconds) =", repr(api_signature(SAVE_PATH, "1700000000", "1700000000")))
print("   X-Api-Signature(ts=nonce='1700000000000', Java SDK millis) =", repr(api_signature(SAVE_PATH, "1700000000000", "1700000000000")))
print("== Kingdee LoginBySign (DERIVED)")
print("   timestamp = '1700000000'")
print("   sign_sha256 =", repr(login_sign("1700000000", hashlib.sha256)))
print("   sign_sha1 =", repr(login_sign("1700000000", hashlib.sha1)))
