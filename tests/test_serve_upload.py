"""POST /api/documents (`detente serve --allow-upload`): documents ingested through the same
pipeline as `detente ingest`, served without a restart; off by default; bad input is a 4xx."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import warnings

import pytest

pytest.importorskip("fastapi")
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from fastapi.testclient import TestClient  # noqa: E402

from detente.serve.app import create_app  # noqa: E402
from detente.serve.upload import upload_name  # noqa: E402
from tests.serve_store import build_store  # noqa: E402

# Written for these tests.
STORY = ("Finland and Norway sign Arctic rail accord\n\n"
         "HELSINKI (Test Wire) — Finland and Norway signed an agreement on Tuesday to build a rail link "
         "to the Arctic coast, the Finnish transport minister said.\n\n"
         "“This line will carry timber and people for a century,” the minister told reporters in Helsinki.\n")
PAGE = ("<html><head><title>Estonia opens a new border post</title></head><body><article>"
        "<h1>Estonia opens a new border post</h1><p>TALLINN (Test Wire) — Estonia opened a border post "
        "with Latvia on Monday, the interior ministry said, after two years of building.</p>"
        "<p>Latvia welcomed the opening and said traffic would rise.</p></article></body></html>")


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("store") / "web.duckdb")


@pytest.fixture()
def store_path(built_store, tmp_path):
    path = tmp_path / "web.duckdb"
    shutil.copyfile(built_store, path)
    return path


@pytest.fixture()
def uploading(store_path, tmp_path):
    app = create_app(store_path, state_path=tmp_path / "s.json", poll=0, workdir=tmp_path / "w",
                     max_upload=20_000)
    with TestClient(app) as c:
        yield c


def test_uploads_are_off_by_default(store_path, tmp_path):
    app = create_app(store_path, state_path=tmp_path / "s.json", poll=0, workdir=tmp_path / "w")
    with TestClient(app) as c:
        before = c.get("/api/overview").json()["articles"]
        r = c.post("/api/documents", data={"text": STORY})
        assert r.status_code == 403 and "--allow-upload" in r.json()["detail"]
        assert c.get("/api/overview").json()["articles"] == before


def test_a_posted_text_is_ingested_and_served_without_restart(uploading):
    before = uploading.get("/api/overview").json()
    r = uploading.post("/api/documents", data={"text": STORY, "format": "text"})
    assert r.status_code == 201, r.text
    answer = r.json()
    assert answer["documents"] == 1 and answer["skipped"] == 0 and answer["served"]
    assert len(answer["articles"]) == 1
    key = answer["articles"][0]["article_key"]
    assert "Arctic rail accord" in answer["articles"][0]["headline"]
    # Through the pipeline: the article has its text, entities and the quote found in it.
    article = uploading.get(f"/api/articles/{key}").json()
    assert "rail link" in article["text"] and article["entities"] and article["quotes"]
    assert article["origin"] == "upload:upload.txt"
    assert uploading.get(f"/article/{key}").status_code == 200
    assert uploading.get("/api/search", params={"q": "timber"}).json()["total"] == 1
    after = uploading.get("/api/overview").json()
    assert after["articles"] == before["articles"] + 1 and after["documents"] == before["documents"] + 1
    # The same document again is recognised, not stored twice.
    again = uploading.post("/api/documents", data={"text": STORY, "format": "text"}).json()
    assert again["documents"] == 0 and again["skipped"] == 1 and again["articles"][0]["article_key"] == key


def test_a_posted_html_file_and_a_gzipped_file_are_read_as_ingest_reads_them(uploading):
    r = uploading.post("/api/documents", files={"file": ("border.html", PAGE.encode(), "text/html")})
    assert r.status_code == 201, r.text
    assert r.json()["articles"][0]["headline"] == "Estonia opens a new border post"
    packed = gzip.compress(STORY.replace("Finland", "Sweden").encode())
    r = uploading.post("/api/documents", files={"file": ("rail.txt.gz", packed, "application/gzip")})
    assert r.status_code == 201, r.text
    assert uploading.get("/api/search", params={"q": "Sweden"}).json()["total"] == 1


@pytest.mark.parametrize("kwargs, status, words", [
    ({"data": {"text": "   \n  "}}, 400, "empty"),
    ({"data": {"text": STORY}, "files": {"file": ("a.txt", b"x", "text/plain")}}, 400, "not both"),
    ({"data": {"format": "text"}}, 400, "either a file"),
    ({"data": {"text": STORY, "format": "pdf"}}, 422, "format"),
    ({"files": {"file": ("img.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")}}, 400, "binary"),
    ({"files": {"file": ("big.txt", b"word " * 5_000, "text/plain")}}, 413, "at most 20,000"),
    ({"data": {"text": "word " * 30_000}}, 413, "at most 20,000"),
])
def test_bad_uploads_are_a_clear_4xx(uploading, kwargs, status, words):
    before = uploading.get("/api/overview").json()["articles"]
    r = uploading.post("/api/documents", **kwargs)
    assert r.status_code == status, r.text
    assert words in str(r.json()), r.json()
    assert uploading.get("/api/overview").json()["articles"] == before


def test_an_upload_while_another_process_writes_waits_then_answers_409_and_pages_stay_up(uploading, store_path):
    uploading.app.state.ctx.uploader.wait_for_writer = 0.5
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(30)", str(store_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        r = uploading.post("/api/documents", data={"text": STORY})
        assert r.status_code == 409 and "being written by another process" in r.json()["detail"]
        for url in ("/", "/api/overview", "/dyad/USA/RUS"):
            assert uploading.get(url).status_code == 200, url
    finally:
        holder.kill()
        holder.wait()
    assert uploading.post("/api/documents", data={"text": STORY}).status_code == 201


def test_upload_names_cannot_leave_the_upload_folder():
    assert upload_name("../../etc/passwd", "auto") == "passwd"
    assert upload_name("/tmp/x/story one.html", "auto") == "story_one.html"
    assert upload_name(None, "html") == "upload.html"
    assert upload_name("notes", "text") == "notes.txt"
    assert upload_name("..", "auto") == "upload.txt"
