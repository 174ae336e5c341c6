/*
 * zlib.c: the C half of the `zlib` NIFs and of the runtime's compressed terms
 * (crates/runtime/wat/zlib.wat is the other half), over the zlib the VM links: Debian's
 * zlib 1.2.13 (the VM is built with --enable-shared-zlib).
 *
 * The stream functions follow erts/emulator/nifs/common/zlib_nif.c: the same state
 * machine (none, deflate, inflate, closed), the same input queue (one segment per
 * element of the iovec the caller enqueued), the same flushing loop with its input limit
 * and timeslice accounting, the same end-of-stream behaviours and checksums. What touches
 * terms (the resource, the controlling process, the stash) is in zlib.wat, which reads
 * the results from the structure below (offsets in comments, checked by static
 * assertions). compress/uncompress follow erts/emulator/beam/erl_zlib.c, which
 * term_to_binary and binary_to_term use.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zlib.h"

#define EXPORT(name) __attribute__((export_name(#name)))

/* Results besides zlib's own codes (which are -6..2). */
#define R_NOT_INITIALIZED 100
#define R_ALREADY_INITIALIZED 101
#define R_FINISHED 200
#define R_CONTINUE 201
#define R_NEED_DICTIONARY 202

enum { ST_NONE = 0, ST_DEFLATE = 1, ST_INFLATE = 2, ST_CLOSED = 3 };
enum { EOS_ERROR = 0, EOS_RESET = 1, EOS_CUT = 2 };

/* One enqueued iovec element, consumed from `off`. */
struct seg {
    struct seg *next;
    uint32_t len;
    uint32_t off;
    unsigned char data[];
};

struct zdata {
    /* Read by zlib.wat. */
    uint8_t *out;           /*  0: the latest output (owned here until the next call) */
    int32_t produced;       /*  4: its length */
    int32_t value;          /*  8: a checksum or an adler (as the VM's enif_make_int) */
    int32_t reds;           /* 12: the process's reductions left, in and out */
    int32_t reset_input;    /* 16: set when the input (and so the stash) was reset */
    uint32_t crc;           /* 20: crc32/1's answer */
    /* zlib_nif.c's zlib_data_t. */
    int32_t state;
    int32_t eos_behavior;
    uint32_t input_crc;
    uint32_t output_crc;
    int32_t want_input_crc;
    int32_t want_output_crc;
    int32_t is_raw_stream;
    int32_t eos_seen;
    struct seg *head;
    struct seg *tail;
    size_t queued;
    z_stream s;
};
_Static_assert(offsetof(struct zdata, crc) == 20, "layout read by zlib.wat");

#define CONTEXT_REDS 4000

static void free_output(struct zdata *d) {
    free(d->out);
    d->out = NULL;
    d->produced = 0;
}

static void free_queue(struct zdata *d) {
    struct seg *s = d->head;
    while (s) {
        struct seg *next = s->next;
        free(s);
        s = next;
    }
    d->head = d->tail = NULL;
    d->queued = 0;
}

/* zlib_reset_input: the queue and the stash (the stash is zlib.wat's: it sees the flag). */
static void reset_input(struct zdata *d) {
    free_queue(d);
    d->reset_input = 1;
}

/* enif_ioq_deq: drops `n` bytes from the front; 0 when the queue holds fewer. */
static int dequeue(struct zdata *d, size_t n) {
    if (n > d->queued) return 0;
    d->queued -= n;
    while (n > 0 && d->head) {
        struct seg *s = d->head;
        size_t left = s->len - s->off;
        if (n < left) {
            s->off += (uint32_t)n;
            break;
        }
        n -= left;
        d->head = s->next;
        if (!d->head) d->tail = NULL;
        free(s);
    }
    return 1;
}

/* enif_consume_timeslice: 1 when the slice is spent. */
static int consume_timeslice(struct zdata *d, size_t percent) {
    if (percent < 1) percent = 1;
    if (percent > 100) percent = 100;
    d->reds -= (int32_t)(((CONTEXT_REDS + 99) / 100) * percent);
    if (d->reds < 0) d->reds = 0;
    return d->reds == 0;
}

EXPORT(bw_z_open) struct zdata *bw_z_open(void) {
    struct zdata *d = calloc(1, sizeof(struct zdata));
    if (!d) return NULL;
    d->s.data_type = Z_BINARY;
    d->eos_behavior = EOS_CUT;
    d->state = ST_NONE;
    d->output_crc = crc32(0L, Z_NULL, 0);
    d->input_crc = crc32(0L, Z_NULL, 0);
    return d;
}

EXPORT(bw_z_state) int bw_z_state(struct zdata *d) { return d->state; }

/* zlib_internal_close. */
EXPORT(bw_z_close) int bw_z_close(struct zdata *d) {
    d->reset_input = 0;
    if (d->state == ST_CLOSED) return R_NOT_INITIALIZED;
    if (d->state == ST_DEFLATE) deflateEnd(&d->s);
    else if (d->state == ST_INFLATE) inflateEnd(&d->s);
    free_queue(d);
    free_output(d);
    d->reset_input = 1;
    d->state = ST_CLOSED;
    return Z_OK;
}

/* Frees a stream for good (zlib.wat's reclaim: its controlling process has exited). */
EXPORT(bw_z_free) void bw_z_free(struct zdata *d) {
    bw_z_close(d);
    free_output(d);
    free(d);
}

EXPORT(bw_z_deflate_init) int bw_z_deflate_init(struct zdata *d, int level, int method, int bits, int mem,
                                                int strategy) {
    d->reset_input = 0;
    if (d->state != ST_NONE) return R_ALREADY_INITIALIZED;
    int res = deflateInit2(&d->s, level, method, bits, mem, strategy);
    if (res == Z_OK) {
        d->state = ST_DEFLATE;
        d->eos_seen = 0;
        d->is_raw_stream = bits < 0;
        d->want_output_crc = 0;
        d->want_input_crc = d->is_raw_stream;
        d->output_crc = crc32(0L, Z_NULL, 0);
        d->input_crc = crc32(0L, Z_NULL, 0);
    }
    return res;
}

/* On Z_OK, `value` is the dictionary's checksum. */
EXPORT(bw_z_deflate_set_dictionary) int bw_z_deflate_set_dictionary(struct zdata *d, const uint8_t *dict,
                                                                    uint32_t len) {
    d->reset_input = 0;
    if (d->state != ST_DEFLATE) return R_NOT_INITIALIZED;
    int res = deflateSetDictionary(&d->s, dict, len);
    if (res == Z_OK) {
        uLong checksum = d->s.adler;
        if (d->is_raw_stream) checksum = adler32(0, dict, len);
        d->value = (int32_t)checksum;
    }
    return res;
}

EXPORT(bw_z_deflate_reset) int bw_z_deflate_reset(struct zdata *d) {
    d->reset_input = 0;
    if (d->state != ST_DEFLATE) return R_NOT_INITIALIZED;
    int res = deflateReset(&d->s);
    d->input_crc = crc32(0L, Z_NULL, 0);
    d->eos_seen = 0;
    reset_input(d);
    return res;
}

EXPORT(bw_z_deflate_end) int bw_z_deflate_end(struct zdata *d) {
    d->reset_input = 0;
    if (d->state != ST_DEFLATE) return R_NOT_INITIALIZED;
    int res = deflateEnd(&d->s);
    if (res == Z_OK && d->queued > 0) res = Z_DATA_ERROR;
    reset_input(d);
    d->state = ST_NONE;
    return res;
}

EXPORT(bw_z_deflate_params) int bw_z_deflate_params(struct zdata *d, int level, int strategy) {
    Bytef dummy;
    d->reset_input = 0;
    if (d->state != ST_DEFLATE) return R_NOT_INITIALIZED;
    d->s.next_out = &dummy;
    d->s.avail_out = 1;
    int res = deflateParams(&d->s, level, strategy);
    if (d->s.avail_out == 0) return Z_STREAM_ERROR;
    return res;
}

EXPORT(bw_z_inflate_init) int bw_z_inflate_init(struct zdata *d, int bits, int eos) {
    d->reset_input = 0;
    if (d->state != ST_NONE) return R_ALREADY_INITIALIZED;
    int res = inflateInit2(&d->s, bits);
    if (res == Z_OK) {
        d->state = ST_INFLATE;
        d->eos_behavior = eos;
        d->eos_seen = 0;
        d->is_raw_stream = bits < 0;
        d->want_output_crc = d->is_raw_stream;
        d->want_input_crc = 0;
        d->output_crc = crc32(0L, Z_NULL, 0);
        d->input_crc = crc32(0L, Z_NULL, 0);
    }
    return res;
}

EXPORT(bw_z_inflate_set_dictionary) int bw_z_inflate_set_dictionary(struct zdata *d, const uint8_t *dict,
                                                                    uint32_t len) {
    d->reset_input = 0;
    if (d->state != ST_INFLATE) return R_NOT_INITIALIZED;
    return inflateSetDictionary(&d->s, dict, len);
}

/* On Z_OK, the dictionary is `out`/`produced`. */
EXPORT(bw_z_inflate_get_dictionary) int bw_z_inflate_get_dictionary(struct zdata *d) {
    d->reset_input = 0;
    if (d->state != ST_INFLATE) return R_NOT_INITIALIZED;
    free_output(d);
    d->out = malloc(32768);
    if (!d->out) return Z_MEM_ERROR;
    uInt len = 0;
    int res = inflateGetDictionary(&d->s, d->out, &len);
    if (res < 0) return res;
    d->produced = (int32_t)len;
    return Z_OK;
}

EXPORT(bw_z_inflate_reset) int bw_z_inflate_reset(struct zdata *d) {
    d->reset_input = 0;
    if (d->state != ST_INFLATE) return R_NOT_INITIALIZED;
    int res = inflateReset(&d->s);
    d->output_crc = crc32(0L, Z_NULL, 0);
    d->eos_seen = 0;
    reset_input(d);
    return res;
}

EXPORT(bw_z_inflate_end) int bw_z_inflate_end(struct zdata *d) {
    d->reset_input = 0;
    if (d->state != ST_INFLATE) return R_NOT_INITIALIZED;
    int res = inflateEnd(&d->s);
    if (res == Z_OK && (!d->eos_seen || d->queued > 0)) res = Z_DATA_ERROR;
    reset_input(d);
    d->state = ST_NONE;
    return res;
}

/* On Z_OK, `crc` is the plaintext's CRC. */
EXPORT(bw_z_crc32) int bw_z_crc32(struct zdata *d) {
    d->reset_input = 0;
    if (d->state == ST_DEFLATE) d->crc = (uint32_t)d->input_crc;
    else if (d->state == ST_INFLATE) d->crc = (uint32_t)d->output_crc;
    else return R_NOT_INITIALIZED;
    return Z_OK;
}

/* enif_ioq_enqv of one element of `len` bytes: where the caller writes them, or NULL. */
EXPORT(bw_z_enqueue) uint8_t *bw_z_enqueue(struct zdata *d, uint32_t len) {
    d->reset_input = 0;
    struct seg *s = malloc(sizeof(struct seg) + len);
    if (!s) return NULL;
    s->next = NULL;
    s->len = len;
    s->off = 0;
    if (d->tail) d->tail->next = s;
    else d->head = s;
    d->tail = s;
    d->queued += len;
    return s->data;
}

/* zlib_flush_queue. */
static int flush_queue(int (*codec)(z_streamp, int), struct zdata *d, size_t input_limit, uint8_t *out,
                       size_t out_size, int flush, size_t *produced, size_t *consumed, size_t *remaining) {
    int res = Z_OK;
    *produced = 0;
    *consumed = 0;
    d->s.avail_out = (uInt)out_size;
    d->s.next_out = out;
    struct seg *s = d->head;
    while (res == Z_OK && s && *consumed < input_limit) {
        size_t block_size = s->len - s->off;
        if (block_size > input_limit) block_size = input_limit;
        d->s.next_in = s->data + s->off;
        d->s.avail_in = (uInt)block_size;
        res = codec(&d->s, Z_NO_FLUSH);
        size_t block_consumed = block_size - d->s.avail_in;
        *consumed += block_consumed;
        if (d->want_input_crc) d->input_crc = crc32(d->input_crc, s->data + s->off, (uInt)block_consumed);
        size_t percent = (100 * block_consumed) / input_limit;
        if (consume_timeslice(d, percent < 1 ? 1 : percent)) break;
        s = s->next;
    }
    if (!dequeue(d, *consumed)) {
        *remaining = 0;
        res = Z_BUF_ERROR;
    } else {
        *remaining = d->queued;
    }
    if (res == Z_OK && *remaining == 0 && d->s.avail_out > 0) {
        d->s.next_in = NULL;
        d->s.avail_in = 0;
        res = codec(&d->s, flush);
    }
    *produced = out_size - d->s.avail_out;
    return res;
}

/* zlib_codec (and zlib_inflate's end-of-stream handling before it): R_FINISHED,
   R_CONTINUE or R_NEED_DICTIONARY with the output in `out`/`produced` (and the adler in
   `value`), or an error code. */
EXPORT(bw_z_codec) int bw_z_codec(struct zdata *d, int inflating, int input_chunk, int output_chunk, int flush) {
    size_t produced, consumed, remaining;
    d->reset_input = 0;
    free_output(d);
    if (d->state != (inflating ? ST_INFLATE : ST_DEFLATE)) return R_NOT_INITIALIZED;
    if (inflating && d->eos_seen && d->queued > 0) {
        switch (d->eos_behavior) {
        case EOS_ERROR:
            return Z_DATA_ERROR;
        case EOS_RESET: {
            int res = inflateReset(&d->s);
            if (res != Z_OK) return res;
            d->eos_seen = 0;
            break;
        }
        case EOS_CUT:
            reset_input(d);
        }
    }
    if (output_chunk < 0 || input_chunk <= 0) return Z_STREAM_ERROR;
    uint8_t *out = malloc(output_chunk ? (size_t)output_chunk : 1);
    if (!out) return Z_MEM_ERROR;
    int res = flush_queue(inflating ? inflate : deflate, d, (size_t)input_chunk, out, (size_t)output_chunk, flush,
                          &produced, &consumed, &remaining);
    if (res < 0 && res != Z_BUF_ERROR) {
        free(out);
        return res;
    }
    if (res == Z_STREAM_END) d->eos_seen = 1;
    if (d->want_output_crc) d->output_crc = crc32(d->output_crc, out, (uInt)produced);
    if (consumed == 0 && produced == 0 && remaining != 0) {
        free(out);
        return Z_DATA_ERROR;
    }
    d->out = out;
    d->produced = (int32_t)produced;
    if (remaining == 0 && produced < (size_t)output_chunk) return R_FINISHED;
    if (res != Z_NEED_DICT) return R_CONTINUE;
    d->value = (int32_t)d->s.adler;
    return R_NEED_DICTIONARY;
}

/* ---- compressed terms (erl_zlib.c) ----------------------------------------------------- */

/* The latest compress/uncompress result. */
struct zresult {
    uint8_t *data; /* 0: owned by the caller (bw_free) */
    uint32_t len;  /* 4 */
    uint32_t used; /* 8: input bytes the stream took */
};
_Static_assert(offsetof(struct zresult, used) == 8, "layout read by zlib.wat");
static struct zresult zresult;

/* erl_zlib_compress2 into a buffer of `cap` bytes (term_to_binary gives it the
   uncompressed size less 5, so that compression never grows a term): the result, or NULL
   when the stream does not fit (or zlib fails). */
EXPORT(bw_z_compress) struct zresult *bw_z_compress(const uint8_t *src, uint32_t len, uint32_t cap, int level) {
    z_stream s;
    memset(&s, 0, sizeof s);
    uint8_t *dest = malloc(cap ? cap : 1);
    if (!dest) return NULL;
    s.next_in = (Bytef *)src;
    s.avail_in = len;
    s.next_out = dest;
    s.avail_out = cap;
    if (deflateInit(&s, level) != Z_OK) {
        free(dest);
        return NULL;
    }
    int err = deflate(&s, Z_FINISH);
    if (err != Z_STREAM_END) {
        deflateEnd(&s);
        free(dest);
        return NULL;
    }
    zresult.len = (uint32_t)s.total_out;
    zresult.used = (uint32_t)s.total_in;
    if (deflateEnd(&s) != Z_OK) {
        free(dest);
        return NULL;
    }
    zresult.data = dest;
    return &zresult;
}

/* Inflates the zlib stream src[0..len) into exactly `size` bytes (binary_to_term's
   check): the result, or NULL when the stream is corrupt, ends early or inflates to more.
   `used` is where the stream ended. */
EXPORT(bw_z_uncompress) struct zresult *bw_z_uncompress(const uint8_t *src, uint32_t len, uint32_t size) {
    z_stream s;
    memset(&s, 0, sizeof s);
    uint8_t *dest = malloc(size ? size : 1);
    if (!dest) return NULL;
    s.next_in = (Bytef *)src;
    s.avail_in = len;
    s.next_out = dest;
    s.avail_out = size;
    if (inflateInit(&s) != Z_OK) {
        free(dest);
        return NULL;
    }
    int err = inflate(&s, Z_FINISH);
    uint32_t out = (uint32_t)s.total_out, used = (uint32_t)s.total_in;
    inflateEnd(&s);
    if (err != Z_STREAM_END || out != size) {
        free(dest);
        return NULL;
    }
    zresult.data = dest;
    zresult.len = out;
    zresult.used = used;
    return &zresult;
}
