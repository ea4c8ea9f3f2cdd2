"""Plain-text rendering of an answer, for the console and the batch ``answer`` field."""

from __future__ import annotations

from bot.engine import Answer, Passage


def passage_text(passage: Passage) -> str:
    chunk = passage.chunk
    label = f" [{passage.scope_label}]" if passage.scope_label else ""
    return f"{chunk.text}\n— {chunk.citation}{label}"


def render_text(answer: Answer) -> str:
    """Quote, citation, notices, then "Lihat juga" — the same order as the Telegram message."""
    if answer.abstained:
        return answer.abstain_message
    parts = [answer.generated] if answer.generated else []
    parts += [passage_text(p) for p in answer.passages]
    parts += [f"Catatan: {n}" for n in answer.notices]
    if answer.see_also:
        parts.append("Lihat juga:\n" + "\n\n".join(passage_text(p) for p in answer.see_also))
    return "\n\n".join(parts)
