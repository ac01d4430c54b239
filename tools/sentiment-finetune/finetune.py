"""Fine-tunes all-MiniLM-L6-v2 on the labelled finance headlines with low-rank adapters, for sentiment-minilm@1.

Input: the folder the Export tool writes (token ids of the hold-out split, the encoder's weights, reference vectors):
    dotnet run --project tools/sentiment-finetune/Export -c Release -- /tmp/minilm
    OUT=/tmp/minilm/out python3 tools/sentiment-finetune/finetune.py /tmp/minilm [LR EPOCHS TUNED_LAYERS]
Output in $OUT: adapter.safetensors (copy it to src/Vanta.Markets/Models/Sentiment/Data/minilm-sentiment-adapter.safetensors),
test_probs.txt (the trainer's probabilities for the held-out rows: tests/.../MiniLmSentimentModelTests compares them
with what ONNX Runtime computes from the merged adapter), inner_valid_probs.txt and log.txt.

Needs PyTorch and NumPy only (Debian 12: apt-get install python3-torch libopenblas0-pthread). Plain PyTorch rebuilds
the encoder (the transformers package is not needed); on 2 CPU cores an epoch over 7,634 headlines takes ~2.5 min.
The number of epochs is chosen on an inner split of the training 80% (the hold-out 20% is scored once, at the end).
"""
import json, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

T0 = time.time()
D = sys.argv[1]
OUT = os.environ.get('OUT', '/tmp/out')
os.makedirs(OUT, exist_ok=True)
LOG = open(f'{OUT}/log.txt', 'w')


def log(*a):
    s = ' '.join(str(x) for x in a)
    print(s, flush=True)
    LOG.write(s + '\n')
    LOG.flush()


meta = json.load(open(f'{D}/weights.json'))
raw = open(f'{D}/weights.bin', 'rb').read()
used = meta['used']
remap = torch.zeros(30522, dtype=torch.long)
remap[torch.tensor(used)] = torch.arange(len(used))
base = {}
for t in meta['tensors']:
    shape = t['shape']
    dt = np.float16 if t['dtype'] == 'f16' else np.float32
    arr = np.frombuffer(raw, dtype=dt, count=int(np.prod(shape)), offset=t['offset']).reshape(shape).astype(np.float32)
    x = torch.tensor(arr)
    if t['transposed']:
        x = x.T.contiguous()
    base[t['name']] = x


def read(name):
    rows = []
    for line in open(f'{D}/{name}'):
        label, ids = line.rstrip('\n').split('\t')
        rows.append((int(label), [int(i) for i in ids.split(' ')]))
    return rows


sets = {n: read(n + '.tsv') for n in ['inner_train', 'inner_valid', 'train', 'test']}
log('rows', {k: len(v) for k, v in sets.items()})


class LoRA(nn.Module):
    def __init__(self, linear, r, alpha):
        super().__init__()
        self.linear = linear
        linear.weight.requires_grad = False
        self.A = nn.Parameter(torch.empty(r, linear.in_features))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(linear.out_features, r))
        self.scale = alpha / r

    def forward(self, x):
        return self.linear(x) + (x @ self.A.T @ self.B.T) * self.scale


LINEARS = ['attention.self.query', 'attention.self.key', 'attention.self.value',
           'attention.output.dense', 'intermediate.dense', 'output.dense']


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v = nn.Linear(384, 384), nn.Linear(384, 384), nn.Linear(384, 384)
        self.o = nn.Linear(384, 384)
        self.ln1 = nn.LayerNorm(384, eps=1e-12)
        self.i = nn.Linear(384, 1536)
        self.out = nn.Linear(1536, 384)
        self.ln2 = nn.LayerNorm(384, eps=1e-12)
        self.drop = nn.Dropout(0.1)

    def forward(self, x, bias):
        b, n, _ = x.shape
        def heads(t):
            return t.view(b, n, 12, 32).transpose(1, 2)
        att = (heads(self.q(x)) @ heads(self.k(x)).transpose(-1, -2)) / math.sqrt(32) + bias
        ctx = (self.drop(att.softmax(-1)) @ heads(self.v(x))).transpose(1, 2).reshape(b, n, 384)
        x = self.ln1(x + self.drop(self.o(ctx)))
        return self.ln2(x + self.drop(self.out(F.gelu(self.i(x)))))


NAMES = {'q': 'attention.self.query', 'k': 'attention.self.key', 'v': 'attention.self.value',
         'o': 'attention.output.dense', 'ln1': 'attention.output.LayerNorm', 'i': 'intermediate.dense',
         'out': 'output.dense', 'ln2': 'output.LayerNorm'}


class Classifier(nn.Module):
    """MiniLM-L6 with LoRA on the linear layers of the top `tuned` layers; the layers below are frozen."""

    def __init__(self, r, alpha, tuned=6):
        super().__init__()
        self.word = nn.Embedding(len(used), 384)
        self.pos = nn.Embedding(512, 384)
        self.typ = nn.Embedding(2, 384)
        self.ln = nn.LayerNorm(384, eps=1e-12)
        self.layers = nn.ModuleList([Layer() for _ in range(6)])
        with torch.no_grad():
            self.word.weight.copy_(base['embeddings.word_embeddings.weight'])
            self.pos.weight.copy_(base['embeddings.position_embeddings.weight'])
            self.typ.weight.copy_(base['embeddings.token_type_embeddings.weight'])
            self.ln.weight.copy_(base['embeddings.LayerNorm.weight'])
            self.ln.bias.copy_(base['embeddings.LayerNorm.bias'])
            for li, layer in enumerate(self.layers):
                for short, name in NAMES.items():
                    m = getattr(layer, short)
                    m.weight.copy_(base[f'encoder.layer.{li}.{name}.weight'])
                    m.bias.copy_(base[f'encoder.layer.{li}.{name}.bias'])
        for p in self.parameters():
            p.requires_grad = False
        self.first_tuned = 6 - tuned
        self.loras = {}
        for li in range(self.first_tuned, 6):
            layer = self.layers[li]
            for short, name in NAMES.items():
                m = getattr(layer, short)
                if isinstance(m, nn.Linear):
                    lora = LoRA(m, r, alpha)
                    setattr(layer, short, lora)
                    self.loras[f'encoder.layer.{li}.{name}'] = lora
                m.bias.requires_grad = True
            for p in list(layer.ln1.parameters()) + list(layer.ln2.parameters()):
                p.requires_grad = True
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(384, 3)

    def lower(self, ids, mask):
        """The frozen part: embeddings and the layers below the first tuned one (no dropout, cacheable)."""
        n = ids.shape[1]
        x = self.ln(self.word(ids) + self.pos(torch.arange(n).unsqueeze(0)) + self.typ(torch.zeros_like(ids)))
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        for layer in self.layers[:self.first_tuned]:
            x = layer(x, bias)
        return x

    def upper(self, x, mask):
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        for layer in self.layers[self.first_tuned:]:
            x = layer(x, bias)
        m = mask.unsqueeze(-1).float()
        pooled = (x * m).sum(1) / m.sum(1)
        return self.head(self.dropout(pooled)), pooled

    def forward(self, ids, mask):
        return self.upper(self.lower(ids, mask), mask)


def check_reference():
    model = Classifier(16, 32, 6).eval()
    ref = json.load(open(f'{D}/ref.json'))
    with torch.no_grad():
        for k, row in enumerate(sets['test'][:3]):
            ids, mask = pad([row])
            _, pooled = model(ids, mask)
            diff = (pooled[0].double() - torch.tensor(ref[k])).abs().max().item()
            log('reference check row', k, 'max abs diff', f'{diff:.2e}')


def pad(chunk):
    n = max(len(r[1]) for r in chunk)
    ids = torch.zeros(len(chunk), n, dtype=torch.long)
    mask = torch.zeros(len(chunk), n, dtype=torch.long)
    for j, (_, r) in enumerate(chunk):
        ids[j, :len(r)] = torch.tensor(r)
        mask[j, :len(r)] = 1
    return remap[ids], mask


def length_batches(rows, size):
    """Batches of similar length (less padding), in a fixed order; training shuffles the batches."""
    order = sorted(range(len(rows)), key=lambda i: (len(rows[i][1]), i))
    return [order[s:s + size] for s in range(0, len(order), size)]


def predict(model, rows):
    model.eval()
    probs = torch.zeros(len(rows), 3)
    with torch.no_grad():
        for batch in length_batches(rows, 128):
            ids, mask = pad([rows[i] for i in batch])
            logits, _ = model(ids, mask)
            probs[batch] = F.softmax(logits, -1)
    return probs


def accuracy(probs, rows):
    return (probs.argmax(-1) == torch.tensor([r[0] for r in rows])).float().mean().item()


def train(rows, eval_rows, lr, epochs, seed, r, alpha, tuned):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = Classifier(r, alpha, tuned)
    batches = length_batches(rows, 32)
    cache = []
    model.eval()
    with torch.no_grad():
        for batch in batches:
            ids, mask = pad([rows[i] for i in batch])
            cache.append((model.lower(ids, mask) if tuned < 6 else ids, mask, torch.tensor([rows[i][0] for i in batch])))
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = epochs * len(batches)
    warm = int(0.06 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / max(1, warm)) * max(0.0, (steps - s) / max(1, steps - warm)))
    history = []
    for epoch in range(epochs):
        model.train()
        t = time.time()
        for b in torch.randperm(len(batches), generator=gen).tolist():
            x, mask, labels = cache[b]
            logits, _ = model.upper(x, mask) if tuned < 6 else model(x, mask)
            loss = F.cross_entropy(logits, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        if eval_rows is not None:
            history.append(accuracy(predict(model, eval_rows), eval_rows))
            log(f'  epoch {epoch + 1} {time.time() - t:.0f}s inner valid {history[-1]:.4f}')
    return model, history


def export(model, path):
    """safetensors: LoRA factors, the tuned biases and layer norms (ONNX initializer names), the head."""
    sd = {}
    for name, lora in model.loras.items():
        sd[name + '.lora_A'] = lora.A.detach()
        sd[name + '.lora_B'] = lora.B.detach()
    for li in range(model.first_tuned, 6):
        layer = model.layers[li]
        for short, name in NAMES.items():
            m = getattr(layer, short)
            m = m.linear if isinstance(m, LoRA) else m
            sd[f'encoder.layer.{li}.{name}.bias'] = m.bias.detach()
            if isinstance(m, nn.LayerNorm):
                sd[f'encoder.layer.{li}.{name}.weight'] = m.weight.detach()
    sd['classifier.weight'] = model.head.weight.detach()
    sd['classifier.bias'] = model.head.bias.detach()
    scale = next(iter(model.loras.values())).scale
    header, blobs, offset = {}, [], 0
    for name in sorted(sd):
        data = sd[name].float().contiguous().numpy().astype('<f4').tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(sd[name].shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header['__metadata__'] = {'lora_scale': repr(scale), 'pooling': 'mean', 'labels': 'bearish,bullish,neutral'}
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(len(h).to_bytes(8, 'little'))
        f.write(h)
        for blob in blobs:
            f.write(blob)
    log('exported', len(sd), 'tensors to', path, os.path.getsize(path), 'bytes')


torch.set_num_threads(2)
check_reference()
lr, epochs, tuned = (float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (1e-3, 5, 6)


def main():
    model, hist = train(sets['inner_train'], sets['inner_valid'], lr, epochs, 1, 16, 32, tuned)
    log('inner', dict(lr=lr, tuned=tuned), [round(a, 4) for a in hist])
    best = hist.index(max(hist)) + 1
    log('chosen epochs', best)
    # probabilities of a model trained on the inner split for the chosen number of epochs: rerun only if it differs
    if best != epochs:
        model, _ = train(sets['inner_train'], None, lr, best, 1, 16, 32, tuned)
    np.savetxt(f'{OUT}/inner_valid_probs.txt', predict(model, sets['inner_valid']).numpy(), fmt='%.6f')
    model, _ = train(sets['train'], None, lr, best, 1, 16, 32, tuned)
    probs = predict(model, sets['test'])
    log('HELD-OUT accuracy', accuracy(probs, sets['test']), dict(lr=lr, epochs=best, tuned=tuned))
    np.savetxt(f'{OUT}/test_probs.txt', probs.numpy(), fmt='%.6f')
    export(model, f'{OUT}/adapter.safetensors')
    log('total', f'{time.time() - T0:.0f}s')


main()
