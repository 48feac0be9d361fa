"""Meaning, not spelling: static word embeddings that ship inside their wheel.

WordLlama (MIT) carries a 16 MB embedding table and its tokenizer in the package itself, so it
loads in a fraction of a second with downloads disabled and embeds a sentence in microseconds:
no network, no hub, no GPU. It is a bag-of-words model, so it cannot tell word order or
negation; the claim checks in `claims.py` and `rubric.py` do that part.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

_lock = threading.Lock()
_model: Any = None


def load_model() -> Any:
    """The embedding model, loaded once per process (call at start-up to pay the cost early)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import wordllama

                _model = wordllama.WordLlama.load(
                    cache_dir=Path(wordllama.__file__).parent, disable_download=True
                )
    return _model


def embed(texts: Sequence[str]) -> Vectors:
    """Unit-length vectors, one row per text (an empty text gives a zero row)."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    vectors = np.asarray(load_model().embed(list(texts), norm=True), dtype=np.float32)
    cleaned: Vectors = np.nan_to_num(vectors)
    return cleaned


@lru_cache(maxsize=8192)
def embed_one(text: str) -> Vectors:
    """A cached vector for texts seen again and again: key points, references, questions."""
    vector: Vectors = embed([text])[0]
    vector.setflags(write=False)
    return vector
