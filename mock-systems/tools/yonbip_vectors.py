#!/usr/bin/env python3
"""Known-answer vector for the YonBIP self-built-app token signature (docs/vendor-apis/yonyou-yonbip.md §3.2;
the value is listed in docs/vendor-apis/yonyou-yonbip.md §10), derived with Python's
hmac/hashlib/base64: sort parameters by name (without 'signature'), concatenate name+value, HmacSHA256 with the
appSecret, base64 of the RAW digest, then URL-encode. Run: python3 mock-systems/tools/yonbip_vectors.py"""
import base64
import hashlib
import hmac
from urllib.parse import quote

APP_KEY = "yb-demo-app-key-0001"          # YonBipMock defaults
APP_SECRET = "yb-demo-app-secret-0001"
params = {"appKey": APP_KEY, "timestamp": "1700000000000"}
msg = "".join(k + params[k] for k in sorted(params))
sig = base64.b64encode(hmac.new(APP_SECRET.encode(), msg.encode(), hashlib.sha256).digest()).decode()
print("== YonBIP getAccessToken signature (DERIVED)")
print("   string_to_sign =", repr(msg))
print("   signature_base64 =", repr(sig))
print("   signature_urlencoded =", repr(quote(sig, safe="")))
