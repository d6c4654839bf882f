"""Key phrases and sentence evidence: what two texts really share, in words a person trusts.

Recommendation reasons use it ("Both write about “timber frame houses”", "You wrote: “…” / Bo
wrote: “…”"), and group topic labels can too: `key_phrases(text)` gives a text's multi-word
phrases, `PhraseIndex(texts)` knows how many texts of a community use each phrase and word, and
`PhraseIndex.shared` / `PhraseIndex.closest_sentences` compare two texts.

The rules (docs/matching.md, "Reasons"): a phrase has two or three words side by side, never
spans punctuation or a stop word, and keeps at least one word that is not empty. Empty words are
English stop words, generic verbs and nouns of the domain ("value", "create", "issue", "years",
"universities"), the words of the profile form's prompts ("So far we tried", "I am looking
for"), and any word most texts of the community use. A single word is never a key phrase.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

#: Words that say nothing about what two cluster managers share: generic verbs, nouns and
#: adjectives of the domain (every cluster has members, partners, projects and years).
GENERIC_WORDS = frozenset(
    """
    ability able activities activity actor actors add added addition aim aims analysis approach
    approaches area areas aspects based basis better big bring brings build building business
    businesses case cases challenge challenges change changes common companies company create
    created creates creating current currently day days deal develop developed developing
    development different difficult eu europe european example experience experiences fact far
    field focus following future general get gets getting give given goal goals good great grow
    growing growth help helps high ideas important improve including increase information
    institutions issue issues key kind know knowledge lack large level levels like long look
    looking lot lots main make makes making manage management manager managers many means member
    members model need needed needs new number offer offers organisation organisations
    organization organizations organise organize part partner partners people period place plan
    point possible problem problems process processes project projects provide provides quite
    range real really region regional regions related requires required result results right
    role run second sector sectors set shared showed shows small solution solutions stakeholders
    start started step steps strong support supports system systems take team terms things time
    times today tool tools tried try trying type types universities university use used using
    value values various want way ways work working works world year years
    """.split()
)

#: Words of the prompts the forms show ("About my cluster", "I can help with", "I am looking
#: for", "Say what you tried and what you need", "What we tried so far", "Any experience is
#: welcome"): texts share them because the form put them there.
PROMPT_WORDS = frozenset(
    """
    about advice cluster clusters done experience far find help hint learn looking need
    peers share so thank thanks tried welcome
    """.split()
)

#: Never a reason on their own.
EMPTY_WORDS = frozenset(ENGLISH_STOP_WORDS) | GENERIC_WORDS | PROMPT_WORDS
#: A word or phrase used by more than this share of a community's texts says nothing...
COMMON_SHARE = 0.5
#: ...once the community has this many texts (two people sharing a phrase make it "common").
MIN_TEXTS_FOR_COMMON = 10
#: Two sentences are quoted as evidence only when this close (cosine of their TF-IDF weights).
MIN_SENTENCE_SIMILARITY = 0.12

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]|[^\sA-Za-z]")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def words(text: str) -> list[str | None]:
    """Lower-case word tokens; punctuation and digits break phrases and come back as None."""
    return [t.lower() if t[0].isalpha() else None for t in _TOKEN.findall(text)]


def stem(word: str) -> str:
    """A light plural fold, so "membership fees" and "membership fee" meet."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def key_phrases(text: str, *, empty: Iterable[str] = EMPTY_WORDS, longest: int = 3) -> list[str]:
    """The text's phrases of 2 to `longest` adjacent words, first occurrence order, no repeats.

    A phrase never spans punctuation or an English stop word, and at least one of its words is
    not in `empty`: "timber frame houses", "membership fee", never "so far" or "years ago".

        >>> key_phrases("So far we tried a membership fee for timber frame houses.")
        ['membership fee', 'timber frame', 'timber frame houses', 'frame houses']
    """
    empty = frozenset(empty)
    found: dict[str, None] = {}
    run: list[str] = []
    for token in [*words(text), None]:
        if token is not None and token not in ENGLISH_STOP_WORDS:
            run.append(token)
            continue
        for start in range(len(run)):
            for size in range(2, longest + 1):
                gram = run[start : start + size]
                if (
                    len(gram) == size
                    and any(w not in empty for w in gram)
                    and len(set(gram)) == size
                ):
                    found.setdefault(" ".join(gram))
        run = []
    return list(found)


def split_sentences(text: str) -> list[str]:
    """Non-empty sentences (and lines) of a text."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


class PhraseIndex:
    """How many texts of a community use each word and phrase: rarer counts for more.

    Fit it on every text of the community (profiles, challenges); compare two texts with
    `shared` and `closest_sentences`.
    """

    def __init__(self, texts: Sequence[str]):
        self.n = max(len(texts), 1)
        self.word_df: Counter[str] = Counter()
        self.phrase_df: Counter[str] = Counter()
        for text in texts:
            self.word_df.update({stem(w) for w in words(text) if w})
            self.phrase_df.update({self._key(p) for p in key_phrases(text)})
        self.limit = COMMON_SHARE * self.n if self.n >= MIN_TEXTS_FOR_COMMON else float("inf")
        self.common = frozenset(w for w, c in self.word_df.items() if c > self.limit)

    def empty(self, word: str) -> bool:
        """Whether a word is never evidence in this community."""
        return word in EMPTY_WORDS or stem(word) in self.common or stem(word) in EMPTY_WORDS

    def idf(self, word: str) -> float:
        """Smoothed inverse document frequency of a (stemmed) word."""
        return math.log((1 + self.n) / (1 + self.word_df.get(stem(word), 0))) + 1

    def shared(self, text_a: str, text_b: str, *, top: int = 3) -> list[str]:
        """Up to `top` key phrases both texts use (as `text_b` words them), rarest first.

        Phrases whose every word is empty here, and phrases most texts use, are left out; a
        phrase inside a longer chosen one is not repeated.
        """
        theirs = {self._key(p): p for p in key_phrases(text_b)}
        candidates = []
        for phrase in key_phrases(text_a):
            key = self._key(phrase)
            if key not in theirs or self.phrase_df.get(key, 0) > self.limit:
                continue
            content = [w for w in phrase.split() if not self.empty(w)]
            if content:
                weight = sum(self.idf(w) for w in content) + 0.5 * len(phrase.split())
                candidates.append((-weight, theirs[key]))
        chosen: list[str] = []
        for _, phrase in sorted(candidates):
            if any(phrase in other or other in phrase for other in chosen):
                continue
            chosen.append(phrase)
            if len(chosen) == top:
                break
        return chosen

    def closest_sentences(self, text_a: str, text_b: str) -> tuple[str, str, float] | None:
        """The pair of sentences, one from each text, that share the most rare words (cosine of
        their idf weights over non-empty words); None when no pair is close enough."""
        best = None
        mine = [(s, self._weights(s)) for s in split_sentences(text_a)]
        theirs = [(s, self._weights(s)) for s in split_sentences(text_b)]
        for sentence_a, a in mine:
            for sentence_b, b in theirs:
                common = a.keys() & b.keys()
                if not common:
                    continue
                similarity = sum(a[w] * b[w] for w in common)
                if best is None or similarity > best[2]:
                    best = (sentence_a, sentence_b, similarity)
        return best if best is not None and best[2] >= MIN_SENTENCE_SIMILARITY else None

    def _weights(self, sentence: str) -> dict[str, float]:
        """Unit-length idf weights of a sentence's non-empty (stemmed) words."""
        counts = Counter(stem(w) for w in words(sentence) if w and not self.empty(w) and len(w) > 2)
        weights = {w: (1 + math.log(c)) * self.idf(w) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {w: v / norm for w, v in weights.items()} if norm else {}

    @staticmethod
    def _key(phrase: str) -> str:
        return " ".join(stem(w) for w in phrase.split())
