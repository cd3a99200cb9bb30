"""Engines: the corpus read in worker processes or on a Dask cluster is the corpus read in
this process (same letters, keys, order and failures), results stream in order with a
bounded number in flight, settings travel with the work, Ctrl-C ends a run with exit 130,
and the engine options are checked."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from messages import messages

from compare.cli import cli
from compare.corpus import load_corpus, read_files
from compare.engines import EngineError, Results, chunked, make_engine, run_chunk
from compare.engines.local import InProcess, LocalPool
from compare.filetasks import FileTask, read_settings, read_task
from compare.models import to_json
from compare.pipeline import cached_corpus, open_cache

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ROOT = Path(__file__).resolve().parent.parent

TOPICS = [
    ("Minister of Water", "stop the discharge of untreated waste into the river"),
    ("Mayor of Riverton", "open the public library on Sundays"),
    ("Board of Education", "fund school meals for every pupil"),
    ("Minister of Transport", "restore the night trains between the two cities"),
    ("City Council", "plant a tree for every child born this year"),
    ("Health Authority", "publish waiting times for every hospital"),
]


def letter_text(number: int, recipient: str, ask: str, date: str | None = None) -> str:
    date = date or f"{1 + number % 27} May {2000 + number % 20}"
    return (
        f"Open letter number {number} on public services\n\n{date}\n\nDear {recipient},\n\n"
        f"We write to urge you to {ask}. Letter {number} asks this of you.\n\n"
        f"We also call on you to meet the signatories before the end of the year.\n\n"
        f"Sincerely,\n\nFriends Society {number}\nNetwork of Civic Groups\n"
    )


def small_corpus(folder: Path, count: int = 12, bad: bool = False) -> Path:
    """``count`` crafted letter files: different recipients and dates, two files whose letters
    get the same key (so the second is ``-2`` in file order), one file holding two letters;
    with ``bad``, an empty file and a binary one as well."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        recipient, ask = TOPICS[number % len(TOPICS)]
        (folder / f"letter_{number:03d}.txt").write_text(
            letter_text(number, recipient, ask), encoding="utf-8"
        )
    clash = letter_text(90, "Mayor of Riverton", "repair the bridge", date="2 June 2011")
    (folder / "clash_a.txt").write_text(clash, encoding="utf-8")
    (folder / "clash_b.txt").write_text(clash.replace("bridge", "old bridge"), encoding="utf-8")
    two = letter_text(91, "City Council", "light the park") + "\n=====\n\n"
    two += letter_text(92, "Health Authority", "open a clinic", date="5 July 2012")
    (folder / "two_letters.txt").write_text(two, encoding="utf-8")
    if bad:
        (folder / "empty.txt").write_text("", encoding="utf-8")
        (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    return folder


# ---------------------------------------------------------------------------- ordering


class FakeFuture:
    def __init__(self, value: list[int], taken: list[int]) -> None:
        self.value = value
        self.taken = taken
        self.cancelled = False

    def result(self) -> list[int]:
        self.taken[0] += 1
        return self.value

    def cancel(self) -> bool:
        self.cancelled = True
        return True


@settings(max_examples=60, deadline=None)
@given(
    items=st.lists(st.integers(), max_size=40),
    chunk=st.integers(1, 6),
    window=st.integers(1, 5),
    stop=st.integers(0, 45),
)
def test_results_come_in_item_order_with_at_most_window_chunks_unread(items, chunk, window, stop):
    started: list[FakeFuture] = []
    taken = [0]  # chunks whose results were taken

    def submit(batch: list[int]) -> FakeFuture:
        assert len(started) - taken[0] < window  # never more than ``window`` chunks ahead
        started.append(FakeFuture(run_chunk(lambda shared, x: x * shared, 3, batch), taken))
        return started[-1]

    results = Results(submit, chunked(items, chunk), window)
    values = []
    for value in results:
        values.append(value)
        if len(values) == stop:
            results.close()
            break
    assert values == [x * 3 for x in items][: len(values)]
    if len(values) < len(items):  # closed early: what was not read is cancelled
        assert all(future.cancelled for future in started[taken[0] :])


def die(shared: object, item: int) -> None:
    os._exit(3)


@pytest.mark.parametrize(
    "engine",
    [InProcess(), LocalPool(2, min_items=1), LocalPool(2), LocalPool(1, min_items=1)],
    ids=["in-process", "pool", "pool-under-its-minimum", "pool-of-one"],
)
@pytest.mark.parametrize("count", [0, 1, 30])
def test_every_engine_gives_every_result_in_order(engine, count):
    items = iter(range(count))  # taken as needed, not a list
    with engine.map_plain(pow, 2, items, chunk=4) as results:
        assert list(results) == [2**x for x in range(count)]


def test_a_worker_that_dies_is_an_engine_error_not_a_hang():
    with pytest.raises(EngineError, match="the work stopped"):
        list(LocalPool(2, min_items=1).map_plain(die, 0, [1, 2, 3]))


def test_an_error_in_the_function_reaches_the_caller_with_its_type():
    with pytest.raises(ZeroDivisionError):
        list(LocalPool(2, min_items=1).map_plain(divmod, 1, [1, 0, 2]))


# ---------------------------------------------------------------------------- local pool


def test_jobs_2_reads_the_seeds_as_jobs_1_does(taxonomy):
    alone = load_corpus(SEEDS, taxonomy)
    pooled = load_corpus(SEEDS, taxonomy, LocalPool(2, min_items=1))
    assert to_json(pooled) == to_json(alone)


def test_jobs_2_reads_a_generated_corpus_as_jobs_1_does_keys_and_order_included(tmp_path, taxonomy):
    folder = small_corpus(tmp_path / "letters")
    alone = load_corpus(folder, taxonomy, InProcess())
    pooled = load_corpus(folder, taxonomy, LocalPool(2))  # 15 files: over the pool's minimum
    assert to_json(pooled) == to_json(alone)
    keys = [letter.key for letter in pooled.letters]
    assert keys[0] == "2011-06-02-mayor-of-riverton"
    assert keys[1] == "2011-06-02-mayor-of-riverton-2"  # clash_b, after clash_a
    assert len(pooled.letters) == 12 + 2 + 2


def test_a_cold_cache_with_jobs_2_stores_what_a_warm_run_reads_back(tmp_path, taxonomy):
    folder = small_corpus(tmp_path / "letters")
    cache = open_cache(tmp_path / "cache")
    cold = cached_corpus(folder, taxonomy, cache, LocalPool(2))
    (tmp_path / "cache" / "corpus").rename(tmp_path / "whole-corpus-records")  # per-file only
    warm = cached_corpus(folder, taxonomy, cache, LocalPool(2))
    assert to_json(warm.letters) == to_json(cold.letters)
    assert to_json(cold.letters) == to_json(load_corpus(folder, taxonomy).letters)


def test_a_bad_file_is_skipped_with_jobs_2_as_with_jobs_1(tmp_path, taxonomy):
    folder = small_corpus(tmp_path / "letters", bad=True)
    alone = load_corpus(folder, taxonomy, InProcess())
    pooled = load_corpus(folder, taxonomy, LocalPool(2))
    assert to_json(pooled) == to_json(alone)
    assert {f.source for f in pooled.failures} == {"empty.txt", "binary.txt"}
    assert len(pooled.letters) == 16


def test_the_cli_with_jobs_2_warns_of_a_bad_file_and_lists_the_rest(tmp_path):
    folder = small_corpus(tmp_path / "letters", bad=True)
    outputs = {}
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            cli, ["--no-cache", "--jobs", jobs, "--corpus", str(folder), "letters", "--json"]
        )
        assert result.exit_code == 1, result.output
        assert "warning: empty.txt:" in result.stderr
        assert "warning: binary.txt:" in result.stderr
        assert "Traceback" not in result.output
        outputs[jobs] = json.loads(result.stdout)
    assert outputs["2"] == outputs["1"]
    assert len(outputs["2"]) == 16


def test_parse_of_given_files_with_jobs_2_keeps_their_order_and_names(tmp_path, taxonomy):
    folder = small_corpus(tmp_path / "letters", bad=True)
    paths = sorted(folder.iterdir(), reverse=True)
    pooled = read_files(paths, taxonomy, LocalPool(2, min_items=1))
    assert to_json(pooled) == to_json(read_files(paths, taxonomy))
    assert pooled.letters[0].source == str(paths[0])


def test_workers_started_afresh_read_as_forked_ones_do(taxonomy):
    spawned = load_corpus(SEEDS, taxonomy, LocalPool(2, min_items=1, method="spawn"))
    assert to_json(spawned) == to_json(load_corpus(SEEDS, taxonomy))


# ---------------------------------------------------------------------------- settings


def test_settings_travel_with_the_task_and_leave_the_environment_as_it_was(tmp_path, taxonomy):
    path = tmp_path / "numeric.txt"
    path.write_text(letter_text(1, "City Council", "act", date="03/05/2021"), encoding="utf-8")
    before = dict(os.environ)
    dayfirst = read_settings(taxonomy)
    monthfirst = dataclasses.replace(dayfirst, date_order="mdy")
    task = FileTask(path.name, str(path))
    assert read_task(dayfirst, task).letters[0].date == "2021-05-03"
    assert read_task(monthfirst, task).letters[0].date == "2021-03-05"
    assert dict(os.environ) == before


def test_a_worker_without_the_model_file_reads_with_the_bytes_it_was_sent(tmp_path, taxonomy):
    settings_here = read_settings(taxonomy)
    assert not isinstance(settings_here.model, str) and settings_here.model is not None
    elsewhere = dataclasses.replace(
        settings_here,
        model=dataclasses.replace(settings_here.model, path=str(tmp_path / "gone" / "m.crfsuite")),
    )
    path = next(SEEDS.glob("*.txt"))
    task = FileTask(path.name, str(path), data=path.read_bytes())
    assert read_task(elsewhere, task) == read_task(settings_here, FileTask(path.name, str(path)))


def test_a_worker_with_another_version_refuses_the_work(taxonomy):
    other = dataclasses.replace(read_settings(taxonomy), code="another version")
    path = next(SEEDS.glob("*.txt"))
    with pytest.raises(EngineError, match="another version of compare-letters"):
        read_task(other, FileTask(path.name, str(path)))


def test_an_engine_error_crosses_processes_whole():
    error = pickle.loads(pickle.dumps(EngineError("tcp://h:1", "cannot reach it")))
    assert (error.path, error.problem, str(error)) == ("tcp://h:1", "cannot reach it", str(error))


# ---------------------------------------------------------------------------- options


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
        (["--engine", "local", "--scheduler", "tcp://h:1"], "--scheduler needs --engine dask"),
        (["--engine", "dask", "--scheduler", "tcp://h:1", "--jobs", "2"], "exclude each other"),
        (["--jobs", "0"], "--jobs"),
        (["--engine", "spark"], "--engine"),
    ],
)
def test_engine_options_that_do_not_fit_are_a_usage_error(args, message):
    result = CliRunner().invoke(cli, [*args, "--corpus", str(SEEDS), "letters"])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_make_engine_follows_jobs():
    assert isinstance(make_engine("local", 1), InProcess)
    assert make_engine("local", 3) == LocalPool(3)
    with pytest.raises(ValueError):
        make_engine("local", 2, "tcp://h:1")


def test_without_dask_installed_the_dask_engine_is_a_one_line_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = CliRunner().invoke(cli, ["--no-cache", "--engine", "dask", "letters"])
    assert result.exit_code == 1, result.output
    assert messages(result.stderr) == [
        "compare-letters: error: --engine dask needs dask.distributed: "
        "pip install 'compare-letters[dask]'"
    ]


# ---------------------------------------------------------------------------- Ctrl-C


def test_a_ctrl_c_while_workers_start_is_held_back_not_lost():
    """Sent to the main thread: sent to the process, the kernel may hand the signal to a
    thread that does not block it (numpy's BLAS threads, left by an earlier test)."""
    import threading

    from compare.engines import sigint_held

    reached = False
    main = threading.main_thread().ident
    assert main is not None
    with pytest.raises(KeyboardInterrupt), sigint_held():
        signal.pthread_kill(main, signal.SIGINT)
        time.sleep(0.05)
        reached = True  # not interrupted while held
    assert reached
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def workers_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def nap(seconds: float, item: int) -> int:
    time.sleep(seconds)
    return item


def test_ctrl_c_abandons_the_pool_s_running_work_instead_of_waiting_for_it():
    """Ctrl-C while each worker runs a 60 s task: the pool's workers are stopped at once (a
    batch report can take minutes), not waited for."""
    import threading

    started = time.monotonic()
    pool = LocalPool(2, min_items=1)
    with pytest.raises(KeyboardInterrupt), pool.map_plain(nap, 60.0, [1, 2, 3]) as results:
        threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
        list(results)
    assert time.monotonic() - started < 20


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds workers in /proc")
def test_ctrl_c_during_a_parallel_read_exits_130_without_a_traceback(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    for number in range(1500):
        (folder / f"letter_{number:04d}.txt").write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "compare", "--no-cache", "--jobs", "2", "--corpus", str(folder)]
        + ["letters", "--json"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 60
    while not workers_of(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # until its workers read (1,500 files take seconds more)
    assert process.poll() is None, "finished before the interrupt: make the corpus larger"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the parent and its workers
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode().strip().splitlines() == ["compare-letters: interrupted"]
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # no worker left behind
        os.killpg(process.pid, 0)


# ---------------------------------------------------------------------------- Dask


def test_dask_reads_the_corpus_as_this_process_does(dask_scheduler, tmp_path, taxonomy):
    folder = small_corpus(tmp_path / "letters", bad=True)
    engine = make_engine("dask", scheduler=dask_scheduler)
    assert not engine.shares_files  # the workers are sent the files' bytes
    try:
        on_dask = load_corpus(folder, taxonomy, engine)
    finally:
        engine.close()
    assert to_json(on_dask) == to_json(load_corpus(folder, taxonomy))
    assert {f.source for f in on_dask.failures} == {"empty.txt", "binary.txt"}


def test_dask_without_a_scheduler_starts_and_stops_its_own_cluster(taxonomy):
    from compare.engines.cluster import DaskEngine

    engine = DaskEngine(None, 2, processes=False)
    try:
        on_dask = load_corpus(SEEDS, taxonomy, engine)
        assert len(engine.client().nthreads()) == 2
    finally:
        engine.close()
    assert engine._cluster is None
    assert to_json(on_dask) == to_json(load_corpus(SEEDS, taxonomy))


def test_the_cli_on_dask_gives_the_same_letters_and_similarity_pairs(dask_scheduler, tmp_path):
    folder = small_corpus(tmp_path / "letters")
    local = ["--no-cache", "--jobs", "1", "--corpus", str(folder)]
    dask = ["--no-cache", "--engine", "dask", "--scheduler", dask_scheduler]
    dask += ["--corpus", str(folder)]
    for command in (["parse", "--json"], ["similarity", "--json", "--all"]):
        here = CliRunner().invoke(cli, [*local, *command])
        there = CliRunner().invoke(cli, [*dask, *command])
        assert here.exit_code == there.exit_code == 0, there.output
        assert json.loads(there.stdout) == json.loads(here.stdout)
    assert json.loads(there.stdout)["pairs"]


def closed_port() -> str:
    """The address of a port on this machine that nobody listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


def test_a_scheduler_that_does_not_answer_is_a_one_line_error(monkeypatch):
    import compare.engines.cluster as cluster

    pytest.importorskip("distributed")
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    address = closed_port()
    result = CliRunner().invoke(
        cli, ["--no-cache", "--engine", "dask", "--scheduler", address, "letters"]
    )
    assert result.exit_code == 1, result.output
    lines = messages(result.stderr)
    assert len(lines) == 1
    assert lines[0].startswith(f"compare-letters: error: {address}: cannot reach the Dask")


def test_with_a_warm_cache_the_cluster_is_not_even_reached(tmp_path):
    folder = small_corpus(tmp_path / "letters")
    cache = ["--cache", str(tmp_path / "cache"), "--corpus", str(folder)]
    assert CliRunner().invoke(cli, [*cache, "--jobs", "1", "letters"]).exit_code == 0
    (tmp_path / "cache" / "corpus").rename(tmp_path / "whole-corpus-records")  # per-file only
    away = ["--engine", "dask", "--scheduler", closed_port()]
    result = CliRunner().invoke(cli, [*cache, *away, "letters", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 16


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(JSON, max_size=6))
def test_a_record_written_in_parts_reads_back_as_the_record_put_whole(tmp_path_factory, values):
    from compare.cache import Cache

    cache = Cache(tmp_path_factory.mktemp("cache"))
    encoded = [json.dumps(value, ensure_ascii=False).encode() for value in values]
    parts = [b'{"values":['] + [b"," * (n > 0) + part for n, part in enumerate(encoded)] + [b"]}"]
    cache.put_encoded("kind", "parts", parts)
    cache.put("kind", "whole", {"values": values})
    assert cache.get("kind", "parts") == cache.get("kind", "whole") == {"values": values}
