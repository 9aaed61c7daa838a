/*
 * TER edit counting, a line-for-line port of sacrebleu 2.x's pure-Python
 * `sacrebleu.metrics.lib_ter.translation_edit_rate` (Tercom-style greedy shifts
 * over a beam-limited edit distance), on word ids instead of strings.
 *
 * Why: sentence-level TER in Python costs ~10 ms per news sentence, more than the
 * rest of mtqa's checks together. This gives the same numbers about 100x faster;
 * mtqa/_ter.py tests it against sacrebleu and falls back to sacrebleu when this
 * module is not built or reports that it cannot follow sacrebleu exactly.
 *
 * Every constant, loop order and tie-break mirrors lib_ter.py; comments name the
 * Python function each part comes from. Rows of the edit-distance matrix depend
 * only on the hypothesis prefix (all hypotheses of one call have one length, so
 * one beam), which is why a shifted candidate restarts from the base row where it
 * first differs: that is sacrebleu's prefix cache, without the trie. Rows keep only
 * their beam (sacrebleu's cells outside it stay at infinity), so memory and time grow
 * with the words times the beam, not with the words squared.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SHIFT_SIZE 10
#define MAX_SHIFT_DIST 50
#define BEAM_WIDTH 25
#define MAX_SHIFT_CANDIDATES 1000
#define INT_INFINITY 10000000000000000LL
/* Beyond this many stored cells (beam rows) the caller falls back to sacrebleu (memory bound). */
#define MAX_CELLS (1 << 25)

enum { OP_UNDEF = 0, OP_NOP, OP_SUB, OP_INS, OP_DEL };

/* Outcome codes: the Python side re-runs sacrebleu for anything but OK. */
enum { TER_OK = 0, TER_NOMEM = -1, TER_DIVERGE = -2 };

/* One row of the edit-distance matrix: cells [lo, hi) are stored, every other cell is
   (INT_INFINITY, OP_UNDEF), as in sacrebleu's rows. */
typedef struct {
    Py_ssize_t lo, hi;
    int64_t *cost;
    unsigned char *op;   /* NULL for rows whose trace is never read */
} Row;

static int64_t row_cost(const Row *r, Py_ssize_t j)
{
    return (j >= r->lo && j < r->hi) ? r->cost[j - r->lo] : INT_INFINITY;
}

static unsigned char row_op(const Row *r, Py_ssize_t j)
{
    return (j >= r->lo && j < r->hi) ? r->op[j - r->lo] : OP_UNDEF;
}

typedef struct {
    const long *ref;
    Py_ssize_t n_r;
    Py_ssize_t n_h;      /* every hypothesis of one call has this length */
    double ratio;        /* BeamEditDistance._edit_distance: length_ratio */
    Py_ssize_t beam;
    Row *rows;           /* n_h + 1 rows of the current input (cells in cost/op below) */
    int64_t *cost;
    unsigned char *op;
    Row scratch[2];      /* rolling rows for candidates */
    long *shifted;
    unsigned char *trace;    /* up to n_h + n_r ops, flipped */
    Py_ssize_t *align;       /* ref position -> hyp position */
    unsigned char *has_align;
    unsigned char *hyp_err, *ref_err;
} Ter;

static void beam_range(const Ter *t, Py_ssize_t i, Py_ssize_t *min_j, Py_ssize_t *max_j)
{
    Py_ssize_t pseudo_diag = (Py_ssize_t)floor((double)i * t->ratio);
    Py_ssize_t lo = pseudo_diag - t->beam, hi = pseudo_diag + t->beam;
    *min_j = lo > 0 ? lo : 0;
    *max_j = hi < t->n_r + 1 ? hi : t->n_r + 1;
    if (i == t->n_h)
        *max_j = t->n_r + 1;
    if (*max_j < *min_j)
        *max_j = *min_j;  /* an empty beam: the whole row stays at infinity */
}

/* One row of BeamEditDistance._edit_distance into `cur` (its lo/hi set here; room for the beam). */
static void fill_row(const Ter *t, const long *words_h, Py_ssize_t i, const Row *prev, Row *cur)
{
    Py_ssize_t j;
    beam_range(t, i, &cur->lo, &cur->hi);
    for (j = cur->lo; j < cur->hi; j++) {
        int64_t *out = &cur->cost[j - cur->lo];
        if (j == 0) {
            *out = row_cost(prev, 0) + 1;
            if (cur->op)
                cur->op[0 - cur->lo] = OP_DEL;
            continue;
        }
        int same = words_h[i - 1] == t->ref[j - 1];
        int64_t best = INT_INFINITY;
        unsigned char best_op = OP_UNDEF;
        /* Tercom's preference: no-op/sub, then deletion, then insertion (of the flipped trace). */
        int64_t c = row_cost(prev, j - 1) + (same ? 0 : 1);
        if (best > c) { best = c; best_op = same ? OP_NOP : OP_SUB; }
        c = row_cost(prev, j) + 1;
        if (best > c) { best = c; best_op = OP_DEL; }
        c = row_cost(cur, j - 1) + 1;
        if (best > c) { best = c; best_op = OP_INS; }
        *out = best;
        if (cur->op)
            cur->op[j - cur->lo] = best_op;
    }
}

/* BeamEditDistance.__call__ with the trace, into t->rows; returns the distance. */
static int full_distance(Ter *t, const long *words_h, int64_t *distance, Py_ssize_t *trace_len)
{
    Py_ssize_t i, j, k;
    Row *row0 = &t->rows[0];
    row0->lo = 0;
    row0->hi = t->n_r + 1;
    for (j = 0; j <= t->n_r; j++) {
        row0->cost[j] = j;
        row0->op[j] = OP_INS;
    }
    for (i = 1; i <= t->n_h; i++)
        fill_row(t, words_h, i, &t->rows[i - 1], &t->rows[i]);
    *distance = row_cost(&t->rows[t->n_h], t->n_r);

    /* the trace, built backwards, then flipped (insertions <-> deletions) as _shift does */
    i = t->n_h;
    j = t->n_r;
    k = 0;
    while (i > 0 || j > 0) {
        unsigned char o = row_op(&t->rows[i], j);
        if (o == OP_SUB || o == OP_NOP) { i--; j--; }
        else if (o == OP_INS) { j--; o = OP_DEL; }
        else if (o == OP_DEL) { i--; o = OP_INS; }
        else return TER_DIVERGE;  /* sacrebleu raises here */
        t->trace[k++] = o;
    }
    *trace_len = k;
    return TER_OK;
}

/* Distance of a candidate equal to the current input on its first `same_prefix` words. */
static int64_t candidate_distance(Ter *t, const long *words_h, Py_ssize_t same_prefix)
{
    Py_ssize_t i;
    const Row *prev = &t->rows[same_prefix];
    int which = 0;
    if (same_prefix >= t->n_h)
        return row_cost(&t->rows[t->n_h], t->n_r);
    for (i = same_prefix + 1; i <= t->n_h; i++) {
        Row *cur = &t->scratch[which];
        fill_row(t, words_h, i, prev, cur);
        prev = cur;
        which ^= 1;
    }
    return row_cost(prev, t->n_r);
}

/* trace_to_alignment on the flipped trace (stored in reverse order). */
static int trace_to_alignment(Ter *t, Py_ssize_t trace_len)
{
    Py_ssize_t pos_hyp = -1, pos_ref = -1, n_hyp_err = 0, n_ref_err = 0, k;
    memset(t->has_align, 0, (size_t)t->n_r);
    for (k = trace_len - 1; k >= 0; k--) {
        switch (t->trace[k]) {
        case OP_NOP:
        case OP_SUB: {
            unsigned char err = t->trace[k] == OP_SUB;
            pos_hyp++; pos_ref++;
            if (pos_ref >= t->n_r || n_hyp_err >= t->n_h) return TER_DIVERGE;
            t->align[pos_ref] = pos_hyp; t->has_align[pos_ref] = 1;
            t->hyp_err[n_hyp_err++] = err; t->ref_err[n_ref_err++] = err;
            break;
        }
        case OP_INS:
            pos_hyp++;
            if (n_hyp_err >= t->n_h) return TER_DIVERGE;
            t->hyp_err[n_hyp_err++] = 1;
            break;
        case OP_DEL:
            pos_ref++;
            if (pos_ref >= t->n_r) return TER_DIVERGE;
            t->align[pos_ref] = pos_hyp; t->has_align[pos_ref] = 1;
            t->ref_err[n_ref_err++] = 1;
            break;
        default:
            return TER_DIVERGE;
        }
    }
    return (n_hyp_err == t->n_h && n_ref_err == t->n_r) ? TER_OK : TER_DIVERGE;
}

/* Python slice words[a:b] appended at out[*n]. */
static void put_slice(const long *words, Py_ssize_t size, Py_ssize_t a, Py_ssize_t b, long *out, Py_ssize_t *n)
{
    if (a < 0) a = 0;
    if (b > size) b = size;
    for (; a < b; a++)
        out[(*n)++] = words[a];
}

/* _perform_shift; returns the length of the common prefix with `words`. */
static Py_ssize_t perform_shift(const long *words, Py_ssize_t size, Py_ssize_t start, Py_ssize_t length,
                                Py_ssize_t target, long *out)
{
    Py_ssize_t n = 0;
    if (target < start) {
        put_slice(words, size, 0, target, out, &n);
        put_slice(words, size, start, start + length, out, &n);
        put_slice(words, size, target, start, out, &n);
        put_slice(words, size, start + length, size, out, &n);
    } else if (target > start + length) {
        put_slice(words, size, 0, start, out, &n);
        put_slice(words, size, start + length, target, out, &n);
        put_slice(words, size, start, start + length, out, &n);
        put_slice(words, size, target, size, out, &n);
    } else {
        put_slice(words, size, 0, start, out, &n);
        put_slice(words, size, start + length, length + target, out, &n);
        put_slice(words, size, start, start + length, out, &n);
        put_slice(words, size, length + target, size, out, &n);
    }
    Py_ssize_t p = 0;
    while (p < size && out[p] == words[p])
        p++;
    return p;
}

typedef struct {
    int found;
    int64_t score;
    Py_ssize_t length, start_h, idx;
} Candidate;

/* (score, length, -start_h, -idx) > best, as _shift's tuple comparison. Equal keys mean equal
   shifted words (a shift is determined by start_h, length, idx), so the words never decide. */
static int better(const Candidate *c, const Candidate *best)
{
    if (!best->found) return 1;
    if (c->score != best->score) return c->score > best->score;
    if (c->length != best->length) return c->length > best->length;
    if (c->start_h != best->start_h) return c->start_h < best->start_h;
    return c->idx < best->idx;
}

/* _shift: the best shift of `words_h` (written to `out`), and the updated candidate count. */
static int shift(Ter *t, const long *words_h, long *out, int64_t *delta, Py_ssize_t *checked)
{
    int64_t pre_score;
    Py_ssize_t trace_len, start_h, start_r, n_h = t->n_h, n_r = t->n_r;
    int rc = full_distance(t, words_h, &pre_score, &trace_len);
    if (rc != TER_OK) return rc;
    rc = trace_to_alignment(t, trace_len);
    if (rc != TER_OK) return rc;

    Candidate best = {0, 0, 0, 0, 0};
    int stop = 0;
    /* _find_shifted_pairs, consumed as it yields */
    for (start_h = 0; start_h < n_h && !stop; start_h++) {
        /* sacrebleu skips every start_r further than MAX_SHIFT_DIST from start_h */
        Py_ssize_t first_r = start_h - MAX_SHIFT_DIST > 0 ? start_h - MAX_SHIFT_DIST : 0;
        Py_ssize_t end_r = start_h + MAX_SHIFT_DIST + 1 < n_r ? start_h + MAX_SHIFT_DIST + 1 : n_r;
        for (start_r = first_r; start_r < end_r && !stop; start_r++) {
            Py_ssize_t length = 0;
            while (words_h[start_h + length] == t->ref[start_r + length] && length < MAX_SHIFT_SIZE) {
                length++;
                /* --- body of _shift's loop for (start_h, start_r, length) --- */
                Py_ssize_t m, err_h = 0, err_r = 0;
                for (m = start_h; m < start_h + length && m < n_h; m++) err_h += t->hyp_err[m];
                for (m = start_r; m < start_r + length && m < n_r; m++) err_r += t->ref_err[m];
                if (err_h != 0 && err_r != 0) {
                    if (!t->has_align[start_r]) return TER_DIVERGE;  /* KeyError in sacrebleu */
                    Py_ssize_t a = t->align[start_r];
                    if (!(start_h <= a && a < start_h + length)) {
                        Py_ssize_t prev_idx = -1, offset;
                        for (offset = -1; offset < length; offset++) {
                            Py_ssize_t idx, pos = start_r + offset;
                            if (pos == -1) idx = 0;
                            else if (pos >= 0 && pos < n_r && t->has_align[pos]) idx = t->align[pos] + 1;
                            else break;
                            if (idx == prev_idx) continue;
                            prev_idx = idx;
                            Py_ssize_t same = perform_shift(words_h, n_h, start_h, length, idx, t->shifted);
                            Candidate c = {1, pre_score - candidate_distance(t, t->shifted, same),
                                           length, start_h, idx};
                            (*checked)++;
                            if (better(&c, &best)) {
                                best = c;
                                memcpy(out, t->shifted, sizeof(long) * (size_t)n_h);
                            }
                        }
                        if (*checked >= MAX_SHIFT_CANDIDATES) stop = 1;
                    }
                }
                /* --- end of body --- */
                if (stop) break;
                if (n_h == start_h + length || n_r == start_r + length) break;
            }
        }
    }
    if (!best.found) {
        *delta = 0;
        memcpy(out, words_h, sizeof(long) * (size_t)n_h);
    } else {
        *delta = best.score;
    }
    return TER_OK;
}

/* translation_edit_rate: total edits (shifts + final edit distance). */
static int translation_edit_rate(const long *hyp, Py_ssize_t n_h, const long *ref, Py_ssize_t n_r,
                                 int64_t *edits)
{
    if (n_r == 0) {
        *edits = n_h;
        return TER_OK;
    }
    Ter t;
    memset(&t, 0, sizeof t);
    t.ref = ref;
    t.n_r = n_r;
    t.n_h = n_h;
    t.ratio = n_h ? (double)n_r / (double)n_h : 1.0;
    t.beam = (BEAM_WIDTH < t.ratio / 2) ? (Py_ssize_t)ceil(t.ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;

    /* Stored cells: row 0 and the last row in full, the beam of every other row. */
    size_t cells = (size_t)(n_r + 1), widest = (size_t)(n_r + 1);
    Py_ssize_t i, lo, hi;
    for (i = 1; i <= n_h; i++) {
        beam_range(&t, i, &lo, &hi);
        cells += (size_t)(hi - lo);
        if ((size_t)(hi - lo) > widest) widest = (size_t)(hi - lo);
        if (cells > (size_t)MAX_CELLS)
            return TER_NOMEM;
    }
    size_t hn = (size_t)(n_h ? n_h : 1), rn = (size_t)n_r;
    t.rows = malloc((size_t)(n_h + 1) * sizeof(Row));
    t.cost = malloc(cells * sizeof(int64_t));
    t.op = malloc(cells);
    int64_t *scratch = malloc(2 * widest * sizeof(int64_t));
    t.shifted = malloc(hn * sizeof(long));
    t.trace = malloc(hn + rn);
    t.align = malloc(rn * sizeof(Py_ssize_t));
    t.has_align = malloc(rn);
    t.hyp_err = malloc(hn);
    t.ref_err = malloc(rn);
    long *input = malloc(hn * sizeof(long));
    long *next = malloc(hn * sizeof(long));
    if (t.rows && t.cost && t.op && scratch) {
        /* each row's storage: its beam's width, fixed for the whole call (one hypothesis length) */
        size_t offset = 0;
        for (i = 0; i <= n_h; i++) {
            size_t width = (size_t)(n_r + 1);
            if (i > 0) {
                beam_range(&t, i, &lo, &hi);
                width = (size_t)(hi - lo);
            }
            t.rows[i].cost = t.cost + offset;
            t.rows[i].op = t.op + offset;
            t.rows[i].lo = t.rows[i].hi = 0;
            offset += width;
        }
        t.scratch[0].cost = scratch;
        t.scratch[1].cost = scratch + widest;
        t.scratch[0].op = t.scratch[1].op = NULL;
    }

    int rc = TER_NOMEM;
    if (t.rows && t.cost && t.op && scratch && t.shifted && t.trace && t.align && t.has_align &&
        t.hyp_err && t.ref_err && input && next) {
        int64_t shifts = 0, delta, distance;
        Py_ssize_t checked = 0, trace_len;
        memcpy(input, hyp, sizeof(long) * (size_t)n_h);
        for (;;) {
            rc = shift(&t, input, next, &delta, &checked);
            if (rc != TER_OK) break;
            if (checked >= MAX_SHIFT_CANDIDATES) break;
            if (delta <= 0) break;
            shifts++;
            long *swap = input; input = next; next = swap;
        }
        if (rc == TER_OK) {
            rc = full_distance(&t, input, &distance, &trace_len);
            if (rc == TER_OK) *edits = shifts + distance;
        }
    }
    free(t.rows); free(t.cost); free(t.op); free(scratch); free(t.shifted); free(t.trace);
    free(t.align); free(t.has_align); free(t.hyp_err); free(t.ref_err); free(input); free(next);
    return rc;
}

static long *as_ids(PyObject *seq, Py_ssize_t *n)
{
    PyObject *fast = PySequence_Fast(seq, "word ids must be a sequence of ints");
    if (!fast) return NULL;
    *n = PySequence_Fast_GET_SIZE(fast);
    long *ids = malloc(sizeof(long) * (size_t)(*n ? *n : 1));
    if (!ids) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < *n; i++) {
        ids[i] = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, i));
        if (ids[i] == -1 && PyErr_Occurred()) {
            free(ids);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    return ids;
}

static PyObject *py_edits(PyObject *self, PyObject *args)
{
    PyObject *hyp_obj, *ref_obj;
    Py_ssize_t n_h, n_r;
    int64_t edits = 0;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO:edits", &hyp_obj, &ref_obj)) return NULL;
    long *hyp = as_ids(hyp_obj, &n_h);
    if (!hyp) return NULL;
    long *ref = as_ids(ref_obj, &n_r);
    if (!ref) {
        free(hyp);
        return NULL;
    }
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = translation_edit_rate(hyp, n_h, ref, n_r, &edits);
    Py_END_ALLOW_THREADS
    free(hyp);
    free(ref);
    if (rc != TER_OK) Py_RETURN_NONE;  /* the caller runs sacrebleu instead */
    return PyLong_FromLongLong((long long)edits);
}

static PyMethodDef methods[] = {
    {"edits", py_edits, METH_VARARGS,
     "edits(hyp_ids, ref_ids) -> int | None\n\n"
     "Number of TER edits (shifts included), as sacrebleu's translation_edit_rate counts them;\n"
     "None when the pure-Python implementation must decide (very long input, or a case it raises on)."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_tercore",
                                    "sacrebleu's TER edit count, compiled.", -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__tercore(void) { return PyModule_Create(&module); }
