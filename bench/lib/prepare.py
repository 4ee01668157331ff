#!/usr/bin/env python3
"""Logs one actor in and writes the Lua data file the load scenarios read (bench/scenarios/*.lua).

Usage: prepare.py --base http://127.0.0.1:PORT --user U --password P --out FILE.lua
                  [--exclude-owner ID] [--create-prefix D] [--ids N] [--threads T] [--seed S]

Everything the scenarios need is collected through the API as that actor, so the ids are the ones
the visibility filter lets it see: `ids` from a few list pages at random sorts and offsets;
`editable` (id, version) from the actor's own customers, or, with --exclude-owner, from customers
not owned by that user (the admin's patch set, disjoint from the rep's). Prints the actor's user id.
Standard library only.
"""
import argparse
import http.cookiejar
import json
import random
import sys
import urllib.parse
import urllib.request

# Search terms: company-name parts of the generator's vocabulary (server/src/app/demo.cc and the
# generator), as a user types them: 2- and 3-character substrings and pinyin initials.
TERMS = {
    "q2": ["科技", "网联", "华信", "恒通", "贸易", "电子", "中科", "物流", "银河", "医药", "金桥", "深圳"],
    "q3": ["网联科", "恒通电", "华信贸", "中科软", "瑞丰食", "金桥机", "宏达建", "深圳网", "天成化", "博远物"],
    "pinyin": ["wlkj", "htdz", "hxmy", "zkrj", "rfsp", "jqjx", "szwl", "hdjc", "kj", "hx"],
}
CATEGORIES = ["current", "potential", "partner", "agent"]
PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
             "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
             "65"]
# City name and a district code in it (GB/T 2260), for new customers.
CITIES = [("北京", "110105"), ("上海", "310104"), ("广州", "440106"), ("深圳", "440305"),
          ("杭州", "330106"), ("南京", "320106"), ("成都", "510104"), ("重庆", "500103"),
          ("武汉", "420106"), ("西安", "610113"), ("天津", "120101"), ("长沙", "430104"),
          ("郑州", "410105"), ("济南", "370102"), ("厦门", "350203"), ("沈阳", "210102"),
          ("昆明", "530102"), ("南宁", "450103"), ("兰州", "620102"), ("海口", "460106")]
WORDS = ["华信", "网联", "恒通", "中科", "东方", "瑞丰", "金桥", "宏达", "新锐", "天成"]
TRADES = ["科技", "贸易", "电子", "机械", "医药", "食品", "物流", "建材", "软件", "化工"]
SORTS = ["name", "-name", "-updatedAt", "createdAt", "code", "-code"]
PAGE = 200


class Api:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(self, method, path, body=None, ok=(200,)):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(req, timeout=120) as res:
                return res.status, json.loads(res.read() or b"null")
        except urllib.error.HTTPError as e:
            if e.code in ok:
                return e.code, None
            raise SystemExit(f"prepare: {method} {path} -> {e.code} {e.read()[:300]!r}")

    def get(self, path, **query):
        return self.call("GET", path + "?" + urllib.parse.urlencode(query))[1]

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


def lua(value):
    """Python value -> Lua literal (strings, ints, bools, lists, dicts with string keys)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(lua(v) for v in value) + "}"
    return "{" + ", ".join(f"[{lua(k)}] = {lua(v)}" for k, v in value.items()) + "}"


def collect(api, rng, want, pages, **filters):
    """Up to `want` distinct (id, version) from `pages` list pages at random sorts and offsets."""
    total = api.get("/api/v1/customers", pageSize=1, **filters)["total"]
    last = max(1, (total + PAGE - 1) // PAGE)
    seen = {}
    for page in rng.sample(range(1, last + 1), min(pages, last)):
        body = api.get("/api/v1/customers", pageSize=PAGE, page=page, sort=rng.choice(SORTS), **filters)
        for item in body["items"]:
            seen.setdefault(item["id"], item["version"])
        if len(seen) >= want:
            break
    return list(seen.items())[:want], total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--exclude-owner", type=int)
    ap.add_argument("--create-prefix", type=int, default=1)
    ap.add_argument("--ids", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    api = Api(args.base)
    _, login = api.call("POST", "/api/v1/auth/login", {"username": args.user, "password": args.password})
    me = login["user"]
    cookie = api.cookie("kehu_session")
    if not cookie:
        raise SystemExit("prepare: no kehu_session cookie after login")

    ids, visible = collect(api, rng, args.ids, 10)
    if args.exclude_owner:
        editable, _ = collect(api, rng, args.ids, 10, **{"ownerId[ne]": args.exclude_owner})
    else:
        editable, _ = collect(api, rng, args.ids, 10, ownerId=me["id"])
    if not ids or not editable:
        raise SystemExit(f"prepare: {args.user} sees {len(ids)} customers, may edit {len(editable)}")
    # The history tab's audit list: only for actors the API lets read it (the UI calls it anyway).
    status, _ = api.call("GET", "/api/v1/audit?entity=customers&pageSize=1", ok=(200, 403))
    data = {
        "cookie": cookie,
        "csrf": login["csrfToken"],
        "user_id": me["id"],
        "threads": args.threads,
        "create_prefix": args.create_prefix,
        "audit": status == 200,
        "ids": [i for i, _ in ids],
        "editable": [[i, v] for i, v in editable],
        "terms": {k: [urllib.parse.quote(t) for t in v] for k, v in TERMS.items()},
        "categories": CATEGORIES,
        "provinces": PROVINCES,
        "cities": [{"name": n, "region": r} for n, r in CITIES],
        "words": WORDS,
        "trades": TRADES,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("-- generated by bench/lib/prepare.py for " + args.user + "\nreturn " + lua(data) + "\n")
    print(json.dumps({"user": args.user, "userId": me["id"], "visible": visible, "ids": len(ids),
                      "editable": len(editable), "audit": status == 200}))


if __name__ == "__main__":
    sys.exit(main())
