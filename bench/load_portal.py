#!/usr/bin/env python3
# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bounded load test of the firms' and buyers' portal pages.

50 portal users (by default) log in to a running Odoo on this machine and
each asks for its pages a fixed number of times, all at once; the script
prints the requests per second and the latency percentiles, then stops. It
talks to 127.0.0.1 only.

    # once: portal users for the firms and the buyer of the bench database
    python bench/load_portal.py --config .build/odoo.conf --setup
    # the server, in workers mode (another shell)
    odoo-bin -c .build/odoo.conf -d social_clause_bench --workers=4 --http-port=8078
    python bench/load_portal.py --url http://127.0.0.1:8078 [--users 50] [--requests 20]
"""

# A command-line script: it prints its figures and commits its portal users.
# pylint: disable=print-used,invalid-commit
import argparse
import concurrent.futures
import re
import statistics
import time
from urllib.parse import urlparse

PASSWORD = "bench-portal-2026"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8078")
    parser.add_argument("--db", default="social_clause_bench")
    parser.add_argument("--config", help="odoo.conf, for --setup")
    parser.add_argument("--setup", action="store_true", help="create the users")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="per user")
    args = parser.parse_args()
    if urlparse(args.url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("the load test only talks to 127.0.0.1")
    args.users = min(args.users, 200)
    args.requests = min(args.requests, 200)
    return args


def setup(args):
    """The portal users of the load test (create_users)."""
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.db])
    with Registry(args.db).cursor() as cr:
        create_users(api.Environment(cr, SUPERUSER_ID, {}), args.users)
        print(f"{args.users} portal users in {args.db}")


def create_users(env, count):
    """``count`` portal users: one per firm with a commitment, one in ten
    for the buyer, password PASSWORD; committed."""
    commitments = env["social.clause.commitment"].search([], order="id")
    firms = commitments.partner_id.commercial_partner_id[:count]
    buyer = commitments[:1].operation_id.buyer_id
    portal = env.ref("base.group_portal")
    Users = env["res.users"].with_context(no_reset_password=True)
    for index in range(count):
        login = f"bench.portal.{index:03d}"
        if Users.search_count([("login", "=", login)]):
            continue
        company = buyer if index % 10 == 9 else firms[index % len(firms)]
        Users.create(
            {
                "name": f"Portail {index:03d}",
                "login": login,
                "password": PASSWORD,
                "parent_id": company.id,
                "groups_id": [(6, 0, portal.ids)],
            }
        )
    env.cr.commit()


def login(args, index):
    """A logged-in session of the portal user ``index``."""
    import requests

    session = requests.Session()
    login = f"bench.portal.{index:03d}"
    page = session.get(f"{args.url}/web/login", params={"db": args.db}, timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(
        f"{args.url}/web/login",
        data={"login": login, "password": PASSWORD, "csrf_token": token},
        timeout=120,
    )
    return session


def session_run(args, index, session):
    """Ask for the user's pages; the latency of each page, failures counted."""
    import requests

    is_buyer = index % 10 == 9
    pages = ["/my/social_clauses"] if not is_buyer else ["/my/home"]
    if is_buyer:
        listing = session.get(f"{args.url}/my/home", timeout=60)
        pages += sorted(
            set(re.findall(r"/my/social_clause_operations/\d+", listing.text))
        )[:2]
    times, errors = [], 0
    for number in range(args.requests):
        start = time.perf_counter()
        try:
            response = session.get(
                f"{args.url}{pages[number % len(pages)]}", timeout=120
            )
        except requests.RequestException:
            errors += 1
            continue
        times.append(time.perf_counter() - start)
        if response.status_code != 200 or "/web/login" in response.url:
            errors += 1
    return times, errors


def run(args):
    # The logins (password hashing) 4 at a time, then every user at once.
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        sessions = list(pool.map(lambda index: login(args, index), range(args.users)))
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.users) as pool:
        results = list(
            pool.map(
                lambda index: session_run(args, index, sessions[index]),
                range(args.users),
            )
        )
    elapsed = time.perf_counter() - start
    times = sorted(t for result in results for t in result[0])
    errors = sum(result[1] for result in results)
    quantiles = statistics.quantiles(times, n=100)
    print(
        f"{args.users} portal users x {args.requests} pages: {len(times)} requests "
        f"in {elapsed:.1f} s (after the logins)"
    )
    print(f"requests per second: {len(times) / elapsed:.1f}")
    print(
        f"latency: p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} "
        f"ms, max {times[-1] * 1000:.0f} ms; errors: {errors}"
    )


def main():
    args = parse_args()
    if args.setup:
        setup(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
