#!/usr/bin/env python3
"""Would a rerank feature help de_mlqa? Simulates additive rerank bonuses on
archivar's own top 50 without changing the engine (issue #3 leads).

Usage: [SET=de_mlqa_val] [FEATS='span tp ...'] [WEIGHTS='0.2 0.4']
       python3 scripts/rerank_probe.py [DATA_DIR]
(builds nothing: needs build/tools/archivar; indexes SET, or both XQuAD
halves for an xquad set, into a temporary folder). English sets use the
English stemmer and print the probe's own graded nDCG@10 (classic sets),
the others MRR@10 over every query (de_xglue: also those without a
relevant passage, unlike `archivar eval`).

Each question's top 50 (`archivar search --json --size 50 --queries`) is
re-scored as score + weight x (top hit's score) x feature, for the first
`depth` hits, and MRR@10 printed per feature and weight. Features, from the
stored paragraph text, words matched by their Snowball stem (libstemmer
through ctypes), question words and ~90 function words left out:
  span   distinct query stems m in the smallest window covering them, (m/n)(m/width)
  span2  (m-1)/(n-1) x min(1, 2m/width)
  tp     log(1 + sum over pairs of different query stems within 5 words of 1/d^2)  (BM25TP-like)
  coord  m/n (coordination level)
  bigram query word pairs (adjacent content words) found adjacent, as a fraction
  type   `wann` / `welchem Jahr` questions: paragraph has a year (or date);
         `wie viele/hoch/lange...`: paragraph has a number
An offline estimate: the engine's own matching (compound parts, spelling
variants) is richer than these stems.
"""
import ctypes, json, math, os, re, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, '..', 'shared', 'data')
SET = os.environ.get('SET', 'de_mlqa_val')
judged = os.path.join(data, 'judged', SET)
archivar = os.path.join(root, 'build', 'tools', 'archivar')

lib = ctypes.CDLL('libstemmer.so.0d')
lib.sb_stemmer_new.restype = ctypes.c_void_p
lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
lib.sb_stemmer_stem.restype = ctypes.c_void_p
lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
stemmer = lib.sb_stemmer_new(b'english' if SET.startswith('en') else b'german', b'UTF_8')
stems = {}


def stem(word):
    if word not in stems:
        raw = word.encode()
        out = lib.sb_stemmer_stem(stemmer, raw, len(raw))
        stems[word] = ctypes.string_at(out, lib.sb_stemmer_length(stemmer)).decode()
    return stems[word]


QUESTION = set('wann wer wen wem wessen was wo wohin woher wie welche welcher welches welchen '
               'welchem warum weshalb wieso what when who whom whose which where why how'.split())
FUNCTION = set('der die das den dem des ein eine einer eines einem einen und oder in im am an auf '
               'aus bei mit nach von vom zu zum zur für über unter vor hinter ist war wurde wurden '
               'sind waren hat hatte haben es er sie ihr ihre sein seine man als wie dass nicht '
               'auch so noch nur um bis durch gegen ohne sich the a an of to in on at by for '
               'with from and or is was are were did does do has had be been it its as that '
               'this'.split())
WORD = re.compile(r'\w+')
YEAR = re.compile(r'\b(1[0-9]{3}|20[0-9]{2})\b')


def content(text):
    words = [w.lower() for w in WORD.findall(text)]
    return [None if w in QUESTION or w in FUNCTION else stem(w) for w in words]


def qtype(text):
    t = text.lower()
    if re.match(r'\s*wann\b', t) or re.search(r'\bwelche[mns]? (jahr|monat|datum|tag)\b', t):
        return 'date'
    if re.search(r'\bwie (viele|viel|hoch|lange|groß|alt|weit|oft)\b', t):
        return 'number'
    return None


def features(query, text):
    seq = content(query)
    terms = list(dict.fromkeys(s for s in seq if s))
    n = len(terms)
    tokens = [stem(w.lower()) for w in WORD.findall(text)]
    hits = [(i, terms.index(t)) for i, t in enumerate(tokens) if t in terms]
    m = len({k for _, k in hits})
    width, counts, have, j = 10**9, {}, 0, 0
    for i, (at, k) in enumerate(hits):
        counts[k] = counts.get(k, 0) + 1
        have += counts[k] == 1
        while have == m and m:
            width = min(width, at - hits[j][0] + 1)
            counts[hits[j][1]] -= 1
            have -= counts[hits[j][1]] == 0
            j += 1
    tp = 0.0
    for a in range(len(hits)):
        for b in range(a + 1, len(hits)):
            d = hits[b][0] - hits[a][0]
            if d > 5:
                break
            if hits[a][1] != hits[b][1]:
                tp += 1.0 / (d * d)
    pairs = {p for p in zip(seq, seq[1:]) if p[0] and p[1]}
    adjacent = set(zip(tokens, tokens[1:]))
    kind = qtype(query)
    typed = 0.0
    if kind == 'date':
        typed = 1.0 if YEAR.search(text) else 0.0
    elif kind == 'number':
        typed = 1.0 if re.search(r'\d', text) else 0.0
    multi = n >= 2 and m >= 2
    return {
        'span': (m / n) * (m / width) if multi else 0.0,
        'span2': (m - 1) / (n - 1) * min(1.0, 2.0 * m / width) if multi else 0.0,
        'tp': math.log1p(tp),
        'coord': m / n if n else 0.0,
        'bigram': len(pairs & adjacent) / len(pairs) if pairs else 0.0,
        'type': typed,
    }


NDCG = SET.startswith('en_') and 'xquad' not in SET


def main():
    texts = {}
    with open(os.path.join(judged, 'corpus.jsonl'), encoding='utf-8') as f:
        for line in f:
            r = json.loads(line)
            texts[r['id']] = (r.get('title') or '') + '\n' + r['body']
    relevant = {}
    with open(os.path.join(judged, 'qrels.tsv'), encoding='utf-8') as f:
        for line in f:
            qid, _, doc, grade = line.split()
            if int(grade) > 0:
                relevant.setdefault(qid, {})[doc] = int(grade)
    with open(os.path.join(judged, 'queries.jsonl'), encoding='utf-8') as f:
        queries = [json.loads(line) for line in f]
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, 'mlqa.db')
        corpora = [os.path.join(judged, 'corpus.jsonl')]
        if SET.endswith('xquad_dev'):
            corpora = [os.path.join(data, 'judged', l + '_xquad_dev', 'corpus.jsonl') for l in ('de', 'en')]
            for c in corpora:
                with open(c, encoding='utf-8') as f:
                    for line in f:
                        r = json.loads(line); texts[r['id']] = (r.get('title') or '') + '\n' + r['body']
        subprocess.run([archivar, 'index', '-q', '--db', db] + corpora,
                       check=True, stdout=subprocess.DEVNULL)
        lines = '\n'.join(q['text'].replace('\n', ' ') for q in queries) + '\n'
        out = subprocess.run([archivar, 'search', '--db', db, '--json', '--size', '50',
                              '--queries', '-'], input=lines, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    runs = []
    for query, line in zip(queries, out):
        hits = [(h['id'], h['score']) for h in json.loads(line)['hits']]
        runs.append((query['id'], hits, [features(query['text'], texts[d]) for d, _ in hits]))

    def mrr(name, weight, depth=50):
        total = 0.0
        for qid, hits, feats in runs:
            if not hits:
                continue
            top = hits[0][1]
            order = sorted((-(s + (weight * top * feats[i][name] if i < depth else 0)), i, d)
                           for i, (d, s) in enumerate(hits))
            rel = relevant.get(qid, {})
            if NDCG:
                dcg = sum((2**rel[d]-1)/math.log2(r+2) for r,(_,_,d) in enumerate(order[:10]) if d in rel)
                ideal = sum((2**g-1)/math.log2(r+2) for r,g in enumerate(sorted(rel.values(), reverse=True)[:10]))
                total += dcg/ideal if ideal else 0
                continue
            for rank, (_, _, d) in enumerate(order[:10]):
                if d in rel:
                    total += 1.0 / (rank + 1)
                    break
        return total / len(queries)

    print('MRR@10 without a bonus: %.4f' % mrr('coord', 0.0))
    weights = tuple(float(w) for w in os.environ.get('WEIGHTS', '0.02 0.05 0.1 0.2 0.4 0.8').split())
    print('feature ' + ' '.join('%6s' % w for w in weights))
    for name in os.environ.get('FEATS', 'span span2 tp coord bigram type').split():
        print('%-7s ' % name + ' '.join('%.4f' % mrr(name, w) for w in weights))


if __name__ == '__main__':
    main()
