/*
 * re.c: the C half of the `re` NIFs (crates/runtime/wat/re.wat is the other half), over
 * the VM's own PCRE 8.44 (OTP's erts/emulator/pcre, built as pcre.mk builds it).
 *
 * It follows erts/emulator/beam/erl_bif_re.c where that code touches PCRE: compiling,
 * the restartable erts_pcre_exec with its loop limit, and the compiled pattern's bytes.
 * Everything that touches terms is in re.wat, which reads and writes this module's linear
 * memory directly: the structures below are laid out for it (offsets in comments, checked
 * by static assertions).
 *
 * Compiled patterns cross in the VM's layout. On the VM (a 64-bit build) the header
 * (real_pcre) ends with two pointer fields of 8 bytes each; here they are 4 bytes each. So
 * bw_re_export turns this build's pattern into the VM's bytes (8 bytes longer: the size
 * and the name table offset grow by 8, the pointers are zero) and bw_re_import turns the
 * VM's bytes back. Everything after the header (the name table and the code) is the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pcre_internal.h"

#define EXPORT(name) __attribute__((export_name(#name)))

/* The header as the VM stores it: the 48 bytes of fields, then two 8-byte pointers. */
#define VM_HEADER 64
#define OWN_HEADER ((uint32_t)sizeof(REAL_PCRE))
_Static_assert(sizeof(REAL_PCRE) == 56, "real_pcre is 56 bytes on wasm32");
_Static_assert(offsetof(REAL_PCRE, tables) == 48, "the pointer fields follow 48 bytes of fields");

/* ---- memory ----------------------------------------------------------------------------- */

EXPORT(bw_alloc) void *bw_alloc(size_t n) { return malloc(n ? n : 1); }
EXPORT(bw_free) void bw_free(void *p) { free(p); }

/* ---- the stack guard -------------------------------------------------------------------- */
/* The VM gives PCRE's compiler a guard against C stack overflow (erl_bif_re.c); it fails a
   compile with "parentheses are too deeply nested (stack check)". The stack here comes first
   in memory (wasm-ld --stack-first) and grows down towards address 0. */
#define STACK_MARGIN (64 * 1024)
static int stack_guard(void) {
    volatile char c;
    return (uintptr_t)&c < STACK_MARGIN;
}

/* ---- compiling --------------------------------------------------------------------------- */

/* The result of the latest bw_re_compile. */
struct compiled {
    pcre *code;            /*  0: this build's pattern, or NULL after an error */
    int32_t error_code;    /*  4 */
    int32_t error_offset;  /*  8 */
    const char *error;     /* 12: NUL-terminated message */
    int32_t capture_count; /* 16 */
    int32_t use_crlf;      /* 20: the newline convention is CRLF, ANYCRLF or ANY */
};
_Static_assert(offsetof(struct compiled, use_crlf) == 20, "layout read by re.wat");
static struct compiled compiled;

/* PCRE reserves the compiled code's length from a first pass that may overestimate it,
   and leaves the bytes past the code's end unwritten: on the VM they are whatever its
   allocator held (two runs of the VM differ there). Here they are zero, so that a
   program's compiled patterns are the same bytes every time. */
static void *zeroed_malloc(size_t n) { return calloc(1, n); }

/* Compiles the NUL-terminated `expr` as erl_bif_re.c does (the VM's default tables,
   which pcre_latin_1_table.c makes ISO 8859-1). */
EXPORT(bw_re_compile) struct compiled *bw_re_compile(const char *expr, int options) {
    unsigned long opts = 0;
    compiled.error_code = 0;
    compiled.error_offset = 0;
    compiled.error = "";
    compiled.capture_count = 0;
    compiled.use_crlf = 0;
    erts_pcre_stack_guard = stack_guard;
    erts_pcre_malloc = zeroed_malloc;
    compiled.code = erts_pcre_compile2(expr, options, &compiled.error_code, &compiled.error,
                                       &compiled.error_offset, NULL);
    erts_pcre_malloc = malloc;
    if (compiled.code != NULL) {
        erts_pcre_fullinfo(compiled.code, NULL, PCRE_INFO_CAPTURECOUNT, &compiled.capture_count);
        erts_pcre_fullinfo(compiled.code, NULL, PCRE_INFO_OPTIONS, &opts);
        opts &= PCRE_NEWLINE_CR | PCRE_NEWLINE_LF | PCRE_NEWLINE_CRLF | PCRE_NEWLINE_ANY |
                PCRE_NEWLINE_ANYCRLF;
        compiled.use_crlf = opts == PCRE_NEWLINE_ANY || opts == PCRE_NEWLINE_CRLF ||
                            opts == PCRE_NEWLINE_ANYCRLF;
    }
    return &compiled;
}

/* The size of `code` in the VM's layout. */
EXPORT(bw_re_export_size) uint32_t bw_re_export_size(const pcre *code) {
    return ((const REAL_PCRE *)code)->size - OWN_HEADER + VM_HEADER;
}

/* Writes `code` in the VM's layout to `out` (bw_re_export_size bytes). */
EXPORT(bw_re_export) void bw_re_export(const pcre *code, uint8_t *out) {
    const REAL_PCRE *re = (const REAL_PCRE *)code;
    uint32_t size = re->size, vm_size = size - OWN_HEADER + VM_HEADER;
    uint16_t nto = (uint16_t)(re->name_table_offset - OWN_HEADER + VM_HEADER);
    memcpy(out, re, 48);
    memcpy(out + offsetof(REAL_PCRE, size), &vm_size, 4);
    memcpy(out + offsetof(REAL_PCRE, name_table_offset), &nto, 2);
    memset(out + 48, 0, VM_HEADER - 48);
    memcpy(out + VM_HEADER, (const uint8_t *)re + OWN_HEADER, size - OWN_HEADER);
}

/* This build's pattern from the VM's bytes, or NULL when they are not a pattern in that
   layout (the VM would read them anyway; here they must hold together). */
EXPORT(bw_re_import) pcre *bw_re_import(const uint8_t *bytes, uint32_t len) {
    uint32_t magic, size;
    uint16_t nto, entry, count;
    REAL_PCRE *re;
    if (len < VM_HEADER) return NULL;
    memcpy(&magic, bytes, 4);
    memcpy(&size, bytes + offsetof(REAL_PCRE, size), 4);
    memcpy(&nto, bytes + offsetof(REAL_PCRE, name_table_offset), 2);
    memcpy(&entry, bytes + offsetof(REAL_PCRE, name_entry_size), 2);
    memcpy(&count, bytes + offsetof(REAL_PCRE, name_count), 2);
    if (magic != MAGIC_NUMBER || size != len || nto != VM_HEADER ||
        (uint32_t)entry * count > len - VM_HEADER)
        return NULL;
    re = malloc(len - VM_HEADER + OWN_HEADER);
    if (re == NULL) return NULL;
    memcpy(re, bytes, 48);
    re->size = len - VM_HEADER + OWN_HEADER;
    re->name_table_offset = OWN_HEADER;
    re->tables = NULL;
    re->nullpad = NULL;
    memcpy((uint8_t *)re + OWN_HEADER, bytes + VM_HEADER, len - VM_HEADER);
    return (pcre *)re;
}

/* ---- matching ---------------------------------------------------------------------------- */

/* One run of erts_pcre_exec, kept while it is interrupted by its loop limit (the VM's
   RestartContext). */
struct exec {
    int32_t rc;                 /*  0: the latest result */
    uint32_t loop_count;        /*  4: loop iterations counted by the latest call */
    int32_t *ovector;           /*  8 */
    pcre *code;                 /* 12: owned when `owns & 1` */
    const char *subject;        /* 16: owned when `owns & 2` */
    int32_t owns;               /* 20 */
    erts_pcre_extra extra;
    void *restart_data;
    unsigned long loop_counter;
};
_Static_assert(offsetof(struct exec, owns) == 20, "layout read by re.wat");

/* Starts matching `code` against `subject` (`length` bytes) from `offset`: erl_bif_re.c's
   re_run from the point its options are parsed. `flags`: 1 use `match_limit`, 2 use
   `match_limit_recursion`. The result is in rc: PCRE_ERROR_LOOP_LIMIT when the loop limit
   interrupted it (continue with bw_re_exec_continue). NULL when out of memory. */
EXPORT(bw_re_exec) struct exec *bw_re_exec(pcre *code, const char *subject, int length, int offset,
                                          int options, int ovsize, int flags, int match_limit,
                                          int match_limit_recursion, uint32_t loop_limit) {
    struct exec *x = calloc(1, sizeof(struct exec));
    if (x == NULL) return NULL;
    x->ovector = malloc((size_t)(ovsize > 0 ? ovsize : 1) * sizeof(int));
    if (x->ovector == NULL) {
        free(x);
        return NULL;
    }
    x->code = code;
    x->subject = subject;
    x->extra.flags = PCRE_EXTRA_TABLES | PCRE_EXTRA_LOOP_LIMIT;
    x->extra.tables = NULL;
    x->extra.loop_limit = loop_limit;
    x->extra.restart_data = &x->restart_data;
    x->extra.restart_flags = 0;
    x->extra.loop_counter_return = &x->loop_counter;
    if (flags & 1) {
        x->extra.flags |= PCRE_EXTRA_MATCH_LIMIT;
        x->extra.match_limit = (unsigned long)match_limit;
    }
    if (flags & 2) {
        x->extra.flags |= PCRE_EXTRA_MATCH_LIMIT_RECURSION;
        x->extra.match_limit_recursion = (unsigned long)match_limit_recursion;
    }
    x->loop_counter = 0;
    x->rc = erts_pcre_exec(code, &x->extra, subject, length, offset, options, x->ovector, ovsize);
    x->loop_count = (uint32_t)x->loop_counter;
    return x;
}

/* Continues an interrupted run (erl_bif_re.c's re_exec_trap). */
EXPORT(bw_re_exec_continue) int bw_re_exec_continue(struct exec *x, uint32_t loop_limit) {
    x->extra.loop_limit = loop_limit;
    x->extra.loop_counter_return = &x->loop_counter;
    x->extra.restart_data = &x->restart_data;
    x->extra.restart_flags = 0;
    x->loop_counter = 0;
    x->rc = erts_pcre_exec(NULL, &x->extra, NULL, 0, 0, 0, NULL, 0);
    x->loop_count = (uint32_t)x->loop_counter;
    return x->rc;
}

/* Frees a run, with the pattern and subject it owns. */
EXPORT(bw_re_exec_free) void bw_re_exec_free(struct exec *x) {
    if (x->restart_data != NULL) erts_pcre_free_restart_data(x->restart_data);
    free(x->ovector);
    if (x->owns & 1) free(x->code);
    if (x->owns & 2) free((void *)x->subject);
    free(x);
}

/* ---- names ------------------------------------------------------------------------------- */

/* The pattern's PCRE_INFO_OPTIONS, NAMECOUNT, NAMEENTRYSIZE or NAMETABLE (what = 0, 8, 7, 9). */
EXPORT(bw_re_info) uint32_t bw_re_info(const pcre *code, int what) {
    unsigned long options = 0;
    int n = 0;
    unsigned char *table = NULL;
    switch (what) {
    case PCRE_INFO_OPTIONS:
        erts_pcre_fullinfo(code, NULL, what, &options);
        return (uint32_t)options;
    case PCRE_INFO_NAMETABLE:
        erts_pcre_fullinfo(code, NULL, what, &table);
        return (uint32_t)(uintptr_t)table;
    default:
        erts_pcre_fullinfo(code, NULL, what, &n);
        return (uint32_t)n;
    }
}

/* The group a NUL-terminated name refers to, or PCRE_ERROR_NOSUBSTRING. */
EXPORT(bw_re_stringnumber) int bw_re_stringnumber(const pcre *code, const char *name) {
    return erts_pcre_get_stringnumber(code, name);
}

/* The entries of the name table for `name` when names may repeat: the entry size, or
   PCRE_ERROR_NOSUBSTRING; the first and last entries go to `out[0]` and `out[1]`. */
EXPORT(bw_re_stringtable_entries) int bw_re_stringtable_entries(const pcre *code, const char *name,
                                                                char **out) {
    return erts_pcre_get_stringtable_entries(code, name, &out[0], &out[1]);
}

/* ---- version ----------------------------------------------------------------------------- */

EXPORT(bw_re_version) const char *bw_re_version(void) { return erts_pcre_version(); }
