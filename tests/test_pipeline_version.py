"""PIPELINE_VERSION follows the content of the rules and lexicons, so upgrades mark records stale."""
from __future__ import annotations

import json
import shutil

import nlp
import store
from nlp import version as V
from query.reprocess import reprocess

TEXT = ("Sáng 13/11, Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương dự hội nghị tổng kết công tác dân tộc "
        "tại xã Bình Lư, tỉnh Lai Châu.")


def _copy_of_nlp(tmp_path):
    copy = tmp_path / "nlp"
    shutil.copytree(V.NLP_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for name in V.SHARED_FILES:  # the rule files kept beside nlp/ (textkeys.py)
        shutil.copy(V.NLP_DIR.parent / name, tmp_path / name)
    return copy


def test_version_is_the_declared_one_plus_the_content_hash(tmp_path):
    assert nlp.PIPELINE_VERSION == V.content_version()
    assert nlp.PIPELINE_VERSION.startswith(V.DECLARED_VERSION + "+")
    assert V.content_version(_copy_of_nlp(tmp_path)) == nlp.PIPELINE_VERSION  # the content, not the place
    assert V.content_version(declared="9.9.9") != nlp.PIPELINE_VERSION


def test_editing_a_lexicon_or_a_rule_changes_the_version(tmp_path):
    copy = _copy_of_nlp(tmp_path)
    lexicon = copy / "data" / "provinces_aliases.json"
    data = json.loads(lexicon.read_text(encoding="utf-8"))
    data["_test_entry"] = "một mục mới"
    lexicon.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    edited = V.content_version(copy)
    assert edited != nlp.PIPELINE_VERSION
    rule = copy / "events.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8")
    assert V.content_version(copy) not in (edited, nlp.PIPELINE_VERSION)


def test_a_lexicon_edit_marks_stored_articles_stale(tmp_path, monkeypatch):
    db = store.connect(tmp_path / "v.db")
    article_id, outcome, _ = store.save_article(db, {"id": "v1", "url": "https://tin.example.vn/v1",
                                                     "title": "Hội nghị", "published": "2025-11-13", "text": TEXT})
    assert outcome == "stored"
    assert reprocess(db, nlp, stale_only=True)["articles"] == 1  # first extraction, with this version
    assert reprocess(db, nlp, stale_only=True)["articles"] == 0  # nothing stale: nothing redone
    # An upgrade that edits a lexicon (in a copy: the real files are never touched by a test).
    copy = _copy_of_nlp(tmp_path)
    lexicon = copy / "data" / "doc_types.json"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(nlp, "PIPELINE_VERSION", V.content_version(copy))
    stale = list(store.articles_for_extraction(db, nlp.PIPELINE_VERSION))
    assert [a["article_id"] for a in stale] == [article_id]
    stats = reprocess(db, nlp, stale_only=True)
    assert stats["articles"] == 1 and stats["failed"] == 0
    assert db.execute("SELECT pipeline_version FROM records").fetchall() == [(nlp.PIPELINE_VERSION,)]


def test_editing_the_shared_text_keys_changes_the_version(tmp_path):
    copy = _copy_of_nlp(tmp_path)
    keys = tmp_path / "textkeys.py"
    keys.write_text(keys.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8")
    assert V.content_version(copy) != nlp.PIPELINE_VERSION
