"""The language engine: Stanford CoreNLP, run as a separate server the way Neo4j is.

`distribution` fetches CoreNLP and the model jars of the configured languages from Maven Central
once; `instance` runs a managed server on this machine (state dir, pid, log, password, warm-up);
`client` sends it texts and turns every failure into an NlpError; `analysis` is the one typed
document object the recogniser reads. With GRAPHSVC_NLP_URL set, graphsvc asks that server and
starts none of its own. CoreNLP is GPL-3.0: graphsvc talks to it over HTTP and never links it.
"""

from graphsvc.config import Settings
from graphsvc.nlp.analysis import Analysis, Dependency, Mention, Sentence, Token
from graphsvc.nlp.client import NlpClient, NlpEndpoint
from graphsvc.nlp.instance import NlpInstance, NlpStatus


def engine_client(settings: Settings, instance: str = "default") -> NlpClient:
    """The client of the engine these settings name: GRAPHSVC_NLP_URL's, else the managed one."""
    if settings.nlp_url is not None:
        return NlpClient(NlpEndpoint.from_url(settings.nlp_url), settings)
    return NlpInstance(settings, instance).client()


__all__ = [
    "Analysis",
    "Dependency",
    "Mention",
    "NlpClient",
    "NlpEndpoint",
    "NlpInstance",
    "NlpStatus",
    "Sentence",
    "Token",
    "engine_client",
]
