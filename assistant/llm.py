"""Language-model backends, through llama-index's LLM interface, chosen in settings.

``ASSISTANT_LLM``: ``none`` (default: the extractive composer alone; no LLM package is imported),
``openai`` (any OpenAI-compatible endpoint: vLLM, llama.cpp's server, Ollama's /v1, a cloud API),
``ollama`` (Ollama's native API) or ``gguf`` (a local GGUF file through llama-cpp-python).
The backends' packages are optional extras (``pip install -e '.[llm]'`` / ``'.[gguf]'``).
"""

from __future__ import annotations

from pathlib import Path

from . import phrases

BACKENDS = ("none", "openai", "ollama", "gguf")


class LLMConfigError(RuntimeError):
    """An LLM backend that cannot be set up (missing package, file or setting); one clear line."""


def _need(module: str, extra: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise LLMConfigError(phrases.LLM_MISSING_PACKAGE.format(module=module, extra=extra, error=exc)) from None


def make_llm(settings, backend: str | None = None):
    """The llama-index LLM for ``backend`` (default ``settings.llm``), or None for ``none``.
    Nothing is loaded or contacted here beyond constructing the client (a GGUF file is opened)."""
    backend = (backend or settings.llm or "none").lower()
    if backend == "none":
        return None
    if backend not in BACKENDS:
        raise LLMConfigError(phrases.LLM_BAD_BACKEND.format(backend=backend, names=", ".join(BACKENDS)))
    common = dict(temperature=0.0, max_tokens=settings.llm_max_tokens)
    if backend == "openai":
        if not settings.llm_base_url or not settings.llm_model:
            raise LLMConfigError(phrases.LLM_NEEDS.format(backend=backend, what="ASSISTANT_LLM_BASE_URL, ASSISTANT_LLM_MODEL"))
        mod = _need("llama_index.llms.openai_like", "llm")
        return mod.OpenAILike(model=settings.llm_model, api_base=settings.llm_base_url,
                              api_key=settings.llm_api_key or "không-cần", is_chat_model=True,
                              context_window=settings.llm_context, timeout=settings.llm_timeout_s, **common)
    if backend == "ollama":
        if not settings.llm_model:
            raise LLMConfigError(phrases.LLM_NEEDS.format(backend=backend, what="ASSISTANT_LLM_MODEL"))
        mod = _need("llama_index.llms.ollama", "llm")
        return mod.Ollama(model=settings.llm_model, base_url=settings.llm_base_url or "http://127.0.0.1:11434",
                          request_timeout=settings.llm_timeout_s, temperature=0.0,
                          context_window=settings.llm_context)
    path = Path(settings.llm_gguf or "").expanduser()
    if not settings.llm_gguf or not path.is_file():
        raise LLMConfigError(phrases.LLM_GGUF_MISSING.format(path=settings.llm_gguf or "(trống)"))
    mod = _need("llama_index.llms.llama_cpp", "gguf")
    return mod.LlamaCPP(model_path=str(path), temperature=0.0, max_new_tokens=settings.llm_max_tokens,
                        context_window=settings.llm_context, verbose=False,
                        model_kwargs={"n_threads": settings.llm_threads or None})
