from __future__ import annotations

from tui.state.history import History, Location


def loc(kind: str, key: str, **state: object) -> Location:
    return Location(kind, key, state=dict(state))


def test_back_and_forward_like_a_browser() -> None:
    h = History()
    assert h.current is None and h.back() is None
    for key in "abc":
        h.visit(loc("article", key))
    assert h.back() == loc("article", "b")
    assert h.back() == loc("article", "a")
    assert h.back() is None
    assert h.forward() == loc("article", "b")
    h.visit(loc("entity", "x"))  # a new visit drops the forward entries
    assert not h.can_go_forward
    assert [e.key for e in h.trail(10)] == ["a", "b", "x"]


def test_state_is_kept_for_restoring() -> None:
    h = History()
    h.visit(loc("search", "abe"))
    h.update_current(loc("search", "abe", cursor=3))
    h.visit(loc("article", "a"))
    back = h.back()
    assert back is not None and back.state == {"cursor": 3}


def test_revisiting_the_current_place_does_not_stack() -> None:
    h = History()
    h.visit(loc("article", "a"))
    h.visit(loc("article", "a", scroll=5))
    assert len(h) == 1 and h.current is not None and h.current.state == {"scroll": 5}


def test_update_current_follows_an_edited_view_but_not_another_kind() -> None:
    h = History(limit=3)
    for key in "abcd":
        h.visit(loc("article", key))
    assert [e.key for e in h.trail(10)] == ["b", "c", "d"]
    h.visit(loc("search", ""))
    h.update_current(loc("search", "defence", cursor=2))  # the query was typed after the visit
    h.update_current(loc("article", "zzz"))
    assert h.current == loc("search", "defence")
