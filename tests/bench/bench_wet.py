"""WET input (issue 11): a Common Crawl-style WET file built from the dev sets' `raw_text`.

    python tests/bench/bench_wet.py [--set scrapinghub|wcxb-dev]

Writes one `conversion` record per page (text/plain, WARC-Target-URI = the page URL,
WARC-Refers-To and WARC-Identified-Content-Language as Common Crawl writes them), runs
`python -m cleaner clean` on it, then checks that every page came out with its URL,
that `cleaner audit` passes, and that the mean token F1 against the gold equals that of
`clean_text` on the same texts (the same engine must give the same quality).
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import uuid
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO.parent / "shared" / "bench"
sys.path.insert(0, str(REPO))

import cleaner  # noqa: E402


def load_prf():
    spec = importlib.util.spec_from_file_location("bench_score", BENCH / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.prf


def write_wet(path: Path, pages: list[dict]) -> None:
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench_wet"}))
        for page in pages:
            data = page["raw_text"].encode("utf-8")
            headers = {"WARC-Refers-To": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, page['url'])}>",
                       "WARC-Identified-Content-Language": "eng"}
            record = writer.create_warc_record(page["url"], "conversion", payload=BytesIO(data), length=len(data),
                                               warc_content_type="text/plain", warc_headers_dict=headers)
            writer.write_record(record)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="scrapinghub", choices=("scrapinghub", "wcxb-dev"))
    args = parser.parse_args()
    prf = load_prf()
    with gzip.open(BENCH / "data" / f"{args.set}.jsonl.gz", "rt", encoding="utf-8") as handle:
        pages = [p for p in map(json.loads, handle) if p.get("raw_text", "").strip() and p.get("url")]
    gold = {p["url"]: p["gold"] for p in pages}
    direct = [prf(cleaner.clean_text(p["raw_text"]).text, p["gold"])[2] for p in pages]
    with tempfile.TemporaryDirectory(prefix="bench-wet-") as tmp:
        wet = Path(tmp) / "dev.warc.wet.gz"
        write_wet(wet, pages)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        run = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(wet), "-o", f"{tmp}/out", "-q"], env=env)
        audit = subprocess.run([sys.executable, "-m", "cleaner", "audit", f"{tmp}/out"], env=env,
                               capture_output=True, text=True)
        rows = [json.loads(line) for line in Path(f"{tmp}/out/articles.jsonl").read_text().splitlines()]
    scores = [prf(r["text"], gold[r["url"]])[2] for r in rows if r["url"] in gold]
    print(f"{args.set}: {len(pages)} pages in the WET file, {len(rows)} articles, exit {run.returncode}, "
          f"URLs kept: {sum(r['url'] in gold for r in rows)}/{len(rows)}; audit: {audit.stdout.splitlines()[0]}")
    print(f"mean F1: through WET {sum(scores) / max(len(scores), 1):.3f} over {len(scores)} articles; "
          f"clean_text on raw_text {sum(direct) / len(direct):.3f} over {len(direct)} pages")


if __name__ == "__main__":
    main()
