"""The `cleaner` command line. The only module that prints.

    cleaner                          clean seeds/ into archive/
    cleaner clean INPUT... -o OUT    clean files/folders (or - for stdin)
    cleaner explain FILE             every raw line, kept (+) or removed (-), and why
    cleaner rules                    the rule ids and what they remove
    cleaner audit OUT [--html F]     verify an output folder against its archive
    cleaner show OUT ID              one article, raw against cleaned
    cleaner spark INPUT... -o OUT    the same batch as a Spark job (pyspark extra)
"""
from __future__ import annotations

import argparse
import errno
import gc
import logging
import os
import re
import signal
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Sequence, TextIO

from . import __version__
from .config import Config, ConfigError
from .lock import OutputLockedError
from .machine import usable_cores
from .shards import SHARD_BYTES, SHARD_DOCUMENTS, ShardLimits
from .sources import MAX_BYTES_DEFAULT

if TYPE_CHECKING:  # pragma: no cover
    from .audit import AuditResult

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "archive"
PROGRESS_MIN_FILES = 5

MAIN_EPILOG = """\
With no command, `cleaner` cleans every file in ./seeds into ./archive
(the same as `cleaner clean seeds -o archive`).

Options go before or after the command: `cleaner -j 2 clean in -o out` is
`cleaner clean in -o out -j 2`.

Set SOURCE_DATE_EPOCH (seconds since 1970) to make the archive reproducible:
equal inputs then give byte-identical WARC files.
"""

CLEAN_EPILOG = """\
examples:
  cleaner clean seeds -o archive          # a folder, recursively
  cleaner clean a.txt b.txt -o out        # files (ids are their names)
  cat page.txt | cleaner clean - -o -     # stdin to stdout, no archive

OUT gets articles/<id> (the cleaned text), articles.jsonl (one record per article),
shards/*.warc.gz (raw, cleaned and audit records) each with its .cdxj index and
.jsonl, manifest.jsonl (the committed shards) and, when some inputs failed,
errors.jsonl. Rerunning into the same OUT cleans only what it does not hold yet, so
a killed batch resumes. Ids are paths relative to the input folder; an id that
repeats gets ~2, ~3 before its extension (x~2.txt).

exit status: 0 all cleaned; 1 some inputs failed (listed in OUT/errors.jsonl);
2 usage error, missing input, bad config, OUT busy or of an older layout;
3 OUT cannot be written (disk full, permissions); 130 interrupted (Ctrl-C), 143
terminated (SIGTERM): either way the run stops cleanly and a rerun resumes; 141 the
reader of stdout closed it (`| head`).
"""


class UsageError(Exception):
    """A problem with how cleaner was called (exit status 2)."""


EXIT_OUTPUT = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process it killed
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the output's reader closed it (`| head`)


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same orderly stop as Ctrl-C (staged files removed)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def _common_options(suppress: bool) -> argparse.ArgumentParser:
    """-v and -q, accepted before or after the command (the command's copy must not reset them)."""
    common = argparse.ArgumentParser(add_help=False)
    default: object = argparse.SUPPRESS if suppress else False
    common.add_argument("-v", "--verbose", action="store_true", default=default, help="log progress details")
    common.add_argument("-q", "--quiet", action="store_true", default=default,
                        help="no progress bar, no summary, errors only")
    return common


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Strip boilerplate from article texts, archive and audit the result.",
        epilog=MAIN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_common_options(False)],
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_clean(sub)
    _add_explain(sub)
    rules = sub.add_parser("rules", help="list the rule ids and what they remove",
                           description="List every rule id and the reason it gives for a removal.",
                           parents=[_common_options(True)])
    rules.set_defaults(func=cmd_rules)
    _add_audit(sub)
    _add_show(sub)
    _add_spark(sub)
    return parser


def _add_clean(sub: argparse._SubParsersAction) -> None:
    clean = sub.add_parser("clean", help="clean files or folders into an output folder",
                           description="Clean raw article texts and archive raw, cleaned and audit records.",
                           epilog=CLEAN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
                           parents=[_common_options(True)])
    clean.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder (recursive) or - for stdin")
    clean.add_argument("-o", "--output", default=DEFAULT_OUTPUT, metavar="OUT",
                       help="output folder (default: archive), or - to write the cleaned text to stdout only")
    clean.add_argument("--config", metavar="FILE", help="TOML file: disabled rules, extra phrases, custom rules")
    clean.add_argument("--extractor", choices=("trafilatura", "fast"), default="trafilatura",
                       help="HTML main-text extractor: trafilatura (default, best quality) or fast "
                       "(resiliparse, several times faster)")
    clean.add_argument("--max-bytes", type=_positive, default=MAX_BYTES_DEFAULT, metavar="N",
                       help=f"refuse inputs larger than N bytes (default {MAX_BYTES_DEFAULT})")
    clean.add_argument("-j", "--jobs", type=_positive, default=usable_cores(), metavar="N",
                       help=f"worker processes (default: the machine's cores, here {usable_cores()})")
    clean.add_argument("--shard-documents", type=_positive, default=SHARD_DOCUMENTS, metavar="N",
                       help=f"close a shard after N articles (default {SHARD_DOCUMENTS}; also at "
                       f"{SHARD_BYTES // 2**20} MiB of records before gzip): a killed batch loses at most "
                       "the open shards")
    clean.set_defaults(func=cmd_clean)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _add_explain(sub: argparse._SubParsersAction) -> None:
    explain = sub.add_parser(
        "explain", help="show why each line of a raw text was kept or removed",
        description="Print every line of the raw text: + kept, - removed, ~ partly removed, "
        "with the rule id and its reason. Coloured on a terminal unless NO_COLOR is set.",
        epilog="examples:\n  cleaner explain seeds/000_1de2ce12cdf259bd.txt\n  cat page.txt | cleaner explain -",
        formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_common_options(True)])
    explain.add_argument("file", metavar="FILE",
                         help="an input as `clean` takes it (text, HTML, JSONL, crawl), or - for stdin")
    explain.add_argument("--config", metavar="FILE", help="TOML file: disabled rules, extra phrases, custom rules")
    explain.add_argument("--extractor", choices=("trafilatura", "fast"), default="trafilatura",
                         help="HTML path (default trafilatura)")
    explain.set_defaults(func=cmd_explain)


def _add_audit(sub: argparse._SubParsersAction) -> None:
    audit = sub.add_parser(
        "audit", help="verify an output folder against its archives",
        description="Check every archive (block digests, resource -> conversion -> metadata chains, raw "
        "text rebuilt exactly from cleaned text + ledger), and that articles/, articles.jsonl and "
        "the shards' indexes equal the archived records. Exit 0 when all agree, 1 naming each difference, 2 when "
        "OUT is no output folder or a clean is writing into it now.",
        epilog="examples:\n  cleaner audit archive\n  cleaner audit out --html report.html",
        formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_common_options(True)])
    audit.add_argument("out", metavar="OUT", help="output folder of `cleaner clean`")
    audit.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report (- for stdout)")
    audit.set_defaults(func=cmd_audit)


def _add_show(sub: argparse._SubParsersAction) -> None:
    show = sub.add_parser(
        "show", help="show one archived article, raw against cleaned",
        description="Print the raw text of one archived article with the removed spans marked "
        "(red with their rule id on a terminal, [-text-]{rule} otherwise).",
        epilog="example:\n  cleaner show archive 000_1de2ce12cdf259bd.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_common_options(True)])
    show.add_argument("out", metavar="OUT", help="output folder of `cleaner clean`")
    show.add_argument("id", metavar="ID", help="article id (its path relative to the input root)")
    show.set_defaults(func=cmd_show)


SPARK_EPILOG = """\
examples:
  cleaner spark seeds crawl.warc.gz -o out --master 'local[2]'
  cleaner spark s3a://bucket/wet/ -o /shared/out --master spark://host:7077
  spark-submit --master yarn $(which cleaner) spark hdfs:///crawl/ -o /shared/out

OUT is laid out as by `cleaner clean` (audit, resume and show work on it), plus
articles.parquet (a folder of part files). In cluster mode OUT must be a folder that
the driver and every executor see at the same path (a shared file system), and
cleaner must be installed on the executors.

exit status: as `cleaner clean`; 2 also when pyspark is not installed; 3 also when
the Spark job fails (a task failed spark.task.maxFailures times): finished tasks are
kept, rerun to resume.
"""


def _add_spark(sub: argparse._SubParsersAction) -> None:
    spark = sub.add_parser("spark", help="clean files or folders as a Spark job (needs the spark extra)",
                           description="Clean like `cleaner clean`, the tasks running on Apache Spark; also "
                           "writes OUT/articles.parquet.", epilog=SPARK_EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_common_options(True)])
    spark.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="file or folder (recursive): a local path or a Hadoop URI (s3a://, hdfs://, file://)")
    spark.add_argument("-o", "--output", required=True, metavar="OUT", help="output folder (shared by the executors)")
    spark.add_argument("--master", metavar="URL",
                       help="Spark master (local[2], spark://host:7077, yarn); default: spark-submit's, else local[*]")
    spark.add_argument("--partitions", type=_positive, metavar="N",
                       help="tasks per Spark job, one partition each (default: 8 x the default parallelism); "
                       "the driver holds the results of two jobs")
    spark.add_argument("--config", metavar="FILE", help="TOML file: disabled rules, extra phrases, custom rules")
    spark.add_argument("--extractor", choices=("trafilatura", "fast"), default="trafilatura",
                       help="HTML main-text extractor, as for `cleaner clean`")
    spark.add_argument("--max-bytes", type=_positive, default=MAX_BYTES_DEFAULT, metavar="N",
                       help=f"refuse inputs larger than N bytes (default {MAX_BYTES_DEFAULT})")
    spark.add_argument("--shard-documents", type=_positive, default=SHARD_DOCUMENTS, metavar="N",
                       help=f"at most N inputs per task and articles per shard (default {SHARD_DOCUMENTS})")
    spark.add_argument("--no-parquet", action="store_true", help="do not write OUT/articles.parquet")
    spark.set_defaults(func=cmd_spark)


def _load_config(path: str | None) -> Config:
    if path is None:
        return Config()
    try:
        return Config.from_toml(path)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def _source_date_epoch() -> str | None:
    """SOURCE_DATE_EPOCH when set (an empty value counts as unset); a malformed one is an error,
    as reproducible-builds.org asks."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]+", value) or int(value) > _MAX_EPOCH:
        raise UsageError(f"SOURCE_DATE_EPOCH={value!r}: must be a whole number of seconds since 1970 "
                         f"up to {_MAX_EPOCH} (the year 9999)")
    return value


_MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: a WARC-Date has four digits of year


def _check_inputs(inputs: Sequence[str]) -> None:
    if list(inputs).count("-") > 1:
        raise UsageError("stdin (-) can be given only once")
    for spec in inputs:
        if spec == "-":
            continue
        try:
            os.stat(spec)
        except FileNotFoundError:
            raise UsageError(f"input not found: {spec}") from None
        except OSError as exc:  # a link loop, a folder we may not enter
            raise UsageError(f"cannot read input {spec}: {exc.strerror or exc}") from None


class _ProgressBar:
    """documents, MB/s and failures on a terminal, for batches of more than a few files."""

    def __init__(self, total: int) -> None:
        import time

        import tqdm

        tqdm.tqdm.monitor_interval = 0  # no monitor thread: workers are forked
        self._clock = time.monotonic
        self._start = self._clock()
        self.bytes = self.failures = 0
        self.bar = tqdm.tqdm(total=total, unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True)

    def update(self, documents: int, size: int, failures: int) -> None:
        self.bytes += size
        self.failures += failures
        elapsed = max(self._clock() - self._start, 1e-6)
        self.bar.set_postfix_str(f"{self.bytes / elapsed / 1e6:.1f} MB/s, {self.failures} failed", refresh=False)
        self.bar.update(documents)

    def close(self) -> None:
        self.bar.close()


def _progress(inputs: Sequence[str], quiet: bool, out: Path | None) -> _ProgressBar | None:
    if quiet or not sys.stderr.isatty() or "-" in inputs:
        return None
    from .inputs import count_inputs

    total = count_inputs(inputs, exclude=out)
    return _ProgressBar(total) if total > PROGRESS_MIN_FILES else None


def cmd_clean(args: argparse.Namespace) -> int:
    from .manifest import OutputFormatError
    from .pipeline import BatchOptions, OutputWriteError, clean_to_stream, run_batch

    _check_inputs(args.inputs)
    config = _load_config(args.config)
    to_stdout = args.output == "-"
    if to_stdout and "stdout" in _CLOSED:
        raise UsageError("-o -: standard output is closed")
    if not to_stdout and os.path.lexists(args.output) and not Path(args.output).is_dir():
        raise UsageError(f"-o {args.output}: exists and is not a folder")
    epoch = _source_date_epoch()
    bar = _progress(args.inputs, args.quiet, None if to_stdout else Path(args.output))
    options = BatchOptions(
        config=config, max_bytes=args.max_bytes, version=__version__, jobs=args.jobs,
        limits=ShardLimits(documents=args.shard_documents), extractor=args.extractor,
        source_date_epoch=epoch, stdin=sys.stdin.buffer,
        progress=bar.update if bar is not None else None,
    )
    try:
        stats = clean_to_stream(args.inputs, sys.stdout.buffer, options) if to_stdout else \
            run_batch(args.inputs, Path(args.output), options)
    except (OutputLockedError, OutputFormatError) as exc:
        raise UsageError(str(exc)) from exc
    except OutputWriteError as exc:
        print(f"cleaner clean: error: {exc}; finished shards are kept, rerun to resume", file=sys.stderr)
        return EXIT_OUTPUT
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        _print_summary(stats, args.output)
    elif stats.failures:  # -q keeps errors: one line, the list is in errors.jsonl
        where = "" if args.output == "-" else f", listed in {Path(args.output) / 'errors.jsonl'}"
        print(f"cleaner clean: {_plural(stats.failures, 'input')} failed{where}", file=sys.stderr)
    return 1 if stats.failures else 0


def _spark_session(master: str | None, quiet: bool):  # -> pyspark.sql.SparkSession
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("cleaner")
    if master:
        builder = builder.master(master)
    if (master or "local").startswith("local"):
        # Local workers run this interpreter (this venv's cleaner), not the first python3 on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if quiet:
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR" if quiet else "WARN")
    return session


def cmd_spark(args: argparse.Namespace) -> int:
    from .spark import INSTALL_HINT, pyspark_available

    if not pyspark_available():
        raise UsageError(f"pyspark is not installed; install it with: {INSTALL_HINT}")
    from .manifest import OutputFormatError
    from .pipeline import BatchOptions, OutputWriteError
    from .spark.job import SparkOptions, run_spark
    from .spark.remote import is_remote
    from py4j.protocol import Py4JJavaError  # how pyspark reports a failed job

    if "-" in args.inputs:
        raise UsageError("stdin (-) cannot be read by a Spark job; use `cleaner clean`")
    _check_inputs([spec for spec in args.inputs if not is_remote(spec)])
    options = BatchOptions(config=_load_config(args.config), max_bytes=args.max_bytes, version=__version__,
                           limits=ShardLimits(documents=args.shard_documents), extractor=args.extractor,
                           source_date_epoch=_source_date_epoch())
    session = _spark_session(args.master, args.quiet)
    try:
        stats = run_spark(session, args.inputs, Path(args.output), options,
                          SparkOptions(partitions=args.partitions, parquet=not args.no_parquet))
    except (OutputLockedError, OutputFormatError) as exc:
        raise UsageError(str(exc)) from exc
    except OutputWriteError as exc:
        print(f"cleaner spark: error: {exc}; finished shards are kept, rerun to resume", file=sys.stderr)
        return EXIT_OUTPUT
    except Py4JJavaError as exc:  # a task failed spark.task.maxFailures times
        first = str(exc.java_exception).strip().splitlines()[0]
        print(f"cleaner spark: the Spark job failed: {first}; finished shards are kept, rerun to resume",
              file=sys.stderr)
        return EXIT_OUTPUT
    finally:
        session.stop()
    if not args.quiet:
        _print_summary(stats, args.output)
    return 1 if stats.failures else 0


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _print_summary(stats, output: str) -> None:  # stats: pipeline.BatchStats
    err = sys.stderr
    done, failed, skipped = stats.documents, stats.failures, stats.skipped
    folder = output.rstrip("/") + "/"
    if output == "-":
        print(f"cleaner: {_plural(done, 'document')} cleaned, {_plural(failed, 'failure')}", file=err)
    elif done == 0 and failed == 0:
        print(f"cleaner: {folder} is up to date: {_plural(stats.articles_total, 'article')}", file=err)
        return
    else:
        print(f"cleaner: {_plural(done, 'document')} cleaned, {_plural(failed, 'failure')}, "
              f"{skipped:,} already archived; {folder} holds {_plural(stats.articles_total, 'article')}", file=err)
    clean = stats.step("clean")
    print(f"  bytes in {clean['bytes_in']:,}, out {clean['bytes_out']:,}", file=err)
    if stats.removed_chars:
        print("  removed characters by rule:", file=err)
        width = max(len(rule) for rule in stats.removed_chars)
        for rule, chars in stats.removed_chars.most_common():
            print(f"    {rule:<{width}}  {chars:>9,}", file=err)
    if stats.shards:
        print(f"  {_plural(len(stats.shards), 'shard')} written, the last: {stats.shards[-1]}", file=err)
    if failed and output != "-":
        print(f"  failures are listed in {Path(output) / 'errors.jsonl'}", file=err)


def cmd_explain(args: argparse.Namespace) -> int:
    """Every line of each document in FILE, read as `clean` reads it (text, HTML, JSONL,
    crawl; FIFOs refused), kept or removed and why."""
    from .cleaning import clean_source
    from .documents import read_documents
    from .inputs import STDIN, InputFile, input_file
    from .show import explain_lines, use_colour

    config = _load_config(args.config)
    if args.file == STDIN:
        item = InputFile(None, "stdin", data=sys.stdin.buffer.read())
    elif not Path(args.file).exists():
        raise UsageError(f"cannot read {args.file}: no such file")
    else:
        item = input_file(Path(args.file), Path(args.file).name)
    colour, status, shown = use_colour(sys.stdout), 0, 0
    for doc in read_documents(item, MAX_BYTES_DEFAULT):
        cleaned = clean_source(doc, config, args.extractor)
        if cleaned.article is None:
            print(f"cleaner explain: {cleaned.error or doc.key + ': no article'}", file=sys.stderr)
            status = 1
            continue
        if shown or doc.key != item.id:  # documents of a JSONL file or crawl: say which
            print(f"{'' if not shown else chr(10)}==> {doc.key} <==")
        shown += 1
        for line in explain_lines(cleaned.article, colour):
            print(line)
    return status


def cmd_rules(args: argparse.Namespace) -> int:
    from .rules import ALL_RULES

    reasons = {rule.id: rule.reason for rule in ALL_RULES}
    width = max(len(rule_id) for rule_id in reasons)
    for rule_id in sorted(reasons):
        print(f"{rule_id:<{width}}  {reasons[rule_id]}")
    return 0


def _existing_output(path: str) -> Path:
    out = Path(path)
    if not out.is_dir():
        raise UsageError(f"not an output folder: {path}")
    return out


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit import audit_output
    from .lock import AuditLock

    out = _existing_output(args.out)
    if not _looks_like_output(out):
        raise UsageError(f"not an output folder of `cleaner clean`: {args.out} (no manifest.jsonl, no shards)")
    report = _report_target(args.html)
    try:
        with AuditLock(out):
            result = audit_output(out)
            html = _render_report(out, result) if report is not None else None
    except OutputLockedError as exc:
        raise UsageError(str(exc)) from None
    for problem in result.problems:
        print(f"FAIL {problem}", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    verdict = "passed" if result.ok else "FAILED"
    summary = sys.stderr if report == "-" else sys.stdout  # `--html -`: stdout holds the page alone
    if not args.quiet:  # -q: the problems above (stderr) and the exit status say it all
        print(f"audit {out}: {verdict}: {_plural(result.articles, 'article')} in {_plural(result.archives, 'shard')}, "
              f"{_plural(result.records, 'record')}, {_plural(len(result.problems), 'problem')}", file=summary)
        _print_rule_stats(result.removed_chars, result.removals, summary)
    if html is not None and report is not None:
        _write_report(report, html)
        if report != "-" and not args.quiet:
            print(f"report: {report}")
    return 1 if result.problems else 0


def _looks_like_output(out: Path) -> bool:
    """Whether `out` holds anything `cleaner clean` writes (an output whose every input
    failed has errors.jsonl and .lock only, and audits as empty)."""
    names = ("manifest.jsonl", "shards", "articles", "articles.jsonl", "errors.jsonl", ".lock", ".running")
    return any((out / name).exists() for name in names)


def _report_target(html: str | None) -> str | None:
    """Where `--html` goes: a file in an existing folder, or - for stdout (checked before auditing)."""
    if html is None or html == "-":
        return html
    folder = Path(html).parent
    if not folder.is_dir():
        raise UsageError(f"--html {html}: folder {folder} does not exist")
    if Path(html).is_dir():
        raise UsageError(f"--html {html}: is a folder; give a file name")
    return html


def _render_report(out: Path, result: AuditResult) -> str:
    from .report import render_report  # a report only: a plain audit never loads it

    return render_report(out, result)


def _write_report(target: str, html: str) -> None:
    from .write import atomic_write

    data = html.encode("utf-8")
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(Path(target), data)


def _print_rule_stats(chars: Counter[str], counts: Counter[str], stream: TextIO | None = None) -> None:
    if not chars:
        return
    stream = stream or sys.stdout
    width = max(len(rule) for rule in chars)
    print(f"  {'rule':<{width}}  {'removals':>8}  {'characters':>10}", file=stream)
    for rule, total in chars.most_common():
        print(f"  {rule:<{width}}  {counts[rule]:>8,}  {total:>10,}", file=stream)


def cmd_show(args: argparse.Namespace) -> int:
    from .show import diff_text, use_colour
    from .warc import iter_archived

    out = _existing_output(args.out)
    found = None
    for archived in iter_archived(out):
        if archived.source == args.id:
            found = archived  # the latest archived version wins
    if found is None:
        print(f"cleaner show: no article {args.id!r} in {out}", file=sys.stderr)
        return 1
    text = diff_text(found.article(), use_colour(sys.stdout))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _closed_streams_to_devnull() -> None:
    """A stream the caller closed (`<&-`, `2>&-`) reads as empty or takes writes away;
    writing an archive's text to a closed stdout is refused (`cmd_clean`)."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the process's life
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
            _CLOSED.add(name)


_CLOSED: set[str] = set()
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EROFS})


def _own_records(record: logging.LogRecord) -> bool:
    return record.name == "cleaner" or record.name.startswith("cleaner.")


def run() -> NoReturn:
    """The `cleaner` command: `main`, then exit without a last walk over the run's objects.

    At exit the interpreter collects garbage once more, walking every object still
    alive (a large manifest's entries, the rules' tables) to find nothing: the engine
    makes no cycles. `gc.freeze()` takes them out of that walk: a run adding one file
    to a folder of 4,000 took 0.44 s against 0.54 s (four alternating runs). Only here, in a process
    that is about to end: `main` called in a longer-lived process leaves its collector
    alone.
    """
    status = main()
    gc.freeze()
    sys.exit(status)


def _command_first(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """Options given before the command go after it: `cleaner -j 2 clean x` is `cleaner
    clean -j 2 x`. Options alone (or nothing) run the default job: `cleaner -j 1` is
    `cleaner clean seeds -o archive -j 1`. --help and --version stay the main parser's."""
    commands: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands.update(action.choices)
    takes_value = {option for command in commands.values() for action in command._actions
                   if action.nargs != 0 for option in action.option_strings}
    at = 0
    while at < len(argv):
        token = argv[at]
        if token in commands:
            return argv if at == 0 or _asks_main_parser(argv[:at]) else [token, *argv[:at], *argv[at + 1:]]
        if token == "--" or not token.startswith("-") or token == "-":
            return argv  # a positional before any command: the main parser says what is wrong
        at += 2 if token in takes_value else 1
    if _asks_main_parser(argv):
        return argv
    return ["clean", DEFAULT_INPUT, "-o", DEFAULT_OUTPUT, *argv]


def _asks_main_parser(options: list[str]) -> bool:
    return any(option in ("-h", "--help", "--version") for option in options)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _closed_streams_to_devnull()
    parser = _parser()
    argv = _command_first(argv, parser)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else (logging.ERROR if args.quiet else logging.WARNING),
        format="cleaner: %(levelname)s: %(message)s", stream=sys.stderr,
    )
    if not args.verbose:  # the extractors' own log lines name no input ("discarding data: None"): -v shows them
        for handler in logging.getLogger().handlers:
            handler.addFilter(_own_records)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return int(args.func(args))
    except UsageError as exc:
        parser.exit(2, f"cleaner {args.command}: error: {exc}\n")
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly with the status a shell gives a
        # process killed by SIGPIPE; stdout goes to /dev/null so exit does not flush into it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # what no command turned into a message: writing stdout or a report, mostly
        if exc.errno in _WRITE_ERRORS:  # a full disk, /dev/full: stdout may be the stream that failed
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            print(f"cleaner {args.command}: error: cannot write {exc.filename or 'the output'}: "
                  f"{exc.strerror or exc}", file=sys.stderr)
        else:
            print(f"cleaner {args.command}: error: {exc.filename or 'the output'}: {exc.strerror or exc}",
                  file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt as exc:
        how = "terminated" if isinstance(exc, Terminated) else "interrupted"
        writes = args.command in ("clean", "spark") and getattr(args, "output", "-") != "-"
        print(f"cleaner {args.command}: {how}" + ("; finished shards are kept, rerun to resume" if writes else ""),
              file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
