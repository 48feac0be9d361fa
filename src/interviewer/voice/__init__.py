"""Voice answers: server-side transcription of a recorded answer, offline.

base.py is the protocol and its value types; audio.py decodes an upload within the caps;
whisper.py is the faster-whisper engine; vocabulary.py the question's terms for its prompt;
queue.py runs transcriptions off the event loop in a bounded queue; setup.py finds the model
and says whether transcription is installed. Nothing here imports a web framework.
"""
