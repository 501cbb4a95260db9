"""The quick "not a neighbour key" test drops no one-letter deletion that is a key."""

from __future__ import annotations

import random

from screening.matching.index import NeighbourEnds, deletions


def test_every_deletion_that_is_a_key_may_be_one() -> None:
    rng = random.Random(11)
    letters = "abcdeiklnorst"
    keys = {"".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(4000)}
    keys |= {key[:i] + key[i + 1 :] for key in list(keys)[:1000] for i in range(len(key))}
    ends = NeighbourEnds(keys)
    words = [key + rng.choice(letters) for key in list(keys)[:2000]]
    words += [rng.choice(letters) + key for key in list(keys)[:2000]]
    words += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 13))) for _ in range(4000)]
    for word in words:
        possible = ends.possible_deletions(word)
        assert set(possible) <= deletions(word)
        assert deletions(word) & keys <= set(possible), word


def test_only_deletions_that_keep_the_ends_of_some_key_are_looked_up() -> None:
    ends = NeighbourEnds(["korea", "ryonbong", "kwangson"])
    assert ends.possible_deletions("zzzzqqqqxxxx") == []
    # no key of 8 letters ends in "ongs": only a deletion among the last four letters may be one
    assert ends.possible_deletions("ryonbongs") == ["ryonbngs", "ryonbogs", "ryonbons", "ryonbong"]
