from __future__ import annotations

from collections import Counter

from fastapi import APIRouter

from interviewer.core.formatting import topic_title
from interviewer.core.model import Mode
from interviewer.web.deps import StateDep
from interviewer.web.schemas import TopicRead, TrackRead

router = APIRouter(tags=["tracks"])


@router.get("/tracks", response_model=list[TrackRead])
async def list_tracks(state: StateDep) -> list[TrackRead]:
    """The tracks, their topics, question counts per topic and kind, and the modes they offer."""
    tracks: list[TrackRead] = []
    for bank in state.banks.banks.values():
        per_topic = Counter(item.topic for item in bank.items)
        modes = [Mode.behavioral] if bank.track == "behavioral" else list(Mode)
        tracks.append(
            TrackRead(
                id=bank.track,
                title=bank.title,
                description=bank.description,
                question_count=len(bank.items),
                topics=[
                    TopicRead(
                        id=topic,
                        name=topic_title(topic),
                        title=title,
                        question_count=per_topic[topic],
                    )
                    for topic, title in bank.topics.items()
                ],
                kinds=dict(Counter(item.kind for item in bank.items)),
                modes=modes,
            )
        )
    return tracks
