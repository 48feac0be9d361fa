"""Questions, answers and evaluations as this process last read them, by interview.

Every request of an interview reads all of its turns, and turning their JSON columns back into
models was most of `load_interview`'s CPU. These rows never change once written, except a
question's hint and skip flags, so the repository reads only ids and flags on each request and
fetches in full just the rows this process has not seen (docs/performance.md). Correct with
several processes: a row another process wrote is simply not cached here yet. Entries are held
per interview, the least recently used interview leaving first, and a deleted user's
interviews leave at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from uuid import UUID

from interviewer.core.model import Answer, Evaluation, Question

INTERVIEWS_KEPT = 256


@dataclass
class KnownTurns:
    questions: dict[UUID, Question] = field(default_factory=dict)
    answers: dict[UUID, Answer] = field(default_factory=dict)
    evaluations: dict[UUID, Evaluation] = field(default_factory=dict)
    asked_before: frozenset[str] | None = None
    """Bank items of the user's other interviews, read at this interview's first need."""


class TurnCache:
    def __init__(self, size: int = INTERVIEWS_KEPT) -> None:
        self.size = size
        self._interviews: OrderedDict[UUID, KnownTurns] = OrderedDict()

    def of(self, interview_id: UUID) -> KnownTurns:
        known = self._interviews.get(interview_id)
        if known is None:
            known = self._interviews[interview_id] = KnownTurns()
            while len(self._interviews) > self.size:
                self._interviews.popitem(last=False)
        else:
            self._interviews.move_to_end(interview_id)
        return known

    def forget(self, interview_ids: Iterable[UUID]) -> None:
        for interview_id in interview_ids:
            self._interviews.pop(interview_id, None)

    def __len__(self) -> int:
        return len(self._interviews)
