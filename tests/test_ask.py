"""`backcoach ask --json` answers one message, or one per stdin line, as JSON."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main


def test_ask_json_reports_kind_question_score_and_related(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ask", "squats bad for my back??", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["kind"] == "faq"
    assert answer["question"] == "Do squats work lower back?"
    assert 0 < answer["score"] <= 1
    assert 1 <= len(answer["related"]) <= 3


def test_ask_stdin_writes_one_object_per_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [
        "hello",
        "suggest a good film for tonight",
        "my groin is numb",
        "does walking strengthen your back",
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["ask", "--json", "-"]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [a["kind"] for a in answers] == ["smalltalk", "out_of_scope", "red_flag", "faq"]
    assert answers[3]["question"] == "Does walking strengthen your back?"


@pytest.mark.slow
def test_ask_stdin_streams_each_answer_before_the_next_line() -> None:
    backcoach = Path(sys.executable).with_name("backcoach")
    with subprocess.Popen(
        [str(backcoach), "ask", "--json", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        for question, kind in [("thanks!", "smalltalk"), ("do squats work lower back", "faq")]:
            process.stdin.write(question + "\n")
            process.stdin.flush()
            assert json.loads(process.stdout.readline())["kind"] == kind
        process.stdin.close()
        assert process.wait(timeout=30) == 0


@pytest.mark.parametrize(
    ("question", "kind", "said"),
    [
        ("my back hurts and I can't control my bladder", "red_flag", "emergency number"),
        ("thanks!", "smalltalk", ""),
        ("which mattress should I buy", "out_of_scope", "/faq"),
        ("do squats work the lower back", "faq", "squat"),
    ],
)
def test_ask_json_carries_the_reply_text_for_every_kind(
    capsys: pytest.CaptureFixture[str], question: str, kind: str, said: str
) -> None:
    assert main(["ask", question, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["kind"] == kind
    assert isinstance(answer["answer"], str) and answer["answer"].strip()
    assert said in answer["answer"]


def test_ask_json_names_the_tier_and_sign_of_a_red_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "back pain and I've had a fever for three days", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["kind"], answer["tier"], answer["sign"]) == (
        "red_flag",
        "urgent",
        "fever-unwell",
    )
    assert answer["question"] is None and answer["id"] is None


def test_plain_ask_prints_the_topics_it_announces(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "which mattress is best for lower back pain"]) == 0
    out = capsys.readouterr().out
    assert "closest" in out
    assert "[1] What is the best exercise for lower back pain?" in out


ASK_AND_LIST_MODULES = """
import contextlib, io, sys
from bot.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["ask", "does walking strengthen your back"])  # printed as the chat prints it
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_ask_leaves_the_chat_s_terminal_library_unloaded() -> None:
    """A script pays for `ask`'s cold start on every call. Plain `ask` prints replies
    with the chat's renderer, and prompt_toolkit, which only the interactive chat
    uses, came with it: a tenth of a second."""
    result = subprocess.run(
        [sys.executable, "-c", ASK_AND_LIST_MODULES], capture_output=True, text=True, check=True
    )
    loaded = result.stdout.split()
    assert "bot" in loaded
    assert "prompt_toolkit" not in loaded


@pytest.mark.slow
@pytest.mark.parametrize(
    ("environment", "code", "out", "err"),
    [
        ({}, 0, "squat", ""),
        ({"CONTENT_DIR": "/nonexistent/content"}, 2, "", "content directory not found"),
    ],
)
def test_the_ask_command_leaves_at_once_with_its_answer_written_and_its_code(
    environment: dict[str, str], code: int, out: str, err: str
) -> None:
    """`backcoach ask` skips the interpreter's teardown (a tenth of its cold start): what
    it printed to a pipe, which Python buffers, must still arrive, and its exit code."""
    backcoach = Path(sys.executable).with_name("backcoach")
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [str(backcoach), "ask", "do squats work the lower back"],
        capture_output=True,
        text=True,
        env={**buffered, **environment},
        timeout=60,
    )
    assert result.returncode == code
    assert out in result.stdout and (result.stdout.strip() != "") == bool(out)
    assert err in result.stderr


def test_a_message_mostly_in_another_script_is_not_answered_from_its_english_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Normalised for the model, "Я вся горю, температура и спина болит" (I'm burning up,
    a temperature and my back hurts) vanishes and "what exercise for back?" is left: the
    bot says it cannot read it, and shows the warning signs instead of an exercise."""
    text = "Я вся горю, температура и спина болит. what exercise for back?"
    assert main(["ask", text, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["kind"] == "out_of_scope" and answer["unread"] is True
    assert "English" in answer["answer"] and "fever" in answer["answer"]
    assert answer["question"] is None


def test_a_word_in_another_script_inside_an_english_question_leaves_it_readable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "my physio wrote 腰痛 on the note. do squats work lower back?"
    assert main(["ask", text, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["unread"] is False
    assert answer["question"] == "Do squats work lower back?"


def test_latin_letters_in_a_fancy_font_are_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "do 𝓼𝓺𝓾𝓪𝓽𝓼 work lower back", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unread"] is False


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        # The a and o of "can't control" are Cyrillic: they look Latin but are other letters.
        ("I c\u0430n't c\u043entrol my bladder since my back went", "emergency"),
        ("b4ck is bad and i c4n't f33l my gr0in", "emergency"),
        ("my back hurts and i cant control my b l a d d e r", "emergency"),
        # Filters taught people to write "k*ll": the star stands for the vowel it hides.
        ("my back hurts so much i want to k*ll myself", "crisis"),
    ],
)
def test_a_warning_sign_in_disguise_gets_its_tiers_advice(
    text: str, tier: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", text, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["kind"], answer["tier"]) == ("red_flag", tier)
