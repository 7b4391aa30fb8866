"""Language-model backends, through llama-index's LLM interface, chosen in settings.

``ASSISTANT_LLM``: ``none`` (default: the extractive composer alone; no LLM package is imported),
``openai`` (any OpenAI-compatible endpoint: vLLM, llama.cpp's server, Ollama's /v1, a cloud API),
``ollama`` (Ollama's native API) or ``gguf`` (a local GGUF file through llama-cpp-python).
The backends' packages are optional extras (``pip install -e '.[llm]'`` / ``'.[gguf]'``).
"""

from __future__ import annotations

import functools
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
        # the key travels in an HTTP header, so the stand-in for "no key" must be ASCII
        return mod.OpenAILike(model=settings.llm_model, api_base=settings.llm_base_url,
                              api_key=settings.llm_api_key or "none", is_chat_model=True,
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
    _need("llama_cpp", "gguf")
    return LlamaCppChat(model_path=str(path), max_tokens=settings.llm_max_tokens, context_window=settings.llm_context,
                        threads=settings.llm_threads)


@functools.cache
def _chat_llm_class():
    """A llama-index LLM over llama-cpp-python's chat completion, which formats the messages with
    the chat template stored in the GGUF file (llama-index's LlamaCPP wrapper formats them with a
    Llama-2 template by default, which Qwen models answer with rambling)."""
    from typing import Any

    from llama_index.core.base.llms.types import (ChatMessage, ChatResponse, ChatResponseGen, CompletionResponse,
                                                  CompletionResponseGen, LLMMetadata)
    from llama_index.core.llms import CustomLLM
    from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback
    from pydantic import PrivateAttr

    class _LlamaCppChat(CustomLLM):
        model_path: str
        max_tokens: int = 320
        context_window: int = 4096
        threads: int = 0
        _llama: Any = PrivateAttr(default=None)

        @property
        def metadata(self) -> LLMMetadata:
            return LLMMetadata(context_window=self.context_window, num_output=self.max_tokens,
                               model_name=Path(self.model_path).name, is_chat_model=True)

        def _model(self):
            if self._llama is None:  # loaded on first use
                from llama_cpp import Llama

                self._llama = Llama(model_path=self.model_path, n_ctx=self.context_window,
                                    n_threads=self.threads or None, verbose=False)
            return self._llama

        @llm_chat_callback()
        def chat(self, messages: list[ChatMessage], **kwargs: Any) -> ChatResponse:
            out = self._model().create_chat_completion(
                messages=[{"role": m.role.value, "content": m.content or ""} for m in messages],
                temperature=0.0, max_tokens=self.max_tokens)
            return ChatResponse(message=ChatMessage(role="assistant", content=out["choices"][0]["message"]["content"]))

        @llm_chat_callback()
        def stream_chat(self, messages: list[ChatMessage], **kwargs: Any) -> ChatResponseGen:
            text = ""
            for part in self._model().create_chat_completion(
                    messages=[{"role": m.role.value, "content": m.content or ""} for m in messages],
                    temperature=0.0, max_tokens=self.max_tokens, stream=True):
                delta = part["choices"][0]["delta"].get("content") or ""
                text += delta
                yield ChatResponse(message=ChatMessage(role="assistant", content=text), delta=delta)

        @llm_completion_callback()
        def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
            return CompletionResponse(text=self.chat([ChatMessage(role="user", content=prompt)]).message.content)

        @llm_completion_callback()
        def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
            yield self.complete(prompt)

    return _LlamaCppChat


def LlamaCppChat(**kwargs):
    return _chat_llm_class()(**kwargs)
